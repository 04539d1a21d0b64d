"""Attacks on satisfaction ratings by link: reuse, forged or borrowed tokens, expiry, a changed
requester, races, prefetching scanners, sign-in by rating link, and the report's audience."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.domain.commands import CreateTicketCommand, RatingCommand, UpdateTicketCommand
from chalicelib.domain.csat import Dimension
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.links import Purpose
from chalicelib.services import csat, links, tickets
from chalicelib.store import csat as csat_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.transactions import transact_write
from tests.api.helpers import Tenant, call, link_token, make_tenant, signup_admin, stored_items
from tests.api.test_csat import solve, solved_mail


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def rate(api: Client, token: str, **choice: Any) -> Any:
    return call(api, "POST", "/satisfaction", None, {"token": token, **(choice or {"rating": "good"})})


def preview(api: Client, token: str) -> Any:
    return call(api, "POST", "/satisfaction/preview", None, {"token": token})


def score_of(api: Client, tenant: Tenant, number: str) -> Any:
    return call(api, "GET", f"/tickets/{number}", tenant.token("manager")).body["customer_satisfaction_score"]


def error(reply: Any) -> tuple[int, str]:
    return reply.status, reply.body["error"]["code"]


def rated_token(api: Client, tenant: Tenant, stream: Any, outbox: Path) -> tuple[str, str]:
    number = solve(api, tenant, stream)
    return number, link_token(solved_mail(outbox))


def test_a_used_link_is_410_and_changes_nothing(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number, token = rated_token(api, acme, stream, outbox)
    assert rate(api, token, rating="bad").status == 200
    again = rate(api, token, rating="good")
    assert error(again) == (410, "link_used")
    assert error(preview(api, token)) == (410, "link_used")
    assert score_of(api, acme, number) == 1


def test_a_token_of_another_purpose_is_400(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number, _ = rated_token(api, acme, stream, outbox)
    for purpose in (Purpose.SIGN_IN, Purpose.PASSWORD_RESET, Purpose.TICKET):
        token, _, put = links.issue(
            acme.org_id, purpose, acme.user_id("customer"), timedelta(days=1), {"ticket_number": 1}
        )
        transact_write([put])
        assert error(rate(api, token)) == (400, "invalid_link")
        assert error(preview(api, token)) == (400, "invalid_link")
        assert links.check(token, purpose).used_at is None, "the refused attempt did not use it"
    assert error(rate(api, acme.token("customer"))) == (400, "invalid_link"), "a session token is no link"
    assert score_of(api, acme, number) is None


def test_a_link_moved_to_another_organization_is_400(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    other = make_tenant(api, "globex", email_domain="globex.example")
    number, token = rated_token(api, acme, stream, outbox)
    moved = token.replace(acme.org_id, other.org_id, 1)
    assert error(rate(api, moved)) == (400, "invalid_link")
    assert error(preview(api, moved)) == (400, "invalid_link")
    assert score_of(api, acme, number) is None
    assert rate(api, token).status == 200


@pytest.mark.parametrize("token", ["", "dl_short", "x" * 200, "dl_abcdef_" + "A" * 42 + "!"])
def test_malformed_tokens_are_400_or_422(api: Client, token: str) -> None:
    reply = rate(api, token)
    assert error(reply) in ((400, "invalid_link"), (422, "invalid_request"))


def test_an_expired_link_is_410(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number, token = rated_token(api, acme, stream, outbox)
    with time_machine.travel(datetime.now(UTC) + csat.VALID_FOR + timedelta(minutes=1)):
        assert error(preview(api, token)) == (410, "link_expired")
        assert error(rate(api, token)) == (410, "link_expired")
    assert score_of(api, acme, number) is None


def test_a_link_no_longer_rates_once_the_ticket_has_another_requester(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number, token = rated_token(api, acme, stream, outbox)
    # No route changes a requester today; a ticket written with another one stands for any future path.
    ticket = ticket_store.get_ticket(acme.org_id, int(number.split("-")[-1]))
    assert ticket is not None
    ticket_store.save_ticket(ticket.model_copy(update={"customer_id": acme.user_id("customer2")}), ticket, [])
    assert error(preview(api, token)) == (403, "not_requester")
    assert error(rate(api, token)) == (403, "not_requester")
    assert score_of(api, acme, number) is None


def test_a_ticket_rated_signed_in_refuses_the_link_with_409_and_the_link_stays_unused(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number, token = rated_token(api, acme, stream, outbox)
    body = {"score": 4}
    assert call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), body).status == 201
    assert preview(api, token).body["already_rated"] is True
    assert error(rate(api, token, rating="bad")) == (409, "already_rated")
    assert score_of(api, acme, number) == 4
    assert preview(api, token).status == 200, "not used by the refused rating"
    overall = call(api, "GET", "/reports/csat", acme.token("manager")).body["overall"]
    assert overall["count"] == 1, "counted once"


def test_a_reopened_ticket_cannot_be_rated_by_its_link(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number, token = rated_token(api, acme, stream, outbox)
    assert call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"status": "open"}).status == 200
    assert error(rate(api, token)) == (422, "not_solved")


def test_no_get_request_changes_anything(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number, token = rated_token(api, acme, stream, outbox)
    before = stored_items()
    for path in (
        f"/satisfaction?token={token}&rating=good",
        f"/satisfaction/preview?token={token}",
        f"/app/rate?token={token}&rating=good",
    ):
        assert call(api, "GET", path).status in (403, 404, 405)
    assert preview(api, token).status == 200
    assert stored_items() == before
    assert score_of(api, acme, number) is None
    assert rate(api, token).status == 200


def test_a_rating_never_signs_anyone_in(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    _, token = rated_token(api, acme, stream, outbox)
    sessions = [i for i in stored_items() if i.get("type", {}).get("S") == "Session"]
    rated = rate(api, token)
    assert rated.status == 200
    assert set(rated.body) == {"ticket_number", "score", "rating", "comment"}
    assert "set-cookie" not in {k.lower() for k in rated.headers}
    assert [i for i in stored_items() if i.get("type", {}).get("S") == "Session"] == sessions
    assert call(api, "GET", "/auth/me", token).status in (401, 403)


@pytest.mark.parametrize("role", ["agent", "customer"])
def test_the_csat_report_is_for_managers_and_admins(api: Client, acme: Tenant, role: str) -> None:
    assert error(call(api, "GET", "/reports/csat", acme.token(role))) == (403, "forbidden")
    assert call(api, "GET", "/reports/csat", acme.token("admin")).status == 200
    assert call(api, "GET", "/reports/csat").status == 401


def test_the_csat_report_never_shows_another_organizations_ratings(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    other = make_tenant(api, "globex", email_domain="globex.example")
    _, token = rated_token(api, acme, stream, outbox)
    assert rate(api, token).status == 200
    for group_by in ("agent", "department", "week"):
        theirs = call(api, "GET", f"/reports/csat?group_by={group_by}", other.token("manager")).body
        assert (theirs["rows"], theirs["overall"]["count"]) == ([], 0)
    assert call(api, "GET", "/reports/sla", other.token("manager")).body["csat"]["count"] == 0
    assert call(api, "GET", "/reports/csat", acme.token("manager")).body["overall"]["count"] == 1


def _race(*attempts: Callable[[], object]) -> list[str]:
    """Run the attempts at once; each outcome is "ok" or the error code it raised."""
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(attempt: Callable[[], object]) -> None:
        try:
            attempt()
            outcome = "ok"
        except DesklessError as exc:
            outcome = exc.code
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _solved_ticket_with_link(slug: str) -> tuple[Principal, Principal, str, str]:
    """An organization's admin, a requester, their solved ticket's number and its rating link."""
    admin: Principal = signup_admin(slug)
    now = datetime.now(UTC)
    requester = tickets.create_customer_user(admin, f"bob@{slug}-client.example", None, now)
    actor = tickets.Actor(admin)
    ticket = tickets.create_ticket(admin, CreateTicketCommand(subject="Race", customer_id=requester.id), actor)
    tickets.update_ticket(admin, ticket.ticket_number, UpdateTicketCommand(status="solved"), None, actor)
    token, _, put = links.issue(
        admin.org_id, Purpose.CSAT, requester.id, csat.VALID_FOR, {"ticket_number": ticket.number}
    )
    transact_write([put])
    customer = Principal(org_id=admin.org_id, user_id=requester.id, role=Role.CUSTOMER, session_id="test")
    return admin, customer, ticket.ticket_number, token


def _counted(org_id: str) -> int:
    today = datetime.now(UTC).date()
    return sum(values["n"] for _, _, values in csat_store.read_counters(org_id, Dimension.ORG, today, today))


def test_concurrent_uses_of_one_link_record_one_rating(server_table: str) -> None:
    admin, _, number, token = _solved_ticket_with_link("race")
    attempt = lambda: csat.rate(token, 5, None, None, None)  # noqa: E731
    assert _race(*[attempt] * 4) == ["link_used"] * 3 + ["ok"]
    assert tickets.load_ticket(admin, number).customer_satisfaction_score == 5
    assert _counted(admin.org_id) == 1


def test_a_link_and_a_signed_in_rating_at_once_record_one(server_table: str) -> None:
    admin, customer, number, token = _solved_ticket_with_link("race2")
    by_link = lambda: csat.rate(token, 2, "by link", None, None)  # noqa: E731
    signed_in = lambda: tickets.rate_ticket(customer, number, RatingCommand(score=4), tickets.Actor(customer))  # noqa: E731
    assert _race(by_link, signed_in) == ["already_rated", "ok"]
    assert tickets.load_ticket(admin, number).customer_satisfaction_score in (2, 4)
    assert _counted(admin.org_id) == 1
