"""The knowledge base editor in a real browser (web/e2e/kbedit.mjs) against a seeded local stack: a
manager writes an article with the server-rendered preview, publishes it, edits it, compares two
revisions, restores the first, and the help centre shows it. Then what the API holds is checked."""

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
def test_write_preview_publish_edit_diff_and_restore_an_article_in_the_browser(tmp_path: Path, built_app: Path) -> None:
    with journeys.local_stack(tmp_path / "stack") as stack:
        facts = journeys.seed(stack, "kbedit")
        env = {**os.environ, "CHROMIUM": CHROMIUM, **facts}
        done = subprocess.run(["node", "e2e/kbedit.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        screens = [a["screen"] for a in seen["audited"]]
        assert screens == ["kb-tree", "kb-preview", "kb-revisions", "kb-restored", "kb-help-centre"], seen

        api, admin = stack["api"], facts["DESKLESS_ADMIN_TOKEN"]
        article = journeys.call(api, "GET", f"/kb/articles/{seen['article']}", admin)
        assert (article["status"], article["version"]) == ("published", 4)
        assert "Open **tray 2** and remove the sheet." in article["content"]
        revisions = journeys.call(api, "GET", f"/kb/articles/{seen['article']}/revisions", admin)
        assert [r["version"] for r in revisions["items"]] == [3, 2, 1]
