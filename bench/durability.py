"""The cost of the local stack's durability (chalicelib/local/journal.py).

Ticket creation over HTTP on a real ``python -m chalicelib.local run`` (subprocess, free ports),
8 concurrent keep-alive clients, with the journal (every write fsynced before its response) and
without it (``--no-persist``: memory only, as the stack ran before the journal); then that burst's
journal, left behind by ``kill -9``, replayed into a fresh moto server in this process: the replay
time per 1,000 journaled writes that a start after a crash pays (a clean stop compacts the
journal into the snapshot, so the next start replays nothing).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 8
TICKETS_PER_CLIENT = 30


class _Stack:
    def __init__(self, directory: Path, *extra: str) -> None:
        self.data_dir = directory / "data"
        ready = directory / "ready.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
        env.pop("TABLE_NAME", None)
        env["OUTBOX_DIR"] = str(directory / "outbox")
        command = [sys.executable, "-m", "chalicelib.local", "run", "--port", "0", "--db-port", "0"]
        self.process = subprocess.Popen(
            [*command, "--data-dir", str(self.data_dir), "--ready-file", str(ready), *extra],
            cwd=ROOT,
            env=env,
            stdout=(directory / "stack.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while not ready.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((directory / "stack.log").read_text())
            time.sleep(0.1)
        self.api = json.loads(ready.read_text())["api"]

    def stop(self, kill: bool = False) -> None:
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGINT)
        self.process.wait(timeout=120)


def _post(connection: http.client.HTTPConnection, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    connection.request("POST", path, body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    data = json.loads(response.read())
    if response.status not in (200, 201):
        raise RuntimeError(f"{path}: {response.status} {data}")
    return data


def _burst(api: str) -> dict[str, Any]:
    """CLIENTS threads, each opening TICKETS_PER_CLIENT tickets on one kept-alive connection."""
    from urllib.parse import urlsplit

    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    address = urlsplit(api)

    def connect() -> http.client.HTTPConnection:
        return http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)

    login = {"organization": SLUG, "email": f"customer@{DOMAIN}", "password": PASSWORD}
    token = _post(connect(), "/auth/login", login)["token"]
    latencies: list[float] = []
    lock = threading.Lock()
    go = threading.Barrier(CLIENTS + 1)

    def client(worker: int) -> None:
        connection = connect()
        go.wait()
        for n in range(TICKETS_PER_CLIENT):
            started = time.perf_counter()
            _post(connection, "/tickets", {"subject": f"bench {worker}-{n}"}, token)
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
        connection.close()

    threads = [threading.Thread(target=client, args=(w,)) for w in range(CLIENTS)]
    for thread in threads:
        thread.start()
    go.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "tickets": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "latency_ms_p50": round(statistics.median(ordered), 1),
        "latency_ms_p95": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


def _replay_cost(data_dir: Path) -> dict[str, Any]:
    """Replay a killed stack's journal into a fresh locked moto server, as a start does."""
    from bench.__main__ import ENV

    os.environ.update(ENV)
    import boto3

    from chalicelib import config
    from chalicelib.local import journal, snapshot
    from chalicelib.local.motoserver import LockedMotoServer
    from chalicelib.store.idempotency import create_idempotency_table
    from chalicelib.store.table import create_table

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    try:
        client = boto3.client("dynamodb", endpoint_url=server.endpoint)
        create_table(client)
        create_idempotency_table(client)
        s3 = boto3.client("s3", endpoint_url=server.endpoint)
        for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
            s3.create_bucket(Bucket=bucket)
        data = snapshot.read(data_dir) or {}
        paths = [p for n, p in journal.segments(data_dir / journal.JOURNAL_DIR) if n >= data.get("journal_segment", 0)]
        size = sum(p.stat().st_size for p in paths)
        history = journal.StreamHistory()
        started = time.perf_counter()
        with server.app.lock, snapshot.stream_off(config.table_name()):
            replayed = journal.replay(server.app.app, paths, history)
        elapsed = time.perf_counter() - started
        return {
            "journaled_writes": replayed.requests,
            "journal_kb": round(size / 1024),
            "bytes_per_write": round(size / max(1, replayed.requests)),
            "replay_s": round(elapsed, 2),
            "replay_s_per_1000_writes": round(elapsed * 1000 / max(1, replayed.requests), 2),
            "replay_failures": len(replayed.failed),
            "stream_records_restored": len(history.pending()),
        }
    finally:
        server.stop()


def _fdatasync_ms(directory: Path, appends: int = 200) -> float:
    from chalicelib.local.journal import datasync

    path = directory / "fsync-probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        started = time.perf_counter()
        for _ in range(appends):
            os.write(fd, b"x" * 1500 + b"\n")
            datasync(fd)
        return round((time.perf_counter() - started) * 1000 / appends, 3)
    finally:
        os.close(fd)
        path.unlink()


def local_durability() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="deskless-bench-durability-") as tmp:
        directory = Path(tmp)
        (directory / "off").mkdir()
        (directory / "on").mkdir()
        stack = _Stack(directory / "off", "--no-persist")
        try:
            off = _burst(stack.api)
        finally:
            stack.stop()
        stack = _Stack(directory / "on")
        try:
            on = _burst(stack.api)
        finally:
            stack.stop(kill=True)  # leave the journal as a crash does
        replay = _replay_cost(stack.data_dir)
        return {
            "ticket creation, 8 clients": {"journal off (memory only)": off, "journal on (fsync per write)": on},
            "journal replay at start": replay,
            "fdatasync_ms_on_this_disk": _fdatasync_ms(directory),
            "throughput_cost_percent": round(100 * (1 - on["requests_per_s"] / off["requests_per_s"]), 1),
        }
