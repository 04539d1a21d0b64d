"""The inbox's queue counts (``GET /tickets/counts``, ``include=counts``): exact counters kept in the
ticket's own transaction on every path (API, stream, sweep), per caller, never across organizations;
and the recount that starts them for tickets stored before."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, deliver_mail, make_tenant
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (fixture)
from tests.api.test_sla_sweep import run_sweep


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def queue(total: int = 0, status: dict[str, int] | None = None, priority: dict[str, int] | None = None) -> Any:
    """What one queue's counts look like (unnamed statuses and priorities are 0)."""
    return {
        "total": total,
        "by_status": {s: 0 for s in ("new", "open", "pending", "on_hold", "solved")} | (status or {}),
        "by_priority": {p: 0 for p in ("low", "normal", "high", "urgent")} | (priority or {}),
    }


def counts(api: Client, tenant: Tenant, role: str = "manager") -> dict[str, Any]:
    reply = call(api, "GET", "/tickets/counts", tenant.token(role))
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def open_ticket(api: Client, tenant: Tenant, **fields: Any) -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": "Scanner offline", **fields})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def change(api: Client, tenant: Tenant, number: str, role: str = "manager", **fields: Any) -> dict[str, Any]:
    reply = call(api, "PATCH", f"/tickets/{number}", tenant.token(role), fields)
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def test_counts_follow_create_assign_status_priority_delete_restore_and_close(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    assert counts(api, acme) | {"as_of": None} == {
        "mine": queue(),
        "unassigned": queue(),
        "all": queue(),
        "departments": [],
        "as_of": None,
    }

    first = open_ticket(api, acme)
    second = open_ticket(api, acme, priority="urgent")
    assert counts(api, acme)["all"] == queue(2, {"new": 2}, {"normal": 1, "urgent": 1})
    assert counts(api, acme)["unassigned"] == queue(2, {"new": 2}, {"normal": 1, "urgent": 1})

    change(api, acme, first, assigned_agent_id=agent)  # assigning a new ticket opens it
    mine = counts(api, acme, "agent")
    assert mine["mine"] == queue(1, {"open": 1}, {"normal": 1})
    assert mine["unassigned"] == queue(1, {"new": 1}, {"urgent": 1})

    change(api, acme, first, status="pending", priority="high")
    assert counts(api, acme, "agent")["mine"] == queue(1, {"pending": 1}, {"high": 1})
    change(api, acme, first, status="solved")
    assert counts(api, acme, "agent")["mine"] == queue(1, {"solved": 1}, {"high": 1}), "solved still counts"
    change(api, acme, first, status="closed")
    assert counts(api, acme, "agent")["mine"] == queue(), "closed leaves every queue"
    assert counts(api, acme)["all"] == queue(1, {"new": 1}, {"urgent": 1})

    assert call(api, "DELETE", f"/tickets/{second}", acme.token("manager")).status == 204
    assert counts(api, acme)["all"] == queue()
    assert counts(api, acme)["unassigned"] == queue()
    assert call(api, "POST", f"/tickets/{second}/restore", acme.token("manager")).status == 200
    assert counts(api, acme)["all"] == queue(1, {"new": 1}, {"urgent": 1})
    assert counts(api, acme)["unassigned"] == queue(1, {"new": 1}, {"urgent": 1})

    change(api, acme, second, assigned_agent_id=agent)
    change(api, acme, second, assigned_agent_id=acme.user_id("agent2"))
    assert counts(api, acme, "agent")["mine"] == queue()
    assert counts(api, acme, "agent2")["mine"] == queue(1, {"open": 1}, {"urgent": 1})
    change(api, acme, second, assigned_agent_id=None)
    assert counts(api, acme, "agent2")["mine"] == queue()
    assert counts(api, acme)["unassigned"] == queue(1, {"open": 1}, {"urgent": 1})


def test_a_reply_moves_a_new_ticket_to_open_in_the_counts(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "On it"})
    assert reply.status == 201, reply.body
    status = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["status"]
    assert counts(api, acme)["all"] == queue(1, {status: 1}, {"normal": 1})


def test_agents_see_their_queue_and_the_unassigned_one_never_all(api: Client, acme: Tenant) -> None:
    change(api, acme, open_ticket(api, acme), assigned_agent_id=acme.user_id("agent2"))
    open_ticket(api, acme)
    agent = counts(api, acme, "agent")
    assert agent["all"] is None, "an agent without tickets.view_all sees no organization-wide count"
    assert agent["mine"] == queue()
    assert agent["unassigned"] == queue(1, {"new": 1}, {"normal": 1})
    for role in ("manager", "admin"):
        assert counts(api, acme, role)["all"] == queue(2, {"new": 1, "open": 1}, {"normal": 2})


def test_a_customer_gets_no_counts(api: Client, acme: Tenant) -> None:
    open_ticket(api, acme)
    denied = call(api, "GET", "/tickets/counts", acme.token("customer"))
    assert denied.status == 403
    assert denied.body["error"]["code"] == "forbidden"
    page = call(api, "GET", "/tickets?include=counts", acme.token("customer"))
    assert page.status == 200, page.body
    assert len(page.body["items"]) == 1
    assert page.body["included"] is None, "include=counts side-loads nothing for a customer"
    assert call(api, "GET", "/tickets/counts").status == 401


def test_two_organizations_never_mix(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    open_ticket(api, acme)
    open_ticket(api, acme)
    change(api, acme, open_ticket(api, acme), assigned_agent_id=acme.user_id("agent"))
    open_ticket(api, globex, priority="low")
    assert counts(api, acme)["all"]["total"] == 3
    assert counts(api, acme, "agent")["mine"]["total"] == 1
    assert counts(api, globex)["all"] == queue(1, {"new": 1}, {"low": 1})
    assert counts(api, globex)["unassigned"] == queue(1, {"new": 1}, {"low": 1})
    assert counts(api, globex, "agent")["mine"] == queue()


def test_the_poll_gets_page_counts_and_sla_in_one_batch_read(api: Client, acme: Tenant) -> None:
    policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
    assert call(api, "POST", "/sla-policies", acme.token("admin"), policy).status == 201
    for _ in range(3):
        open_ticket(api, acme)
    since = (datetime.now().astimezone() - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    path = f"/tickets?updated_since={since}&include=users".replace("+", "%2B")
    with metering.metered() as calls:
        assert call(api, "GET", path, acme.token("manager")).status == 200
    users_only = [c.operation for c in calls]
    with metering.metered() as calls:
        page = call(api, "GET", path + ",sla_policy,sla,counts", acme.token("manager"))
    assert page.status == 200, page.body
    assert page.body["included"]["counts"]["all"] == queue(3, {"new": 3}, {"normal": 3})
    assert [t["sla_status"]["state"] for t in page.body["items"]] == ["running"] * 3
    # The caller's departments are one Query (a manager's: every department); the counts and the
    # policies ride the page's one batch read.
    assert sorted(c.operation for c in calls) == sorted(["Query", *users_only]), "counts ride the one batch read"
    assert users_only.count("Query") == 1, users_only

    alone = call(api, "GET", "/tickets/counts", acme.token("manager")).body
    assert alone["all"] == page.body["included"]["counts"]["all"]
    with metering.metered() as calls:
        assert call(api, "GET", "/tickets/counts", acme.token("agent")).status == 200
    assert [c.operation for c in calls] == ["BatchGetItem", "Query", "BatchGetItem"], (
        "the session check, the agent's departments, then the counters (with the organization's settings)"
    )
    assert calls[-1].items_read == 3, "the unassigned counters (all and no department's) and the organization"


def test_the_ticket_read_includes_counts_too(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    detail = call(api, "GET", f"/tickets/{number}?include=counts", acme.token("agent"))
    assert detail.status == 200, detail.body
    assert detail.body["included"]["counts"]["unassigned"] == queue(1, {"new": 1}, {"normal": 1})
    assert detail.body["included"]["counts"]["all"] is None


def test_an_automation_rule_assigning_through_the_stream_moves_the_count(
    api: Client, acme: Tenant, stream: Any
) -> None:
    agent = acme.user_id("agent")
    body = {"name": "Route", "trigger_type": "ticket_created", "actions": [{"type": "assign_to", "user_id": agent}]}
    assert call(api, "POST", "/automation-rules", acme.token("manager"), body).status == 201
    open_ticket(api, acme)
    assert counts(api, acme)["unassigned"]["total"] == 1
    stream.drain()
    assert counts(api, acme, "agent")["mine"] == queue(1, {"open": 1}, {"normal": 1})
    assert counts(api, acme)["unassigned"] == queue()
    assert counts(api, acme)["all"] == queue(1, {"open": 1}, {"normal": 1})


def test_a_retried_stream_batch_never_counts_twice(
    api: Client, acme: Tenant, stream: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {
        "name": "Urgent printers",
        "trigger_type": "ticket_created",
        "actions": [{"type": "set_priority", "priority": "urgent"}, {"type": "set_status", "status": "open"}],
    }
    assert call(api, "POST", "/automation-rules", acme.token("manager"), body).status == 201
    first = stream.poller._invoke

    def twice(name: str, records: list[dict[str, Any]]) -> Any:
        first(name, records)  # Lambda retries a batch whole, also the records it had finished
        return first(name, records)

    monkeypatch.setattr(stream.poller, "_invoke", twice)
    open_ticket(api, acme)
    open_ticket(api, acme)
    stream.drain()
    assert counts(api, acme)["all"] == queue(2, {"open": 2}, {"urgent": 2})
    assert counts(api, acme)["unassigned"] == queue(2, {"open": 2}, {"urgent": 2})


def test_an_sla_escalation_raising_priority_and_reassigning_moves_the_counts(api: Client, acme: Tenant) -> None:
    from tests.api.test_sla_sweep import at, setup_ticket

    created = setup_ticket(api, acme)
    assert counts(api, acme)["all"] == queue(1, {"new": 1}, {"normal": 1})
    for minutes in (61, 121, 151):  # warning, breach, then the escalation 30 minutes after it
        run_sweep(api, at(created["created_at"]) + timedelta(minutes=minutes))
    final = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("manager")).body
    assert final["priority"] == "high"
    assert final["assigned_agent_id"] == acme.user_id("manager")
    status = final["status"]
    assert counts(api, acme)["all"] == queue(1, {status: 1}, {"high": 1})
    assert counts(api, acme)["mine"] == queue(1, {status: 1}, {"high": 1})
    assert counts(api, acme)["unassigned"] == queue()


def test_a_ticket_opened_by_mail_counts_once_however_often_the_mail_comes(api: Client, acme: Tenant) -> None:
    from tests.api.test_email_ingest import mail

    assert deliver_mail(api, mail("plain.eml"), "m1")["action"] == "created"
    assert deliver_mail(api, mail("plain.eml"), "m1-redelivered")["action"] == "duplicate"
    assert counts(api, acme)["all"] == queue(1, {"new": 1}, {"normal": 1})


def test_the_recount_sets_counters_for_tickets_stored_before_them(api: Client, acme: Tenant) -> None:
    from chalicelib.jobs import reindex_lists
    from chalicelib.store.keys import org_pk
    from chalicelib.store.queue_counts import QueueCountItem

    change(api, acme, open_ticket(api, acme), assigned_agent_id=acme.user_id("agent"), priority="high")
    open_ticket(api, acme)
    closed = open_ticket(api, acme)
    change(api, acme, closed, status="solved")
    change(api, acme, closed, status="closed")
    expected = counts(api, acme)
    for item in QueueCountItem.query(org_pk(acme.org_id), QueueCountItem.SK.startswith("QUEUECOUNT#")):
        item.delete()  # as an organization whose tickets predate the counters
    assert counts(api, acme)["all"] == queue()

    report = reindex_lists.run([acme.org_id])
    assert report["by_organization"][acme.org_id]["queue_counters"] == 5  # with no department's two
    assert counts(api, acme) | {"as_of": None} == expected | {"as_of": None}
    assert counts(api, acme, "agent")["mine"] == queue(1, {"open": 1}, {"high": 1})
    assert reindex_lists.run([acme.org_id])["rewritten"] == 0, "a second run writes nothing"


def test_the_recount_counts_again_when_a_ticket_write_moves_a_counter_meanwhile(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.store import reindex

    open_ticket(api, acme)
    every_ticket = reindex._every_ticket
    raced: list[bool] = []

    def racing(org_id: str) -> Any:
        found = every_ticket(org_id)
        if not raced:
            raced.append(True)
            open_ticket(api, acme)  # lands between the recount's read and its write
        return found

    monkeypatch.setattr(reindex, "_every_ticket", racing)
    reindex.recount_queues(acme.org_id)
    assert counts(api, acme)["all"] == queue(2, {"new": 2}, {"normal": 2}), "the ticket written meanwhile counts"


@pytest.fixture
def busy(server_api: Client) -> tuple[Client, Tenant]:  # noqa: F811
    return server_api, make_tenant(server_api, "busy")


def test_concurrent_changes_of_different_tickets_all_count(busy: tuple[Client, Tenant]) -> None:
    api, tenant = busy
    numbers = [open_ticket(api, tenant) for _ in range(6)]
    agents = [tenant.user_id("agent"), tenant.user_id("agent2")]
    replies = at_once(
        [
            request(api, "PATCH", f"/tickets/{n}", tenant.token("manager"), {"assigned_agent_id": agents[i % 2]})
            for i, n in enumerate(numbers)
        ]
        + [request(api, "POST", "/tickets", tenant.token("customer"), {"subject": "More"}) for _ in range(4)]
    )
    assert [r.status for r in replies] == [200] * 6 + [201] * 4, [r.body for r in replies]
    assert counts(api, tenant)["all"] == queue(10, {"new": 4, "open": 6}, {"normal": 10})
    assert counts(api, tenant)["unassigned"] == queue(4, {"new": 4}, {"normal": 4})
    assert counts(api, tenant, "agent")["mine"] == queue(3, {"open": 3}, {"normal": 3})
    assert counts(api, tenant, "agent2")["mine"] == queue(3, {"open": 3}, {"normal": 3})


def test_erasing_a_person_never_undoes_a_change_made_to_their_ticket_meanwhile(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.domain.anonymize import REDACTED
    from chalicelib.store import retention

    number = open_ticket(api, acme, description="Call me on 555 0100")
    read_partition = retention.partition
    raced: list[bool] = []

    def racing(pk: str) -> Any:
        items = read_partition(pk)
        if not raced:
            raced.append(True)
            change(api, acme, number, "agent", status="solved", assigned_agent_id=acme.user_id("agent"))
        return items

    monkeypatch.setattr(retention, "partition", racing)
    erased = call(api, "POST", f"/users/{acme.user_id('customer')}/anonymize", acme.token("admin"))
    assert erased.status == 200, erased.body
    assert raced, "the agent's change landed between the erasure's read and its write"
    ticket = call(api, "GET", f"/tickets/{number}", acme.token("admin")).body
    assert (ticket["status"], ticket["assigned_agent_id"]) == ("solved", acme.user_id("agent"))
    assert ticket["description"] == REDACTED, "and the erasure was still done"
    assert counts(api, acme, "agent")["mine"] == queue(1, {"solved": 1}, {"normal": 1})
    assert counts(api, acme)["unassigned"] == queue()
