"""Automation rules on work orders end to end: the triggers through the table stream (``stream.drain()``),
the actions, trigger/action mismatches refused, retried stream batches, rule loops, the overdue sweep
(``run_schedule``) and the work order webhook events."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Endpoint, Tenant, call, make_tenant, run_schedule, subscribe
from tests.api.test_fieldservice import TUESDAY, technician
from tests.api.test_notifications import emails


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path


def rule(api: Client, acme: Tenant, trigger: str, actions: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    body = {"name": f"On {trigger}", "trigger_type": trigger, "actions": actions, **fields}
    reply = call(api, "POST", "/automation-rules", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def runs(api: Client, acme: Tenant, rule_id: str) -> int:
    reply = call(api, "GET", f"/automation-rules/{rule_id}", acme.token("admin"))
    stats = reply.body["statistics"]
    assert stats["failure_count"] == 0, stats["last_error"]
    return int(stats["execution_count"])


def work_order(api: Client, acme: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"title": "Boiler service", "customer_id": acme.user_id("customer"), **fields}
    reply = call(api, "POST", "/work-orders", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def read(api: Client, acme: Tenant, number: str) -> dict[str, Any]:
    reply = call(api, "GET", f"/work-orders/{number}", acme.token("manager"))
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def assign(api: Client, acme: Tenant, number: str, technician_id: str) -> dict[str, Any]:
    body = {"technician_id": technician_id}
    reply = call(api, "POST", f"/work-orders/{number}/assignments", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body["assignment"]
    return result


def move(api: Client, acme: Tenant, number: str, job_id: str, status: str) -> None:
    reply = call(api, "PATCH", f"/work-orders/{number}/assignments/{job_id}", acme.token("agent"), {"status": status})
    assert reply.status == 200, reply.body


def patch(api: Client, acme: Tenant, number: str, **fields: Any) -> dict[str, Any]:
    reply = call(api, "PATCH", f"/work-orders/{number}", acme.token("manager"), fields)
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


NOTIFY = [{"type": "notify", "recipient": "role", "role": "manager", "message": "work order news"}]


def test_each_work_order_trigger_fires_once_per_change_even_when_the_stream_is_replayed(
    api: Client, acme: Tenant, stream: Any
) -> None:
    created = rule(
        api,
        acme,
        "work_order_created",
        NOTIFY,
        trigger_conditions={"all": [{"field": "work_order.priority", "operator": "is", "value": "high"}]},
    )
    moved = rule(api, acme, "work_order_status_changed", NOTIFY)
    started = rule(
        api,
        acme,
        "work_order_status_changed",
        NOTIFY,
        trigger_conditions={"all": [{"field": "work_order.status", "operator": "changed_to", "value": "in_progress"}]},
    )
    assigned = rule(
        api,
        acme,
        "work_order_assigned",
        NOTIFY,
        trigger_conditions={"all": [{"field": "job.status", "operator": "is", "value": "assigned"}]},
    )
    declined = rule(api, acme, "job_declined", NOTIFY)
    completed = rule(api, acme, "work_order_completed", NOTIFY)
    tech = technician(api, acme, acme.user_id("agent"))

    work_order(api, acme, title="Low priority", scheduled_at=TUESDAY)  # created, but the condition fails
    number = work_order(api, acme, priority="high", scheduled_at=TUESDAY)["work_order_number"]
    first = assign(api, acme, number, tech["id"])  # scheduled -> dispatched
    move(api, acme, number, first["id"], "declined")  # dispatched -> scheduled
    second = assign(api, acme, number, tech["id"])  # scheduled -> dispatched
    for status in ("accepted", "started", "completed"):  # -> in_progress -> completed
        move(api, acme, number, second["id"], status)
    stream.drain()

    expected = {created["id"]: 1, moved["id"]: 5, started["id"]: 1, assigned["id"]: 2}
    expected |= {declined["id"]: 1, completed["id"]: 1}
    assert {rule_id: runs(api, acme, rule_id) for rule_id in expected} == expected

    stream.poller.iterators.clear()  # the whole stream delivered again, as a retried batch would be
    stream.drain()
    assert {rule_id: runs(api, acme, rule_id) for rule_id in expected} == expected


def test_rules_dispatch_assign_move_and_note_the_linked_ticket(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Boiler leaks"}).body
    lead = technician(api, acme, acme.user_id("agent"))
    helper = technician(api, acme, acme.user_id("agent2"))
    dispatch = rule(
        api,
        acme,
        "work_order_created",
        [{"type": "auto_dispatch"}, {"type": "add_ticket_note", "content": "Dispatched automatically."}],
    )
    second = rule(
        api,
        acme,
        "work_order_assigned",
        [{"type": "assign_technician", "technician_id": helper["id"]}],
        trigger_conditions={"all": [{"field": "work_order.technician_id", "operator": "is", "value": lead["id"]}]},
    )
    hold = rule(api, acme, "job_declined", [{"type": "set_work_order_status", "status": "on_hold"}])
    told = rule(  # runs after `second` in the same pass, so it sees both technicians
        api,
        acme,
        "work_order_assigned",
        [{"type": "notify", "recipient": "assignee", "message": "New job for you"}],
        execution_order=10,
    )
    order = work_order(api, acme, scheduled_at=TUESDAY, ticket_number=ticket["ticket_number"])
    number = order["work_order_number"]
    stream.drain()

    seen = read(api, acme, number)
    jobs = {j["technician_id"]: j for j in seen["assignments"]}
    assert seen["status"] == "dispatched"
    assert set(jobs) == {lead["id"], helper["id"]}, "auto_dispatch took the lead, the assigned rule the helper"
    assert jobs[lead["id"]]["assigned_by_id"] == f"rule:{dispatch['id']}"
    assert jobs[helper["id"]]["assigned_by_id"] == f"rule:{second['id']}"
    assert (runs(api, acme, dispatch["id"]), runs(api, acme, second["id"])) == (1, 1)
    # Both assignments come from one originating event (the creation): each rule fires once in it.
    assert runs(api, acme, told["id"]) == 1
    comments = call(api, "GET", f"/tickets/{ticket['ticket_number']}/comments", acme.token("agent")).body["items"]
    notes = [c for c in comments if c["content"] == "Dispatched automatically."]
    assert [(n["comment_type"], n["author_id"]) for n in notes] == [("internal", f"rule:{dispatch['id']}")]
    mailed = [m for m in emails(outbox) if "New job for you" in m.get_content()]
    assert sorted(m["To"].addresses[0].addr_spec for m in mailed) == ["agent2@example.com", "agent@example.com"]

    helper_job = jobs[helper["id"]]["id"]
    reply = call(
        api, "PATCH", f"/work-orders/{number}/assignments/{helper_job}", acme.token("agent2"), {"status": "declined"}
    )
    assert reply.status == 200, reply.body
    stream.drain()
    assert read(api, acme, number)["status"] == "on_hold"
    assert runs(api, acme, hold["id"]) == 1


@pytest.mark.parametrize(
    ("trigger", "actions", "conditions", "path"),
    [
        (
            "work_order_created",
            [{"type": "notify", "recipient": "requester"}, {"type": "add_tags", "tags": ["x"]}],
            {},
            "actions.1",
        ),
        ("work_order_overdue", [{"type": "set_status", "status": "open"}], {}, "actions.0"),
        ("ticket_created", [{"type": "set_work_order_status", "status": "on_hold"}], {}, "actions.0"),
        ("ticket_updated", [{"type": "add_tags", "tags": ["x"]}, {"type": "auto_dispatch"}], {}, "actions.1"),
        (
            "work_order_created",
            [{"type": "auto_dispatch"}],
            {"all": [{"field": "priority", "operator": "is", "value": "high"}]},
            "trigger_conditions.all.0.field",
        ),
        (
            "work_order_created",
            [{"type": "auto_dispatch"}],
            {"any": [{"field": "job.status", "operator": "is", "value": "assigned"}]},
            "trigger_conditions.any.0.field",
        ),
        (
            "ticket_created",
            [{"type": "add_tags", "tags": ["x"]}],
            {"all": [{"field": "work_order.status", "operator": "is", "value": "new"}]},
            "trigger_conditions.all.0.field",
        ),
    ],
)
def test_a_rule_asking_its_trigger_for_the_wrong_kind_of_thing_is_422_with_the_path(
    api: Client, acme: Tenant, trigger: str, actions: list[dict[str, Any]], conditions: dict[str, Any], path: str
) -> None:
    body = {"name": "Mixed up", "trigger_type": trigger, "actions": actions, "trigger_conditions": conditions}
    reply = call(api, "POST", "/automation-rules", acme.token("manager"), body)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_rule"), reply.body
    assert [d["field"] for d in reply.body["error"]["details"]] == [path]
    assert call(api, "GET", "/automation-rules", acme.token("manager")).body["items"] == []


def test_a_rule_changed_to_a_work_order_trigger_keeps_no_ticket_actions(api: Client, acme: Tenant) -> None:
    tags = rule(api, acme, "ticket_created", [{"type": "add_tags", "tags": ["x"]}])
    reply = call(
        api, "PATCH", f"/automation-rules/{tags['id']}", acme.token("manager"), {"trigger_type": "work_order_created"}
    )
    assert (reply.status, reply.body["error"]["details"][0]["field"]) == (422, "actions.0")


def test_assign_technician_must_name_an_active_technician_of_the_organization(api: Client, acme: Tenant) -> None:
    other = make_tenant(api, "other", "other.example")
    theirs = call(
        api, "POST", "/technicians", other.token("manager"), {"user_id": other.user_id("agent"), "employee_id": "O1"}
    ).body
    for technician_id in ("nobody", theirs["id"]):
        body = {
            "name": "Ghost",
            "trigger_type": "work_order_created",
            "actions": [{"type": "assign_technician", "technician_id": technician_id}],
        }
        reply = call(api, "POST", "/automation-rules", acme.token("manager"), body)
        assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_rule")
        assert [(d["field"], d["reason"]) for d in reply.body["error"]["details"]] == [
            ("actions.0.technician_id", "missing")
        ]


def test_two_rules_undoing_each_other_stop_after_one_round(api: Client, acme: Tenant, stream: Any) -> None:
    """on_hold -> scheduled -> on_hold: each rule fires once per originating change, then the chain ends."""
    resume = rule(
        api,
        acme,
        "work_order_status_changed",
        [{"type": "set_work_order_status", "status": "scheduled"}],
        trigger_conditions={"all": [{"field": "work_order.status", "operator": "changed_to", "value": "on_hold"}]},
    )
    pause = rule(
        api,
        acme,
        "work_order_status_changed",
        [{"type": "set_work_order_status", "status": "on_hold"}],
        trigger_conditions={"all": [{"field": "work_order.status", "operator": "changed_to", "value": "scheduled"}]},
    )
    number = work_order(api, acme, scheduled_at=TUESDAY)["work_order_number"]
    patch(api, acme, number, status="on_hold")
    stream.drain()
    assert read(api, acme, number)["status"] == "on_hold"
    assert (runs(api, acme, resume["id"]), runs(api, acme, pause["id"])) == (1, 1)


def test_a_loop_through_a_ticket_and_its_work_order_stops(api: Client, acme: Tenant, stream: Any) -> None:
    """A comment rule creates a work order, a work order rule notes the ticket: the note carries the
    chain through the work order, so the comment rule does not fire on it again."""
    visit = rule(
        api,
        acme,
        "comment_added",
        [{"type": "create_work_order", "title": "Visit {{ticket.ticket_number}}"}],
        trigger_conditions={"all": [{"field": "comment.content", "operator": "contains", "value": "visit"}]},
    )
    noted = rule(api, acme, "work_order_created", [{"type": "add_ticket_note", "content": "A visit is planned."}])
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Boiler leaks"}).body
    number = ticket["ticket_number"]
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("customer"), {"content": "Please visit"})
    assert reply.status == 201, reply.body
    stream.drain()
    orders = call(api, "GET", "/work-orders", acme.token("manager")).body["items"]
    assert [o["ticket_number"] for o in orders] == [number]
    assert (runs(api, acme, visit["id"]), runs(api, acme, noted["id"])) == (1, 1)


def test_a_failing_action_is_counted_and_leaves_the_work_order_alone(api: Client, acme: Tenant, stream: Any) -> None:
    broken = rule(api, acme, "work_order_created", [{"type": "set_work_order_status", "status": "in_progress"}])
    number = work_order(api, acme)["work_order_number"]
    stream.drain()
    assert read(api, acme, number)["status"] == "new"
    stats = call(api, "GET", f"/automation-rules/{broken['id']}", acme.token("admin")).body["statistics"]
    assert (stats["execution_count"], stats["failure_count"]) == (1, 1)
    assert "in_progress" in stats["last_error"]


def test_a_work_order_rule_cannot_be_dry_run_on_a_ticket(api: Client, acme: Tenant) -> None:
    created = rule(api, acme, "work_order_created", NOTIFY)
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Boiler leaks"}).body
    reply = call(
        api,
        "POST",
        f"/automation-rules/{created['id']}/dry-run",
        acme.token("manager"),
        {"ticket_number": ticket["ticket_number"]},
    )
    assert (reply.status, reply.body["error"]["code"]) == (422, "work_order_rule")


# ---- overdue ----------------------------------------------------------------------------------


def test_the_overdue_sweep_fires_once_per_due_time_for_open_work_orders_only(
    api: Client, acme: Tenant, stream: Any
) -> None:
    overdue = rule(
        api,
        acme,
        "work_order_overdue",
        [{"type": "set_work_order_status", "status": "on_hold"}],
        trigger_conditions={"all": [{"field": "work_order.status", "operator": "is", "value": "scheduled"}]},
    )
    now = datetime.now(UTC)
    start = (now - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    late = work_order(api, acme, scheduled_at=start, expected_duration_minutes=60)["work_order_number"]
    running = work_order(api, acme, scheduled_at=start, expected_duration_minutes=600)["work_order_number"]
    cancelled = work_order(api, acme, scheduled_at=start, expected_duration_minutes=60)["work_order_number"]
    unscheduled = work_order(api, acme)["work_order_number"]
    patch(api, acme, cancelled, status="cancelled")
    stream.drain()

    first = run_schedule(api, "automation_timer_job", now + timedelta(minutes=5))
    assert (first["overdue"]["fired"], first["overdue"]["read"]) == (1, 1)
    stream.drain()
    statuses = {n: read(api, acme, n)["status"] for n in (late, running, cancelled, unscheduled)}
    assert statuses == {late: "on_hold", running: "scheduled", cancelled: "cancelled", unscheduled: "new"}
    assert runs(api, acme, overdue["id"]) == 1

    again = run_schedule(api, "automation_timer_job", now + timedelta(minutes=10))
    assert again["overdue"]["fired"] == 0
    stream.poller.iterators.clear()
    stream.drain()
    assert runs(api, acme, overdue["id"]) == 1

    # The long job runs past its due time later: its own event, once.
    later = run_schedule(api, "automation_timer_job", now + timedelta(hours=8))
    assert later["overdue"]["fired"] == 1
    stream.drain()
    assert read(api, acme, running)["status"] == "on_hold"
    assert runs(api, acme, overdue["id"]) == 2


def test_the_overdue_sweep_reads_only_due_partitions(api: Client, acme: Tenant) -> None:
    """No Scan (the test hook refuses one) and nothing read for work orders not yet due."""
    for _ in range(3):
        work_order(api, acme, scheduled_at=TUESDAY)
    result = run_schedule(api, "automation_timer_job", datetime.now(UTC))
    assert result["overdue"] == {"read": 0, "fired": 0, "conflicts": 0}


# ---- webhook events ---------------------------------------------------------------------------


def test_subscriptions_get_work_order_created_updated_and_completed(
    api: Client,
    acme: Tenant,
    stream: Any,
    sender: Any,
    endpoint: str,
) -> None:
    subscribe(api, acme, endpoint, ["work_order.created", "work_order.updated", "work_order.completed"])
    tech = technician(api, acme, acme.user_id("agent"))
    number = work_order(api, acme, scheduled_at=TUESDAY)["work_order_number"]
    job = assign(api, acme, number, tech["id"])
    for status in ("started", "completed"):
        move(api, acme, number, job["id"], status)
    stream.drain()
    sender.drain()
    payloads = [json.loads(body) for _, body in Endpoint.received]
    events = [(p["event"], p["work_order"]["status"]) for p in payloads]
    assert events == [
        ("work_order.created", "scheduled"),
        ("work_order.updated", "dispatched"),
        ("work_order.updated", "in_progress"),
        ("work_order.updated", "completed"),
        ("work_order.completed", "completed"),
    ]
    assert all(p["work_order"]["work_order_number"] == number and p["ticket"] is None for p in payloads)
    assert "automation" not in payloads[0]["work_order"]
    changed = {c["field"] for c in payloads[1]["data"]["changes"]}
    assert {"status", "technician_id"} <= changed

    stream.poller.iterators.clear()
    stream.drain()
    sender.drain()
    assert len(Endpoint.received) == 5, "a replayed stream queues nothing twice"
