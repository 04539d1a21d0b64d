"""Request rate limits a client can see: per organization when authenticated, per client address
otherwise; ``X-RateLimit-Limit/Remaining/Reset`` on every response the API function answers; 429
``rate_limited`` with a ``Retry-After`` equal to ``X-RateLimit-Reset``.

Each attack runs through the HTTP API (the Chalice test client; client addresses are API Gateway's
``sourceIp``, set per request). Limits are small here (as ``RATE_LIMITS`` sets them) and the limiter's clock is
pinned, so every figure is exact. The concurrent cases run against the locked moto server, with
several limiters standing for several Lambda containers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from chalice.local import LambdaEventConverter
from chalice.test import Client

from chalicelib.api.models import ErrorResponse
from chalicelib.domain.ratelimit import Scope, window_of
from chalicelib.services import ratelimit
from chalicelib.store import metering
from chalicelib.store import ratelimit as store
from tests.api.helpers import Reply, Tenant, call, make_tenant
from tests.api.test_security_writes import at_once, request, server_api  # noqa: F401 (a fixture)

FREE, STANDARD, ADDRESS = 6, 9, 4
ATTACKER = "198.51.100.7"
NEIGHBOUR = "203.0.113.9"
RATE_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


class Clock:
    """The limiter's clock, pinned 7 seconds into a minute (53 seconds before its budget resets)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime(2031, 3, 4, 9, 0, 7, tzinfo=UTC)
        monkeypatch.setattr("chalicelib.services.ratelimit.utcnow", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    # config's reading rather than the environment: Chalice's test client, serving requests from
    # many threads at once, can leave a copy of the environment behind for later tests.
    monkeypatch.setattr("chalicelib.config.rate_limits", lambda: f"free={FREE},standard={STANDARD},address={ADDRESS}")
    ratelimit.reset()
    return Clock(monkeypatch)


@pytest.fixture
def acme(api: Client, clock: Clock) -> Tenant:
    with from_address("192.0.2.1"):  # signing up spends that address's budget, not the tests'
        return make_tenant(api, "acme")


@pytest.fixture
def globex(api: Client, clock: Clock) -> Tenant:
    with from_address("192.0.2.2"):
        return make_tenant(api, "globex")


@contextmanager
def from_address(ip: str) -> Iterator[None]:
    previous = LambdaEventConverter.LOCAL_SOURCE_IP
    LambdaEventConverter.LOCAL_SOURCE_IP = ip
    try:
        yield
    finally:
        LambdaEventConverter.LOCAL_SOURCE_IP = previous


def limits_of(reply: Reply) -> tuple[int, int, int]:
    """(limit, remaining, reset) as the response states them."""
    return tuple(int(reply.headers[name]) for name in RATE_HEADERS)  # type: ignore[return-value]


def assert_rate_limited(reply: Reply, limit: int, reason: str) -> int:
    """A 429 of the rate limit whose headers, details and message state one wait; returns it."""
    assert reply.status == 429, reply.body
    wait = int(reply.headers["Retry-After"])
    assert limits_of(reply) == (limit, 0, wait), "Retry-After is X-RateLimit-Reset"
    error = ErrorResponse.model_validate(reply.body).error
    assert error.code == "rate_limited"
    assert [d.model_dump() for d in error.details] == [
        {
            "field": None,
            "message": error.message,
            "type": "rate_limited",
            "retry_after": wait,
            "limit": limit,
            "reason": reason,
        }
    ]
    assert f"{limit} requests a minute" in error.message
    assert f"{wait} second" in error.message
    return wait


# ---------------------------------------------------------------- what every response says


def test_every_response_states_the_budget_it_spent_successes_errors_and_204_alike(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    department = call(api, "POST", "/departments", admin, {"name": "Field"})
    replies = [
        call(api, "GET", "/auth/me", admin),
        department,
        call(api, "DELETE", f"/departments/{department.body['id']}/members/{acme.user_id('agent')}", admin),
        call(api, "GET", "/tickets/T-999", admin),
        call(api, "POST", "/tickets", admin, "not an object"),
    ]
    assert [r.status for r in replies] == [200, 201, 204, 404, 400]
    assert [limits_of(r) for r in replies] == [(FREE, FREE - n, 53) for n in (2, 1, 3, 4, 5)]
    assert all("Retry-After" not in r.headers for r in replies)


def test_public_routes_and_rejected_tokens_state_their_address_budget(api: Client, acme: Tenant) -> None:
    with from_address(ATTACKER):
        health = call(api, "GET", "/health")
        bad_login = call(
            api, "POST", "/auth/login", body={"organization": "acme", "email": "x@y.example", "password": "wrong-one-1"}
        )
        bad_token = call(api, "GET", "/auth/me", f"dk_{acme.org_id}_{acme.user_id('admin')}_{'x' * 43}")
    assert [r.status for r in (health, bad_login, bad_token)] == [200, 401, 401]
    assert [limits_of(r) for r in (health, bad_login, bad_token)] == [(ADDRESS, ADDRESS - n, 53) for n in (1, 2, 3)]


# ---------------------------------------------------------------- one tenant past its limit


def test_a_tenant_past_its_limit_gets_429_while_another_keeps_its_own_budget(
    api: Client, acme: Tenant, globex: Tenant
) -> None:
    served = [call(api, "GET", "/tickets?view=mine", acme.token("agent")) for _ in range(FREE)]
    assert [(r.status, limits_of(r)[1]) for r in served] == [(200, n) for n in range(FREE - 1, -1, -1)]
    refused = call(api, "GET", "/tickets?view=mine", acme.token("manager"))
    assert assert_rate_limited(refused, FREE, "organization") == 53
    create = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Help"})
    assert_rate_limited(create, FREE, "organization")

    other = call(api, "GET", "/tickets?view=mine", globex.token("agent"))
    assert (other.status, limits_of(other)) == (200, (FREE, FREE - 1, 53)), "globex's budget is its own"


def test_a_refused_request_runs_nothing_writes_nothing_and_costs_no_database_call(
    api: Client, acme: Tenant, clock: Clock
) -> None:
    for _ in range(FREE):
        call(api, "GET", "/auth/me", acme.token("agent"))
    seen: list[str] = []

    def record(made: metering.DynamoCall) -> None:
        seen.append(made.operation)

    metering.add_listener(record)
    try:
        refused = [call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Flood"}) for _ in range(20)]
    finally:
        metering.remove_listener(record)
    assert {r.status for r in refused} == {429}
    assert seen == ["BatchGetItem"] * 20, "the authorizer's read only: no limiter claim, no handler"
    clock.advance(60)
    tickets = call(api, "GET", "/tickets?view=all", acme.token("admin"))
    assert (tickets.status, tickets.body["items"]) == (200, [])


def test_retry_after_is_the_real_wait_and_the_budget_is_whole_again_after_it(
    api: Client, acme: Tenant, clock: Clock
) -> None:
    for _ in range(FREE):
        assert call(api, "GET", "/auth/me", acme.token("agent")).status == 200
    wait = assert_rate_limited(call(api, "GET", "/auth/me", acme.token("agent")), FREE, "organization")
    clock.advance(wait - 0.5)
    assert assert_rate_limited(call(api, "GET", "/auth/me", acme.token("agent")), FREE, "organization") == 1
    clock.advance(0.5)
    again = call(api, "GET", "/auth/me", acme.token("agent"))
    assert (again.status, limits_of(again)) == (200, (FREE, FREE - 1, 60))


def test_the_limit_follows_the_organizations_subscription_tier(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    changed = call(api, "PATCH", "/organization", admin, {"subscription_tier": "standard"})
    assert (changed.status, limits_of(changed)) == (200, (FREE, FREE - 1, 53))
    after = call(api, "GET", "/auth/me", admin)
    assert limits_of(after) == (STANDARD, STANDARD - 2, 53), "the new tier's budget, the minute's count kept"


# ---------------------------------------------------------------- callers without a valid token


def test_a_flood_of_bad_tokens_spends_its_address_budget_never_the_organizations(api: Client, acme: Tenant) -> None:
    forged = f"dk_{acme.org_id}_{acme.user_id('admin')}_{'x' * 43}"
    with from_address(ATTACKER):
        flood = [call(api, "GET", "/tickets", forged) for _ in range(ADDRESS)]
        refused = call(api, "GET", "/tickets", forged)
    assert {r.status for r in flood} == {401}
    assert_rate_limited(refused, ADDRESS, "address")
    with from_address(ATTACKER):  # the organization's own users, even behind that address
        owner = call(api, "GET", "/tickets?view=mine", acme.token("agent"))
    assert (owner.status, limits_of(owner)) == (200, (FREE, FREE - 1, 53))


def test_public_routes_are_limited_per_client_address(api: Client, acme: Tenant) -> None:
    login = {"organization": "acme", "email": "agent@example.com", "password": "not-the-password-1"}
    with from_address(ATTACKER):
        statuses = [call(api, "POST", "/auth/login", body=login).status for _ in range(ADDRESS)]
        refused = call(api, "GET", "/health")
        spoofed = call(api, "GET", "/health", headers={"X-Forwarded-For": NEIGHBOUR})
    assert statuses == [401] * ADDRESS
    assert_rate_limited(refused, ADDRESS, "address")
    assert_rate_limited(spoofed, ADDRESS, "address")  # a header the client sets names no address
    with from_address(NEIGHBOUR):
        other = call(api, "GET", "/health")
    assert (other.status, limits_of(other)) == (200, (ADDRESS, ADDRESS - 1, 53))


def test_an_ipv6_client_counts_by_its_64_prefix(api: Client, acme: Tenant) -> None:
    for host in range(1, ADDRESS + 1):
        with from_address(f"2001:db8:1:2::{host}"):
            assert call(api, "GET", "/health").status == 200
    with from_address("2001:db8:1:2:ffff::1"):
        assert_rate_limited(call(api, "GET", "/health"), ADDRESS, "address")
    with from_address("2001:db8:1:3::1"):
        assert call(api, "GET", "/health").status == 200


# ---------------------------------------------------------------- documented for generated clients


def test_every_operation_documents_the_headers_and_the_429(api: Client, acme: Tenant) -> None:
    document: dict[str, Any] = call(api, "GET", "/openapi.json").body
    assert set(document["components"]["headers"]) == {*RATE_HEADERS, "Retry-After"}
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if "429" not in responses or "Retry-After" not in responses["429"]["headers"]:
                missing.append(f"{method} {path}: 429")
            missing += [
                f"{method} {path} {status}"
                for status, response in responses.items()
                if set(RATE_HEADERS) - set(response.get("headers", {}))
            ]
    assert missing == []


def test_the_request_log_reports_the_limiters_calls_apart(api: Client, acme: Tenant, log_capture: Any) -> None:
    call(api, "GET", "/auth/me", acme.token("agent"))
    served = [line for line in log_capture() if line.get("message") == "request served"]
    assert served[-1]["rate_limit_dynamodb_calls"] == 1, "the organization's first request of the minute claims"
    assert served[-1]["rate_limit_remaining"] == FREE - 1
    # Authentication runs in the handler's process: its BatchGetItem is the request's, the claim is not.
    assert served[-1]["dynamodb_calls"] == 2, "authentication's BatchGetItem and the route's own read only"


# ---------------------------------------------------------------- concurrency (locked moto server)


def test_concurrent_containers_never_hand_out_more_than_the_limit(server_table: str) -> None:
    """Four containers with four request threads each take one organization's budget at once:
    exactly the limit is admitted, and the shared counter says so."""
    limit, now = 120, datetime(2031, 3, 4, 9, 0, 7, tzinfo=UTC).timestamp()
    bucket = ratelimit.Bucket(store.organization_bucket("o-busy"), Scope.ORGANIZATION, limit)
    containers = [ratelimit.Limiter() for _ in range(4)]
    admitted: list[int] = []
    start = threading.Barrier(16)

    def hammer(limiter: ratelimit.Limiter) -> None:
        mine = 0
        start.wait()
        while limiter.admit(bucket, now).allowed:
            mine += 1
        admitted.append(mine)

    threads = [threading.Thread(target=hammer, args=(c,)) for c in containers for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(admitted) == limit
    assert store.claimed_in(bucket.key, window_of(now)) == limit


def test_a_busy_container_claims_in_blocks_and_never_past_the_limit(server_table: str) -> None:
    limit, now = 300, datetime(2031, 3, 4, 9, 0, 7, tzinfo=UTC).timestamp()
    bucket = ratelimit.Bucket(store.organization_bucket("o-steady"), Scope.ORGANIZATION, limit)
    limiter = ratelimit.Limiter()
    remaining = []
    with metering.metered() as calls:
        for n in range(limit + 50):  # ten requests a second, then past the limit
            decision = limiter.admit(bucket, now + n / 10)
            remaining.append(decision.remaining if decision.allowed else None)
    assert remaining[:limit] == list(range(limit - 1, -1, -1)), "one container: exact figures"
    assert remaining[limit:] == [None] * 50
    assert len(calls) < limit / 10, f"{len(calls)} claims for {limit} requests"
    assert store.claimed_in(bucket.key, window_of(now)) == limit


def test_concurrent_requests_through_the_api_admit_exactly_the_limit_and_spare_the_other_tenant(
    server_api: Client,  # noqa: F811 (the fixture imported above)
    clock: Clock,
) -> None:
    """Forty requests of one tenant and three of another, all at once through the HTTP API on the
    locked moto server: the first tenant gets exactly its limit, each figure once, the rest a
    consistent 429; the other tenant's three all pass on its own budget."""
    with from_address("192.0.2.1"):
        acme = make_tenant(server_api, "acme")
    with from_address("192.0.2.2"):
        globex = make_tenant(server_api, "globex")
    flood = [request(server_api, "GET", "/auth/me", acme.token("agent")) for _ in range(40)]
    bystander = [request(server_api, "GET", "/auth/me", globex.token("agent")) for _ in range(3)]

    replies = at_once([*flood, *bystander])

    served = [r for r in replies[:40] if r.status == 200]
    assert sorted(limits_of(r)[1] for r in served) == list(range(FREE)), "each remaining figure exactly once"
    for refused in (r for r in replies[:40] if r.status != 200):
        assert_rate_limited(refused, FREE, "organization")
    assert [r.status for r in replies[40:]] == [200] * 3
    assert sorted(limits_of(r)[1] for r in replies[40:]) == [FREE - 3, FREE - 2, FREE - 1]
    window = window_of(clock.now.timestamp())
    assert store.claimed_in(store.organization_bucket(acme.org_id), window) == FREE
    assert store.claimed_in(store.organization_bucket(globex.org_id), window) == 3
