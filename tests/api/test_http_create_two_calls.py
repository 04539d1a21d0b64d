"""POST /tickets in two DynamoDB calls: authentication's BatchGetItem (session, user, organization,
ticket counter) and ONE TransactWriteItems (ticket, number, requester check...). The attacks: a
stale SLA policy cache, a deleted or foreign requester, concurrent creates racing for numbers, a
counter behind the tickets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services import sla as sla_service
from chalicelib.store import metering
from chalicelib.store import tickets as ticket_store
from chalicelib.store.keys import org_pk
from chalicelib.store.ticket_counter import COUNTER_SK, TicketCounterItem
from tests.api.helpers import Reply, Tenant, call, make_tenant
from tests.api.test_http_idempotency import at_once
from tests.api.test_security_writes import server_api as server_api  # the fixture: the locked server's client


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def policy(api: Client, acme: Tenant, hours: float, **extra: Any) -> dict[str, Any]:
    body = {"name": f"{hours}h", "first_response_hours": hours, "resolution_hours": hours * 6, **extra}
    created = call(api, "POST", "/sla-policies", acme.token("admin"), body)
    assert created.status == 201, created.body
    return dict(created.body)


def open_ticket(api: Client, acme: Tenant, role: str = "agent", **fields: Any) -> Reply:
    body = {"subject": "Printer jams", **fields}
    if not role.startswith("customer"):
        body.setdefault("customer_id", acme.user_id("customer"))
    return call(api, "POST", "/tickets", acme.token(role), body)


def hours_to_first_response(ticket: dict[str, Any]) -> float:
    created = datetime.fromisoformat(ticket["created_at"].replace("Z", "+00:00"))
    due = datetime.fromisoformat(ticket["first_response_due"].replace("Z", "+00:00"))
    return round((due - created).total_seconds() / 3600, 2)


def test_a_staff_create_with_an_sla_policy_is_one_read_and_one_transaction(api: Client, acme: Tenant) -> None:
    policy(api, acme, 4)
    assert open_ticket(api, acme).status == 201  # this container reads the policies once
    with metering.metered() as calls:
        created = open_ticket(api, acme)
    assert created.status == 201
    assert [c.operation for c in calls] == ["BatchGetItem", "TransactWriteItems"]
    assert created.body["sla_policy_id"] is not None
    assert hours_to_first_response(created.body) == 4


def test_a_container_holding_old_policies_never_applies_them_after_a_change(api: Client, acme: Tenant) -> None:
    created_policy = policy(api, acme, 4)
    assert hours_to_first_response(open_ticket(api, acme).body) == 4
    held = sla_service._POLICIES_AT[acme.org_id]  # what this (or another) container holds now

    changed = call(
        api,
        "PATCH",
        f"/sla-policies/{created_policy['id']}",
        acme.token("admin"),
        {"first_response_hours": 1},
        headers={"If-Match": f'"{created_policy["version"]}"'},
    )
    assert changed.status == 200, changed.body
    sla_service._POLICIES_AT[acme.org_id] = held  # a container that never saw the change
    assert hours_to_first_response(open_ticket(api, acme).body) == 1

    assert call(api, "DELETE", f"/sla-policies/{created_policy['id']}", acme.token("admin")).status == 204
    sla_service._POLICIES_AT[acme.org_id] = held
    after_delete = open_ticket(api, acme).body
    assert after_delete["sla_policy_id"] is None, "a deleted policy is not applied from a cache"


def test_a_tier_policy_still_reads_the_requester_and_applies_by_tier(api: Client, acme: Tenant) -> None:
    policy(api, acme, 2, conditions={"customer_tier": ["vip"]}, order=1)
    policy(api, acme, 8, order=2)
    plain = open_ticket(api, acme)
    assert hours_to_first_response(plain.body) == 8
    changed = call(api, "PATCH", f"/users/{acme.user_id('customer')}", acme.token("admin"), {"customer_tier": "vip"})
    assert changed.status == 200, changed.body
    assert hours_to_first_response(open_ticket(api, acme).body) == 2
    assert hours_to_first_response(open_ticket(api, acme, "customer").body) == 2


@pytest.mark.parametrize("who", ["deleted", "staff", "unknown", "foreign", "malformed"])
def test_a_requester_who_is_not_an_active_customer_is_refused_and_takes_no_number(
    api: Client, acme: Tenant, who: str
) -> None:
    first = open_ticket(api, acme).body["ticket_number"]
    if who == "deleted":
        assert call(api, "DELETE", f"/users/{acme.user_id('customer2')}", acme.token("admin")).status == 204
        customer_id = acme.user_id("customer2")
    elif who == "staff":
        customer_id = acme.user_id("agent2")
    elif who == "unknown":
        customer_id = "0" * 20
    elif who == "foreign":
        customer_id = make_tenant(api, "globex", email_domain="globex.example").user_id("customer")
    else:
        customer_id = "USER#x#../" + "a" * 50
    refused = open_ticket(api, acme, customer_id=customer_id)
    expected = "invalid_request" if who == "malformed" else "invalid_customer"  # the command refuses its shape
    assert (refused.status, refused.body["error"]["code"]) == (422, expected)
    after = open_ticket(api, acme).body["ticket_number"]
    assert int(after.split("-")[-1]) == int(first.split("-")[-1]) + 1, "no number taken, none skipped"


def test_a_counter_behind_its_tickets_moves_past_them(api: Client, acme: Tenant) -> None:
    numbers = [open_ticket(api, acme).body["ticket_number"] for _ in range(3)]
    TicketCounterItem(org_pk(acme.org_id), COUNTER_SK, next_number=1).save()  # reset behind the tickets
    created = open_ticket(api, acme)
    assert created.status == 201, created.body
    assert created.body["ticket_number"] not in numbers


def test_numbers_taken_elsewhere_meanwhile_are_not_reused(api: Client, acme: Tenant) -> None:
    """Another path (work orders) takes numbers with an atomic ADD: a create that read the counter
    before sees its claim fail and takes the next free number."""
    first = open_ticket(api, acme).body["ticket_number"]
    taken = ticket_store.allocate_number(acme.org_id)
    second = open_ticket(api, acme).body["ticket_number"]
    assert int(second.split("-")[-1]) == taken + 1
    assert first != second


def test_a_create_that_keeps_losing_the_race_for_a_number_takes_one_by_an_atomic_add(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under heavy contention the optimistic claim can lose every time: after a few lost races the
    create reserves its number with an atomic ADD instead of failing (here every read is stale)."""
    from chalicelib.services import tickets as ticket_service
    from chalicelib.store import ticket_counter

    numbers = [open_ticket(api, acme).body["ticket_number"] for _ in range(3)]
    claim = ticket_counter.claim_number
    # Every claim loses, as if another create always took the number first.
    monkeypatch.setattr(ticket_counter, "claim_number", lambda org_id, expected: claim(org_id, expected + 100))
    with metering.metered() as calls:
        created = open_ticket(api, acme)
    assert created.status == 201, created.body
    assert int(created.body["ticket_number"].split("-")[-1]) == len(numbers) + 1
    operations = [c.operation for c in calls]
    assert operations.count("TransactWriteItems") == ticket_service.OPTIMISTIC_NUMBER_ATTEMPTS + 1
    assert "UpdateItem" in operations  # the atomic ADD


def test_concurrent_creates_never_share_a_number_nor_skip_one(server_api: Client) -> None:
    acme = make_tenant(server_api, "acme")
    roles = ["admin", "manager", "agent", "agent2", "customer", "customer2"]
    sends = [
        (lambda role=role: open_ticket(server_api, acme, role))
        for role in roles
        for _ in range(3)  # type: ignore[misc]
    ]
    replies = at_once(sends)
    assert {r.status for r in replies} == {201}, [r.body for r in replies if r.status != 201]
    numbers = sorted(int(r.body["ticket_number"].split("-")[-1]) for r in replies)
    assert numbers == list(range(1, len(sends) + 1)), "every number once, none skipped"
    listed = call(server_api, "GET", "/tickets?view=all&limit=100", acme.token("admin")).body["items"]
    assert len(listed) == len(sends)
