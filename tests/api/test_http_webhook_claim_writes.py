"""The sender's claim on a delivery: the minute's budget is counted first, then the delivery taken,
as two single conditional writes (not one transaction, which bills each item twice). A delivery is
never taken (nor sent) without being counted; a claim that loses leaves its slot used, never one
too many deliveries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Endpoint, Tenant, call, make_tenant, subscribe


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def _queued(api: Client, acme: Tenant, stream: Any, endpoint: str) -> tuple[str, str, dict[str, Any], int]:
    """A ticket.created delivery logged and waiting: (subscription id, log key, entry, version)."""
    from chalicelib.store import webhooks as store

    subscription = subscribe(api, acme, endpoint, ["ticket.created"])
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Claimed"})
    stream.drain()
    pk = store.log_pk(acme.org_id, "subscription", subscription["id"])
    (entry,) = store.DeliveryItem.query(pk, store.DeliveryItem.SK.startswith("DELIVERY#"))
    return subscription["id"], str(entry.SK), dict(entry.data), int(entry.version)


def _sent_this_minute(acme: Tenant, now: datetime) -> int:
    from chalicelib.store import webhooks as store

    try:
        return int(store.DeliveryRateItem.get(store.rate_pk(acme.org_id), now.strftime("%Y-%m-%dT%H:%M")).sent)
    except store.DeliveryRateItem.DoesNotExist:
        return 0


def test_a_delivery_over_the_minutes_budget_is_not_taken(api: Client, acme: Tenant, stream: Any, endpoint: str) -> None:
    from chalicelib.domain.errors import Conflict
    from chalicelib.store import webhooks as store

    subscription_id, sk, entry, version = _queued(api, acme, stream, endpoint)
    now = datetime.now(UTC)
    claimed = {**entry, "status": "sending", "attempts": 1}
    store.claim_delivery(acme.org_id, "subscription", subscription_id, sk, claimed, now, version, 1)  # the one slot
    with pytest.raises(Conflict) as refused:
        store.claim_delivery(acme.org_id, "subscription", subscription_id, sk, claimed, now, version + 1, 1)
    assert refused.value.code == "rate_limited"
    found = store.get_delivery(acme.org_id, "subscription", subscription_id, sk)
    assert found is not None
    assert found[1] == version + 1  # the refused claim wrote nothing
    assert _sent_this_minute(acme, now) == 1


def test_a_claim_that_loses_to_another_sender_takes_nothing_and_never_exceeds_the_budget(
    api: Client, acme: Tenant, stream: Any, endpoint: str
) -> None:
    from chalicelib.domain.errors import Conflict
    from chalicelib.store import webhooks as store

    subscription_id, sk, entry, version = _queued(api, acme, stream, endpoint)
    now = datetime.now(UTC)
    claimed = {**entry, "status": "sending", "attempts": 1}
    store.claim_delivery(acme.org_id, "subscription", subscription_id, sk, claimed, now, version, 2)
    with pytest.raises(Conflict) as lost:  # a second sender with the version read before the first claim
        store.claim_delivery(acme.org_id, "subscription", subscription_id, sk, claimed, now, version, 2)
    assert lost.value.code == "delivery_taken"
    assert _sent_this_minute(acme, now) == 2  # its slot stays used
    with pytest.raises(Conflict) as third:
        store.claim_delivery(acme.org_id, "subscription", subscription_id, sk, claimed, now, version + 1, 2)
    assert third.value.code == "rate_limited"
    assert _sent_this_minute(acme, now) == 2


def test_a_failure_between_the_count_and_the_claim_is_retried_and_sent_once(
    api: Client, acme: Tenant, stream: Any, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.channels import webhook_queue
    from chalicelib.domain.errors import Unavailable
    from chalicelib.services import webhooks
    from chalicelib.store import webhooks as store
    from chalicelib.store.transactions import transact_write as real

    held: list[Any] = []
    monkeypatch.setattr(webhook_queue, "enqueue", lambda messages, now: held.extend(messages))
    subscription_id, sk, _, _ = _queued(api, acme, stream, endpoint)
    (message,) = held
    failures = iter([True])

    def claim_fails_once(operations: Any) -> None:
        item = getattr(operations[0], "item", None)  # the budget's Counter has none
        claim = item is not None and str(item.SK) == sk and item.data.get("status") == "sending"
        if claim and next(failures, False):
            raise Unavailable("The table is busy; retry shortly.", code="throttled")
        real(operations)

    monkeypatch.setattr(store, "transact_write", claim_fails_once)
    with pytest.raises(Unavailable):
        webhooks.send(message)  # counted, then the claim fails: the queue hands the message over again
    assert Endpoint.received == []
    assert webhooks.send(message) == "delivered"
    assert webhooks.send(message) == "skipped"  # a duplicate of the message sends nothing more
    assert len(Endpoint.received) == 1
    reply = call(api, "GET", f"/webhook-subscriptions/{subscription_id}/deliveries", acme.token("admin"))
    (delivery,) = reply.body["items"]
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)
    assert _sent_this_minute(acme, datetime.now(UTC)) <= 2
