"""One list shape: every list answers ``{items, next_cursor}`` and pages by ``limit`` (default 50),
its cursor works for that list only, and a ticket embeds only its first page of comments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path


def created(reply: Any) -> dict[str, Any]:
    assert reply.status in (200, 201), reply.body
    body: dict[str, Any] = reply.body
    return body


def every_page(api: Client, path: str, token: str | None, limit: int) -> list[list[dict[str, Any]]]:
    """The list read page by page with ``limit``: each page's items, until next_cursor is null."""
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    glue = "&" if "?" in path else "?"
    while True:
        reply = call(api, "GET", f"{path}{glue}limit={limit}" + (f"&cursor={cursor}" if cursor else ""), token)
        assert reply.status == 200, reply.body
        # A list may carry a summary of its page beside them (automation rules: broken_rules).
        assert set(reply.body) - {"broken_rules"} == {"items", "next_cursor"}, reply.body
        pages.append(reply.body["items"])
        cursor = reply.body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20, "the list never ends"


# Each list: (path, who reads it, how to add one more item to it, the item's key in the list).
Maker = Callable[[Client, Tenant, int], None]


def _rule(api: Client, acme: Tenant, i: int) -> None:
    body = {
        "name": f"Rule {i}",
        "trigger_type": "ticket_created",
        "actions": [{"type": "add_tags", "tags": ["x"]}],
        "execution_order": 100 - i,
    }
    created(call(api, "POST", "/automation-rules", acme.token("manager"), body))


def _policy(api: Client, acme: Tenant, i: int) -> None:
    body = {"name": f"Policy {i}", "first_response_hours": 1, "resolution_hours": 8, "order": 100 - i}
    created(call(api, "POST", "/sla-policies", acme.token("manager"), body))


def _category(api: Client, acme: Tenant, i: int) -> None:
    created(call(api, "POST", "/kb/categories", acme.token("manager"), {"name": f"Category {i}", "sort_order": i}))


def _subscription(api: Client, acme: Tenant, i: int) -> None:
    body = {"url": f"https://hooks.example.com/{i}", "events": ["ticket.created"]}
    created(call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body))


def _secret(api: Client, acme: Tenant, i: int) -> None:
    created(call(api, "POST", "/organization/webhook-secrets", acme.token("admin")))


def _grant(api: Client, acme: Tenant, i: int) -> None:
    permission = ["tickets.view_all", "users.create", "sla.write", "rules.read", "kb.write"][i]
    created(
        call(
            api, "POST", f"/users/{acme.user_id('agent')}/permissions", acme.token("admin"), {"permission": permission}
        )
    )


def _article(api: Client, acme: Tenant, i: int) -> None:
    categories = call(api, "GET", "/kb/categories", acme.token("manager")).body["items"]
    category_id = categories[0]["id"] if categories else None
    if category_id is None:
        category_id = created(call(api, "POST", "/kb/categories", acme.token("manager"), {"name": "Printers"}))["id"]
    body = {
        "category_id": category_id,
        "title": f"Printer problem {i}",
        "content": "printer " * (i + 1),
        "status": "published",
    }
    created(call(api, "POST", "/kb/articles", acme.token("manager"), body))


def _address(api: Client, acme: Tenant, i: int) -> None:
    created(
        call(api, "POST", "/organization/support-addresses", acme.token("admin"), {"address": f"help{i}@acme.example"})
    )


LISTS: dict[str, tuple[str, str | None, Maker, int, str]] = {
    # name: (path, reader role (None: public), maker, how many to make, the id field)
    "automation rules": ("/automation-rules", "manager", _rule, 3, "id"),
    "sla policies": ("/sla-policies", "agent", _policy, 3, "id"),
    "kb categories": ("/kb/categories", "agent", _category, 3, "id"),
    "kb categories (customer)": ("/kb/categories", "customer", _category, 3, "id"),
    "kb categories (portal)": ("/portal/acme/kb/categories", None, _category, 3, "id"),
    "webhook subscriptions": ("/webhook-subscriptions", "admin", _subscription, 3, "id"),
    "webhook secrets": ("/organization/webhook-secrets", "admin", _secret, 2, "id"),
    "user permissions": ("/users/{agent}/permissions", "admin", _grant, 3, "permission"),
    "kb search": ("/kb/search?q=printer", "customer", _article, 3, "id"),
    "kb search (portal)": ("/portal/acme/kb/search?q=printer", None, _article, 3, "id"),
    "support addresses": ("/organization/support-addresses", "admin", _address, 3, "id"),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_that_answered_bare_items_now_pages_by_limit_with_a_cursor(
    api: Client, acme: Tenant, outbox: Path, name: str
) -> None:
    path, role, make, count, key = LISTS[name]
    path = path.replace("{agent}", acme.user_id("agent"))
    token = acme.token(role) if role else None
    for i in range(count):
        make(api, acme, i)
    whole = call(api, "GET", path, token)
    assert whole.status == 200, whole.body
    assert (len(whole.body["items"]), whole.body["next_cursor"]) == (count, None)
    pages = every_page(api, path, token, 1)
    assert [len(p) for p in pages] == [1] * count
    # The pages, in order, are the whole list, in its order.
    assert [item[key] for page in pages for item in page] == [item[key] for item in whole.body["items"]]


def test_retention_policies_page_through_every_entity_type(api: Client, acme: Tenant) -> None:
    pages = every_page(api, "/retention-policies", acme.token("admin"), 3)
    assert [len(p) for p in pages] == [3, 3, 1]
    entities = [p["entity"] for page in pages for p in page]
    assert entities[:3] == ["tickets", "comments", "attachments"]
    assert len(set(entities)) == 7


def test_rules_and_policies_page_in_the_order_they_run(api: Client, acme: Tenant) -> None:
    for i in range(4):
        _rule(api, acme, i)
        _policy(api, acme, i)
    rules = every_page(api, "/automation-rules", acme.token("manager"), 3)
    assert [r["name"] for page in rules for r in page] == ["Rule 3", "Rule 2", "Rule 1", "Rule 0"]
    assert [len(p) for p in rules] == [3, 1]
    assert all(r["statistics"]["execution_count"] == 0 for page in rules for r in page)
    policies = every_page(api, "/sla-policies", acme.token("agent"), 2)
    assert [p["name"] for page in policies for p in page] == ["Policy 3", "Policy 2", "Policy 1", "Policy 0"]


def test_a_page_holds_50_items_unless_limit_says_otherwise(api: Client, acme: Tenant) -> None:
    for i in range(51):
        _category(api, acme, i)
    first = call(api, "GET", "/kb/categories", acme.token("agent")).body
    assert (len(first["items"]), first["next_cursor"] is not None) == (50, True)
    rest = call(api, "GET", f"/kb/categories?cursor={first['next_cursor']}", acme.token("agent")).body
    assert (len(rest["items"]), rest["next_cursor"]) == (1, None)
    assert call(api, "GET", "/kb/categories?limit=101", acme.token("agent")).status in (400, 422)
    assert call(api, "GET", "/kb/categories?limit=0", acme.token("agent")).status in (400, 422)


def test_a_cursor_only_continues_the_list_that_gave_it(api: Client, acme: Tenant) -> None:
    for i in range(2):
        _rule(api, acme, i)
        _policy(api, acme, i)
        _article(api, acme, i)
    manager = acme.token("manager")
    rules_cursor = call(api, "GET", "/automation-rules?limit=1", manager).body["next_cursor"]
    refused = call(api, "GET", f"/sla-policies?limit=1&cursor={rules_cursor}", manager)
    assert (refused.status, refused.body["error"]["code"]) == (400, "invalid_cursor")
    # A live list's cursor does not open its trash, nor a search's another query.
    trash = call(api, "GET", f"/automation-rules?deleted=true&cursor={rules_cursor}", manager)
    assert (trash.status, trash.body["error"]["code"]) == (400, "invalid_cursor")
    search_cursor = call(api, "GET", "/kb/search?q=printer&limit=1", manager).body["next_cursor"]
    assert search_cursor is not None
    other = call(api, "GET", f"/kb/search?q=problem&limit=1&cursor={search_cursor}", manager)
    assert (other.status, other.body["error"]["code"]) == (400, "invalid_cursor")
    # Another organization's cursor for the same list is refused.
    globex = make_tenant(api, "globex", "globex.example")
    _rule(api, globex, 0)
    foreign = call(api, "GET", f"/automation-rules?limit=1&cursor={rules_cursor}", globex.token("manager"))
    assert (foreign.status, foreign.body["error"]["code"]) == (400, "invalid_cursor")
    tampered = rules_cursor[:-2] + ("AA" if not rules_cursor.endswith("AA") else "BB")
    assert call(api, "GET", f"/automation-rules?cursor={tampered}", manager).status == 400


def test_search_pages_are_full_although_unpublished_articles_are_left_out(api: Client, acme: Tenant) -> None:
    for i in range(5):
        _article(api, acme, i)
    manager = acme.token("manager")
    ranked = call(api, "GET", "/kb/search?q=printer", manager).body["items"]
    # Unpublish the two best matches: the index still names them, the pages never show them.
    for article in ranked[:2]:
        call(api, "PATCH", f"/kb/articles/{article['id']}", manager, {"status": "draft"})
    page = call(api, "GET", "/kb/search?q=printer&limit=2", acme.token("customer")).body
    assert [a["id"] for a in page["items"]] == [a["id"] for a in ranked[2:4]]
    rest = call(api, "GET", f"/kb/search?q=printer&limit=2&cursor={page['next_cursor']}", acme.token("customer"))
    assert [a["id"] for a in rest.body["items"]] == [ranked[4]["id"]]
    assert rest.body["next_cursor"] is None


def comment(api: Client, acme: Tenant, number: str, text: str, kind: str = "public") -> None:
    body = {"content": text, "comment_type": kind}
    assert call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), body).status == 201


def test_a_ticket_embeds_its_first_50_comments_and_a_cursor_for_the_rest(api: Client, acme: Tenant) -> None:
    number = created(call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Chatty"}))["ticket_number"]
    created(call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"assigned_agent_id": acme.user_id("agent")}))
    for i in range(52):
        comment(api, acme, number, f"reply {i:02d}")
    ticket = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body
    assert [c["content"] for c in ticket["comments"]] == [f"reply {i:02d}" for i in range(50)]
    cursor = ticket["comments_next_cursor"]
    assert cursor is not None
    rest = call(api, "GET", f"/tickets/{number}/comments?cursor={cursor}", acme.token("agent")).body
    assert ([c["content"] for c in rest["items"]], rest["next_cursor"]) == (["reply 50", "reply 51"], None)


def test_a_customer_gets_full_pages_of_public_comments_past_internal_notes(api: Client, acme: Tenant) -> None:
    number = created(call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Mixed"}))["ticket_number"]
    created(call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"assigned_agent_id": acme.user_id("agent")}))
    for i in range(6):
        comment(api, acme, number, f"note {i}", "internal")
    for i in range(3):
        comment(api, acme, number, f"public {i}")
    customer = acme.token("customer")
    page = call(api, "GET", f"/tickets/{number}/comments?limit=2", customer).body
    assert [c["content"] for c in page["items"]] == ["public 0", "public 1"]
    rest = call(api, "GET", f"/tickets/{number}/comments?limit=2&cursor={page['next_cursor']}", customer).body
    assert ([c["content"] for c in rest["items"]], rest["next_cursor"]) == (["public 2"], None)
    ticket = call(api, "GET", f"/tickets/{number}", customer).body
    assert ([c["content"] for c in ticket["comments"]], ticket["comments_next_cursor"]) == (
        ["public 0", "public 1", "public 2"],
        None,
    )
