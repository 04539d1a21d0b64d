"""The admin's journey in a real browser (web/e2e/admin.mjs) against a seeded local stack: invite
an agent from the People page and accept the mailed invitation in a second browser context (signed
in as the new agent, who has no Admin link), add a support address and verify it with the mailed
code, change the ticket prefix. Then what the API holds is checked against what the browser did."""

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
def test_admin_invites_an_agent_verifies_an_address_and_changes_a_setting(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "admin")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(["node", "e2e/admin.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        # axe-core looked at each screen (a serious or critical finding would have failed the run).
        assert [a["screen"] for a in seen["audited"]] == ["admin-people", "admin-settings"], seen
        assert seen["signedInAs"].startswith("Signed in as"), seen
        assert seen["agentHasAdmin"] == 0, "an agent was offered the admin pages"
        assert seen["stillPending"] == 0, "the accepted invitation is still listed as pending"

        # What the browser did is what the API holds now.
        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        agents = journeys.call(api, "GET", "/users?role=agent&limit=100", admin)["items"]
        assert [u["is_active"] for u in agents if u["email"] == seen["invitee"]] == [True]
        addresses = journeys.call(api, "GET", "/organization/support-addresses", admin)["items"]
        assert [a["state"] for a in addresses if a["address"] == seen["address"]] == ["verified"]
        organization = journeys.call(api, "GET", "/organization", admin)
        assert organization["settings"]["ticket_number_prefix"] == seen["prefix"]
