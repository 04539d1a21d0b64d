"""The operations ``make bench`` measures. Each issue adds its own here.

Passwords are hashed with the production argon2id parameters (64 MiB, t=3), so the login and
signup figures include the real hashing cost.
"""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from bench.harness import operation

PASSWORD = "bench-password-2026"  # noqa: S105 (benchmark accounts only)
_n = count()


def _post(client: Any, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.http.post(path, headers=headers, body=json.dumps(body))


def _signup(client: Any, slug: str) -> dict[str, Any]:
    response = _post(
        client,
        "/organizations",
        {
            "name": "Bench",
            "slug": slug,
            "admin_email": f"admin@{slug}.example.com",
            "admin_password": PASSWORD,
            "admin_first_name": "Bench",
            "admin_last_name": "Admin",
        },
    )
    assert response.status_code == 201, response.body
    body: dict[str, Any] = json.loads(response.body)
    return body


@operation("GET /health")
def health(client: Any, state: Any) -> Any:
    return client.http.get("/health")


@operation("POST /organizations (signup)", expected_status=201, repeat=10)
def signup(client: Any, state: Any) -> Any:
    slug = f"bench-signup-{next(_n)}"
    return _post(
        client,
        "/organizations",
        {
            "name": "Bench",
            "slug": slug,
            "admin_email": f"admin@{slug}.example.com",
            "admin_password": PASSWORD,
            "admin_first_name": "Bench",
            "admin_last_name": "Admin",
        },
    )


def _tenant(client: Any) -> dict[str, Any]:
    return _signup(client, f"bench-tenant-{next(_n)}")


@operation("POST /auth/login", repeat=10, setup=_tenant)
def login(client: Any, state: dict[str, Any]) -> Any:
    slug = state["organization"]["slug"]
    return _post(
        client, "/auth/login", {"organization": slug, "email": f"admin@{slug}.example.com", "password": PASSWORD}
    )


@operation("GET /auth/me (authorizer + handler)", setup=_tenant)
def me(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get("/auth/me", headers={"Authorization": f"Bearer {state['token']}"})


@operation("POST /users", expected_status=201, repeat=10, setup=_tenant)
def create_user(client: Any, state: dict[str, Any]) -> Any:
    n = next(_n)
    return _post(
        client,
        "/users",
        {
            "email": f"user{n}@bench.example.com",
            "first_name": "U",
            "last_name": str(n),
            "role": "agent",
            "password": PASSWORD,
        },
        state["token"],
    )


def _customer_tenant(client: Any) -> dict[str, Any]:
    tenant = _tenant(client)
    response = _post(
        client,
        "/users",
        {
            "email": f"customer{next(_n)}@bench.example.com",
            "first_name": "C",
            "last_name": "Bench",
            "role": "customer",
            "password": PASSWORD,
        },
        tenant["token"],
    )
    tenant["customer_id"] = json.loads(response.body)["id"]
    return tenant


@operation("POST /tickets", expected_status=201, repeat=20, setup=_customer_tenant)
def create_ticket(client: Any, state: dict[str, Any]) -> Any:
    return _post(
        client,
        "/tickets",
        {"subject": "Bench ticket", "description": "x" * 500, "customer_id": state["customer_id"]},
        state["token"],
    )


def _ticket(client: Any) -> dict[str, Any]:
    state = _customer_tenant(client)
    created = _post(client, "/tickets", {"subject": "Commented", "customer_id": state["customer_id"]}, state["token"])
    state["number"] = json.loads(created.body)["ticket_number"]
    return state


@operation("POST /tickets/{n}/comments", expected_status=201, repeat=20, setup=_ticket)
def add_comment(client: Any, state: dict[str, Any]) -> Any:
    return _post(client, f"/tickets/{state['number']}/comments", {"content": "A reply " * 20}, state["token"])


def _ticket_with_20_comments(client: Any) -> dict[str, Any]:
    state = _ticket(client)
    for n in range(20):
        _post(client, f"/tickets/{state['number']}/comments", {"content": f"comment {n} " * 20}, state["token"])
    return state


@operation("GET /tickets/{n} (20 comments)", setup=_ticket_with_20_comments)
def get_ticket(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get(f"/tickets/{state['number']}", headers={"Authorization": f"Bearer {state['token']}"})


def _queue(client: Any) -> dict[str, Any]:
    state = _customer_tenant(client)
    for _ in range(60):
        _post(client, "/tickets", {"subject": "Queued", "customer_id": state["customer_id"]}, state["token"])
    return state


@operation("GET /tickets?limit=25 (one page)", setup=_queue)
def list_page(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get("/tickets?limit=25", headers={"Authorization": f"Bearer {state['token']}"})


def _sla_counters(client: Any) -> dict[str, Any]:
    """An org with 3 SLA policies and a month of counter rows for every priority and target (720 rows)."""
    from datetime import timedelta

    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.sla import Target
    from chalicelib.domain.tickets import Priority
    from chalicelib.store.reports import SLACounterItem, counter_sk, stats_pk
    from chalicelib.store.transactions import Tally, transact_write

    state = _tenant(client)
    org_id = state["organization"]["id"]
    policies = []
    for n in range(3):
        body = {"name": f"Policy {n}", "order": n, "first_response_hours": 1 + n, "resolution_hours": 8 * (n + 1)}
        policies.append(json.loads(_post(client, "/sla-policies", body, state["token"]).body)["id"])
    today = utcnow().date()
    rows = [
        Tally(
            SLACounterItem,
            stats_pk(org_id),
            counter_sk((today - timedelta(days=d), policy_id, priority, target)),
            {
                "met": 7,
                "breached": 1,
                "completed": 8,
                "sec": 24000,
                "bsec": 16000,
                "c3": 5,
                "cs3": 12000,
                "c4": 3,
                "cs4": 12000,
                "b3": 8,
                "bs3": 16000,
            },
        )
        for d in range(30)
        for policy_id in policies
        for priority in Priority
        for target in Target
    ]
    for start in range(0, len(rows), 50):
        transact_write(rows[start : start + 50])
    return state


@operation("GET /reports/sla (30 days, 3 policies: 720 counter rows)", repeat=5, setup=_sla_counters)
def sla_report(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get("/reports/sla", headers={"Authorization": f"Bearer {state['token']}"})


# ---- field service (issue 9) ------------------------------------------------------------------

FIELD_TECHNICIANS = 500
SKILLS = ("hvac", "plumbing", "electrical", "gas", "boilers", "solar", "heat-pumps", "ventilation")
BERLIN = (52.52, 13.405)


def _auth(state: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {state['token']}", "Content-Type": "application/json"}


def _field(client: Any) -> dict[str, Any]:
    """A tenant with 500 technicians (written as the API writes them, straight into the table),
    a fifth of them already holding jobs on the day, and scheduled work orders to dispatch."""
    import random
    from datetime import UTC, date, datetime

    from chalicelib import config
    from chalicelib.domain.fieldservice import Technician
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.fieldservice import TechnicianDayItem, TechnicianItem, _data
    from chalicelib.store.keys import org_pk

    state = _tenant(client)
    org_id = state["organization"]["id"]
    rng = random.Random(9)
    now = datetime.now(UTC)
    day = date(2027, 3, 2)
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
            load = TechnicianDayItem(PK=org_pk(org_id), SK=f"TECHDAY#{day.isoformat()}#{technician.id}", jobs=n % 7)
            items.append(load.serialize())
    load_table(config.table_name(), items)
    state["orders"] = [_work_order(client, state) for _ in range(12)]
    return state


def _work_order(client: Any, state: dict[str, Any]) -> str:
    body = {
        "title": "Boiler service",
        "scheduled_at": "2027-03-02T10:00:00Z",
        "location": {"postal_code": "10999", "lat": 52.4986, "lon": 13.4030},
        "required_skills": ["gas"],
        "required_certifications": ["gas-safe"],
    }
    response = client.http.post("/work-orders", headers=_auth(state), body=json.dumps(body))
    assert response.status_code == 201, response.body
    return str(json.loads(response.body)["work_order_number"])


@operation("POST /work-orders", expected_status=201, repeat=10, setup=_tenant)
def create_work_order(client: Any, state: dict[str, Any]) -> Any:
    body = {"title": "Boiler service", "scheduled_at": "2027-03-02T10:00:00Z", "location": {"postal_code": "10999"}}
    return client.http.post("/work-orders", headers=_auth(state), body=json.dumps(body))


@operation(f"GET /work-orders/{{n}}/dispatch-suggestions ({FIELD_TECHNICIANS} technicians)", repeat=10, setup=_field)
def dispatch_suggestions(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get(f"/work-orders/{state['orders'][0]}/dispatch-suggestions", headers=_auth(state))


@operation(
    f"POST /work-orders/{{n}}/assignments auto ({FIELD_TECHNICIANS} technicians)",
    expected_status=201,
    repeat=10,
    setup=_field,
)
def auto_assign(client: Any, state: dict[str, Any]) -> Any:
    number = state["orders"].pop()
    return client.http.post(f"/work-orders/{number}/assignments", headers=_auth(state), body=json.dumps({"auto": True}))


def _assigned(client: Any) -> dict[str, Any]:
    state = _tenant(client)
    users = []
    for n in range(2):
        body = {"email": f"tech{next(_n)}@bench.example.com", "first_name": "T", "last_name": str(n), "role": "agent"}
        body["password"] = PASSWORD
        users.append(json.loads(_post(client, "/users", body, state["token"]).body)["id"])
    hours = {"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "23:59"}
    technicians = [
        json.loads(
            _post(
                client,
                "/technicians",
                {"user_id": u, "employee_id": f"B{u[:8]}", "working_hours": hours, "max_jobs_per_day": 50},
                state["token"],
            ).body
        )["id"]
        for u in users
    ]
    state["technician"], state["busy"] = technicians
    state["orders"] = [_work_order_plain(client, state) for _ in range(20)]
    state["jobs"] = []
    for number in state["orders"][:10]:
        reply = _post(client, f"/work-orders/{number}/assignments", {"technician_id": technicians[1]}, state["token"])
        state["jobs"].append((number, json.loads(reply.body)["assignment"]["id"]))
    return state


def _work_order_plain(client: Any, state: dict[str, Any]) -> str:
    body = {"title": "Check", "scheduled_at": "2027-03-02T10:00:00Z"}
    response = client.http.post("/work-orders", headers=_auth(state), body=json.dumps(body))
    return str(json.loads(response.body)["work_order_number"])


@operation("POST /work-orders/{n}/assignments (technician_id)", expected_status=201, repeat=10, setup=_assigned)
def assign(client: Any, state: dict[str, Any]) -> Any:
    number = state["orders"].pop()
    body = json.dumps({"technician_id": state["technician"]})
    return client.http.post(f"/work-orders/{number}/assignments", headers=_auth(state), body=body)


@operation("PATCH /work-orders/{n}/assignments/{id} (accept)", repeat=10, setup=_assigned)
def accept_job(client: Any, state: dict[str, Any]) -> Any:
    number, job_id = state["jobs"].pop()
    path = f"/work-orders/{number}/assignments/{job_id}"
    return client.http.patch(path, headers=_auth(state), body=json.dumps({"status": "accepted"}))


@operation("GET /work-orders/{n} (with its assignment)", repeat=10, setup=_assigned)
def read_work_order(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get(f"/work-orders/{state['jobs'][0][0]}", headers=_auth(state))


@operation("GET /technicians/{id}/schedule (10 jobs)", repeat=10, setup=_assigned)
def technician_schedule(client: Any, state: dict[str, Any]) -> Any:
    return client.http.get(f"/technicians/{state['busy']}/schedule?date=2027-03-02", headers=_auth(state))
