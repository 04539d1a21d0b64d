"""Deadline items are written only where they can exist, and the SLA sweep reads each policy once a run.

A ticket's SLA deadline items (``DEADLINE#<target>`` beside the ticket) change in the ticket's own
transaction. A ticket without an SLA has none, so its replies and status changes must not carry
deletes of them (each one a billed write); a ticket with an SLA still gets them removed or moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from chalicelib.store.deadlines import SHARDS, DeadlineItem
from chalicelib.store.tickets import ticket_pk
from tests.api.helpers import Tenant, call, make_tenant, run_schedule


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@contextmanager
def deadline_writes() -> Iterator[list[tuple[str, str]]]:
    """(``Put``/``Delete``, sort key) of every DEADLINE item the transactions inside the block write."""
    writes: list[tuple[str, str]] = []
    with metering.metered() as calls:
        yield writes
    for c in calls:
        for item in c.params.get("TransactItems", []) if c.operation == "TransactWriteItems" else []:
            kind, body = next(iter(item.items()))
            key = body.get("Key") or body.get("Item") or {}
            sort_key = key.get("SK", {}).get("S", "")
            if sort_key.startswith("DEADLINE#"):
                writes.append((kind, sort_key))


def stored_deadlines(acme: Tenant, number: str) -> set[str]:
    """The targets whose deadline item is stored for ticket ``number`` (``T-4``)."""
    pk = ticket_pk(acme.org_id, int(number.split("-")[-1]))
    found = set()
    for target in ("first_response", "resolution"):
        try:
            DeadlineItem.get(pk, f"DEADLINE#{target}")
            found.add(target)
        except DeadlineItem.DoesNotExist:
            pass
    return found


def add_policy(api: Client, acme: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24, **fields}
    reply = call(api, "POST", "/sla-policies", acme.token("manager"), body)
    assert reply.status == 201, reply.body
    policy: dict[str, Any] = reply.body
    return policy


def open_ticket(api: Client, acme: Tenant, **fields: Any) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer jams", **fields})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def reply_as_agent(api: Client, acme: Tenant, number: str) -> None:
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Looking now"})
    assert reply.status == 201, reply.body


def patch(api: Client, acme: Tenant, number: str, body: dict[str, Any]) -> None:
    reply = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), body)
    assert reply.status == 200, reply.body


def test_first_reply_on_a_ticket_without_an_sla_writes_no_deadline_delete(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    with deadline_writes() as writes:
        reply_as_agent(api, acme, number)
    assert writes == []
    detail = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body
    assert detail["first_response_at"] is not None, "the reply was still the first response"


def test_status_changes_on_a_ticket_without_an_sla_write_no_deadline_items(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    with deadline_writes() as writes:
        for status in ("pending", "open", "solved", "open"):
            patch(api, acme, number, {"status": status})
        assert call(api, "DELETE", f"/tickets/{number}", acme.token("manager")).status == 204
        assert call(api, "POST", f"/tickets/{number}/restore", acme.token("manager")).status == 200
    assert writes == []
    assert stored_deadlines(acme, number) == set()


def test_first_reply_on_a_ticket_with_an_sla_removes_its_first_response_deadline(api: Client, acme: Tenant) -> None:
    add_policy(api, acme)
    number = open_ticket(api, acme)
    assert stored_deadlines(acme, number) == {"first_response", "resolution"}
    with deadline_writes() as writes:
        reply_as_agent(api, acme, number)
    assert ("Delete", "DEADLINE#first_response") in writes
    assert stored_deadlines(acme, number) == {"resolution"}


def test_pausing_solving_and_reopening_keep_an_sla_tickets_resolution_deadline_in_step(
    api: Client, acme: Tenant
) -> None:
    add_policy(api, acme)
    number = open_ticket(api, acme)
    reply_as_agent(api, acme, number)
    patch(api, acme, number, {"status": "pending"})
    assert stored_deadlines(acme, number) == set(), "a paused clock has no deadline"
    patch(api, acme, number, {"status": "open"})
    assert stored_deadlines(acme, number) == {"resolution"}, "the clock restarts"
    with deadline_writes() as writes:
        patch(api, acme, number, {"status": "solved"})
    assert writes == [("Delete", "DEADLINE#resolution")]
    assert stored_deadlines(acme, number) == set()


def test_a_ticket_that_loses_its_sla_on_rematch_has_its_deadlines_removed(api: Client, acme: Tenant) -> None:
    add_policy(api, acme, conditions={"priority": ["high"]})
    number = open_ticket(api, acme, priority="high")
    assert stored_deadlines(acme, number) == {"first_response", "resolution"}
    patch(api, acme, number, {"priority": "low"})
    detail = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body
    assert detail["sla_policy_id"] is None
    assert stored_deadlines(acme, number) == set()


def test_a_deleted_sla_ticket_loses_its_deadlines_and_gets_them_back_on_restore(api: Client, acme: Tenant) -> None:
    add_policy(api, acme)
    number = open_ticket(api, acme)
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("manager")).status == 204
    assert stored_deadlines(acme, number) == set()
    assert call(api, "POST", f"/tickets/{number}/restore", acme.token("manager")).status == 200
    assert stored_deadlines(acme, number) == {"first_response", "resolution"}


def test_the_sweep_reads_each_policy_once_a_run_not_once_per_due_ticket(api: Client, acme: Tenant) -> None:
    policy = add_policy(api, acme, first_response_hours=1, resolution_hours=48)
    created = [open_ticket(api, acme) for _ in range(3)]
    run_schedule(api, "sla_sweep_job", datetime.now().astimezone())  # settle the position
    policy_key = {"S": f"SLA#{policy['id']}"}
    with metering.metered() as calls:
        result = run_schedule(api, "sla_sweep_job", datetime.now().astimezone() + timedelta(hours=2))
    assert len(result["fired"]) == len(created), "each ticket's first response breached"
    policy_reads = [c for c in calls if c.operation == "GetItem" and c.params.get("Key", {}).get("SK") == policy_key]
    assert len(policy_reads) == 1
    for number in created:
        detail = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body
        assert detail["sla_breach"] is True
        assert stored_deadlines(acme, number) == {"resolution"}, "the breached target's deadline is gone"


WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


@pytest.mark.parametrize("job", ["sla_sweep_job", "automation_timer_job"])
def test_an_idle_sweep_run_writes_nothing(api: Client, acme: Tenant, job: str) -> None:
    open_ticket(api, acme)
    now = datetime.now().astimezone().replace(minute=10)
    run_schedule(api, job, now)  # settles the position at this hour
    with metering.metered() as calls:
        run_schedule(api, job, now + timedelta(minutes=1))
    assert [c.operation for c in calls if c.operation in WRITES] == []
    run_schedule(api, "sla_sweep_job", now + timedelta(hours=2))
    later = run_schedule(api, "sla_sweep_job", now + timedelta(hours=2, minutes=1))
    assert later["partitions_read"] == SHARDS, "a position that moved with the hours is still saved"


def policy_reads(calls: list[metering.DynamoCall], policy: dict[str, Any]) -> int:
    key = {"S": f"SLA#{policy['id']}"}
    return sum(1 for c in calls if c.operation == "GetItem" and c.params.get("Key", {}).get("SK") == key)


def test_a_reply_or_status_change_under_an_sla_reads_its_policy_once(api: Client, acme: Tenant) -> None:
    policy = add_policy(api, acme)
    number = open_ticket(api, acme)
    with metering.metered() as replying:
        reply_as_agent(api, acme, number)
    with metering.metered() as pausing:
        patch(api, acme, number, {"status": "pending"})
    assert policy_reads(replying, policy) == 1
    assert policy_reads(pausing, policy) == 1
    assert stored_deadlines(acme, number) == set(), "answered, then paused: both deadlines gone"
