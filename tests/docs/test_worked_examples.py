"""The worked examples in the docs are requests the API accepts, and the sessions run as written.

docs/api.md ("Worked examples") and docs/first-organization.md are shell sessions against the local
stack. Each request body is checked against its route's model here; the slow test runs both
sessions with bash and curl against a freshly seeded local stack, failing on any 4xx/5xx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from chalicelib.api.http import ROUTES, RouteSpec
from tests.local.test_runner import Runner

ROOT = Path(__file__).resolve().parents[2]
LOCAL = "http://127.0.0.1:8000"
SESSIONS = {
    "docs/api.md": ("## Worked examples", "\n## "),
    "docs/first-organization.md": ("", None),
}
# The bodies docs/api.md must show (issue 19): signup, user, customer, ticket, comment, rating,
# rule, SLA policy, work order, technician.
REQUIRED = {
    "SignupCommand",
    "CreateUserCommand",
    "CustomerCommand",
    "CreateTicketCommand",
    "CommentCommand",
    "RatingCommand",
    "AutomationRuleCommand",
    "SLAPolicyCommand",
    "WorkOrderCommand",
    "TechnicianCommand",
}
# Shell variables inside bodies stand for ids and dates the session got from earlier answers.
STAND_INS = {"TOMORROW": "2030-01-02"}


def session(document: str) -> str:
    """The ```sh blocks of the document's session, in order, as one script."""
    start, end = SESSIONS[document]
    text = (ROOT / document).read_text()
    if start:
        text = text.split(start, 1)[1]
    if end:
        text = text.split(end, 1)[0]
    return "\n".join(re.findall(r"```sh\n(.*?)```", text, re.DOTALL))


def requests(script: str) -> list[tuple[str, str, str]]:
    """(method, path, body) of every curl in the script that sends a body."""
    joined = script.replace("\\\n", " ")
    found = []
    for match in re.finditer(r"curl [^\n]*?-d @- <<(\w+)[^\n]*\n(.*?)\n\1\n", joined, re.DOTALL):
        command, body = match.group(0).split("\n", 1)[0], match.group(2)
        method = re.search(r"-X (\w+)", command)
        path = re.search(r"\$API(/[^\s\"'?]*)", command)
        assert path, command
        found.append((method.group(1) if method else "POST", path.group(1), body))
    return found


def route_for(method: str, path: str) -> RouteSpec:
    for spec in ROUTES:
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(spec.path)) + "$"
        if spec.method == method and re.match(pattern, path):
            return spec
    raise AssertionError(f"no route {method} {path}")


def filled(body: str) -> Any:
    import json

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return STAND_INS.get(name, f"id-{name.lower()}")

    return json.loads(re.sub(r"\$\{(\w+)\}|\$(\w+)", value, body))


@pytest.mark.parametrize("document", sorted(SESSIONS))
def test_every_body_in_the_worked_examples_is_valid_for_its_route(document: str) -> None:
    from app import app  # noqa: F401  (registers every route)
    from chalicelib.api import routes

    routes.load_all()  # every route module, for what reads ROUTES whole

    shown = set()
    for method, path, body in requests(session(document)):
        spec = route_for(method, path)
        assert spec.request is not None, f"{method} {path} takes no body"
        spec.request.model_validate(filled(body))
        shown.add(spec.request.__name__)
    assert shown, "the session sends bodies"
    if document == "docs/api.md":
        assert sorted(REQUIRED - shown) == []


@pytest.mark.slow
def test_the_documented_sessions_run_as_written_against_the_local_stack(tmp_path: Path) -> None:
    assert shutil.which("curl"), "the sessions use curl"
    assert shutil.which("python3"), "the sessions read answers with python3"
    runner = Runner(tmp_path)
    urls = runner.start()
    try:
        for document in sorted(SESSIONS, reverse=True):  # the newcomer's walkthrough first
            # curl as written, but a 4xx or 5xx stops the session with the answer shown.
            script = 'curl() { command curl --fail-with-body "$@"; }\n' + session(document)
            result = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", script.replace(LOCAL, urls["api"])],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            assert result.returncode == 0, f"{document}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    finally:
        assert runner.stop() == 0, runner.log.read_text()
