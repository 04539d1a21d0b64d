"""The running local stack both fuzz runs share (one per test process): the real runner on free
ports with its seeded demo organization, and a session token for each demo role."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG
from tests.local.test_runner import Runner

ROLES = {"admin": "admin", "manager": "manager", "agent": "agent", "customer": "customer"}


def _login(api: str, person: str) -> str:
    body = json.dumps({"organization": SLUG, "email": f"{person}@{DOMAIN}", "password": PASSWORD}).encode()
    request = urllib.request.Request(api + "/auth/login", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        token: str = json.loads(response.read())["token"]
    return token


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``{"api": base URL, "tokens": {role: bearer token}}``."""
    runner = Runner(Path(tmp_path_factory.mktemp("fuzz-stack")))
    urls = runner.start()
    try:
        tokens = {role: _login(urls["api"], person) for role, person in ROLES.items()}
        yield {"api": urls["api"], "tokens": tokens}
    finally:
        assert runner.stop() == 0, runner.log.read_text()
