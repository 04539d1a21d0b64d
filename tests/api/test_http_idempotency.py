"""``Idempotency-Key`` on creating POSTs (``chalicelib.api.idempotency``): a retry gets the first
answer back and creates nothing, a reused key with another body is 422, concurrent duplicates create
exactly once, and keys never meet across callers. Everything goes through the app's real routes."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import boto3
import pytest
from chalice.local import LocalChalice
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Reply, Tenant, all_tickets, call, make_tenant

DAY = 24 * 3600
TICKET = {"subject": "Printer on fire", "description": "Smoke everywhere"}


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(
    api: Client, tenant: Tenant, key: str, body: dict[str, Any] | None = None, role: str = "customer"
) -> Reply:
    return call(api, "POST", "/tickets", tenant.token(role), body or TICKET, {"Idempotency-Key": key})


def stored_records() -> list[dict[str, Any]]:
    """The idempotency table's items (a Scan on that table: it holds no tenant data)."""
    items: list[dict[str, Any]] = boto3.client("dynamodb").scan(TableName=config.idempotency_table_name())["Items"]
    return items


def test_a_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing(api: Client, acme: Tenant) -> None:
    first = open_ticket(api, acme, "key-1")
    again = open_ticket(api, acme, "key-1")
    assert first.status == again.status == 201
    assert again.body == first.body
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert [t["ticket_number"] for t in all_tickets(api, acme)] == [first.body["ticket_number"]]


def test_the_same_body_with_other_spacing_or_key_order_is_the_same_request(api: Client, acme: Tenant) -> None:
    first = open_ticket(api, acme, "key-1")
    sent = {
        "Content-Type": "application/json",
        "Authorization": f"Bearer {acme.token('customer')}",
        "Idempotency-Key": "key-1",
    }
    body = '{ "description": "Smoke everywhere",   "subject": "Printer on fire" }'
    again = api.http.post("/tickets", headers=sent, body=body)
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(all_tickets(api, acme)) == 1
    assert first.status == 201


def test_the_same_key_with_another_body_is_422_and_creates_nothing(api: Client, acme: Tenant) -> None:
    open_ticket(api, acme, "key-1")
    reused = open_ticket(api, acme, "key-1", {"subject": "Another", "description": "thing"})
    assert reused.status == 422
    assert reused.body["error"]["code"] == "idempotency_key_reused"
    assert reused.body["error"]["details"][0]["field"] == "Idempotency-Key"
    assert len(all_tickets(api, acme)) == 1


def test_the_same_key_on_another_route_is_another_request(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme, "key-1", role="customer").body["ticket_number"]
    comment = {"content": "Still smoking"}
    headers = {"Idempotency-Key": "key-1"}
    reused = call(api, "POST", f"/tickets/{number}/comments", acme.token("customer"), comment, headers)
    assert reused.status == 422
    assert reused.body["error"]["code"] == "idempotency_key_reused"


def test_without_a_key_every_post_creates(api: Client, acme: Tenant) -> None:
    for _ in range(2):
        assert call(api, "POST", "/tickets", acme.token("customer"), TICKET).status == 201
    assert len(all_tickets(api, acme)) == 2


def test_keys_never_meet_across_callers_or_organizations(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    mine = open_ticket(api, acme, "shared-key")
    colleague = open_ticket(api, acme, "shared-key", {**TICKET, "customer_id": acme.user_id("customer")}, "agent")
    other_org = open_ticket(api, globex, "shared-key")
    assert mine.status == colleague.status == other_org.status == 201
    assert "Idempotent-Replayed" not in colleague.headers | other_org.headers
    assert len(all_tickets(api, acme)) == 2
    assert len(all_tickets(api, globex)) == 1


def test_a_failed_first_attempt_is_not_kept_and_the_key_can_succeed_later(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    headers = {"Idempotency-Key": "customer-1"}
    body = {"user_id": "0" * 20, "company": "Initech"}
    failed = call(api, "POST", "/customers", token, body, headers)
    assert failed.status in (404, 422), failed.body
    fixed = call(api, "POST", "/customers", token, {**body, "user_id": acme.user_id("customer")}, headers)
    assert fixed.status == 201, fixed.body
    assert "Idempotent-Replayed" not in fixed.headers


def test_a_malformed_key_is_400(api: Client, acme: Tenant) -> None:
    for bad in (" ", "x" * 256, "tab\there"):
        reply = open_ticket(api, acme, bad)
        assert reply.status == 400, bad
        assert reply.body["error"]["code"] == "invalid_idempotency_key"
    assert all_tickets(api, acme) == []


def test_a_key_is_kept_for_24_hours(api: Client, acme: Tenant) -> None:
    started = time.time()
    assert open_ticket(api, acme, "key-1").status == 201
    (record,) = stored_records()
    assert record["status"]["S"] == "COMPLETED"
    expires = int(record["expiration"]["N"])
    assert started + DAY - 60 <= expires <= time.time() + DAY + 60


def test_signup_is_idempotent_per_client_address(api: Client) -> None:
    body = {
        "name": "Initech",
        "slug": "initech",
        "admin_email": "admin@initech.example",
        "admin_password": "correct-horse-battery",
        "admin_first_name": "Bill",
        "admin_last_name": "Lumbergh",
    }
    first = call(api, "POST", "/organizations", None, body, {"Idempotency-Key": "signup-1"})
    again = call(api, "POST", "/organizations", None, body, {"Idempotency-Key": "signup-1"})
    assert first.status == again.status == 201
    assert again.body == first.body
    assert again.headers["Idempotent-Replayed"] == "true"


def test_the_stored_answer_holds_no_secret_in_clear(api: Client) -> None:
    body = {
        "name": "Initech",
        "slug": "initech",
        "admin_email": "admin@initech.example",
        "admin_password": "correct-horse-battery",
        "admin_first_name": "Bill",
        "admin_last_name": "Lumbergh",
    }
    first = call(api, "POST", "/organizations", None, body, {"Idempotency-Key": "signup-1"})
    assert first.status == 201
    stored = str(stored_records())
    assert first.body["token"] not in stored
    assert "correct-horse-battery" not in stored
    assert "signup-1" not in stored


# --- Concurrent duplicates, on the locked moto server -------------------------------------------------


@pytest.fixture
def server_api(server_table: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """The Chalice test client on the moto server, serving requests from many threads at once (one
    current request per thread, as ``chalice local`` and concurrent Lambdas do)."""
    from app import app

    monkeypatch.setattr(app, "__class__", type("ThreadedChalice", (LocalChalice, type(app)), {}))
    with Client(app, stage_name="local") as client:
        yield client


def at_once(requests: Sequence[Callable[[], Reply]]) -> list[Reply]:
    """Run every request in its own thread, all released together; the replies in request order."""
    replies: list[Reply | None] = [None] * len(requests)
    start = threading.Barrier(len(requests))

    def run(index: int) -> None:
        start.wait()
        replies[index] = requests[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(reply is not None for reply in replies)
    return [reply for reply in replies if reply is not None]


def test_concurrent_duplicates_create_exactly_once_and_all_get_the_same_answer(server_api: Client) -> None:
    acme = make_tenant(server_api, "acme")
    send = functools.partial(open_ticket, server_api, acme, "same-key")
    replies = at_once([send] * 6)
    assert {reply.status for reply in replies} == {201}, [r.body for r in replies]
    assert len({reply.body["ticket_number"] for reply in replies}) == 1
    assert all(reply.body == replies[0].body for reply in replies)
    assert sum("Idempotent-Replayed" in reply.headers for reply in replies) == 5
    assert len(all_tickets(server_api, acme)) == 1


def test_concurrent_requests_with_different_keys_each_create(server_api: Client) -> None:
    acme = make_tenant(server_api, "acme")
    replies = at_once([functools.partial(open_ticket, server_api, acme, f"key-{i}") for i in range(4)])
    assert {reply.status for reply in replies} == {201}
    assert len({reply.body["ticket_number"] for reply in replies}) == 4
    assert len(all_tickets(server_api, acme)) == 4
