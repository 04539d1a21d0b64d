"""Search and saved views in a real browser (web/e2e/search.mjs) against the local stack: a built-in
view with its count, a word only a comment holds found and marked in its snippet, the ticket
opened from the results, and a filtered search saved as a personal view that the sidebar counts."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local.test_runner import Runner
from tests.local.test_web_app import CHROMIUM, WEB, built_app, call, login, needs_chromium, needs_node

__all__ = ["built_app"]  # the module-scoped build fixture, shared with test_web_app.py

# The local stack's stream poller indexes a change a moment after it is written.
INDEXED_WITHIN_S = 60.0


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    runner = Runner(tmp_path_factory.mktemp("search-stack"))
    urls = runner.start()
    try:
        yield urls
    finally:
        assert runner.stop() == 0, runner.log.read_text()


def wait_until_found(api: str, token: str, q: str, number: str) -> None:
    """Poll the search until it finds ticket ``number`` for ``q`` (bounded: the index is asynchronous)."""
    deadline = time.monotonic() + INDEXED_WITHIN_S
    path = "/search/tickets?" + urllib.parse.urlencode({"q": q})
    while True:
        found = [hit["ticket"]["ticket_number"] for hit in call(api, "GET", path, token)["items"]]
        if number in found:
            return
        assert time.monotonic() < deadline, f"the search for {q!r} did not find {number} in {INDEXED_WITHIN_S} s"
        time.sleep(0.5)


@pytest.mark.slow
@needs_node
@needs_chromium
def test_an_agent_searches_a_comment_and_saves_the_search_as_a_view(stack: dict[str, str], built_app: Path) -> None:
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    api = stack["api"]
    admin = login(api, SLUG, f"admin@{DOMAIN}", PASSWORD)["token"]
    agent = login(api, SLUG, f"agent@{DOMAIN}", PASSWORD)
    word = "zeppelinfuser"
    tag = "journeytag"
    subject = "Printer smudges every page"
    created = call(
        api,
        "POST",
        "/tickets",
        admin,
        {
            "subject": subject,
            "description": "The prints come out grey.",
            "customer_email": f"customer@{DOMAIN}",
            "tags": [tag],
        },
    )
    number = created["ticket_number"]
    call(
        api,
        "POST",
        f"/tickets/{number}/comments",
        admin,
        {"content": f"Ordered a {word} for it.", "comment_type": "internal"},
    )
    wait_until_found(api, agent["token"], word, number)
    wait_until_found(api, agent["token"], f"tag:{tag}", number)

    env = {
        **os.environ,
        "CHROMIUM": CHROMIUM,
        "DESKLESS_URL": api,
        "DESKLESS_ORG": SLUG,
        "DESKLESS_AGENT_EMAIL": f"agent@{DOMAIN}",
        "DESKLESS_PASSWORD": PASSWORD,
        "DESKLESS_TICKET_NUMBER": number,
        "DESKLESS_TICKET_SUBJECT": subject,
        "DESKLESS_COMMENT_WORD": word,
        "DESKLESS_TAG": tag,
    }
    done = subprocess.run(["node", "e2e/search.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ok"], seen
    # axe-core looked at each main screen (a serious or critical finding would have failed the run).
    assert [a["screen"] for a in seen["audited"]] == ["view", "search", "save-view", "saved-view"], seen
    assert seen["search"]["savedCount"] == 1, seen

    # What the browser saved is what the API holds: the agent's personal view of the search's filter.
    views = call(api, "GET", "/views", agent["token"])["items"]
    [view] = [v for v in views if v["name"] == f"Tagged {tag}"]
    assert (view["scope"], view["owner_id"]) == ("personal", agent["user"]["id"])
    assert view["filter"]["tags"] == [tag]
