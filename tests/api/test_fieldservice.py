"""Field service through the API: technicians, work order and job transitions, day capacity,
dispatch ranking with reasons, certification expiry, visibility, and work orders from tickets."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from itertools import count
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import PASSWORD, Tenant, call, make_tenant

TUESDAY = "2027-03-02T10:00:00Z"  # a Tuesday
KREUZBERG = {"address": "Oranienstr. 1, Berlin", "postal_code": "10999", "lat": 52.4986, "lon": 13.4030}
BERLIN = {"lat": 52.52, "lon": 13.405}
POTSDAM = {"lat": 52.3906, "lon": 13.0645}
MUNICH = {"lat": 48.137, "lon": 11.575}
_n = count(1)


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def staff_user(api: Client, acme: Tenant) -> str:
    n = next(_n)
    body = {
        "email": f"tech{n}@example.com",
        "first_name": "Tech",
        "last_name": str(n),
        "role": "agent",
        "password": PASSWORD,
    }
    reply = call(api, "POST", "/users", acme.token("admin"), body)
    assert reply.status == 201, reply.body
    return str(reply.body["id"])


def technician(api: Client, acme: Tenant, user_id: str | None = None, **fields: Any) -> dict[str, Any]:
    body = {"user_id": user_id or staff_user(api, acme), "employee_id": f"E{next(_n):04d}", **fields}
    reply = call(api, "POST", "/technicians", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def work_order(api: Client, acme: Tenant, **fields: Any) -> dict[str, Any]:
    reply = call(api, "POST", "/work-orders", acme.token("manager"), {"title": "Boiler service", **fields})
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def assign(api: Client, acme: Tenant, number: str, technician_id: str) -> Any:
    return call(
        api, "POST", f"/work-orders/{number}/assignments", acme.token("manager"), {"technician_id": technician_id}
    )


def move(api: Client, acme: Tenant, role: str, number: str, job_id: str, status: str) -> Any:
    return call(api, "PATCH", f"/work-orders/{number}/assignments/{job_id}", acme.token(role), {"status": status})


def test_technicians_are_unique_per_user_and_edit_their_own_availability(api: Client, acme: Tenant) -> None:
    mine = technician(api, acme, acme.user_id("agent"), skills=["HVAC", "hvac", "Gas"])
    assert mine["skills"] == ["gas", "hvac"]
    assert mine["current_jobs_count"] == 0
    again = call(
        api, "POST", "/technicians", acme.token("admin"), {"user_id": acme.user_id("agent"), "employee_id": "X1"}
    )
    assert (again.status, again.body["error"]["code"]) == (409, "technician_exists")
    taken = call(
        api,
        "POST",
        "/technicians",
        acme.token("admin"),
        {"user_id": acme.user_id("agent2"), "employee_id": mine["employee_id"]},
    )
    assert (taken.status, taken.body["error"]["code"]) == (409, "employee_id_taken")
    customer = call(
        api, "POST", "/technicians", acme.token("admin"), {"user_id": acme.user_id("customer"), "employee_id": "C1"}
    )
    assert (customer.status, customer.body["error"]["code"]) == (422, "invalid_user")
    half_area = call(
        api,
        "POST",
        "/technicians",
        acme.token("admin"),
        {"user_id": acme.user_id("agent2"), "employee_id": "A2", "service_areas": [{"center": BERLIN}]},
    )
    assert half_area.status in (400, 422)
    assert "service_areas" in str(half_area.body["error"]["details"])

    me = call(api, "GET", "/technicians/me", acme.token("agent"))
    assert (me.status, me.body["id"]) == (200, mine["id"])
    assert call(api, "GET", "/technicians/me", acme.token("agent2")).body["error"]["code"] == "not_a_technician"
    assert call(api, "GET", f"/technicians/{mine['id']}", acme.token("agent2")).status == 404
    busy = call(api, "PATCH", "/technicians/me", acme.token("agent"), {"availability_status": "busy"})
    assert (busy.status, busy.body["availability_status"], busy.body["version"]) == (200, "busy", 2)
    more = call(api, "PATCH", "/technicians/me", acme.token("agent"), {"max_jobs_per_day": 20})
    assert more.status == 403
    stale = call(
        api, "PATCH", f"/technicians/{mine['id']}", acme.token("manager"), {"skills": ["x"]}, {"If-Match": "1"}
    )
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")
    assert call(api, "GET", "/technicians", acme.token("agent")).status == 403
    listed = call(api, "GET", "/technicians", acme.token("manager")).body["items"]
    assert [t["id"] for t in listed] == [mine["id"]]


def test_work_order_lifecycle_follows_its_jobs(api: Client, acme: Tenant) -> None:
    tech = technician(api, acme, acme.user_id("agent"))
    order = work_order(api, acme, customer_id=acme.user_id("customer"), location=KREUZBERG)
    number = order["work_order_number"]
    assert re.fullmatch(r"T-WO-\d+", number)
    assert order["status"] == "new"
    unscheduled = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"status": "scheduled"})
    assert (unscheduled.status, unscheduled.body["error"]["code"]) == (422, "not_scheduled")
    assert assign(api, acme, number, tech["id"]).body["error"]["code"] == "not_scheduled"
    naive = TUESDAY.removesuffix("Z")  # no offset: refused, never guessed as UTC or local time
    refused = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"scheduled_at": naive})
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_request")
    assert [d["field"] for d in refused.body["error"]["details"]] == ["scheduled_at"]
    scheduled = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"scheduled_at": TUESDAY})
    assert (scheduled.body["status"], scheduled.body["scheduled_at"]) == ("scheduled", "2027-03-02T10:00:00.000000Z")
    jump = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"status": "in_progress"})
    assert (jump.status, jump.body["error"]["code"]) == (409, "invalid_transition")
    assert jump.body["error"]["details"][0]["allowed"] == ["cancelled", "dispatched", "new", "on_hold"]
    nobody = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"status": "dispatched"})
    assert nobody.body["error"]["code"] == "no_open_jobs"

    assigned = assign(api, acme, number, tech["id"])
    assert assigned.status == 201, assigned.body
    job = assigned.body["assignment"]
    assert (job["status"], job["slot_day"]) == ("assigned", "2027-03-02")
    assert assigned.body["work_order"]["status"] == "dispatched"
    assert assigned.body["work_order"]["technician_id"] == tech["id"]
    assert call(api, "GET", "/technicians/me", acme.token("agent")).body["current_jobs_count"] == 1
    twice = assign(api, acme, number, tech["id"])
    assert (twice.status, twice.body["error"]["code"]) == (409, "already_assigned")

    # Who sees it: the assigned technician and the customer (without notes), nobody else.
    call(
        api, "PATCH", f"/work-orders/{number}/assignments/{job['id']}", acme.token("agent"), {"notes": "gate code 1234"}
    )
    assert (
        call(api, "GET", f"/work-orders/{number}", acme.token("agent")).body["assignments"][0]["notes"]
        == "gate code 1234"
    )
    assert call(api, "GET", f"/work-orders/{number}", acme.token("agent2")).status == 404
    assert call(api, "GET", f"/work-orders/{number}", acme.token("customer2")).status == 404
    seen = call(api, "GET", f"/work-orders/{number}", acme.token("customer"))
    assert (seen.status, seen.body["assignments"][0]["notes"]) == (200, "")
    mine = call(api, "GET", "/work-orders", acme.token("customer")).body["items"]
    assert [o["work_order_number"] for o in mine] == [number]
    assert call(api, "GET", "/work-orders", acme.token("customer2")).body["items"] == []

    assert move(api, acme, "agent", number, job["id"], "accepted").body["assignment"]["accepted_at"]
    assert move(api, acme, "agent", number, job["id"], "en_route").status == 200
    assert move(api, acme, "agent2", number, job["id"], "started").status == 404
    started = move(api, acme, "agent", number, job["id"], "started")
    assert (started.body["assignment"]["started_at"] is not None, started.body["work_order"]["status"]) == (
        True,
        "in_progress",
    )
    back = move(api, acme, "agent", number, job["id"], "accepted")
    assert (back.status, back.body["error"]["code"]) == (409, "invalid_transition")
    assert move(api, acme, "agent", number, job["id"], "cancelled").status == 403  # a dispatcher's decision
    held = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"status": "on_hold"})
    assert held.body["status"] == "on_hold"
    early = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"status": "completed"})
    assert (early.status, early.body["error"]["code"]) == (409, "invalid_transition")
    resumed = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"status": "in_progress"})
    assert resumed.body["status"] == "in_progress"
    done = move(api, acme, "agent", number, job["id"], "completed")
    assert done.body["work_order"]["status"] == "completed"
    assert done.body["work_order"]["completed_at"] is not None
    assert call(api, "GET", "/technicians/me", acme.token("agent")).body["current_jobs_count"] == 0
    closed = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), {"title": "late edit"})
    assert (closed.status, closed.body["error"]["code"]) == (409, "work_order_closed")
    # The completed job still used its slot that day.
    day = call(api, "GET", "/technicians/me/schedule?date=2027-03-02", acme.token("agent")).body
    assert (day["jobs_on_day"], day["items"][0]["work_order"]["work_order_number"]) == (1, number)


def test_cancelling_and_declining_free_the_slot(api: Client, acme: Tenant) -> None:
    tech = technician(api, acme, acme.user_id("agent"), max_jobs_per_day=1)
    first = work_order(api, acme, scheduled_at=TUESDAY)["work_order_number"]
    second = work_order(api, acme, scheduled_at="2027-03-02T14:00:00Z")["work_order_number"]
    job = assign(api, acme, first, tech["id"]).body["assignment"]
    full = assign(api, acme, second, tech["id"])
    assert (full.status, full.body["error"]["code"]) == (422, "technician_fully_booked")
    declined = move(api, acme, "agent", first, job["id"], "declined")
    assert declined.body["assignment"]["declined_at"] is not None
    assert declined.body["work_order"]["status"] == "scheduled"
    assert declined.body["work_order"]["technician_id"] is None
    assert call(api, "GET", f"/work-orders/{first}", acme.token("agent")).status == 404  # no longer theirs
    taken = assign(api, acme, second, tech["id"])
    assert taken.status == 201, taken.body
    schedule = call(api, "GET", f"/technicians/{tech['id']}/schedule?date=2027-03-02", acme.token("manager")).body
    assert schedule["jobs_on_day"] == 1
    assert len(schedule["items"]) == 2

    cancelled = call(api, "PATCH", f"/work-orders/{second}", acme.token("manager"), {"status": "cancelled"})
    assert cancelled.body["status"] == "cancelled"
    assert cancelled.body["assignments"][0]["status"] == "cancelled"
    assert call(api, "GET", "/technicians/me", acme.token("agent")).body["current_jobs_count"] == 0
    third = work_order(api, acme, scheduled_at="2027-03-02T16:00:00Z")["work_order_number"]
    assert assign(api, acme, third, tech["id"]).status == 201

    # Rescheduling moves the slot: the old day frees up, the new day must have room.
    moved = call(api, "PATCH", f"/work-orders/{third}", acme.token("manager"), {"scheduled_at": "2027-03-03T09:00:00Z"})
    assert moved.status == 200
    assert moved.body["assignments"][0]["slot_day"] == "2027-03-03"
    fourth = work_order(api, acme, scheduled_at=TUESDAY)["work_order_number"]
    assert assign(api, acme, fourth, tech["id"]).status == 201
    clash = call(api, "PATCH", f"/work-orders/{third}", acme.token("manager"), {"scheduled_at": "2027-03-02T15:00:00Z"})
    assert (clash.status, clash.body["error"]["code"]) == (422, "technician_fully_booked")
    jobs = call(api, "GET", "/technicians/me/jobs?from=2027-03-01&open_only=true", acme.token("agent")).body["items"]
    assert [(j["job"]["slot_day"], j["work_order"]["work_order_number"]) for j in jobs] == [
        ("2027-03-02", fourth),
        ("2027-03-03", third),
    ]
    busy = call(api, "DELETE", f"/technicians/{tech['id']}", acme.token("manager"))
    assert (busy.status, busy.body["error"]["code"]) == (409, "technician_has_open_jobs")
    both = {"scheduled_at": "2027-03-04T09:00:00Z", "status": "cancelled"}
    gone = call(api, "PATCH", f"/work-orders/{third}", acme.token("manager"), both)
    assert (gone.status, gone.body["status"]) == (200, "cancelled")
    wednesday = call(api, "GET", "/technicians/me/schedule?date=2027-03-03", acme.token("agent")).body
    assert wednesday["jobs_on_day"] == 0


def test_dispatch_suggestions_rank_with_reasons_and_auto_assign(api: Client, acme: Tenant) -> None:
    qualified: dict[str, Any] = {
        "skills": ["hvac"],
        "certifications": [{"name": "gas-safe", "expires_on": "2027-12-31"}],
    }
    far = technician(
        api, acme, **qualified, service_areas=[{"postal_codes": ["109*"], "center": POTSDAM, "radius_km": 50}]
    )
    near = technician(
        api, acme, **qualified, service_areas=[{"postal_codes": ["10999"], "center": BERLIN, "radius_km": 10}]
    )
    loaded = technician(api, acme, **qualified, service_areas=[{"name": "Berlin", "center": BERLIN, "radius_km": 20}])
    expired = technician(
        api,
        acme,
        skills=["hvac"],
        certifications=[{"name": "gas-safe", "expires_on": "2027-03-01"}],
        service_areas=[{"postal_codes": ["10999"]}],
    )
    unskilled = technician(
        api, acme, certifications=qualified["certifications"], service_areas=[{"postal_codes": ["10999"]}]
    )
    on_leave = technician(
        api, acme, **qualified, availability_status="on_leave", service_areas=[{"postal_codes": ["10999"]}]
    )
    mondays = technician(
        api, acme, **qualified, working_hours={"days": [0]}, service_areas=[{"postal_codes": ["10999"]}]
    )
    munich = technician(
        api, acme, **qualified, service_areas=[{"postal_codes": ["80331"], "center": MUNICH, "radius_km": 30}]
    )
    other = work_order(api, acme, scheduled_at="2027-03-02T08:00:00Z")["work_order_number"]
    assert assign(api, acme, other, loaded["id"]).status == 201

    order = work_order(
        api,
        acme,
        location=KREUZBERG,
        scheduled_at=TUESDAY,
        required_skills=["HVAC"],
        required_certifications=["gas-safe"],
    )
    number = order["work_order_number"]
    reply = call(api, "GET", f"/work-orders/{number}/dispatch-suggestions?include_excluded=true", acme.token("manager"))
    assert reply.status == 200, reply.body
    ranked = reply.body["items"]
    assert [s["technician_id"] for s in ranked] == [near["id"], far["id"], loaded["id"]]
    assert [s["rank"] for s in ranked] == [1, 2, 3]
    assert ranked[0]["distance_km"] < 3 < 20 < ranked[1]["distance_km"]
    assert "serves postal code 10999" in ranked[0]["reasons"]
    assert "qualified: hvac, gas-safe valid until 2027-12-31" in ranked[0]["reasons"]
    assert any("km from the centre of area 'Berlin'" in r for r in ranked[2]["reasons"])
    assert any(r.startswith("available, 1 of 8 jobs on 2027-03-02") for r in ranked[2]["reasons"])
    assert reply.body["considered"] == 8
    why = {s["technician_id"]: s["reasons"] for s in reply.body["excluded"]}
    assert why[expired["id"]] == ["certification gas-safe expired on 2027-03-01"]
    assert why[unskilled["id"]] == ["missing skill: hvac"]
    assert why[on_leave["id"]] == ["technician is on leave"]
    assert why[mondays["id"]] == ["does not work on Tuesdays"]
    assert why[munich["id"]][0].startswith("outside every service area (50")
    assert call(api, "GET", f"/work-orders/{number}/dispatch-suggestions", acme.token("agent")).status == 404

    auto = call(api, "POST", f"/work-orders/{number}/assignments", acme.token("manager"), {"auto": True})
    assert (auto.status, auto.body["assignment"]["technician_id"]) == (201, near["id"])
    again = call(api, "GET", f"/work-orders/{number}/dispatch-suggestions?include_excluded=true", acme.token("manager"))
    assert [s["technician_id"] for s in again.body["items"]] == [far["id"], loaded["id"]]
    assert {s["technician_id"]: s["reasons"] for s in again.body["excluded"]}[near["id"]] == [
        "already assigned to this work order"
    ]
    refused = assign(api, acme, number, expired["id"])
    assert (refused.status, refused.body["error"]["code"]) == (422, "technician_not_eligible")
    assert "expired" in refused.body["error"]["message"]
    both = call(
        api, "POST", f"/work-orders/{number}/assignments", acme.token("manager"), {"auto": True, "technician_id": "x"}
    )
    assert both.status == 422


def test_a_certification_is_valid_through_its_expiry_day(api: Client, acme: Tenant) -> None:
    through = technician(api, acme, certifications=[{"name": "gas-safe", "expires_on": "2027-03-02"}])
    lapsed = technician(api, acme, certifications=[{"name": "gas-safe", "expires_on": "2027-03-01"}])
    order = work_order(api, acme, scheduled_at=TUESDAY, required_certifications=["gas-safe"])
    reply = call(api, "GET", f"/work-orders/{order['work_order_number']}/dispatch-suggestions", acme.token("admin"))
    assert [s["technician_id"] for s in reply.body["items"]] == [through["id"]]
    assert lapsed["id"] not in str(reply.body["items"])
    nobody = work_order(api, acme, scheduled_at=TUESDAY, required_certifications=["asbestos"])
    auto = call(
        api, "POST", f"/work-orders/{nobody['work_order_number']}/assignments", acme.token("admin"), {"auto": True}
    )
    assert (auto.status, auto.body["error"]["code"]) == (422, "no_eligible_technician")


def test_a_work_order_from_a_ticket_links_both_ways(api: Client, acme: Tenant) -> None:
    ticket = call(
        api, "POST", "/tickets", acme.token("customer"), {"subject": "Heating is broken", "description": "cold"}
    )
    assert ticket.status == 201
    t = ticket.body["ticket_number"]
    missing = call(api, "POST", "/work-orders", acme.token("manager"), {"title": "Fix", "ticket_number": "T-99999"})
    assert missing.status == 404
    created = call(api, "POST", "/work-orders", acme.token("manager"), {"title": "Fix the heating", "ticket_number": t})
    assert created.status == 201, created.body
    order = created.body
    assert (order["ticket_number"], order["customer_id"]) == (t, acme.user_id("customer"))
    staff_view = call(api, "GET", f"/tickets/{t}", acme.token("manager")).body
    assert staff_view["work_order_numbers"] == [order["work_order_number"]]
    notes = [c for c in staff_view["comments"] if c["comment_type"] == "internal"]
    assert [n["content"] for n in notes] == [f"Work order {order['work_order_number']} was created from this ticket."]
    history = call(api, "GET", f"/tickets/{t}/history", acme.token("manager")).body["items"]
    assert any(h["field_name"] == "work_order_numbers" for h in history)
    customer_view = call(api, "GET", f"/tickets/{t}", acme.token("customer")).body
    assert customer_view["work_order_numbers"] == [order["work_order_number"]]
    assert all(c["comment_type"] == "public" for c in customer_view["comments"])
    assert call(api, "GET", f"/work-orders/{order['work_order_number']}", acme.token("customer")).status == 200
    assert call(api, "POST", "/work-orders", acme.token("agent"), {"title": "x", "ticket_number": t}).status == 403


def test_work_orders_never_cross_tenants(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    order = work_order(api, acme, scheduled_at=TUESDAY)
    tech = technician(api, acme, acme.user_id("agent"))
    for path in (f"/work-orders/{order['work_order_number']}", f"/technicians/{tech['id']}"):
        assert call(api, "GET", path, globex.token("admin")).status == 404
    foreign = assign(api, globex, order["work_order_number"], tech["id"])
    assert foreign.status == 404
    assert call(api, "GET", "/work-orders", globex.token("admin")).body["items"] == []


def assign_at_once(principal: Any, numbers: list[str], command: Any) -> list[str]:
    """Every work order assigned at the same moment, one thread each: the outcome codes."""
    import threading

    from chalicelib.domain.errors import DesklessError
    from chalicelib.services import fieldservice

    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(numbers))

    def run(number: str) -> None:
        start.wait()
        try:
            fieldservice.assign(principal, number, command)
            outcome = "assigned"
        except DesklessError as exc:
            outcome = exc.code
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_fifty_concurrent_assignments_to_one_technician_fill_exactly_the_day(server_table: str) -> None:
    """50 work orders on one day assigned at once to a technician with max_jobs_per_day 8, on the
    moto server (real HTTP, real transactions): exactly 8 succeed, the rest are fully booked, and
    both counters are the true count."""

    import boto3

    from chalicelib import config
    from chalicelib.domain.commands import (
        AssignCommand,
        CreateUserCommand,
        SignupCommand,
        TechnicianCommand,
        WorkOrderCommand,
    )
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import fieldservice, identity, users

    org, admin, _ = identity.signup(
        SignupCommand(
            name="Race Inc",
            slug="race",
            admin_email="admin@race.example",
            admin_password=PASSWORD,
            admin_first_name="Ada",
            admin_last_name="Admin",
        ),
        None,
        None,
    )
    boss = Principal(org_id=org.id, user_id=admin.id, role=Role.ADMIN, session_id="test")
    agent = users.create_user(
        boss,
        CreateUserCommand(email="tech@race.example", first_name="T", last_name="R", role=Role.AGENT, password=PASSWORD),
    )
    tech = fieldservice.create_technician(
        boss, TechnicianCommand(user_id=agent.id, employee_id="R1", max_jobs_per_day=8)
    )
    numbers = [
        fieldservice.create_work_order(
            boss, WorkOrderCommand(title=f"Job {i}", scheduled_at=datetime(2027, 3, 2, 8 + i % 8, i, tzinfo=UTC))
        ).work_order_number
        for i in range(50)
    ]
    outcomes = assign_at_once(boss, numbers, AssignCommand(technician_id=tech.id))
    assert outcomes.count("assigned") == 8, sorted(set(outcomes))
    assert set(outcomes) == {"assigned", "technician_fully_booked"}
    after = fieldservice.get_technician(boss, tech.id)
    assert after.current_jobs_count == 8
    schedule = fieldservice.schedule(boss, tech.id, date(2027, 3, 2))
    assert (schedule.jobs_on_day, len(schedule.jobs)) == (8, 8)
    table = boto3.resource("dynamodb").Table(config.table_name())
    day = table.get_item(Key={"PK": f"ORG#{org.id}", "SK": f"TECHDAY#2027-03-02#{tech.id}"})["Item"]
    assert day["jobs"] == 8

    # Automatic dispatch under the same race: two more technicians with 3 slots each, 10 work
    # orders dispatched at once with auto: exactly 6 get a technician, 3 each.
    more = []
    for n in range(2):
        user = users.create_user(
            boss,
            CreateUserCommand(
                email=f"tech{n}@race.example", first_name="T", last_name=str(n), role=Role.AGENT, password=PASSWORD
            ),
        )
        more.append(
            fieldservice.create_technician(
                boss, TechnicianCommand(user_id=user.id, employee_id=f"R{n + 2}", max_jobs_per_day=3)
            )
        )
    batch = [
        fieldservice.create_work_order(
            boss, WorkOrderCommand(title=f"Auto {i}", scheduled_at=datetime(2027, 3, 2, 9, i, tzinfo=UTC))
        ).work_order_number
        for i in range(10)
    ]
    outcomes = assign_at_once(boss, batch, AssignCommand(auto=True))
    assert outcomes.count("assigned") == 6, outcomes
    assert [fieldservice.get_technician(boss, t.id).current_jobs_count for t in more] == [3, 3]
