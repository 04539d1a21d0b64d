"""The real local runner: starts on free ports, serves /health over HTTP, keeps data, stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import boto3
import pytest

ROOT = Path(__file__).resolve().parents[2]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class Runner:
    def __init__(self, tmp_path: Path) -> None:
        self.data_dir = tmp_path / "data"
        self.ready = tmp_path / "ready.json"
        self.log = tmp_path / "runner.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {  # overrides for the runner's environment (e.g. OUTBOX_DIR)
            # Bursts, polls and the fuzz send far more than the demo organization's 300 requests a
            # minute; the rate limit has its own tests (tests/api/test_http_ratelimit.py).
            "RATE_LIMITS": "free=1000000,address=1000000",
        }

    def start(self, *extra: str) -> dict[str, str]:
        self.ready.unlink(missing_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
        env.pop("TABLE_NAME", None)
        env.update(self.env)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chalicelib.local",
                "run",
                "--port",
                "0",
                "--db-port",
                "0",
                "--data-dir",
                str(self.data_dir),
                "--ready-file",
                str(self.ready),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while not self.ready.exists():
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "runner did not become ready"
            time.sleep(0.1)
        urls: dict[str, str] = json.loads(self.ready.read_text())
        return urls

    def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


def get(url: str) -> tuple[int, dict[str, Any], dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read()), dict(response.headers)


def demo_login(api: str) -> int:
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    body = json.dumps({"organization": SLUG, "email": f"admin@{DOMAIN}", "password": PASSWORD}).encode()
    request = urllib.request.Request(api + "/auth/login", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.status)


@pytest.mark.slow
def test_runner_serves_health_keeps_data_and_stops_cleanly(tmp_path: Path) -> None:
    runner = Runner(tmp_path)
    urls = runner.start()
    try:
        status, body, headers = get(urls["api"] + "/health")
        assert (status, body) == (200, {"status": "ok", "table": "ok"})
        assert headers["X-Request-Id"]
        assert demo_login(urls["api"]) == 200, "the seed step created the demo organization"
        dynamodb = boto3.client("dynamodb", endpoint_url=urls["dynamodb"])
        dynamodb.put_item(TableName="deskless-local", Item={"PK": {"S": "ORG#o1"}, "SK": {"S": "KEEP"}})
        assert runner.process is not None
        pid = runner.process.pid
    finally:
        assert runner.stop() == 0, runner.log.read_text()
    assert children_of(pid) == [], "no child process outlives the runner"
    assert (tmp_path / "data" / "snapshot.json").exists()

    urls = runner.start()
    try:
        dynamodb = boto3.client("dynamodb", endpoint_url=urls["dynamodb"])
        item = dynamodb.get_item(TableName="deskless-local", Key={"PK": {"S": "ORG#o1"}, "SK": {"S": "KEEP"}})
        assert "Item" in item, "data survived the restart"
        assert demo_login(urls["api"]) == 200, "the demo organization was restored, not seeded twice"
    finally:
        assert runner.stop() == 0

    subprocess.run(
        [sys.executable, "-m", "chalicelib.local", "reset", "--data-dir", str(runner.data_dir)], cwd=ROOT, check=True
    )
    assert not runner.data_dir.exists()


@pytest.mark.slow
def test_runner_uses_an_external_dynamodb_endpoint(tmp_path: Path, moto_server: Any) -> None:
    external = moto_server.endpoint
    runner = Runner(tmp_path)
    urls = runner.start("--dynamodb-endpoint", external)
    try:
        assert urls["dynamodb"] == external
        status, _, _ = get(urls["api"] + "/health")
        assert status == 200
        tables = boto3.client("dynamodb", endpoint_url=external).list_tables()["TableNames"]
        assert "deskless-local" in tables, "the table was created on the external endpoint"
        assert "deskless-local-idempotency" in tables, "so was the idempotency records' table"
    finally:
        assert runner.stop() == 0
    assert not (tmp_path / "data" / "snapshot.json").exists(), "an external endpoint keeps its own data"


@pytest.mark.slow
def test_runner_sends_webhooks_through_its_queue(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    received: list[bytes] = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    endpoint = HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    runner = Runner(tmp_path)
    urls = runner.start("--no-persist")

    def post(path: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
        request = urllib.request.Request(urls["api"] + path, data=json.dumps(body).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            result: dict[str, Any] = json.loads(response.read())
            return result

    try:
        token = post("/auth/login", {"organization": SLUG, "email": f"admin@{DOMAIN}", "password": PASSWORD})["token"]
        url = f"http://127.0.0.1:{endpoint.server_port}/hook"
        post("/webhook-subscriptions", {"url": url, "events": ["ticket.created"]}, token)
        customer = post("/auth/login", {"organization": SLUG, "email": f"customer@{DOMAIN}", "password": PASSWORD})
        number = post("/tickets", {"subject": "Hello from the local stack"}, customer["token"])
        deadline = time.monotonic() + 30

        def numbers() -> list[str]:
            return [json.loads(body)["ticket"]["ticket_number"] for body in list(received)]

        # (The seed's own tickets may still be on their way through the stream, and be delivered too.)
        while number["ticket_number"] not in numbers() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert number["ticket_number"] in numbers(), runner.log.read_text()
    finally:
        endpoint.shutdown()
        assert runner.stop() == 0
