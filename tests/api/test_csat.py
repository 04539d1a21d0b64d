"""Satisfaction ratings by mailed link, end to end: the solved mail, the preview, the rating, the reports."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.domain.csat import week_of
from tests.api.helpers import Tenant, call, link_token, mails_to, make_tenant, stored_items


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def solved_mail(outbox: Path, address: str = "customer@example.com") -> EmailMessage:
    (message,) = [m for m in mails_to(outbox, address) if "marked as solved" in m.get_content()]
    return message


def solve(api: Client, tenant: Tenant, stream: Any, subject: str = "Printer", agent: str = "agent") -> str:
    """A customer's ticket, assigned to ``agent`` and solved; the stream sends the solved mail."""
    number = str(call(api, "POST", "/tickets", tenant.token("customer"), {"subject": subject}).body["ticket_number"])
    manager = tenant.token("manager")
    assert call(api, "PATCH", f"/tickets/{number}", manager, {"assigned_agent_id": tenant.user_id(agent)}).status == 200
    assert call(api, "PATCH", f"/tickets/{number}", manager, {"status": "solved"}).status == 200
    stream.drain()
    return number


def rate(api: Client, body: dict[str, Any]) -> Any:
    return call(api, "POST", "/satisfaction", None, body)


def test_the_solved_mail_carries_good_bad_and_form_links_of_one_token(
    api: Client, acme: Tenant, stream: Any, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://help.example.com")
    solve(api, acme, stream)
    text = solved_mail(outbox).get_content()
    token = link_token(solved_mail(outbox))
    page = f"https://help.example.com/app/rate#token={token}"
    assert f"{page}&rating=good" in text
    assert f"{page}&rating=bad" in text
    assert f"with a comment: {page}\n" in text


def csat_links() -> list[dict[str, Any]]:
    return [i for i in stored_items() if i.get("type", {}).get("S") == "Link" and i["purpose"]["S"] == "csat"]


def test_a_redelivered_solved_event_makes_no_second_mail_or_link(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    from chalicelib.services import notifications
    from chalicelib.store import tickets as ticket_store

    number = solve(api, acme, stream)
    assert len(csat_links()) == 1
    ticket = ticket_store.get_ticket(acme.org_id, int(number.split("-")[-1]))
    assert ticket is not None
    notices = notifications.for_ticket_change(ticket.model_copy(update={"status": "open"}), ticket)
    assert [n.kind for n in notices] == ["solved"]
    assert notifications.send(acme.org_id, ticket, notices, "event-1") >= 1  # mail (and push)
    assert notifications.send(acme.org_id, ticket, notices, "event-1") == 0, "the same event, delivered again"
    assert len(csat_links()) == 2
    assert len([m for m in mails_to(outbox, "customer@example.com") if "marked as solved" in m.get_content()]) == 2


def test_preview_shows_the_ticket_and_leaves_the_link_usable(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number = solve(api, acme, stream, subject="Broken login")
    token = link_token(solved_mail(outbox))
    for _ in range(2):
        shown = call(api, "POST", "/satisfaction/preview", None, {"token": token})
        assert shown.status == 200, shown.body
        assert shown.body["ticket_number"] == number
        assert shown.body["subject"] == "Broken login"
        assert shown.body["organization_name"] == "Acme Inc"
        assert shown.body["already_rated"] is False
    assert rate(api, {"token": token, "rating": "good"}).status == 200


def test_one_click_good_records_five_on_the_ticket_with_a_link_history_entry(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number = solve(api, acme, stream)
    rated = rate(api, {"token": link_token(solved_mail(outbox)), "rating": "good"})
    assert rated.status == 200, rated.body
    assert rated.body == {"ticket_number": number, "score": 5, "rating": "good", "comment": None}
    ticket = call(api, "GET", f"/tickets/{number}", acme.token("customer")).body
    assert ticket["customer_satisfaction_score"] == 5
    history = call(api, "GET", f"/tickets/{number}/history", acme.token("manager")).body["items"]
    rated_entries = [h for h in history if h["change_type"] == "rated"]
    assert [h["field_name"] for h in rated_entries] == ["customer_satisfaction_score"]
    assert {h["source"] for h in rated_entries} == {"link"}
    assert {h["user_id"] for h in rated_entries} == {acme.user_id("customer")}


def test_the_form_records_a_score_and_comment_and_bad_records_one(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    first = solve(api, acme, stream, subject="One")
    rated = rate(api, {"token": link_token(solved_mail(outbox)), "score": 3, "comment": "Slow but fixed."})
    assert rated.body == {"ticket_number": first, "score": 3, "rating": "neutral", "comment": "Slow but fixed."}
    for path in outbox.glob("*.eml"):
        path.unlink()
    solve(api, acme, stream, subject="Two")
    assert rate(api, {"token": link_token(solved_mail(outbox)), "rating": "bad"}).body["score"] == 1


@pytest.mark.parametrize(
    "body",
    [
        {"rating": "good", "score": 5},
        {},
        {"rating": "great"},
        {"score": 0},
        {"score": 6},
    ],
)
def test_a_rating_needs_exactly_one_of_rating_or_score(
    api: Client, acme: Tenant, stream: Any, outbox: Path, body: dict[str, Any]
) -> None:
    solve(api, acme, stream)
    token = link_token(solved_mail(outbox))
    refused = rate(api, {"token": token, **body})
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_request")
    assert rate(api, {"token": token, "rating": "good"}).status == 200, "a refused request leaves the link unused"


def test_ratings_by_link_and_signed_in_fill_the_csat_report_per_agent_department_and_week(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    admin = acme.token("admin")
    department = call(api, "POST", "/departments", admin, {"name": "Field"}).body["id"]
    assert call(api, "PUT", f"/departments/{department}/members/{acme.user_id('agent')}", admin).status == 200
    solve(api, acme, stream, subject="A")
    assert rate(api, {"token": link_token(solved_mail(outbox)), "rating": "good"}).status == 200
    for path in outbox.glob("*.eml"):
        path.unlink()
    signed_in = solve(api, acme, stream, subject="B", agent="agent2")
    body = {"score": 2, "comment": "Meh"}
    assert call(api, "POST", f"/tickets/{signed_in}/satisfaction", acme.token("customer"), body).status == 201

    manager = acme.token("manager")
    by_agent = call(api, "GET", "/reports/csat?group_by=agent", manager)
    assert by_agent.status == 200, by_agent.body
    rows = {r["agent_id"]: r for r in by_agent.body["rows"]}
    assert {k: rows[acme.user_id("agent")][k] for k in ("count", "average_score", "csat_percent", "good", "bad")} == {
        "count": 1,
        "average_score": 5.0,
        "csat_percent": 100.0,
        "good": 1,
        "bad": 0,
    }
    assert (rows[acme.user_id("agent2")]["count"], rows[acme.user_id("agent2")]["bad"]) == (1, 1)
    overall = by_agent.body["overall"]
    assert (overall["count"], overall["average_score"], overall["csat_percent"]) == (2, 3.5, 50.0)

    by_department = call(api, "GET", "/reports/csat?group_by=department", manager).body["rows"]
    assert [(r["department_id"], r["count"], r["good"]) for r in by_department] == [(department, 1, 1)]

    by_week = call(api, "GET", "/reports/csat", manager).body
    week, monday = week_of(datetime.now(UTC).date())
    assert [(r["week"], r["week_start"], r["count"]) for r in by_week["rows"]] == [(week, monday.isoformat(), 2)]

    sla = call(api, "GET", "/reports/sla", manager)
    assert sla.status == 200
    assert (sla.body["csat"]["count"], sla.body["csat"]["good"], sla.body["csat"]["bad"]) == (2, 1, 1)


def test_the_report_range_excludes_days_outside_it(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    solve(api, acme, stream)
    assert rate(api, {"token": link_token(solved_mail(outbox)), "rating": "good"}).status == 200
    empty = call(api, "GET", "/reports/csat?from=2020-01-01&to=2020-01-31", acme.token("manager"))
    assert empty.status == 200
    assert empty.body["rows"] == []
    assert empty.body["overall"] == {"count": 0, "average_score": None, "csat_percent": None, "good": 0, "bad": 0}


def test_the_csat_report_reads_counters_never_tickets(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    from chalicelib.store import metering

    for subject in ("One", "Two", "Three"):
        for path in outbox.glob("*.eml"):
            path.unlink()
        solve(api, acme, stream, subject=subject)
        assert rate(api, {"token": link_token(solved_mail(outbox)), "rating": "good"}).status == 200
    for group_by, reads in (("week", ["BatchGetItem", "Query"]), ("agent", ["BatchGetItem", "Query", "Query"])):
        with metering.metered() as calls:
            body = call(api, "GET", f"/reports/csat?group_by={group_by}", acme.token("manager")).body
        assert body["overall"]["count"] == 3
        # the authorizer's read, then the counter rows: not one read per ticket
        assert [c.operation for c in calls] == reads
