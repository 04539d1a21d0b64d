"""The managers' settings pages in a real browser (web/e2e/sla.mjs) against a seeded local stack:
the demo SLA policy's Monday hours and urgent target edited with the live preview changing, saved;
a shared macro created. Then what the API holds is checked against what the browser did."""

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
def test_manager_edits_an_sla_policy_with_preview_and_shares_a_macro(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "sla")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(["node", "e2e/sla.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        screens = [a["screen"] for a in seen["audited"]]
        assert screens == ["sla-list", "sla-editor", "macro-form", "macro-list"], seen
        assert seen["previewBefore"] != seen["previewAfter"]

        # What the browser saved is what the API holds now.
        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        (policy,) = journeys.call(api, "GET", "/sla-policies", admin)["items"]
        assert policy["priority_overrides"]["urgent"] == {"first_response_hours": 2.0, "resolution_hours": 4.0}
        monday = [h for h in policy["calendar"]["hours"] if h["day"] == 0]
        assert [(h["start"], h["end"]) for h in monday] == [("09:00:00", "18:00:00")], monday
        assert policy["version"] == 2
        macros = journeys.call(api, "GET", "/macros", admin)["items"]
        shared = [m for m in macros if m["name"] == seen["macro"]]
        assert [(m["scope"], [a["type"] for a in m["actions"]]) for m in shared] == [
            ("organization", ["reply_to_requester", "set_status"])
        ], shared
