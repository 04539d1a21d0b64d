"""Admin integrations in a real browser (web/e2e/adminops.mjs) against a seeded local stack: the
demo admin creates a webhook subscription (its secret shown once), resends a delivery from the log,
rotates the inbound webhook secret (the new one shown once), reads the rotation in the filtered
audit log and exports the whole organization. Then what the
API holds is checked against what the browser showed."""

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
def test_admin_creates_a_subscription_rotates_the_inbound_secret_and_reads_the_audit_log(
    tmp_path: Path, built_app: Path
) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "adminops")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(
            ["node", "e2e/adminops.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        screens = [a["screen"] for a in seen["audited"]]
        assert screens == [
            "webhooks",
            "webhook-resent",
            "webhook-rotated",
            "audit-log",
            "organization-export",
            "api-tokens",
            "retention",
            "sso",
        ], seen

        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        subscriptions = journeys.call(api, "GET", "/webhook-subscriptions", admin)["items"]
        assert (subscriptions[0]["url"], subscriptions[0]["secret"]) == (seen["subscription"], None)
        # The resend the browser asked for: a second log entry, linked to the first, both received.
        receiver = subscriptions[1]["id"]
        log = journeys.call(api, "GET", f"/webhook-subscriptions/{receiver}/deliveries", admin)["items"]
        assert [(d["id"], d["resend_of"], d["status"]) for d in log] == [
            (seen["resent"][1], seen["resent"][0], "delivered"),
            (seen["resent"][0], None, "delivered"),
        ]
        # The secret the browser showed once is the newest one; the list shows only its hint.
        secrets = journeys.call(api, "GET", "/organization/webhook-secrets", admin)["items"]
        assert secrets[0]["hint"] == seen["hint"]
        assert all(seen["secret"] not in json.dumps(s) for s in secrets)
        # The audit entry the browser found names that secret.
        entries = journeys.call(api, "GET", "/audit-log?action=webhook_secret.created", admin)["items"]
        assert len(entries) == seen["rows"]
        assert seen["target"] == f"webhook_secret {secrets[0]['id']}"
