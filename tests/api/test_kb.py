"""Knowledge base through the API: the category tree, articles and revisions, Markdown safety,
search relevance, the never-visible-unless-published rule, views and feedback, deflection."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def category(api: Client, acme: Tenant, name: str, parent_id: str | None = None) -> dict[str, Any]:
    reply = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": name, "parent_id": parent_id})
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def article(api: Client, acme: Tenant, category_id: str, title: str, content: str, **fields: Any) -> dict[str, Any]:
    body = {"category_id": category_id, "title": title, "content": content, "status": "published", **fields}
    reply = call(api, "POST", "/kb/articles", acme.token("agent"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def portal(api: Client, path: str, headers: dict[str, str] | None = None) -> Any:
    response = api.http.get(f"/portal/acme/kb{path}", headers=headers or {})
    import json

    return response.status_code, json.loads(response.body) if response.body else None


def test_the_category_tree_refuses_cycles_and_depth_and_guards_deletes(api: Client, acme: Tenant) -> None:
    a = category(api, acme, "Billing")
    b = category(api, acme, "Invoices", a["id"])
    c = category(api, acme, "Corrections", b["id"])
    cycle = call(api, "PATCH", f"/kb/categories/{a['id']}", acme.token("agent"), {"parent_id": c["id"]})
    assert (cycle.status, cycle.body["error"]["code"]) == (422, "invalid_parent")
    itself = call(api, "PATCH", f"/kb/categories/{a['id']}", acme.token("agent"), {"parent_id": a["id"]})
    assert itself.status == 422
    d = category(api, acme, "Level 4", c["id"])
    e = category(api, acme, "Level 5", d["id"])
    too_deep = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Level 6", "parent_id": e["id"]})
    assert too_deep.status == 422
    other = category(api, acme, "Shipping")
    moved = call(api, "PATCH", f"/kb/categories/{e['id']}", acme.token("agent"), {"parent_id": other["id"]})
    assert (moved.status, moved.body["parent_id"]) == (200, other["id"])
    top = call(api, "PATCH", f"/kb/categories/{e['id']}", acme.token("agent"), {"parent_id": None, "sort_order": 3})
    assert (top.body["parent_id"], top.body["sort_order"]) == (None, 3)

    assert call(api, "DELETE", f"/kb/categories/{a['id']}", acme.token("agent")).status == 409  # has children
    article(api, acme, d["id"], "How corrections work", "Text")
    busy = call(api, "DELETE", f"/kb/categories/{d['id']}", acme.token("agent"))
    assert (busy.status, busy.body["error"]["code"]) == (409, "category_has_articles")
    moved_out = call(api, "DELETE", f"/kb/categories/{d['id']}?move_articles_to={other['id']}", acme.token("agent"))
    assert moved_out.status == 204
    listed = call(api, "GET", f"/kb/articles?category_id={other['id']}", acme.token("agent")).body["items"]
    assert [x["title"] for x in listed] == ["How corrections work"]
    assert call(api, "POST", "/kb/categories", acme.token("customer"), {"name": "Nope"}).status == 403


def test_articles_keep_revisions_that_can_be_restored(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Accounts")
    first = article(api, acme, cat["id"], "Reset your password", "Use the link.", status="draft")
    path = f"/kb/articles/{first['id']}"
    edited = call(
        api, "PATCH", path, acme.token("agent"), {"content": "Use the reset link."}, headers={"If-Match": "1"}
    )
    assert (edited.status, edited.body["version"]) == (200, 2)
    stale = call(api, "PATCH", path, acme.token("agent"), {"title": "x"}, headers={"If-Match": "1"})
    assert stale.status == 412
    published = call(api, "PATCH", path, acme.token("manager"), {"status": "published"})
    assert published.body["is_published"] is True
    assert published.body["published_at"] is not None
    revisions = call(api, "GET", f"{path}/revisions", acme.token("agent")).body["items"]
    assert [(r["version"], r["content"]) for r in revisions] == [(2, "Use the reset link."), (1, "Use the link.")]
    restored = call(api, "POST", f"{path}/revisions/1/restore", acme.token("agent"))
    assert (restored.body["content"], restored.body["version"], restored.body["status"]) == (
        "Use the link.",
        4,
        "published",
    )
    assert call(api, "GET", f"{path}/revisions", acme.token("customer")).status == 403


def live_markup(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The elements a browser would build from ``html`` (escaped text is not markup)."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(html)
    return found


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '![a](https://img.example/x.png" onerror="alert(1))',
        "<a href='javascript:alert(1)'>x</a>",
        "[x](JaVaScRiPt:alert(1))",
    ],
)
def test_markdown_cannot_inject_script(api: Client, acme: Tenant, markdown: str) -> None:
    cat = category(api, acme, "Safety")
    created = article(api, acme, cat["id"], "Safe", f"Hello\n\n{markdown}\n\n**bold**")
    tags = live_markup(created["content_html"])
    assert "script" not in {tag for tag, _ in tags}
    for tag, attributes in tags:
        for name, value in attributes:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert ("strong", []) in tags


def test_search_stems_and_ranks_title_matches_first(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Billing")
    invoice = article(api, acme, cat["id"], "Printed invoice shows the wrong total", "Check the VAT line.")
    body_only = article(api, acme, cat["id"], "Paying by card", "A refund appears after 5 days.")
    titled = article(api, acme, cat["id"], "Refunds", "How money comes back.", tags=["money"])
    article(api, acme, cat["id"], "Unrelated", "Nothing to see.")

    status, found = portal(api, "/search?q=printing")
    assert status == 200
    assert [x["id"] for x in found["items"]] == [invoice["id"]]
    _, refunds = portal(api, "/search?q=refund")
    assert [x["id"] for x in refunds["items"]] == [titled["id"], body_only["id"]]
    assert refunds["items"][0]["score"] > refunds["items"][1]["score"]
    staff = call(api, "GET", "/kb/search?q=refunded%20money", acme.token("agent")).body["items"]
    assert staff[0]["id"] == titled["id"]
    assert portal(api, "/search?q=the")[1]["items"] == []  # stop words alone find nothing


def test_unpublished_articles_never_appear_anywhere(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Secret")
    draft = article(api, acme, cat["id"], "Zanzibar launch plan", "zanzibar zanzibar", status="draft")
    public = article(api, acme, cat["id"], "Zanzibar office hours", "Open daily.")

    def visible_ids() -> dict[str, set[str]]:
        return {
            "portal search": {x["id"] for x in portal(api, "/search?q=zanzibar")[1]["items"]},
            "staff search": {
                x["id"] for x in call(api, "GET", "/kb/search?q=zanzibar", acme.token("agent")).body["items"]
            },
            "suggestions": {
                x["id"] for x in call(api, "GET", "/kb/suggestions?q=zanzibar", acme.token("customer")).body["items"]
            },
            "portal list": {x["id"] for x in portal(api, f"/categories/{cat['id']}/articles")[1]["items"]},
            "customer list": {
                x["id"]
                for x in call(api, "GET", f"/kb/articles?category_id={cat['id']}", acme.token("customer")).body["items"]
            },
        }

    for where, ids in visible_ids().items():
        assert ids == {public["id"]}, where
    assert portal(api, f"/articles/{draft['id']}")[0] == 404
    assert call(api, "GET", f"/kb/articles/{draft['id']}", acme.token("customer")).status == 404
    customer_drafts = call(api, "GET", f"/kb/articles?category_id={cat['id']}&status=draft", acme.token("customer"))
    assert (customer_drafts.status, customer_drafts.body["error"]["code"]) == (403, "forbidden")

    # Unpublishing takes an article out of every public path at once.
    call(api, "PATCH", f"/kb/articles/{public['id']}", acme.token("agent"), {"status": "archived"})
    for where, ids in visible_ids().items():
        assert ids == set(), where
    assert portal(api, f"/articles/{public['id']}")[0] == 404
    assert call(api, "GET", f"/kb/articles/{draft['id']}", acme.token("agent")).status == 200  # staff still can
    assert api.http.get("/portal/nobody/kb/categories").status_code == 404


def test_views_count_distinct_viewers_per_day(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Views")
    created = article(api, acme, cat["id"], "Counted", "Body")
    path = f"/articles/{created['id']}"
    assert portal(api, path, {"User-Agent": "browser-a"})[1]["view_count"] == 1
    assert portal(api, path, {"User-Agent": "browser-a"})[1]["view_count"] == 1, "a refresh is not a new view"
    assert portal(api, path, {"User-Agent": "browser-b"})[1]["view_count"] == 1, "same address, same viewer"
    customer = call(api, "GET", f"/kb/articles/{created['id']}", acme.token("customer")).body
    assert customer["view_count"] == 2


def test_feedback_is_one_vote_per_viewer_and_can_change(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Votes")
    created = article(api, acme, cat["id"], "Vote on me", "Body")
    path = f"/kb/articles/{created['id']}/feedback"
    assert call(api, "POST", path, acme.token("customer"), {"helpful": True}).body["helpful_count"] == 1
    again = call(api, "POST", path, acme.token("customer"), {"helpful": True}).body
    assert (again["helpful_count"], again["not_helpful_count"]) == (1, 0)
    changed = call(api, "POST", path, acme.token("customer"), {"helpful": False}).body
    assert (changed["helpful_count"], changed["not_helpful_count"]) == (0, 1)
    other = call(api, "POST", path, acme.token("customer2"), {"helpful": True}).body
    assert (other["helpful_count"], other["not_helpful_count"]) == (1, 1)


def test_a_customers_new_ticket_suggests_articles(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Billing")
    invoice = article(api, acme, cat["id"], "Wrong total on an invoice", "Check the VAT line.")
    article(api, acme, cat["id"], "Draft about invoices", "invoice", status="draft")
    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "My invoice total is wrong"}).body
    assert [a["id"] for a in created["suggested_articles"]] == [invoice["id"]]
    staff = call(
        api,
        "POST",
        "/tickets",
        acme.token("agent"),
        {"subject": "Invoice", "customer_id": acme.user_id("customer")},
    ).body
    assert staff["suggested_articles"] == []


def test_concurrent_votes_are_exact(server_table: str) -> None:
    """Twenty viewers voting at once, and one viewer flipping back and forth: the counts are exact."""
    from datetime import UTC, datetime

    from chalicelib.domain.kb import KBArticle
    from chalicelib.store import kb as store

    now = datetime.now(UTC)
    created = store.create_article(
        KBArticle(
            id="a" * 20,
            org_id="o" * 20,
            category_id="c" * 20,
            title="Concurrent",
            content="x",
            status="published",
            author_id="u",
            created_at=now,
            updated_at=now,
        )
    )
    errors: list[BaseException] = []

    def run(viewer: str, helpful: bool) -> None:
        try:
            store.vote(created.org_id, created.id, viewer, helpful, now)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"viewer-{i}", i % 2 == 0)) for i in range(20)]
    threads += [threading.Thread(target=run, args=("flipper", i % 2 == 0)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = store.get_article(created.org_id, created.id)
    assert result is not None
    assert result.helpful_count + result.not_helpful_count == 21
    assert result.helpful_count in (10, 11)


@pytest.mark.parametrize(
    "path",
    [
        "/kb/articles?category_id=",
        "/kb/articles?category_id=a%23b",
        "/tickets?customer_id=",
        "/tickets?customer_id=%20x",
        "/work-orders?customer_id=",
    ],
)
def test_an_unusable_id_in_the_query_is_422_naming_it(api: Client, acme: Tenant, path: str) -> None:
    # Found by fuzzing: an empty id in the query string reached a key builder (500).
    reply = call(api, "GET", path, acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_query")
    assert reply.body["error"]["details"][0]["field"] in ("category_id", "customer_id")
