"""The managers' reports in a real browser (web/e2e/reports.mjs) against a seeded local stack: a
ticket created and solved through the API shows in the created-vs-solved chart's table and CSV
(built in the browser), the charts draw under the app's strict CSP, axe-clean."""

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
def test_reports_show_a_solved_ticket_in_chart_table_and_csv(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "reports")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(
            ["node", "e2e/reports.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        # axe-core looked at each screen (a serious or critical finding would have failed the run).
        assert [a["screen"] for a in seen["audited"]] == ["reports", "reports-table"], seen
        # SLA per day, medians, created vs solved, backlog, workload, CSAT trend and per agent, time;
        # those with figures drawn (created vs solved, backlog and workload always have some).
        assert seen["cards"] == 8, seen
        assert seen["charts"] >= 3, seen
        assert seen["csvName"] == "created-vs-solved.csv"
        assert seen["csvHeader"] == "Day,Created,Solved"
        assert seen["csvDays"] == 30  # the default range: the last 30 days, one line each

        # What the browser showed is what the API holds: the journey's ticket counted today.
        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        day = seen["day"]
        today = journeys.call(api, "GET", f"/reports/tickets?from={day}&to={day}", admin)["by_day"][0]
        assert seen["csvToday"] == f"{day},{today['created']},{today['solved']}"
        assert seen["tableRow"][1:] == [str(today["created"]), str(today["solved"])]
        assert today["solved"] >= 1
        ticket = journeys.call(api, "GET", f"/tickets/{seen['ticket']}", admin)
        assert ticket["status"] == "solved"
