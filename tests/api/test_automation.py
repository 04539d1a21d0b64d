"""Automation rules end to end: the API, the table stream (``stream.drain()``), the schedules."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.store.keys import tenant_key
from chalicelib.store.table import TableItem
from tests.api.helpers import Tenant, call, make_tenant, run_schedule
from tests.api.test_sla_sweep import run_sweep


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def rule(api: Client, acme: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"name": "Rule", "trigger_type": "ticket_created", **fields}
    reply = call(api, "POST", "/automation-rules", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def ticket(api: Client, acme: Tenant, number: str) -> dict[str, Any]:
    reply = call(api, "GET", f"/tickets/{number}", acme.token("admin"))
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def open_ticket(api: Client, acme: Tenant, **fields: Any) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer on fire", **fields})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def stats(api: Client, acme: Tenant, rule_id: str) -> dict[str, Any]:
    result: dict[str, Any] = call(api, "GET", f"/automation-rules/{rule_id}", acme.token("admin")).body["statistics"]
    return result


def history(api: Client, acme: Tenant, number: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = call(api, "GET", f"/tickets/{number}/history?limit=100", acme.token("admin")).body[
        "items"
    ]
    return items


# ---- rules as data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"actions": [{"type": "set_status", "status": "exploded"}]}, "actions.0.set_status.status"),
        ({"actions": [{"type": "teleport"}]}, "actions.0"),
        ({"actions": []}, "actions"),
        (
            {
                "trigger_conditions": {"all": [{"field": "colour", "operator": "is", "value": "red"}]},
                "actions": [{"type": "add_tags", "tags": ["x"]}],
            },
            "trigger_conditions.all.0.is.field",
        ),
        (
            {
                "trigger_conditions": {"any": [{"field": "subject", "operator": "matches", "value": "(unclosed"}]},
                "actions": [{"type": "add_tags", "tags": ["x"]}],
            },
            "trigger_conditions.any.0.matches.value",
        ),
        ({"actions": [{"type": "assign_to"}]}, "actions.0.assign_to"),
        ({"actions": [{"type": "reply_to_requester", "template": "Hi {{ticket.secret}}"}]}, "actions.0"),
    ],
)
def test_an_invalid_rule_is_422_with_the_path_of_the_bad_part(
    api: Client, acme: Tenant, body: dict[str, Any], field: str
) -> None:
    reply = call(
        api,
        "POST",
        "/automation-rules",
        acme.token("manager"),
        {"name": "Bad", "trigger_type": "ticket_created", **body},
    )
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_rule"
    assert any(d["field"].startswith(field) for d in reply.body["error"]["details"]), reply.body
    assert call(api, "GET", "/automation-rules", acme.token("manager")).body["items"] == []


def test_rules_that_contradict_their_trigger_are_422(api: Client, acme: Tenant) -> None:
    for body in (
        {  # nothing "changed" on creation
            "trigger_type": "ticket_created",
            "trigger_conditions": {"all": [{"field": "status", "operator": "changed"}]},
        },
        {  # time-based rules are found through updated_at
            "trigger_type": "time_based",
            "trigger_conditions": {"all": [{"field": "status", "operator": "is", "value": "pending"}]},
        },
        {
            "trigger_type": "ticket_updated",
            "trigger_conditions": {"all": [{"field": "comment.content", "operator": "contains", "value": "x"}]},
        },
    ):
        reply = call(
            api,
            "POST",
            "/automation-rules",
            acme.token("admin"),
            {"name": "Bad", **body, "actions": [{"type": "add_tags", "tags": ["x"]}]},
        )
        assert reply.status == 422, (body, reply.body)


def test_crud_with_versions_and_hidden_webhook_secrets(api: Client, acme: Tenant) -> None:
    created = rule(
        api,
        acme,
        actions=[{"type": "call_webhook", "url": "https://hooks.example.com/x", "secret": "s" * 32}],
    )
    assert created["actions"][0]["secret"] is None
    assert created["statistics"] is None
    changed = call(
        api,
        "PATCH",
        f"/automation-rules/{created['id']}",
        acme.token("manager"),
        {"is_active": False, "execution_order": 7},
        headers={"If-Match": "1"},
    )
    assert changed.status == 200, changed.body
    assert (changed.body["is_active"], changed.body["execution_order"], changed.body["version"]) == (False, 7, 2)
    stale = call(
        api,
        "PATCH",
        f"/automation-rules/{created['id']}",
        acme.token("manager"),
        {"name": "x"},
        headers={"If-Match": "1"},
    )
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")
    fetched = call(api, "GET", f"/automation-rules/{created['id']}", acme.token("admin")).body
    assert fetched["statistics"]["execution_count"] == 0
    assert call(api, "DELETE", f"/automation-rules/{created['id']}", acme.token("admin")).status == 204
    assert call(api, "GET", f"/automation-rules/{created['id']}", acme.token("admin")).status == 404
    assert call(api, "GET", "/automation-rules", acme.token("agent")).status == 403


# ---- execution from the stream ---------------------------------------------------------------


def test_a_created_ticket_runs_matching_rules_in_order_once(api: Client, acme: Tenant, stream: Any) -> None:
    urgent = rule(
        api,
        acme,
        name="Urgent to agent",
        execution_order=1,
        trigger_conditions={"all": [{"field": "priority", "operator": "is", "value": "urgent"}]},
        actions=[
            {"type": "add_tags", "tags": ["vip-watch"]},
            {"type": "assign_to", "user_id": acme.user_id("agent")},
            {"type": "add_internal_note", "content": "Routed by the urgent rule."},
            {
                "type": "reply_to_requester",
                "template": "Hello {{requester.first_name}}, {{ticket.ticket_number}} is in.",
            },
        ],
    )
    later = rule(
        api,
        acme,
        name="Any new ticket",
        execution_order=2,
        actions=[{"type": "add_tags", "tags": ["triaged"]}],
    )
    unmatched = rule(
        api,
        acme,
        name="Email only",
        execution_order=3,
        trigger_conditions={"all": [{"field": "channel", "operator": "is", "value": "email"}]},
        actions=[{"type": "add_tags", "tags": ["email"]}],
    )
    number = open_ticket(api, acme, priority="urgent")
    stream.drain()

    result = ticket(api, acme, number)
    assert result["tags"] == ["vip-watch", "triaged"]
    assert (result["assigned_agent_id"], result["status"]) == (acme.user_id("agent"), "open")
    notes = [(c["comment_type"], c["author_id"], c["content"]) for c in result["comments"]]
    assert ("internal", f"rule:{urgent['id']}", "Routed by the urgent rule.") in notes
    assert ("public", f"rule:{urgent['id']}", f"Hello Customer, {number} is in.") in notes
    customer_view = call(api, "GET", f"/tickets/{number}", acme.token("customer")).body
    assert [c["comment_type"] for c in customer_view["comments"]] == ["public"]

    by_rule = {h["field_name"]: h["rule_id"] for h in history(api, acme, number) if h["change_type"] == "automation"}
    assert by_rule["assigned_agent_id"] == urgent["id"]
    assert by_rule["tags"] in (urgent["id"], later["id"])
    assert stats(api, acme, urgent["id"])["execution_count"] == 1
    assert stats(api, acme, urgent["id"])["success_count"] == 1
    assert stats(api, acme, urgent["id"])["average_execution_time"] >= 0
    assert stats(api, acme, unmatched["id"])["execution_count"] == 0

    # Replaying the whole stream changes nothing.
    version = result["version"]
    stream.poller.iterators.clear()
    stream.drain()
    assert ticket(api, acme, number)["version"] == version
    assert stats(api, acme, urgent["id"])["execution_count"] == 1


def test_stop_on_match_stops_the_rest(api: Client, acme: Tenant, stream: Any) -> None:
    first = rule(api, acme, execution_order=1, stop_on_match=True, actions=[{"type": "add_tags", "tags": ["first"]}])
    rule(api, acme, execution_order=2, actions=[{"type": "add_tags", "tags": ["second"]}])
    number = open_ticket(api, acme)
    stream.drain()
    assert ticket(api, acme, number)["tags"] == ["first"]
    assert stats(api, acme, first["id"])["success_count"] == 1


def test_a_failing_rule_is_counted_and_does_not_block_the_others(api: Client, acme: Tenant, stream: Any) -> None:
    broken = rule(
        api,
        acme,
        name="Impossible",
        execution_order=1,
        actions=[{"type": "add_tags", "tags": ["half-done"]}, {"type": "set_status", "status": "closed"}],
    )
    fine = rule(api, acme, name="Fine", execution_order=2, actions=[{"type": "set_priority", "priority": "high"}])
    number = open_ticket(api, acme)
    other = open_ticket(api, acme, subject="Second")
    stream.drain()
    for n in (number, other):
        result = ticket(api, acme, n)
        assert result["priority"] == "high"
        assert "half-done" not in result["tags"], "a failed rule leaves nothing behind"
    failed = stats(api, acme, broken["id"])
    assert (failed["execution_count"], failed["failure_count"]) == (2, 2)
    assert "cannot become closed" in failed["last_error"]
    assert stats(api, acme, fine["id"])["success_count"] == 2


def test_chains_of_rules_stop_at_depth_five(api: Client, acme: Tenant, stream: Any, log_capture: Any) -> None:
    for i in range(1, 8):
        rule(
            api,
            acme,
            name=f"Step {i}",
            trigger_type="ticket_updated",
            execution_order=i,
            trigger_conditions={"all": [{"field": "tags", "operator": "contains", "value": f"r{i}"}]},
            actions=[{"type": "add_tags", "tags": [f"r{i + 1}"]}],
        )
    number = open_ticket(api, acme)
    stream.drain()
    reply = call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"tags": ["r1"]})
    assert reply.status == 200
    stream.drain()
    tags = ticket(api, acme, number)["tags"]
    assert tags == ["r1", "r2", "r3", "r4", "r5", "r6"], "five rule-made changes, then the chain stops"
    assert any(line["message"] == "automation chain stopped at the depth limit" for line in log_capture())


def test_a_rule_fires_once_per_originating_event(api: Client, acme: Tenant, stream: Any) -> None:
    """A rule whose own change would match it again does not run again in that chain."""
    bump = rule(
        api,
        acme,
        trigger_type="ticket_updated",
        trigger_conditions={"all": [{"field": "priority", "operator": "changed"}]},
        actions=[{"type": "add_tags", "tags": ["priority-moved"]}, {"type": "set_priority", "priority": "urgent"}],
    )
    number = open_ticket(api, acme)
    call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"priority": "high"})
    stream.drain()
    result = ticket(api, acme, number)
    assert (result["priority"], result["tags"]) == ("urgent", ["priority-moved"])
    assert stats(api, acme, bump["id"])["execution_count"] == 1


def test_comment_and_sla_events_trigger_their_rules(api: Client, acme: Tenant, stream: Any) -> None:
    call(
        api,
        "POST",
        "/sla-policies",
        acme.token("manager"),
        {"name": "Fast", "first_response_hours": 1, "resolution_hours": 2},
    )
    refund = rule(
        api,
        acme,
        trigger_type="comment_added",
        trigger_conditions={
            "all": [
                {"field": "comment.content", "operator": "matches", "value": r"\brefund(s|ed)?\b"},
                {"field": "comment.comment_type", "operator": "is", "value": "public"},
            ]
        },
        actions=[
            {"type": "set_priority", "priority": "high"},
            {"type": "notify", "recipient": "role", "role": "manager"},
        ],
    )
    breached = rule(
        api,
        acme,
        trigger_type="sla_breached",
        trigger_conditions={"all": [{"field": "sla.target", "operator": "is", "value": "first_response"}]},
        actions=[{"type": "add_tags", "tags": ["first-response-missed"]}],
    )
    number = open_ticket(api, acme)
    call(api, "POST", f"/tickets/{number}/comments", acme.token("customer"), {"content": "I want a refund now"})
    stream.drain()
    assert ticket(api, acme, number)["priority"] == "high"
    assert stats(api, acme, refund["id"])["success_count"] == 1
    n = int(number.split("-")[1])
    events = [
        i
        for i in TableItem.query(tenant_key(acme.org_id, "TICKET", n), TableItem.SK.startswith("EVENT#"))
        if getattr(i, "event_type", None) == "notification"
    ]
    assert [e.data["recipients"] for e in events] == [[acme.user_id("manager")]]  # type: ignore[attr-defined]

    run_sweep(api, datetime.now().astimezone() + timedelta(hours=1, minutes=5))
    stream.drain()
    assert "first-response-missed" in ticket(api, acme, number)["tags"]
    assert stats(api, acme, breached["id"])["execution_count"] == 1


def test_assign_to_a_department_least_loaded_and_round_robin(api: Client, acme: Tenant, stream: Any) -> None:
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Support"}).body
    for name in ("agent", "agent2"):
        added = call(api, "PUT", f"/departments/{department['id']}/members/{acme.user_id(name)}", acme.token("admin"))
        assert added.status in (200, 201), added.body
    busy = open_ticket(api, acme, subject="Already assigned")
    call(api, "PATCH", f"/tickets/{busy}", acme.token("manager"), {"assigned_agent_id": acme.user_id("agent")})
    stream.drain()  # before the rule exists
    rule(api, acme, actions=[{"type": "assign_to", "department_id": department["id"], "strategy": "least_loaded"}])
    number = open_ticket(api, acme)
    stream.drain()
    assert ticket(api, acme, number)["assigned_agent_id"] == acme.user_id("agent2"), "the agent with fewer tickets"

    robin = call(api, "GET", "/automation-rules", acme.token("admin")).body["items"][0]
    call(
        api,
        "PATCH",
        f"/automation-rules/{robin['id']}",
        acme.token("admin"),
        {"actions": [{"type": "assign_to", "department_id": department["id"], "strategy": "round_robin"}]},
    )
    numbers = [open_ticket(api, acme, subject=f"RR {i}") for i in range(4)]
    stream.drain()
    assignees = [ticket(api, acme, n)["assigned_agent_id"] for n in numbers]
    assert sorted(assignees) == sorted([acme.user_id("agent"), acme.user_id("agent2")] * 2)
    assert assignees[0] != assignees[1]
    assert assignees[1] != assignees[2]


def test_time_based_rules_act_on_indexed_candidates_once(api: Client, acme: Tenant, stream: Any) -> None:
    nudge = rule(
        api,
        acme,
        trigger_type="time_based",
        trigger_conditions={
            "all": [
                {"field": "status", "operator": "is", "value": "pending"},
                {"field": "updated_at", "operator": "hours_since", "value": 48},
            ]
        },
        actions=[
            {"type": "reply_to_requester", "template": "Is {{ticket.ticket_number}} still a problem?"},
            {"type": "add_tags", "tags": ["nudged"]},
        ],
    )
    start = datetime.fromisoformat("2026-03-02T09:00:00+00:00")
    with time_machine.travel(start, tick=False):
        waiting = open_ticket(api, acme, subject="Waiting on customer")
        fresh = open_ticket(api, acme, subject="Not pending")
        call(api, "PATCH", f"/tickets/{waiting}", acme.token("manager"), {"status": "pending"})

    def run_timer(at: datetime) -> dict[str, Any]:
        return run_schedule(api, "automation_timer_job", at)

    assert run_timer(start + timedelta(hours=47))["fired"] == 0
    with time_machine.travel(start + timedelta(hours=49), tick=False):
        first = run_timer(start + timedelta(hours=49))
        again = run_timer(start + timedelta(hours=49, minutes=5))
    assert (first["fired"], again["fired"]) == (1, 0)
    assert first["candidates"] == 1, "only pending tickets untouched for 48 hours were read"
    result = ticket(api, acme, waiting)
    assert "nudged" in result["tags"]
    assert [c["content"] for c in result["comments"] if c["author_id"] == f"rule:{nudge['id']}"] == [
        f"Is {waiting} still a problem?"
    ]
    assert "nudged" not in ticket(api, acme, fresh)["tags"]


def test_dry_run_explains_and_writes_nothing(api: Client, acme: Tenant) -> None:
    created = rule(
        api,
        acme,
        trigger_type="ticket_updated",
        trigger_conditions={
            "all": [{"field": "priority", "operator": "gt", "value": "low"}],
            "any": [
                {"field": "subject", "operator": "contains", "value": "fire"},
                {"field": "tags", "operator": "contains", "value": "hot"},
            ],
        },
        actions=[{"type": "set_status", "status": "pending"}, {"type": "add_tags", "tags": ["dry"]}],
    )
    number = open_ticket(api, acme)
    before = ticket(api, acme, number)
    reply = call(
        api, "POST", f"/automation-rules/{created['id']}/dry-run", acme.token("manager"), {"ticket_number": number}
    )
    assert reply.status == 200, reply.body
    body = reply.body
    assert body["matched"] is True
    assert [(c["path"], c["held"]) for c in body["conditions"]] == [
        ("all[0]", True),
        ("any[0]", True),
        ("any[1]", False),
    ]
    assert body["conditions"][0]["actual"] == "normal"
    assert (body["ticket"]["status"], body["ticket"]["tags"]) == ("pending", ["dry"])
    assert {c["field"] for c in body["changes"]} == {"status", "tags"}
    after = ticket(api, acme, number)
    assert (after["version"], after["status"], after["tags"]) == (before["version"], before["status"], before["tags"])
    missing = call(
        api, "POST", f"/automation-rules/{created['id']}/dry-run", acme.token("manager"), {"ticket_number": "T-999"}
    )
    assert missing.status == 404


def test_dry_run_simulates_a_change_for_change_operators(api: Client, acme: Tenant) -> None:
    created = rule(
        api,
        acme,
        trigger_type="ticket_updated",
        trigger_conditions={"all": [{"field": "priority", "operator": "changed_to", "value": "urgent"}]},
        actions=[{"type": "add_tags", "tags": ["escalated"]}],
    )
    number = open_ticket(api, acme)
    path = f"/automation-rules/{created['id']}/dry-run"
    as_is = call(api, "POST", path, acme.token("manager"), {"ticket_number": number}).body
    assert as_is["matched"] is False
    simulated = call(
        api, "POST", path, acme.token("manager"), {"ticket_number": number, "changes": {"priority": "urgent"}}
    ).body
    assert simulated["matched"] is True
    assert (simulated["ticket"]["priority"], simulated["ticket"]["tags"]) == ("urgent", ["escalated"])
    bad = call(api, "POST", path, acme.token("manager"), {"ticket_number": number, "changes": {"version": 9}})
    assert (bad.status, bad.body["error"]["code"]) == (422, "invalid_changes")
    assert ticket(api, acme, number)["priority"] == "normal"


class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def receiver() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    Receiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


def test_call_webhook_delivers_a_signed_event(
    api: Client, acme: Tenant, stream: Any, sender: Any, receiver: str
) -> None:
    secret = "whsec-" + "k" * 26
    created = rule(api, acme, actions=[{"type": "call_webhook", "url": receiver, "secret": secret}])
    broken = rule(api, acme, actions=[{"type": "call_webhook", "url": "http://127.0.0.1:9/nothing", "secret": secret}])
    number = open_ticket(api, acme)
    stream.drain()
    assert Receiver.received == []  # queued by the stream pass, sent by the sender
    sender.drain()
    assert len(Receiver.received) == 1
    headers, body = Receiver.received[0]
    timestamp, signature = (part.split("=", 1)[1] for part in headers["X-Deskless-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    payload = json.loads(body)
    assert (payload["event"], payload["ticket"]["ticket_number"], payload["rule"]["id"]) == (
        "automation.webhook",
        number,
        created["id"],
    )
    assert headers["X-Deskless-Delivery"]
    assert "webhook http://127.0.0.1:9/nothing" in stats(api, acme, broken["id"])["last_error"]


def test_create_work_order_action_links_the_ticket_once(api: Client, acme: Tenant, stream: Any) -> None:
    onsite = rule(
        api,
        acme,
        name="Onsite repairs",
        trigger_conditions={"all": [{"field": "tags", "operator": "contains", "value": "onsite"}]},
        actions=[
            {
                "type": "create_work_order",
                "title": "Visit: {{ticket.subject}}",
                "required_skills": ["Printers"],
                "expected_duration_minutes": 90,
            }
        ],
    )
    number = open_ticket(api, acme, tags=["onsite"])
    preview = call(
        api, "POST", f"/automation-rules/{onsite['id']}/dry-run", acme.token("manager"), {"ticket_number": number}
    )
    assert preview.body["actions"][0]["work_order_number"] == "T-WO-(new)"
    assert call(api, "GET", "/work-orders", acme.token("manager")).body["items"] == []  # a dry run writes nothing
    stream.drain()

    orders = call(api, "GET", "/work-orders", acme.token("manager")).body["items"]
    assert len(orders) == 1
    order = orders[0]
    assert (order["title"], order["ticket_number"], order["customer_id"]) == (
        "Visit: Printer on fire",
        number,
        acme.user_id("customer"),
    )
    assert (order["required_skills"], order["expected_duration_minutes"], order["created_by_id"]) == (
        ["printers"],
        90,
        f"rule:{onsite['id']}",
    )
    linked = ticket(api, acme, number)
    assert linked["work_order_numbers"] == [order["work_order_number"]]
    assert f"Work order {order['work_order_number']} was created by rule 'Onsite repairs'." in [
        c["content"] for c in linked["comments"]
    ]
    stream.poller.iterators.clear()
    stream.drain()
    assert len(call(api, "GET", "/work-orders", acme.token("manager")).body["items"]) == 1
    assert ticket(api, acme, number)["work_order_numbers"] == [order["work_order_number"]]
