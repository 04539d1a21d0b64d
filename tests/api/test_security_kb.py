"""Knowledge base counts cannot be inflated: a view counts once per viewer, article and UTC day, a
vote once per viewer and article, where an anonymous viewer is its client address (a rotating
User-Agent changes nothing) and a signed-in one their user id; raw view items are capped per day."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from chalice.local import LambdaEventConverter
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def published(api: Client, acme: Tenant) -> dict[str, Any]:
    category = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Help"}).body
    body = {
        "category_id": category["id"],
        "title": "Reset a password",
        "content": "Click reset.",
        "status": "published",
    }
    reply = call(api, "POST", "/kb/articles", acme.token("agent"), body)
    assert reply.status == 201, reply.body
    article: dict[str, Any] = reply.body
    return article


@pytest.fixture
def from_address(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set the client address API Gateway reports for the next requests."""

    def use(address: str) -> None:
        monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", address)

    return use


def portal_view(api: Client, article_id: str, user_agent: str) -> dict[str, Any]:
    response = api.http.get(f"/portal/acme/kb/articles/{article_id}", headers={"User-Agent": user_agent})
    assert response.status_code == 200, response.body
    body: dict[str, Any] = json.loads(response.body)
    return body


def portal_vote(api: Client, article_id: str, user_agent: str, helpful: bool = True) -> dict[str, Any]:
    response = api.http.post(
        f"/portal/acme/kb/articles/{article_id}/feedback",
        headers={"Content-Type": "application/json", "User-Agent": user_agent},
        body=json.dumps({"helpful": helpful}),
    )
    assert response.status_code == 200, response.body
    body: dict[str, Any] = json.loads(response.body)
    return body


def stored(org_id: str, article_id: str, prefix: str) -> list[dict[str, Any]]:
    table = boto3.resource("dynamodb").Table(config.table_name())
    key = f"ORG#{org_id}#KBART#{article_id}"
    items: list[dict[str, Any]] = table.query(
        KeyConditionExpression="PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues={":pk": key, ":sk": prefix},
    )["Items"]
    return items


def test_an_anonymous_viewer_rotating_its_user_agent_adds_one_view_and_one_vote(
    api: Client, acme: Tenant, published: dict[str, Any]
) -> None:
    article_id = published["id"]
    views = [portal_view(api, article_id, f"browser-{n}")["view_count"] for n in range(20)]
    votes = [portal_vote(api, article_id, f"browser-{n}")["helpful_count"] for n in range(20)]

    assert views == [1] * 20
    assert votes == [1] * 20
    final = call(api, "GET", f"/kb/articles/{article_id}", acme.token("agent")).body
    assert (final["view_count"], final["helpful_count"], final["not_helpful_count"]) == (2, 1, 0)
    assert len(stored(acme.org_id, article_id, "VOTE#")) == 1


def test_each_client_address_is_a_viewer_and_a_voter(
    api: Client, acme: Tenant, published: dict[str, Any], from_address: Any
) -> None:
    article_id = published["id"]
    from_address("198.51.100.7")
    portal_view(api, article_id, "same-browser")
    portal_vote(api, article_id, "same-browser", helpful=True)
    from_address("203.0.113.9")
    second = portal_view(api, article_id, "same-browser")
    voted = portal_vote(api, article_id, "same-browser", helpful=False)

    assert second["view_count"] == 2
    assert (voted["helpful_count"], voted["not_helpful_count"]) == (1, 1)
    changed = portal_vote(api, article_id, "another-browser", helpful=True)
    assert (changed["helpful_count"], changed["not_helpful_count"]) == (2, 0), "the address changes its vote"


def test_a_signed_in_reader_is_one_viewer_and_one_voter_from_any_address(
    api: Client, acme: Tenant, published: dict[str, Any], from_address: Any
) -> None:
    path = f"/kb/articles/{published['id']}"
    for n, address in enumerate(("198.51.100.7", "203.0.113.9", "192.0.2.1")):
        from_address(address)
        headers = {"User-Agent": f"device-{n}"}
        viewed = call(api, "GET", path, acme.token("customer"), headers=headers).body
        voted = call(api, "POST", f"{path}/feedback", acme.token("customer"), {"helpful": True}, headers).body
        assert (viewed["view_count"], voted["helpful_count"]) == (1, 1)


def test_raw_view_items_are_capped_per_article_and_day_while_the_count_stays_right(
    api: Client, acme: Tenant, published: dict[str, Any], from_address: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.store import kb

    monkeypatch.setattr(kb, "VIEW_ITEMS_PER_DAY", 5)
    article_id = published["id"]
    for n in range(8):
        from_address(f"198.51.100.{n + 1}")
        assert portal_view(api, article_id, "browser")["view_count"] == n + 1
        portal_view(api, article_id, "browser")  # a refresh: not counted, and past the cap not stored

    final = call(api, "GET", f"/kb/articles/{article_id}", acme.token("agent")).body
    assert final["view_count"] == 9, "eight addresses and the agent reading it now"
    assert len(stored(acme.org_id, article_id, "VIEW#")) == 5
    [day] = stored(acme.org_id, article_id, "VIEWDAY#")
    assert (day["stored"], "expires_at" in day) == (5, True)


def test_concurrent_views_count_each_viewer_once_and_store_at_most_the_cap(
    server_table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thirty views at once from ten viewers, on the locked moto server (real transactions)."""
    import threading
    from datetime import UTC, datetime

    from chalicelib.domain.kb import KBArticle
    from chalicelib.store import kb as store

    monkeypatch.setattr(store, "VIEW_ITEMS_PER_DAY", 5)
    now = datetime.now(UTC)
    article = store.create_article(
        KBArticle(
            id="a" * 20, org_id="o" * 20, category_id="c" * 20, title="Busy", content="x", status="published",
            author_id="u", created_at=now, updated_at=now,
        )
    )  # fmt: skip
    errors: list[BaseException] = []
    counted: list[bool] = []
    start = threading.Barrier(30)

    def view(viewer: str) -> None:
        start.wait()
        try:
            counted.append(store.record_view(article.org_id, article.id, viewer, {"user_id": None}, now))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=view, args=(f"viewer-{n % 10}",)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert counted.count(True) == 10
    result = store.get_article(article.org_id, article.id)
    assert result is not None
    assert result.view_count == 10
    assert len(stored(article.org_id, article.id, "VIEW#")) == 5
