"""Live updates in a real browser (web/e2e/live.mjs) on a seeded local stack: an agent's open ticket
page shows a reply made through the API without a reload, carried by the tab's WebSocket on the
stack's ``/live`` (the ticket page does not poll), and the inbox shows a new ticket before its poll
would have; axe-core is clean on each screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from chalicelib.local import journeys
from tests.local.test_web_app import built_app, needs_chromium, needs_node

__all__ = ["built_app"]  # the module-scoped build fixture, shared with test_web_app.py


@pytest.mark.slow
@needs_node
@needs_chromium
def test_an_open_ticket_page_shows_a_reply_made_elsewhere_without_reloading(tmp_path: Path, built_app: Path) -> None:
    seen = journeys.run_journey("live", tmp_path)
    assert [a["screen"] for a in seen["audited"]] == ["ticket-live", "ticket-live-reply", "inbox-live"], seen
    assert seen["sockets"] == 1, seen  # one WebSocket for the tab, kept across screens
