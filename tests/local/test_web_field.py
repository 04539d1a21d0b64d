"""Field service in a real browser (web/e2e/field.mjs) against a seeded local stack: a manager
assigns the demo work order from the dispatch board's suggestions and sees the API refuse an
overload (422 on the board); the technician, on a 390x844 screen, completes the job with a note and
sees the work order and its ticket show it. Then what the API holds is checked against what the
browser did."""

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
def test_dispatcher_assigns_from_suggestions_and_technician_completes_the_job_in_the_browser(
    tmp_path: Path, built_app: Path
) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "field")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(["node", "e2e/field.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        # axe-core looked at each screen (a serious or critical finding would have failed the run).
        screens = [a["screen"] for a in seen["audited"]]
        assert screens == [
            "dispatch-board",
            "dispatch-suggestions",
            "dispatch-refused",
            "my-jobs",
            "my-jobs-done",
            "work-order",
        ], seen
        assert seen["load"].endswith("1 of 1 jobs that day"), seen
        # The overload was refused by the API (capacity), and the board said so.
        assert seen["refusedStatus"] == 422, seen
        assert "fully booked" in seen["refusedText"], seen

        # What the browser did is what the API holds now.
        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        order = journeys.call(api, "GET", f"/work-orders/{seen['workOrder']}", admin)
        assert order["status"] == "completed"
        assert [(j["status"], j["notes"]) for j in order["assignments"]] == [
            ("completed", "Fuser replaced, test page printed.")
        ]
        overloaded = journeys.call(api, "GET", f"/work-orders/{seen['second']}", admin)
        assert (overloaded["status"], overloaded["assignments"]) == ("scheduled", [])
        ticket = journeys.call(api, "GET", f"/tickets/{seen['ticket']}", admin)
        assert seen["workOrder"] in ticket["work_order_numbers"]
