"""The customer portal in a real browser (web/e2e/portal.mjs) against the local stack: the help
centre, a new request with knowledge base suggestions (deflection counted), sign-in by the mailed
link, a reply with an attachment, the rating once an agent solved it, and a second organization
whose portal shows none of the first's articles or requests."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chalicelib.local.journeys import call, login
from tests.local.test_runner import Runner
from tests.local.test_web_app import CHROMIUM, WEB, built_app, needs_chromium, needs_node

__all__ = ["built_app"]  # the module-scoped fixture that builds web/dist

SECOND_SLUG = "globex-help"
SECOND_ARTICLE = "Globex warranty terms"
SECOND_CATEGORY = "Warranty"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, built_app: Path) -> Iterator[dict[str, Any]]:
    """One local stack for the module: the demo organization, a customer-visible custom field, and a
    second organization with its own article and customer."""
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    tmp_path = tmp_path_factory.mktemp("portal")
    runner = Runner(tmp_path)
    outbox = tmp_path / "outbox"
    runner.env["OUTBOX_DIR"] = str(outbox)
    api = runner.start()["api"]
    try:
        admin = login(api, SLUG, f"admin@{DOMAIN}", PASSWORD)
        organization = call(api, "GET", "/organization", admin)
        fields = [{"name": "order_number", "type": "text", "required": False, "customer_visible": True}]
        call(
            api,
            "PATCH",
            "/organization",
            admin,
            {"settings": {"custom_fields": fields}},
            if_match=organization["version"],
        )
        second = call(
            api,
            "POST",
            "/organizations",
            body={
                "name": "Globex Help",
                "slug": SECOND_SLUG,
                "admin_email": "admin@globex.example",
                "admin_password": "a second organization, 2026",
                "admin_first_name": "Gil",
                "admin_last_name": "Admin",
            },
        )["token"]
        category = call(api, "POST", "/kb/categories", second, {"name": SECOND_CATEGORY})
        call(
            api,
            "POST",
            "/kb/articles",
            second,
            {"category_id": category["id"], "title": SECOND_ARTICLE, "content": "Two years.", "status": "published"},
        )
        yield {
            "api": api,
            "outbox": outbox,
            "admin": admin,
            "slug": SLUG,
            "customer": f"customer@{DOMAIN}",
            "password": PASSWORD,
            "agent": f"agent@{DOMAIN}",
        }
    finally:
        assert runner.stop() == 0, runner.log.read_text()


@pytest.mark.slow
@needs_node
@needs_chromium
def test_a_customer_finds_help_asks_replies_and_rates_through_the_portal(stack: dict[str, Any]) -> None:
    api = stack["api"]
    env = {
        **os.environ,
        "CHROMIUM": CHROMIUM,
        "DESKLESS_URL": api,
        "DESKLESS_ORG": stack["slug"],
        "DESKLESS_CUSTOMER_EMAIL": stack["customer"],
        "DESKLESS_PASSWORD": stack["password"],
        "DESKLESS_AGENT_EMAIL": stack["agent"],
        "DESKLESS_OUTBOX": str(stack["outbox"]),
        "DESKLESS_OTHER_ORG": SECOND_SLUG,
        "DESKLESS_OTHER_ARTICLE": SECOND_ARTICLE,
        "DESKLESS_OTHER_CATEGORY": SECOND_CATEGORY,
    }
    done = subprocess.run(["node", "e2e/portal.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ok"], seen
    assert [a["screen"] for a in seen["audited"]] == [
        "help-centre",
        "article",
        "portal-sign-in",
        "new-request",
        "request",
        "my-requests",
    ], seen

    admin = stack["admin"]
    # What the browser did is what the API holds: the vote, the deflection, the request with its
    # custom field, the customer's reply with its attachment, and the rating.
    article = call(api, "GET", f"/kb/articles/{seen['article_id']}", admin)
    assert article["helpful_count"] >= 1
    deflected = call(api, "GET", f"/kb/articles/{seen['deflected_article_id']}", admin)
    assert deflected["deflection_count"] == 1
    ticket = call(api, "GET", f"/tickets/{seen['ticket_number']}", admin)
    assert ticket["subject"] == seen["subject"]
    assert ticket["custom_fields"] == {"order_number": "ORD-4711"}
    assert ticket["customer_satisfaction_score"] == 5
    replies = [c for c in ticket["comments"] if c["content"] == seen["reply"]]
    assert len(replies) == 1
    assert replies[0]["comment_type"] == "public"
    assert [(a["file_name"], a["comment_id"]) for a in ticket["attachments"]] == [("notes.txt", replies[0]["id"])]
    # The second organization's portal: none of the demo organization's articles or requests.
    assert seen["second"]["demo_articles_found"] == 0
    assert seen["second"]["own_article_found"] is True
    assert seen["second"]["requests_page"] == "sign-in"
