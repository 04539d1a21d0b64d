"""Tickets as they really arrive, in a real browser (web/e2e/tickets24.mjs) against a seeded local
stack: a CC and a follow, time logged, a child linked, the department set, a message split off into a new ticket, and a
duplicate merged into the ticket after its preview. Then what the API holds is checked against what
the browser did."""

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
def test_ccs_time_links_split_and_merge_in_the_browser(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "tickets24")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(
            ["node", "e2e/tickets24.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        # axe-core looked at each screen (a serious or critical finding would have failed the run).
        assert [a["screen"] for a in seen["audited"]] == ["ticket-relations", "split-ticket", "merge-preview"], seen

        # What the browser did is what the API holds now.
        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        ticket = journeys.call(api, "GET", f"/tickets/{seen['ticket']}", admin)
        assert ticket["cc_emails"] == [seen["cc"]]
        assert ticket["follower_ids"] == [seen["agentId"]]
        assert (ticket["time_spent_minutes"], ticket["billable_minutes"]) == (25, 25)
        assert ticket["child_count"] == 1
        assert ticket["split_into"] == [seen["split"]]
        assert ticket["merged_from"] == [seen["duplicate"]]
        departments = {d["name"]: d["id"] for d in journeys.call(api, "GET", "/departments", admin)["items"]}
        assert ticket["department_id"] == departments[seen["department"]]
        child = journeys.call(api, "GET", f"/tickets/{seen['child']}", admin)
        assert child["parent_number"] == seen["ticket"]
        duplicate = journeys.call(api, "GET", f"/tickets/{seen['duplicate']}", admin)
        assert (duplicate["status"], duplicate["merged_into"]) == ("closed", seen["ticket"])
        split = journeys.call(api, "GET", f"/tickets/{seen['split']}", admin)
        assert (split["subject"], split["split_from"]) == (seen["splitSubject"], seen["ticket"])
