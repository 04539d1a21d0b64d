"""Search and saved views in a real browser (web/e2e/search.mjs) on a seeded local stack: a built-in
view listing as many tickets as its count, a word only a reply holds found and marked in its
snippet, an unknown filter refused next to the box, the ticket opened from the results, and a
filtered search saved as a personal view that the sidebar counts. The seeding waits (bounded) until
the search index, written asynchronously by the stack's stream poller, has the tickets."""

from __future__ import annotations

from pathlib import Path

import pytest

from chalicelib.local import journeys
from tests.local.test_web_app import built_app, needs_chromium, needs_node

__all__ = ["built_app"]  # the module-scoped build fixture, shared with test_web_app.py


@pytest.mark.slow
@needs_node
@needs_chromium
def test_an_agent_searches_a_reply_opens_the_ticket_and_saves_a_search_as_a_view(
    tmp_path: Path, built_app: Path
) -> None:
    seen = journeys.run_journey("search", tmp_path)
    # axe-core looked at each main screen (a serious or critical finding would have failed the run).
    assert [a["screen"] for a in seen["audited"]] == ["view", "search", "save-view", "saved-view"], seen
    search = seen["search"]
    assert search["marked"] == [journeys.SEARCH_WORD], search
    assert search["builtinCount"] >= 1, search
    # The view saved from `umbrella tag:plumbing` (its filter) counts what the search found: the seeded two.
    assert search["savedCount"] == search["foundCount"] == 2, search
