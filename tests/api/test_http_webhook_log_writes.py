"""The webhook delivery log's writes: the payload is written once (on the delivery's guard) and each
step of a delivery (queued, claimed, its outcome) rewrites only the small status entry; an entry
logged before that split (payload on the entry, a guard without it) is still sent with its payload
and listed with it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Endpoint, Tenant, call, make_tenant, subscribe


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def _log(api: Client, acme: Tenant, subscription_id: str) -> list[dict[str, Any]]:
    reply = call(api, "GET", f"/webhook-subscriptions/{subscription_id}/deliveries", acme.token("admin"))
    assert reply.status == 200, reply.body
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def test_the_payload_is_stored_once_and_the_rewritten_entry_stays_under_one_write_unit(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str
) -> None:
    from chalicelib.store import webhooks as store

    subscription = subscribe(api, acme, endpoint, ["ticket.created"])
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Big", "description": "Long text. " * 200})
    stream.drain()
    sender.drain()
    (delivery,) = _log(api, acme, subscription["id"])
    assert delivery["status"] == "delivered"
    assert delivery["payload"]["ticket"]["description"].startswith("Long text.")
    (_, body) = Endpoint.received[0]
    assert json.loads(body) == delivery["payload"]

    pk = store.log_pk(acme.org_id, "subscription", subscription["id"])
    (entry,) = store.DeliveryItem.query(pk, store.DeliveryItem.SK.startswith("DELIVERY#"))
    guard = store.DeliveryItem.get(pk, f"EVENT#{delivery['id']}")
    assert "payload" not in entry.data
    assert guard.data["payload"] == delivery["payload"]
    assert len(json.dumps(entry.data)) < 1024, "each step of a delivery rewrites a small entry"


def test_an_entry_logged_with_its_payload_before_the_split_is_sent_and_listed_with_it(
    api: Client, acme: Tenant, stream: Any, sender: Any, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.channels import webhook_queue
    from chalicelib.store import webhooks as store

    subscription = subscribe(api, acme, endpoint, ["ticket.created"])
    held: list[Any] = []
    with monkeypatch.context() as patch:  # the message waits while the log is rewritten as the old layout
        patch.setattr(webhook_queue, "enqueue", lambda messages, now: held.extend(messages))
        call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Old layout"})
        stream.drain()
    pk = store.log_pk(acme.org_id, "subscription", subscription["id"])
    (entry,) = store.DeliveryItem.query(pk, store.DeliveryItem.SK.startswith("DELIVERY#"))
    guard = store.DeliveryItem.get(pk, f"EVENT#{entry.data['id']}")
    payload = guard.data["payload"]
    entry.data = {**entry.data, "payload": payload}
    entry.save()
    guard.data = {"log_key": entry.SK}
    guard.save()

    webhook_queue.enqueue(held, datetime.now(UTC))
    assert sender.drain() == 1
    (_, body) = Endpoint.received[0]
    assert json.loads(body) == payload
    (listed,) = _log(api, acme, subscription["id"])
    assert (listed["status"], listed["payload"]) == ("delivered", payload)


def test_an_event_whose_log_entry_failed_after_its_guard_is_logged_and_sent_once_when_retried(
    api: Client, acme: Tenant, sender: Any, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard and the entry are two writes: a failure between them (the stream then retries the
    record) must neither lose the delivery nor log or send it twice."""
    from chalicelib.domain.errors import Unavailable
    from chalicelib.services import webhooks
    from chalicelib.store import tickets as ticket_store
    from chalicelib.store import webhooks as store
    from chalicelib.store.transactions import transact_write as real

    subscription = subscribe(api, acme, endpoint, ["ticket.created"])
    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Retried"})
    ticket = ticket_store.get_ticket(acme.org_id, int(created.body["ticket_number"].split("-")[1]))
    failures = iter([True])

    def entry_fails_once(operations: Any) -> None:
        item = getattr(operations[0], "item", None)  # the sender's budget Counter has none
        if item is not None and str(item.SK).startswith("DELIVERY#") and next(failures, False):
            raise Unavailable("The table is busy; retry shortly.", code="throttled")
        real(operations)

    monkeypatch.setattr(store, "transact_write", entry_fails_once)
    with pytest.raises(Unavailable):
        webhooks.publish(acme.org_id, "ticket.created", ticket, "record-1")
    assert _log(api, acme, subscription["id"]) == [], "the guard alone lists nothing"
    assert webhooks.publish(acme.org_id, "ticket.created", ticket, "record-1") == 1, "the retry logs and queues it"
    assert webhooks.publish(acme.org_id, "ticket.created", ticket, "record-1") == 0, "a third delivery is a duplicate"
    assert sender.drain() == 1
    assert len(Endpoint.received) == 1
    (entry,) = _log(api, acme, subscription["id"])
    assert (entry["status"], entry["payload"]["ticket"]["subject"]) == ("delivered", "Retried")
