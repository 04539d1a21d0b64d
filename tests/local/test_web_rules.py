"""Automation rules in a real browser (web/e2e/rules.mjs) against a seeded local stack: a manager builds
a rule from the schema's forms (a 422 shown at its field), dry-runs it, simulates it on the last
tickets, reorders it, switches it on and sees it fire on a new ticket. Then what the API holds is
checked against what the browser did."""

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
def test_build_dry_run_simulate_and_fire_a_rule_in_the_browser(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "rules")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(["node", "e2e/rules.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        screens = [a["screen"] for a in seen["audited"]]
        assert screens == ["rules-list", "rule-builder", "dry-run", "simulation", "rules-fired"], seen
        assert seen["ordered"] == ["Tag VIP senders", "Refund requests"], seen

        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        rule = journeys.call(api, "GET", f"/automation-rules/{seen['rule']}", admin)
        assert rule["is_active"] is True
        assert rule["statistics"]["execution_count"] == 1, rule["statistics"]
        fresh = journeys.call(api, "GET", f"/tickets/{seen['fresh']}", admin)
        assert ("refund" in fresh["tags"], fresh["priority"]) == (True, "high")
        # The dry run and the simulation wrote nothing to the older refund ticket.
        before = journeys.call(api, "GET", f"/tickets/{seen['refund']}", admin)
        assert ("refund" in before["tags"], before["priority"]) == (False, "normal")
