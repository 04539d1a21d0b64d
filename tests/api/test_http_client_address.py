"""The client address behind CloudFront: ``CloudFront-Viewer-Address`` counts only on requests that
also carry the distribution's secret origin header (``X-Deskless-Origin-Verify``).

Every attack runs through the HTTP API (the Chalice test client; API Gateway's ``sourceIp`` is the
edge server's address here, set per request). The address decides the per-address rate-limit
budget of public routes and the address recorded with sessions and ticket history.
"""

from __future__ import annotations

import pytest
from chalice.test import Client

from chalicelib.api.viewer import ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER, client_address, viewer_address
from chalicelib.services import ratelimit
from tests.api.helpers import PASSWORD, Reply, Tenant, call, make_tenant
from tests.api.test_http_ratelimit import ADDRESS, Clock, from_address, limits_of

SECRET = "s3cr3t-origin-verify-value-0123456789abcdef"
EDGE = "130.176.0.10"  # a CloudFront edge server: API Gateway's sourceIp behind the distribution
VIEWER, OTHER_VIEWER = "198.51.100.7", "203.0.113.9"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    monkeypatch.setattr("chalicelib.config.rate_limits", lambda: f"free=50,standard=50,address={ADDRESS}")
    ratelimit.reset()
    return Clock(monkeypatch)


@pytest.fixture
def behind_cloudfront(monkeypatch: pytest.MonkeyPatch) -> str:
    """A deployed stage: the functions know the secret the distribution sends."""
    monkeypatch.setattr("chalicelib.config.origin_verify_secret", lambda: SECRET)
    return SECRET


@pytest.fixture
def acme(api: Client, clock: Clock) -> Tenant:
    with from_address("192.0.2.1"):
        return make_tenant(api, "acme")


def health(api: Client, viewer: str | None = None, secret: str | None = None) -> Reply:
    """``GET /health`` from the edge, as CloudFront (or a forger) would send it."""
    headers: dict[str, str] = {}
    if viewer is not None:
        headers[VIEWER_ADDRESS_HEADER] = viewer
    if secret is not None:
        headers[ORIGIN_VERIFY_HEADER] = secret
    with from_address(EDGE):
        return call(api, "GET", "/health", headers=headers)


def session_address(api: Client, tenant: Tenant, headers: dict[str, str]) -> str | None:
    """Log in through the edge with ``headers``; the address the new session recorded."""
    with from_address(EDGE):
        login = call(
            api,
            "POST",
            "/auth/login",
            body={"organization": tenant.slug, "email": tenant.users["agent"]["email"], "password": PASSWORD},
            headers=headers,
        )
        assert login.status == 200, login.body
        sessions = call(api, "GET", "/auth/sessions", login.body["token"])
    [current] = [s for s in sessions.body["items"] if s["current"]]
    return current["ip_address"]  # type: ignore[no-any-return]


# ---------------------------------------------------------------- forged headers are ignored


def test_a_forged_viewer_address_without_the_secret_spends_the_callers_own_budget(
    api: Client, clock: Clock, behind_cloudfront: str
) -> None:
    # A brute force that names a new "viewer" on every request still spends its sourceIp's budget.
    replies = [health(api, f"192.0.2.{n}:443") for n in range(ADDRESS + 1)]
    assert [r.status for r in replies] == [200] * ADDRESS + [429]
    assert limits_of(replies[0]) == (ADDRESS, ADDRESS - 1, 53)


def test_a_wrong_secret_is_ignored(api: Client, clock: Clock, behind_cloudfront: str) -> None:
    wrong = [SECRET[:-1] + "x", SECRET + "x", "", SECRET.upper()]
    replies = [health(api, f"192.0.2.{n}:443", secret) for n, secret in enumerate(wrong)]
    assert [r.status for r in replies] == [200] * ADDRESS
    assert health(api, "192.0.2.99:443", SECRET[:8]).status == 429


def test_without_a_configured_secret_the_header_and_any_secret_are_ignored(api: Client, clock: Clock) -> None:
    # The local stack and tests: behaviour as before the distribution (sourceIp only).
    replies = [health(api, f"192.0.2.{n}:443", SECRET) for n in range(ADDRESS + 1)]
    assert [r.status for r in replies] == [200] * ADDRESS + [429]


def test_the_session_records_the_source_address_when_the_secret_is_missing_or_wrong(
    api: Client, acme: Tenant, behind_cloudfront: str
) -> None:
    assert session_address(api, acme, {VIEWER_ADDRESS_HEADER: f"{VIEWER}:5000"}) == EDGE
    forged = {VIEWER_ADDRESS_HEADER: f"{VIEWER}:5000", ORIGIN_VERIFY_HEADER: "guessed"}
    assert session_address(api, acme, forged) == EDGE


# ---------------------------------------------------------------- CloudFront's own header counts


def test_two_viewers_behind_one_edge_get_separate_budgets(api: Client, clock: Clock, behind_cloudfront: str) -> None:
    first = [health(api, f"{VIEWER}:51000", SECRET) for _ in range(ADDRESS + 1)]
    assert [r.status for r in first] == [200] * ADDRESS + [429]
    other = health(api, f"{OTHER_VIEWER}:443", SECRET)
    assert other.status == 200
    assert limits_of(other) == (ADDRESS, ADDRESS - 1, 53)
    # The edge's own address was never spent: a direct caller from it still has its whole budget.
    assert limits_of(health(api)) == (ADDRESS, ADDRESS - 1, 53)


def test_one_viewer_spread_over_edges_spends_one_budget(api: Client, clock: Clock, behind_cloudfront: str) -> None:
    statuses = []
    for n in range(ADDRESS + 1):
        with from_address(f"130.176.{n}.1"):
            reply = call(
                api, "GET", "/health", headers={VIEWER_ADDRESS_HEADER: f"{VIEWER}:443", ORIGIN_VERIFY_HEADER: SECRET}
            )
        statuses.append(reply.status)
    assert statuses == [200] * ADDRESS + [429]


def test_the_session_records_the_viewers_address(api: Client, acme: Tenant, behind_cloudfront: str) -> None:
    headers = {VIEWER_ADDRESS_HEADER: "2001:0db8:0000:0000:0000:0000:0000:0001:52325", ORIGIN_VERIFY_HEADER: SECRET}
    assert session_address(api, acme, headers) == "2001:db8::1"


def test_ticket_history_records_the_viewers_address(api: Client, acme: Tenant, behind_cloudfront: str) -> None:
    headers = {VIEWER_ADDRESS_HEADER: f"{VIEWER}:40000", ORIGIN_VERIFY_HEADER: SECRET}
    with from_address(EDGE):
        created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Boiler is cold"}, headers)
        assert created.status == 201, created.body
        number = created.body["ticket_number"]
        history = call(api, "GET", f"/tickets/{number}/history", acme.token("agent"))
    assert history.status == 200, history.body
    assert {h["ip_address"] for h in history.body["items"]} == {VIEWER}


# ---------------------------------------------------------------- the header's forms


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("198.51.100.7:443", "198.51.100.7"),
        (" 198.51.100.7:0 ", "198.51.100.7"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001:52325", "2001:db8::1"),
        ("[2001:db8::1]:52325", "2001:db8::1"),
        ("2001:db8::1:443", "2001:db8::1"),
        ("[::ffff:198.51.100.7]:1", "::ffff:c633:6407"),
    ],
)
def test_ipv4_and_ipv6_viewer_addresses_are_parsed(value: str, address: str) -> None:
    assert viewer_address(value) == address


@pytest.mark.parametrize(
    "value",
    [
        "",
        "198.51.100.7",  # no port
        "198.51.100.7:",
        "198.51.100.7:65536",
        "198.51.100.7:http",
        "198.51.100.300:443",
        "[2001:db8::1]",
        "[2001:db8::1:443",
        "2001:db8::zz:443",
        "localhost:443",
        "198.51.100.7:443, 203.0.113.9:443",
        "1" * 200,
    ],
)
def test_a_malformed_viewer_address_is_no_address(value: str) -> None:
    assert viewer_address(value) is None


def test_a_malformed_header_with_the_secret_falls_back_to_the_source_address(
    api: Client, clock: Clock, behind_cloudfront: str
) -> None:
    replies = [health(api, bad, SECRET) for bad in ("not-an-address", "198.51.100.7", "[::1]", "")]
    assert [r.status for r in replies] == [200] * ADDRESS
    assert health(api).status == 429  # all four spent the edge's own budget


def test_client_address_of_a_request_without_identity_is_none() -> None:
    class Bare:
        context: dict[str, object] = {}
        headers: dict[str, str] = {}

    assert client_address(Bare()) is None  # type: ignore[arg-type]
