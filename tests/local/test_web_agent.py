"""The agent workspace in a real browser (web/e2e/agent.mjs) against the local stack: an agent's
day (sign in, triage, reply with an attachment uploaded to the local S3 endpoint, note, solve; a
ticket created meanwhile appears without a reload) and a second organization that cannot see the
first's ticket. One stack for the module."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from chalicelib.local import journeys
from tests.local.test_runner import Runner
from tests.local.test_web_app import CHROMIUM, WEB, built_app, call, login, needs_chromium, needs_node

__all__ = ["built_app"]  # the module-scoped build fixture, shared with test_web_app.py

OTHER_SLUG = "northwind"
OTHER_EMAIL = "olga@northwind.example"
OTHER_PASSWORD = "another organization's password"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    runner = Runner(tmp_path_factory.mktemp("agent-stack"))
    urls = runner.start()
    try:
        yield urls
    finally:
        assert runner.stop() == 0, runner.log.read_text()


@pytest.mark.slow
@needs_node
@needs_chromium
def test_an_agents_day_in_the_browser_and_another_organization_sees_nothing(
    stack: dict[str, str], built_app: Path
) -> None:
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    api = stack["api"]
    admin = login(api, SLUG, f"admin@{DOMAIN}", PASSWORD)
    agent = login(api, SLUG, f"agent@{DOMAIN}", PASSWORD)["user"]
    subject = "Printer jams on the third floor"
    created = call(
        api,
        "POST",
        "/tickets",
        admin["token"],
        {"subject": subject, "description": "Every page jams at tray 2.", "customer_email": f"customer@{DOMAIN}"},
    )
    journeys.call(
        api,
        "POST",
        "/organizations",
        body={
            "name": "Northwind",
            "slug": OTHER_SLUG,
            "admin_email": OTHER_EMAIL,
            "admin_password": OTHER_PASSWORD,
            "admin_first_name": "Olga",
            "admin_last_name": "North",
        },
    )
    env = {
        **os.environ,
        "CHROMIUM": CHROMIUM,
        "DESKLESS_URL": api,
        "DESKLESS_ORG": SLUG,
        "DESKLESS_AGENT_EMAIL": f"agent@{DOMAIN}",
        "DESKLESS_AGENT_NAME": f"{agent['first_name']} {agent['last_name']}",
        "DESKLESS_PASSWORD": PASSWORD,
        "DESKLESS_ADMIN_TOKEN": admin["token"],
        "DESKLESS_TICKET_NUMBER": created["ticket_number"],
        "DESKLESS_TICKET_SUBJECT": subject,
        "DESKLESS_OTHER_ORG": OTHER_SLUG,
        "DESKLESS_OTHER_ADMIN_EMAIL": OTHER_EMAIL,
        "DESKLESS_OTHER_PASSWORD": OTHER_PASSWORD,
    }
    done = subprocess.run(["node", "e2e/agent.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["ok"], seen
    # axe-core looked at each main screen (a serious or critical finding would have failed the run).
    assert [a["screen"] for a in seen["audited"]] == ["inbox", "keyboard-help", "ticket"], seen

    # What the browser did is what the API holds now.
    ticket = call(api, "GET", f"/tickets/{created['ticket_number']}", admin["token"])
    assert (ticket["status"], ticket["priority"], ticket["assigned_agent_id"]) == ("solved", "high", agent["id"])
    kinds = [(c["comment_type"], c["has_attachments"]) for c in ticket["comments"]]
    assert ("public", True) in kinds, kinds
    assert ("internal", False) in kinds, kinds
    [attachment] = ticket["attachments"]
    assert (attachment["file_name"], attachment["is_public"]) == ("printer-log.txt", True)
    download = call(api, "GET", f"/tickets/{created['ticket_number']}/attachments/{attachment['id']}", admin["token"])
    with urllib.request.urlopen(download["url"], timeout=10) as response:
        assert response.read() == b"jam at tray 2\n" * 2000, "the bytes the browser uploaded are stored"
