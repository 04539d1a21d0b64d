"""Knowledge base: categories, articles and revisions, search, suggestions and the public portal."""

from __future__ import annotations

import random
from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, shared, tenant, unique

WORDS = [
    "printer",
    "invoice",
    "refund",
    "password",
    "shipping",
    "toner",
    "drum",
    "tray",
    "driver",
    "network",
    "wifi",
    "router",
    "vpn",
    "email",
    "account",
    "billing",
    "order",
    "delivery",
    "return",
    "warranty",
    "screen",
    "battery",
    "charger",
    "login",
    "reset",
    "update",
    "install",
]
ARTICLES = 30


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _kb(client: Any) -> State:
    """Two categories and 30 published articles (200 words each; the items the API writes, loaded
    straight into the table: article, counters, term index entries), the last one edited twice
    through the API (two revisions)."""
    from datetime import UTC, datetime

    from chalicelib import config
    from chalicelib.domain.kb import KBArticle, index_terms
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.kb import ArticleCountersItem, TermItem, _article_item, article_pk, term_pk

    state = tenant(client, logins=("customer",))
    org_id = state["org_id"]
    rng = random.Random(11)
    for name in ("Printing", "Billing"):
        state["category_id"] = ok(call(client, "POST", "/kb/categories", state["token"], {"name": name}))["id"]
    now = datetime.now(UTC)
    items = []
    for n in range(ARTICLES):
        article = KBArticle(
            id=f"{n:020d}",
            org_id=org_id,
            category_id=state["category_id"],
            title=f"{_text(rng, 5)} {n}",
            content=_text(rng, 200),
            status="published",
            tags=["howto"],
            author_id=state["admin_id"],
            created_at=now,
            updated_at=now,
        )
        record = _article_item(article)
        record.version = 1
        items += [record.serialize(), ArticleCountersItem(PK=article_pk(org_id, article.id), SK="COUNTERS").serialize()]
        items += [
            TermItem(PK=term_pk(org_id, t), SK=article.id, weight=w).serialize()
            for t, w in index_terms(article).items()
        ]
    load_table(config.table_name(), items)
    state["article_id"] = f"{ARTICLES - 1:020d}"
    for n in range(2):
        edit = {"content": _text(rng, 200) + f" edit {n}"}
        ok(call(client, "PATCH", f"/kb/articles/{state['article_id']}", state["token"], edit))
    return state


def _fresh_category(client: Any, state: State) -> dict[str, Any]:
    return {
        "category_id": ok(call(client, "POST", "/kb/categories", state["token"], {"name": f"Gone {unique()}"}))["id"]
    }


def _deleted_category(client: Any, state: State) -> dict[str, Any]:
    fresh = _fresh_category(client, state)
    reply = call(client, "DELETE", f"/kb/categories/{fresh['category_id']}", state["token"])
    assert reply.status_code == 204, reply.body
    return fresh


ARTICLE = {"title": "Printer shows paper jam", "content": "Open tray 2 and remove the sheet. " * 30}

route("GET", "/kb/categories", setup=shared(_kb))
route("GET", "/kb/categories/{category_id}", setup=shared(_kb), auth="customer_token", variant="a customer")
route("POST", "/kb/categories", setup=tenant, body=lambda s: {"name": f"Category {unique()}"})
route("PATCH", "/kb/categories/{category_id}", setup=shared(_kb), body=lambda s: {"description": f"v{unique()}"})
route("DELETE", "/kb/categories/{category_id}", setup=tenant, prepare=each(_fresh_category), repeat=10)
route("POST", "/kb/categories/{category_id}/restore", setup=tenant, prepare=each(_deleted_category), repeat=10)
route("GET", "/kb/articles", setup=shared(_kb), query="?limit=25", variant=f"{ARTICLES} articles")
route(
    "POST",
    "/kb/articles",
    setup=shared(_kb),
    body=lambda s: {**ARTICLE, "category_id": s["category_id"], "status": "published"},
    variant="published: term index written",
)
route("GET", "/kb/articles/{article_id}", setup=shared(_kb), auth="customer_token", variant="a customer's view")
route(
    "PATCH",
    "/kb/articles/{article_id}",
    setup=shared(_kb),
    body=lambda s: {"content": f"Open tray {unique()} and remove the sheet. " * 30},
    variant="new revision, index updated",
)
route("GET", "/kb/articles/{article_id}/revisions", setup=shared(_kb), query="?limit=25")
route("POST", "/kb/articles/{article_id}/revisions/{version}/restore", setup=lambda c: {**shared(_kb)(c), "version": 1})
route("POST", "/kb/preview", setup=shared(_kb), body=lambda s: {"content": ARTICLE["content"]})
route("GET", "/kb/articles/{article_id}/stats", setup=shared(_kb), query="?from=2026-01-01&to=2026-12-31")
route(
    "POST",
    "/kb/articles/{article_id}/feedback",
    setup=shared(_kb),
    auth="customer_token",
    body=lambda s: {"helpful": unique() % 2 == 0},
)
route("GET", "/kb/search", setup=shared(_kb), query="?q=printer+invoice", variant=f"{ARTICLES} articles")
route("GET", "/kb/suggestions", setup=shared(_kb), auth="customer_token", query="?q=printer+refund+not+working")
route("GET", "/portal/{org_slug}/kb/categories", setup=shared(_kb))
route("GET", "/portal/{org_slug}/kb/categories/{category_id}/articles", setup=shared(_kb), query="?limit=25")
route("GET", "/portal/{org_slug}/kb/articles/{article_id}", setup=shared(_kb))
route("GET", "/portal/{org_slug}/kb/search", setup=shared(_kb), query="?q=printer+invoice")
route(
    "POST",
    "/portal/{org_slug}/kb/articles/{article_id}/feedback",
    setup=shared(_kb),
    body={"helpful": True},
)
route(
    "POST",
    "/kb/articles/{article_id}/deflection",
    setup=shared(_kb),
    auth="customer_token",
    body={"query": "printer tray jammed"},
    status=204,
    variant="counted once a day: the repeats are refused by the guard",
)
route("GET", "/reports/kb", setup=shared(_kb), repeat=5, variant=f"{ARTICLES} articles")
