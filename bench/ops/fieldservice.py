"""Field service: technicians, work orders, dispatch suggestions, assignments and schedules."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

from bench.harness import State
from bench.operations import add_user, call, each, ok, route, shared, tenant, unique

FIELD_TECHNICIANS = 500
SKILLS = ("hvac", "plumbing", "electrical", "gas", "boilers", "solar", "heat-pumps", "ventilation")
BERLIN = (52.52, 13.405)
DAY = "2027-03-02"
ALL_WEEK = {"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "23:59"}
ORDER = {
    "title": "Boiler service",
    "scheduled_at": f"{DAY}T10:00:00Z",
    "location": {"postal_code": "10999", "lat": 52.4986, "lon": 13.4030},
    "required_skills": ["gas"],
    "required_certifications": ["gas-safe"],
}


def _field(client: Any) -> State:
    """A tenant with 500 technicians (written as the API writes them, straight into the table),
    a fifth of them already holding jobs on the day, and a scheduled work order to dispatch."""
    from chalicelib import config
    from chalicelib.domain.fieldservice import Technician
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.fieldservice import TechnicianDayItem, TechnicianItem, _data
    from chalicelib.store.keys import org_pk

    state = tenant(client)
    org_id = state["org_id"]
    rng = random.Random(9)
    now = datetime.now(UTC)
    items = []
    for n in range(FIELD_TECHNICIANS):
        lat, lon = BERLIN[0] + rng.uniform(-0.4, 0.4), BERLIN[1] + rng.uniform(-0.6, 0.6)
        technician = Technician(
            id=f"{n:020d}",
            org_id=org_id,
            user_id=f"u{n:019d}",
            employee_id=f"E{n:05d}",
            skills=sorted(rng.sample(SKILLS, 3)),
            certifications=[
                {"name": "gas-safe", "expires_on": f"{rng.choice((2026, 2027, 2028))}-06-30"},
                {"name": "f-gas", "expires_on": "2029-01-31"},
            ],
            service_areas=[
                {
                    "name": f"area {n}",
                    "postal_codes": [f"1{rng.randint(0, 4)}{rng.randint(0, 9)}**"],
                    "center": {"lat": lat, "lon": lon},
                    "radius_km": rng.choice((5, 10, 20)),
                }
            ],
            working_hours={"days": [0, 1, 2, 3, 4, 5], "start": "07:00", "end": "19:00"},
            timezone="Europe/Berlin",
            created_at=now,
            updated_at=now,
        )
        record = TechnicianItem(PK=org_pk(org_id), SK=f"TECH#{technician.id}", data=_data(technician))
        record.version = 1
        items.append(record.serialize())
        if n % 5 == 0:
            day = date.fromisoformat(DAY).isoformat()
            load = TechnicianDayItem(PK=org_pk(org_id), SK=f"TECHDAY#{day}#{technician.id}", jobs=n % 7)
            items.append(load.serialize())
    load_table(config.table_name(), items)
    state["number"] = _order(client, state)
    return state


def _order(client: Any, state: State, body: dict[str, Any] = ORDER) -> str:
    return str(ok(call(client, "POST", "/work-orders", state["token"], body))["work_order_number"])


def _new_order(client: Any, state: State) -> dict[str, Any]:
    return {"number": _order(client, state)}


def _technician(client: Any, state: State, key: str) -> str:
    user_id = add_user(client, state, key, "agent")
    body = {"user_id": user_id, "employee_id": f"B{unique()}", "working_hours": ALL_WEEK, "max_jobs_per_day": 50}
    body |= {"skills": ["gas", "boilers"], "certifications": [{"name": "gas-safe", "expires_on": "2030-01-01"}]}
    return str(ok(call(client, "POST", "/technicians", state["token"], body))["id"])


def _crew(client: Any) -> State:
    """Ten technicians; one of them holds ten jobs on the day, each on its own work order."""
    state = tenant(client)
    for n in range(9):
        _technician(client, state, f"tech{n}")
    state["technician_id"] = _technician(client, state, "busy")
    plain = {"title": "Check", "scheduled_at": f"{DAY}T10:00:00Z"}
    for _ in range(10):
        number = _order(client, state, plain)
        body = {"technician_id": state["technician_id"]}
        job = ok(call(client, "POST", f"/work-orders/{number}/assignments", state["token"], body))
        state["number"], state["assignment_id"] = number, job["assignment"]["id"]
    return state


def _assigned_job(client: Any, state: State) -> dict[str, Any]:
    number = _order(client, state, {"title": "Check", "scheduled_at": f"{DAY}T10:00:00Z"})
    body = {"technician_id": state["technician_id"]}
    job = ok(call(client, "POST", f"/work-orders/{number}/assignments", state["token"], body))
    return {"number": number, "assignment_id": job["assignment"]["id"]}


def _new_agent(client: Any, state: State) -> dict[str, Any]:
    return {"user_id": add_user(client, state, "fresh", "agent")}


def _fresh_technician(client: Any, state: State) -> dict[str, Any]:
    return {"technician_id": _technician(client, state, "leaving")}


route("GET", "/technicians", setup=shared(_crew), query="?limit=25", variant="10 technicians")
route(
    "GET",
    "/technicians",
    setup=shared(_crew),
    query="?user_id={busy_id}",
    variant="the technician of one user (link guard, then record)",
)
route(
    "POST",
    "/technicians",
    setup=tenant,
    prepare=each(_new_agent),
    body=lambda s: {
        "user_id": s["user_id"],
        "employee_id": f"E{unique()}",
        "skills": ["gas"],
        "working_hours": ALL_WEEK,
    },
    repeat=10,
)
route("GET", "/technicians/{technician_id}", setup=shared(_crew))
route(
    "PATCH",
    "/technicians/{technician_id}",
    setup=shared(_crew),
    body=lambda s: {"max_jobs_per_day": 40 + unique() % 10},
)
route("DELETE", "/technicians/{technician_id}", setup=tenant, prepare=each(_fresh_technician), repeat=10)
route("GET", "/technicians/{technician_id}/schedule", setup=shared(_crew), query=f"?date={DAY}", variant="10 jobs")
route("GET", "/technicians/{technician_id}/jobs", setup=shared(_crew), query="?limit=25", variant="10 jobs")
route(
    "GET",
    "/dispatch-board",
    setup=shared(_crew),
    query=f"?from={DAY}&to={DAY}&limit=25",
    variant="10 technicians, one holding 10 jobs",
)
route("GET", "/work-orders", setup=shared(_crew), query="?limit=25", variant="10 work orders")
route("POST", "/work-orders", setup=tenant, body=ORDER)
route("GET", "/work-orders/{number}", setup=shared(_crew), variant="with its assignment")
route(
    "PATCH",
    "/work-orders/{number}",
    setup=shared(_crew),
    body=lambda s: {"description": f"Gate code {unique()}", "expected_duration_minutes": 90},
)
route(
    "GET",
    "/work-orders/{number}/dispatch-suggestions",
    setup=shared(_field),
    repeat=10,
    variant=f"{FIELD_TECHNICIANS} technicians",
)
route(
    "POST",
    "/work-orders/{number}/assignments",
    setup=shared(_field),
    prepare=each(_new_order),
    body={"auto": True},
    repeat=10,
    variant=f"auto, {FIELD_TECHNICIANS} technicians",
)
route(
    "POST",
    "/work-orders/{number}/assignments",
    setup=shared(_crew),
    prepare=each(_new_order),
    body=lambda s: {"technician_id": s["technician_id"]},
    repeat=10,
    variant="named technician",
)
route(
    "PATCH",
    "/work-orders/{number}/assignments/{assignment_id}",
    setup=shared(_crew),
    prepare=each(_assigned_job),
    body={"status": "accepted"},
    repeat=10,
    variant="accept",
)
