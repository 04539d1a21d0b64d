"""Shared work in the agent workspace in a real browser (web/e2e/bulk.mjs) against a seeded local
stack: a bulk priority change with per-ticket results, a macro previewed then applied, the "also
here" indicator fed by another staff member's heartbeat, the newer-reply warning and "Send anyway",
and leaving the ticket. Then what the API holds is checked against what the browser did."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from chalicelib.local import journeys
from tests.local.test_web_app import CHROMIUM, WEB, built_app, needs_chromium, needs_node

__all__ = ["built_app"]  # the module-scoped fixture that builds web/dist


@pytest.mark.slow
@needs_node
@needs_chromium
def test_bulk_change_macro_and_collision_warning_in_the_browser(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "bulk")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(["node", "e2e/bulk.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        # axe-core looked at each screen (a serious or critical finding would have failed the run).
        screens = [a["screen"] for a in seen["audited"]]
        assert screens == ["bulk-bar", "bulk-results", "macro-preview", "ticket-presence", "newer-reply"], seen
        assert seen["priorities"] == ["high", "high"], seen
        assert seen["heldBack"], "the warned reply was stored before the agent chose"
        assert seen["left"], "the agent stayed on the ticket after leaving it"

        # What the browser did is what the API holds now.
        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        first, second = (journeys.call(api, "GET", f"/tickets/{number}", admin) for number in seen["tickets"])
        assert (first["priority"], second["priority"]) == ("urgent", "high")
        assert "parts" in first["tags"]
        assert "parts" not in second["tags"]
        replies = [c["content"] for c in first["comments"] if c["comment_type"] == "public"]
        assert replies == [
            seen["macroReply"],
            "Manager here: I phoned them, Friday suits.",
            "The technician will fit it on Friday.",
        ], replies
        # The agent left the ticket; the manager's own heartbeat has not expired yet.
        people = {u["id"]: u["email"] for u in journeys.call(api, "GET", "/users?limit=100", admin)["items"]}
        here = [(people[p["user_id"]], p["state"]) for p in first["presence"]]
        assert here == [(facts["DESKLESS_MANAGER_EMAIL"], "viewing")], here
