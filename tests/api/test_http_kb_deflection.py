"""Deflection, counted: POST /kb/articles/{id}/deflection (once per person, article and UTC day; a
published article the caller can read, else 404), the article's deflection_count (staff) and
GET /reports/kb from day counter rows."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Reply, Tenant, call, make_tenant, stored_items
from tests.api.test_http_idempotency import at_once, server_api  # noqa: F401  (the threaded client on the locked moto server)
from tests.api.test_kb import article, category

DAY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The time the deflection and the report's default range see; tests move it by days."""
    now = [DAY]
    monkeypatch.setattr("chalicelib.services.kb.utcnow", lambda: now[0])
    monkeypatch.setattr("chalicelib.services.csat.utcnow", lambda: now[0])
    return now


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def published(api: Client, acme: Tenant) -> dict[str, Any]:
    shelf = category(api, acme, "Printing")
    return article(api, acme, shelf["id"], "Clearing a paper jam", "Open the tray and pull gently.")


def deflect(api: Client, token: str, article_id: str, body: Any = None) -> Reply:
    return call(api, "POST", f"/kb/articles/{article_id}/deflection", token, {} if body is None else body)


def count_of(api: Client, acme: Tenant, article_id: str) -> int:
    reply = call(api, "GET", f"/kb/articles/{article_id}", acme.token("agent"))
    assert reply.status == 200, reply.body
    return int(reply.body["deflection_count"])


def report(api: Client, tenant: Tenant, query: str = "", role: str = "manager") -> Reply:
    return call(api, "GET", f"/reports/kb{query}", tenant.token(role))


def stored_keys(org_id: str) -> set[tuple[str, str]]:
    """The (PK, SK) of every stored KB item of the organization."""
    keys = {(i["PK"]["S"], i["SK"]["S"]) for i in stored_items()}
    return {(pk, sk) for pk, sk in keys if pk.startswith(f"ORG#{org_id}#KB")}


def deflection_keys(org_id: str) -> set[tuple[str, str]]:
    """The day rows and the once-a-day guards of deflections."""
    return {(pk, sk) for pk, sk in stored_keys(org_id) if pk.endswith("#KBSTATS") or sk.startswith("DEFLECTED#")}


# ---------------------------------------------------------------- counted once


def test_a_deflection_counts_once_per_person_article_and_utc_day(
    api: Client, acme: Tenant, published: dict[str, Any], clock: list[datetime]
) -> None:
    customer = acme.token("customer")
    replies = [deflect(api, customer, published["id"], {"query": "paper jam"}) for _ in range(3)]
    assert [(r.status, r.body) for r in replies] == [(204, None)] * 3  # a retry or a second click: 204
    assert count_of(api, acme, published["id"]) == 1
    assert deflect(api, acme.token("customer2"), published["id"]).status == 204
    assert count_of(api, acme, published["id"]) == 2
    clock[0] = DAY + timedelta(days=1)
    assert deflect(api, customer, published["id"]).status == 204
    assert count_of(api, acme, published["id"]) == 3
    by_day = call(api, "GET", "/reports/kb?from=2026-11-30&to=2026-11-30", acme.token("manager")).body
    assert by_day["deflections"] == 2
    assert report(api, acme, "?from=2026-11-30&to=2026-12-01").body["deflections"] == 3


def test_concurrent_deflections_by_one_person_count_once(server_api: Client) -> None:  # noqa: F811
    acme = make_tenant(server_api, "acme")
    shelf = category(server_api, acme, "Printing")
    found = article(server_api, acme, shelf["id"], "Clearing a paper jam", "Open the tray.")
    send = functools.partial(deflect, server_api, acme.token("customer"), found["id"])
    replies = at_once([send] * 6)
    assert {r.status for r in replies} == {204}, [r.body for r in replies]
    assert count_of(server_api, acme, found["id"]) == 1
    assert report(server_api, acme).body["deflections"] == 1


def test_every_signed_in_person_who_can_read_the_article_may_deflect(
    api: Client, acme: Tenant, published: dict[str, Any], clock: list[datetime]
) -> None:
    for role in ("customer", "agent", "manager", "admin"):
        assert deflect(api, acme.token(role), published["id"]).status == 204, role
    assert count_of(api, acme, published["id"]) == 4
    anonymous = call(api, "POST", f"/kb/articles/{published['id']}/deflection", None, {})
    assert anonymous.status == 401


# ---------------------------------------------------------------- only what the caller can read


def test_a_draft_an_archived_or_an_unknown_article_is_404_and_nothing_is_counted(
    api: Client, acme: Tenant, published: dict[str, Any], clock: list[datetime]
) -> None:
    draft = article(api, acme, published["category_id"], "Unreleased", "Soon.", status="draft")
    archived = article(api, acme, published["category_id"], "Old printer", "Gone.", status="archived")
    for token in (acme.token("customer"), acme.token("agent")):
        for article_id in (draft["id"], archived["id"], "0" * 20, "x" * 41):
            reply = deflect(api, token, article_id)
            assert (reply.status, reply.body["error"]["code"]) == (404, "not_found"), article_id
    assert deflection_keys(acme.org_id) == set()
    assert count_of(api, acme, draft["id"]) == 0


def test_another_organizations_article_is_404_and_two_organizations_never_mix(
    api: Client, acme: Tenant, published: dict[str, Any], clock: list[datetime]
) -> None:
    globex = make_tenant(api, "globex")
    theirs = article(api, globex, category(api, globex, "Theirs")["id"], "Globex jam", "Shake it.")
    assert deflect(api, acme.token("customer"), theirs["id"]).status == 404
    assert deflect(api, globex.token("customer"), published["id"]).status == 404
    assert deflect(api, globex.token("customer"), theirs["id"]).status == 204
    mine = report(api, acme).body
    assert mine["deflections"] == 0
    assert [r["article_id"] for r in mine["by_article"]] == [published["id"]]
    other = report(api, globex).body
    assert (other["deflections"], [r["article_id"] for r in other["by_article"]]) == (1, [theirs["id"]])


@pytest.mark.parametrize(
    "body",
    [{"query": "x" * 201}, {"query": 5}, {"article": "other"}],
    ids=["query-too-long", "query-not-text", "unknown-field"],
)
def test_a_malformed_body_is_422_and_nothing_is_counted(
    api: Client, acme: Tenant, published: dict[str, Any], body: dict[str, Any]
) -> None:
    reply = deflect(api, acme.token("customer"), published["id"], body)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_request")
    assert count_of(api, acme, published["id"]) == 0


def test_the_deflection_count_is_for_staff(api: Client, acme: Tenant, published: dict[str, Any]) -> None:
    assert deflect(api, acme.token("customer"), published["id"]).status == 204
    assert count_of(api, acme, published["id"]) == 1
    as_customer = call(api, "GET", f"/kb/articles/{published['id']}", acme.token("customer"))
    assert as_customer.status == 200
    assert as_customer.body["deflection_count"] is None
    public = call(api, "GET", f"/portal/acme/kb/articles/{published['id']}")
    assert public.status == 200
    assert public.body["deflection_count"] is None
    edited = call(
        api,
        "PATCH",
        f"/kb/articles/{published['id']}",
        acme.token("agent"),
        {"title": "Clearing a paper jam, step by step"},
        headers={"If-Match": '"1"'},
    )
    assert edited.status == 200
    assert edited.body["deflection_count"] == 1


# ---------------------------------------------------------------- the report


def test_the_kb_report_lists_every_article_with_its_figures(
    api: Client, acme: Tenant, published: dict[str, Any], clock: list[datetime]
) -> None:
    other = article(api, acme, published["category_id"], "Replacing toner", "Lift the lid.")
    call(api, "GET", f"/kb/articles/{other['id']}", acme.token("customer"))
    call(api, "GET", f"/kb/articles/{published['id']}", acme.token("customer"))
    call(api, "GET", f"/kb/articles/{published['id']}", acme.token("customer2"))
    call(api, "POST", f"/kb/articles/{published['id']}/feedback", acme.token("customer"), {"helpful": True})
    call(api, "POST", f"/kb/articles/{other['id']}/feedback", acme.token("customer2"), {"helpful": False})
    for role in ("customer", "customer2"):
        assert deflect(api, acme.token(role), published["id"], {"query": "jam"}).status == 204
    reply = report(api, acme, "?from=2026-11-01&to=2026-11-30")
    assert reply.status == 200, reply.body
    assert reply.body == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        "views": 3,
        "deflections": 2,
        "helpful": 1,
        "not_helpful": 1,
        "by_article": [
            {
                "article_id": published["id"],
                "title": "Clearing a paper jam",
                "views": 2,
                "deflections": 2,
                "helpful": 1,
                "not_helpful": 0,
            },
            {
                "article_id": other["id"],
                "title": "Replacing toner",
                "views": 1,
                "deflections": 0,
                "helpful": 0,
                "not_helpful": 1,
            },
        ],
    }
    before = report(api, acme, "?from=2026-11-01&to=2026-11-29").body
    assert (before["deflections"], before["by_article"][0]["deflections"]) == (0, 0)
    default = report(api, acme).body  # the last 30 days up to today
    assert (default["from"], default["to"], default["deflections"]) == ("2026-11-01", "2026-11-30", 2)


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("manager", 200), ("agent", 403), ("customer", 403)])
def test_the_kb_report_is_for_admins_and_managers(api: Client, acme: Tenant, role: str, status: int) -> None:
    assert report(api, acme, role=role).status == status


@pytest.mark.parametrize(
    ("query", "code"),
    [("?from=2026-11-30&to=2026-11-01", "invalid_query"), ("?from=2025-01-01&to=2026-11-30", "range_too_long")],
)
def test_a_reversed_or_too_long_range_is_422(api: Client, acme: Tenant, query: str, code: str) -> None:
    reply = report(api, acme, query)
    assert (reply.status, reply.body["error"]["code"]) == (422, code)


def test_the_report_reads_day_counters_never_one_read_per_view_or_deflection(
    api: Client, acme: Tenant, published: dict[str, Any], clock: list[datetime]
) -> None:
    operations: Counter[str] = Counter()

    def measured() -> Counter[str]:
        operations.clear()
        metering.add_before_listener(listener)
        try:
            assert report(api, acme).status == 200
        finally:
            metering.remove_before_listener(listener)
        return Counter(operations)

    def listener(operation: str, params: dict[str, Any]) -> None:
        operations[operation] += 1

    assert deflect(api, acme.token("customer"), published["id"]).status == 204
    few = measured()
    for day in range(1, 6):
        clock[0] = DAY - timedelta(days=day)
        for role in ("customer", "customer2", "agent"):
            call(api, "GET", f"/kb/articles/{published['id']}", acme.token(role))
            assert deflect(api, acme.token(role), published["id"]).status == 204
    clock[0] = DAY
    many = measured()
    assert report(api, acme).body["deflections"] == 16
    assert many == few, "the report's reads do not grow with views or deflections"
    assert set(many) <= {"GetItem", "BatchGetItem", "Query"}


def test_the_organizations_export_holds_its_deflection_counters(
    api: Client, acme: Tenant, published: dict[str, Any]
) -> None:
    from tests.api.test_security_exports import run_export

    assert deflect(api, acme.token("customer"), published["id"]).status == 204
    kept = deflection_keys(acme.org_id)
    assert {sk.split("#")[0] for _, sk in kept} == {"ART", "DEFLECTED"}
    _, rows, _ = run_export(api, acme)
    exported = {(r["PK"]["S"], r["SK"]["S"]) for r in rows}
    assert kept <= exported
    derived = ("#KBTERM#", "#KBSRCH#")  # the search index, vocabulary and statistics: left out, rebuilt
    assert {(pk, sk) for pk, sk in stored_keys(acme.org_id) if not any(d in pk for d in derived)} <= exported
