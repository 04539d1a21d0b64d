"""The knowledge base editor's API: the Markdown preview renders with the articles' sanitiser and
stores nothing; only writers may use it."""

from __future__ import annotations

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def test_preview_renders_markdown_as_the_saved_article_would(api: Client, acme: Tenant) -> None:
    content = "# Reset\n\n**Hold** the button. [Docs](https://example.com)"
    reply = call(api, "POST", "/kb/preview", acme.token("agent"), {"content": content})
    assert reply.status == 200, reply.body
    category_id = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Help"}).body["id"]
    saved = call(
        api, "POST", "/kb/articles", acme.token("agent"), {"category_id": category_id, "title": "T", "content": content}
    )
    assert reply.body["content_html"] == saved.body["content_html"]
    assert "<h1>Reset</h1>" in reply.body["content_html"]


def test_preview_strips_script_handlers_and_javascript_links(api: Client, acme: Tenant) -> None:
    attack = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    attack += "\n\n![i](javascript:alert(2))"
    reply = call(api, "POST", "/kb/preview", acme.token("manager"), {"content": attack})
    assert reply.status == 200, reply.body
    html = reply.body["content_html"]
    assert "<script" not in html
    assert '<img src="x"' not in html  # the raw tag stays text: no handler can run
    assert 'href="javascript' not in html
    assert 'src="javascript' not in html
    assert "&lt;script&gt;" in html  # raw HTML is shown as text


def test_customer_cannot_use_the_preview(api: Client, acme: Tenant) -> None:
    reply = call(api, "POST", "/kb/preview", acme.token("customer"), {"content": "hi"})
    assert reply.status == 403, reply.body


def test_preview_rejects_oversized_content(api: Client, acme: Tenant) -> None:
    reply = call(api, "POST", "/kb/preview", acme.token("agent"), {"content": "a" * 200_001})
    assert reply.status in (413, 422), reply.body


def test_preview_stores_nothing(api: Client, acme: Tenant) -> None:
    call(api, "POST", "/kb/preview", acme.token("agent"), {"content": "# Not saved"})
    listed = call(api, "GET", "/kb/articles", acme.token("agent"))
    assert listed.status == 200
    assert listed.body["items"] == []


def published(api: Client, acme: Tenant) -> str:
    category_id = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Help"}).body["id"]
    body = {"category_id": category_id, "title": "Reset", "content": "x", "status": "published"}
    article_id: str = call(api, "POST", "/kb/articles", acme.token("agent"), body).body["id"]
    return article_id


def test_stats_count_views_votes_and_deflections_on_their_day(api: Client, acme: Tenant) -> None:
    from chalicelib.domain.clock import utcnow

    article_id = published(api, acme)
    for role in ("customer", "customer2", "customer"):  # the second read by the same person the same day: not counted
        assert call(api, "GET", f"/kb/articles/{article_id}", acme.token(role)).status == 200
    call(api, "POST", f"/kb/articles/{article_id}/feedback", acme.token("customer"), {"helpful": True})
    call(api, "POST", f"/kb/articles/{article_id}/feedback", acme.token("customer2"), {"helpful": True})
    call(api, "POST", f"/kb/articles/{article_id}/feedback", acme.token("customer2"), {"helpful": False})
    call(api, "POST", f"/kb/articles/{article_id}/deflection", acme.token("customer"), {})
    reply = call(api, "GET", f"/kb/articles/{article_id}/stats", acme.token("agent"))
    assert reply.status == 200, reply.body
    today = utcnow().date().isoformat()
    assert len(reply.body["days"]) == 30
    assert reply.body["to"] == today
    assert reply.body["days"][-1] == {"day": today, "views": 2, "helpful": 1, "not_helpful": 1, "deflections": 1}
    assert all(d["views"] == 0 for d in reply.body["days"][:-1])
    assert (reply.body["view_count"], reply.body["helpful_count"], reply.body["not_helpful_count"]) == (2, 1, 1)


def test_customer_cannot_read_article_stats(api: Client, acme: Tenant) -> None:
    article_id = published(api, acme)
    reply = call(api, "GET", f"/kb/articles/{article_id}/stats", acme.token("customer"))
    assert reply.status == 403, reply.body


def test_stats_of_another_organizations_article_are_not_found(api: Client, acme: Tenant) -> None:
    article_id = published(api, acme)
    other = make_tenant(api, "other")
    reply = call(api, "GET", f"/kb/articles/{article_id}/stats", other.token("manager"))
    assert reply.status == 404, reply.body


def test_stats_range_longer_than_a_year_is_refused(api: Client, acme: Tenant) -> None:
    article_id = published(api, acme)
    query = "?from=2025-01-01&to=2026-06-01"
    reply = call(api, "GET", f"/kb/articles/{article_id}/stats{query}", acme.token("agent"))
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "range_too_long"
