"""The web app on the local stack: served under /app/ on the API's origin with a strict CSP, built
by ``make run`` only when Node.js is there, and a real browser's journey through it (Debian's
chromium driven by playwright-core: web/e2e/journey.mjs)."""

from __future__ import annotations

import email
import email.policy
import http.client
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from chalice.cli.factory import CLIFactory

from chalicelib.local import webbuild
from chalicelib.local.gateway import local_server
from chalicelib.local.webapp import CONTENT_SECURITY_POLICY, PREFIX
from tests.local.test_runner import Runner

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
INDEX = b'<!doctype html><script type="module" src="/app/assets/app-1.js"></script>'


@pytest.fixture
def web_root(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(INDEX)
    (root / "assets" / "app-1.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("outside the build")
    return root


@pytest.fixture
def gateway(aws: None, web_root: Path) -> Iterator[tuple[str, int]]:
    from app import app

    config = CLIFactory(".").create_config_obj(chalice_stage_name="local")
    server = local_server(app, config, "127.0.0.1", 0, web_root)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", server.server.server_address[1]
    finally:
        server.server.shutdown()
        server.server.server_close()


def fetch(target: tuple[str, int], method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*target, timeout=10)
    connection.request(method, path)  # the path is sent as given: no client-side normalisation
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_no_api_route_starts_with_the_web_app_prefix() -> None:
    from app import app

    clashing = [path for path in app.routes if path == PREFIX or path.startswith(PREFIX + "/")]
    assert clashing == [], "the web app's /app/ would hide these API routes"


def test_every_page_of_the_app_is_its_index_with_a_strict_csp(gateway: tuple[str, int]) -> None:
    for path in ("/app/", "/app/accept-invitation", "/app/reset-password?x=1", "/app/deep/client/route"):
        status, headers, body = fetch(gateway, "GET", path)
        assert (status, body) == (200, INDEX), path
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["cache-control"] == "no-cache"
        assert headers["x-frame-options"] == "DENY"
    policy = CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in policy
    assert "unsafe" not in policy, "no inline script, no eval"
    assert "frame-ancestors 'none'" in policy

    status, headers, body = fetch(gateway, "GET", "/app/assets/app-1.js")
    assert (status, body) == (200, b"console.log(1)")
    assert headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert "immutable" in headers["cache-control"]

    status, headers, body = fetch(gateway, "HEAD", "/app/")
    assert (status, body, headers["content-length"]) == (200, b"", str(len(INDEX)))

    status, headers, _ = fetch(gateway, "GET", "/app")
    assert (status, headers["location"]) == (308, "/app/")


def test_a_missing_asset_is_a_404_not_the_index(gateway: tuple[str, int]) -> None:
    status, headers, body = fetch(gateway, "GET", "/app/assets/gone-0.js")
    assert (status, headers["content-type"]) == (404, "application/json")
    assert json.loads(body)["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "path", ["/app/../secret.txt", "/app/%2e%2e/secret.txt", "/app/assets/..%2f..%2fsecret.txt", "/app/..%5csecret.txt"]
)
def test_paths_cannot_climb_out_of_the_build(gateway: tuple[str, int], path: str) -> None:
    status, _, body = fetch(gateway, "GET", path)
    assert b"outside the build" not in body
    assert status in (200, 404), status
    if status == 200:
        assert body == INDEX, "at most the app's own index"


def test_the_api_still_answers_beside_the_app(gateway: tuple[str, int]) -> None:
    status, _, body = fetch(gateway, "GET", "/health")
    assert (status, json.loads(body)["status"]) == (200, "ok")
    status, _, body = fetch(gateway, "POST", "/app/accept-invitation")
    assert (status, json.loads(body)["error"]["code"]) == (404, "no_route"), "only GET and HEAD serve the app"


def test_an_unbuilt_app_answers_503_saying_how_to_build_it(gateway: tuple[str, int], web_root: Path) -> None:
    (web_root / "index.html").unlink()
    status, headers, body = fetch(gateway, "GET", "/app/reset-password")
    assert (status, headers["content-type"]) == (503, "application/json")
    error = json.loads(body)["error"]
    assert error["code"] == "web_app_not_built"
    assert "make run" in error["message"]
    assert "Node.js 20.19+" in error["message"]


def test_the_build_names_a_missing_node_and_make_run_goes_on_without_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    assert webbuild.main(["--project-dir", str(tmp_path)]) == 2
    assert "needs Node.js 20.19+ to build (found none: no node on PATH)" in capsys.readouterr().err
    assert webbuild.main(["--optional", "--project-dir", str(tmp_path)]) == 0
    assert "starting without the web app" in capsys.readouterr().err

    old = tmp_path / "node"
    old.write_text("#!/bin/sh\necho v18.19.1\n")
    old.chmod(0o755)
    assert webbuild.main(["--project-dir", str(tmp_path)]) == 2
    assert "(found 18.19)" in capsys.readouterr().err


def test_make_run_builds_the_app_before_starting_the_stack() -> None:
    done = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    build = next(i for i, line in enumerate(lines) if "chalicelib.local.webbuild --optional" in line)
    start = next(i for i, line in enumerate(lines) if "chalicelib.local run" in line)
    assert build < start


# A machine without Node.js or chromium skips the web app's own tests; CI (.ci/run) sets
# DESKLESS_REQUIRE_BROWSER=1 so that they fail there instead.
REQUIRED = os.environ.get("DESKLESS_REQUIRE_BROWSER") == "1"
needs_node = pytest.mark.skipif(
    not REQUIRED and (webbuild.node_version(shutil.which("node")) is None or shutil.which("npm") is None),
    reason="Node.js 20.19+ is not installed (README.md prerequisites; .ci/run installs it)",
)
needs_chromium = pytest.mark.skipif(
    not REQUIRED and not os.access(CHROMIUM, os.X_OK),
    reason=f"no chromium at {CHROMIUM} (the Debian package chromium; CHROMIUM=... names another)",
)


@pytest.fixture(scope="module")
def built_app() -> Path:
    """web/dist, built from the current sources (nothing done when it is up to date)."""
    webbuild.build(ROOT, log=lambda line: None)
    return WEB / "dist"


@needs_node
def test_the_built_index_has_no_inline_script(built_app: Path) -> None:
    html = (built_app / "index.html").read_text()
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.DOTALL)
    assert scripts
    assert all(body.strip() == "" for body in scripts), "an inline script breaks under the CSP"
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert "http" not in html, "nothing from another origin (no CDN)"


@needs_node
def test_the_web_unit_tests_pass(built_app: Path) -> None:
    done = subprocess.run(
        ["npx", "--no-install", "vitest", "run"], cwd=WEB, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr


def login(api: str, organization: str, email_address: str, password: str) -> dict[str, Any]:
    body = json.dumps({"organization": organization, "email": email_address, "password": password}).encode()
    request = urllib.request.Request(api + "/auth/login", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def call(api: str, method: str, path: str, token: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(api + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def invitation_link(outbox: Path, address: str) -> str:
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        if address in str(message["To"]):
            found = re.search(r"https?://\S+/app/accept-invitation#token=dl_\S+", message.get_content())
            assert found, message.get_content()
            return found.group(0)
    raise AssertionError(f"no mail to {address} in {outbox}")


@pytest.mark.slow
@needs_node
@needs_chromium
def test_an_admin_signs_in_and_an_invitee_accepts_through_the_browser(tmp_path: Path, built_app: Path) -> None:
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    runner = Runner(tmp_path)
    outbox = tmp_path / "outbox"
    runner.env["OUTBOX_DIR"] = str(outbox)
    urls = runner.start()
    try:
        api = urls["api"]
        admin = login(api, SLUG, f"admin@{DOMAIN}", PASSWORD)
        subject = call(api, "GET", "/tickets?limit=1", admin["token"])["items"][0]["subject"]
        invitee = f"sam.web@{DOMAIN}"
        call(api, "POST", "/invitations", admin["token"], {"email": invitee, "role": "agent", "first_name": "Sam"})
        link = invitation_link(outbox, invitee)
        # The mail points at this stack's origin; the browser opens exactly that page and fragment.
        page_and_token = link.split("/app/", 1)[1]
        env = {
            **os.environ,
            "CHROMIUM": CHROMIUM,
            "DESKLESS_URL": api,
            "DESKLESS_ORG": SLUG,
            "DESKLESS_ADMIN_EMAIL": f"admin@{DOMAIN}",
            "DESKLESS_PASSWORD": PASSWORD,
            "DESKLESS_TICKET_SUBJECT": subject,
            "DESKLESS_INVITE_URL": f"{api}/app/{page_and_token}",
            "DESKLESS_INVITEE_EMAIL": invitee,
            "DESKLESS_INVITEE_PASSWORD": "a long password for sam",
        }
        done = subprocess.run(
            ["node", "e2e/journey.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, done.stdout + done.stderr
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["ok"], seen
        assert seen["inbox"]["rows"] >= 1, seen
        # axe-core looked at each screen (a serious or critical finding would have failed the run).
        assert [a["screen"] for a in seen["audited"]] == ["sign-in", "accept-invitation"], seen
        # The password set through the page is the invitee's password now.
        assert login(api, SLUG, invitee, "a long password for sam")["user"]["email"] == invitee
    finally:
        assert runner.stop() == 0, runner.log.read_text()
