"""Nothing the local stack acknowledged is lost, and a newcomer's mistakes get a clear answer.

Real runners in subprocesses: ``kill -9``, SIGTERM and SIGHUP in the middle of a write burst, then a
restart; a second start on a data directory a running stack owns; ports in use; ``reset`` while a
stack runs; a burst of 64 concurrent clients.
"""

from __future__ import annotations

import email
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG
from tests.local.test_runner import ROOT, Runner

RULE_NOTE = "Seen by the durability rule."
# Tickets acknowledged before the stack is stopped mid-burst: 2 per client on average (every one is
# then read back and its stream effects awaited, so the count sets the tests' length).
BURST = 16


def http(api: str, method: str, path: str, token: str | None = None, body: Any = None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(api + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, _json(response.read())
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read())


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return {"raw": raw.decode(errors="replace")}


def login(api: str, person: str) -> str:
    status, body = http(
        api, "POST", "/auth/login", body={"organization": SLUG, "email": f"{person}@{DOMAIN}", "password": PASSWORD}
    )
    assert status == 200, body
    return str(body["token"])


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def number_of(ticket_number: str) -> int:
    return int(ticket_number.removeprefix("T-"))


class Burst:
    """Clients opening tickets as the demo customer until stopped; keeps every acknowledged (201) one."""

    def __init__(self, api: str, token: str, tag: str, clients: int = 8) -> None:
        self.api = api
        self.token = token
        self.tag = tag
        self.acknowledged: list[tuple[str, str]] = []  # (ticket number, subject)
        self.refused = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(clients)]

    def _client(self, worker: int) -> None:
        sent = 0
        while not self._stop.is_set():
            sent += 1
            subject = f"burst {self.tag} {worker}-{sent}"
            try:
                status, body = http(self.api, "POST", "/tickets", self.token, {"subject": subject})
            except OSError:  # refused or reset: the stack is gone; nothing was acknowledged
                status, body = 0, None
            with self._lock:
                if status == 201:
                    self.acknowledged.append((body["ticket_number"], subject))
                else:
                    self.refused += 1
            if status != 201:
                time.sleep(0.05)

    def start(self) -> Burst:
        for thread in self._threads:
            thread.start()
        return self

    def wait_for(self, count: int) -> None:
        wait_until(lambda: len(self.acknowledged) >= count, 120, f"{count} acknowledged tickets")

    def stop(self) -> dict[str, str]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        numbers = [number for number, _ in self.acknowledged]
        assert len(set(numbers)) == len(numbers), "no ticket number was acknowledged twice"
        return dict(self.acknowledged)


def create_rule(api: str, admin: str) -> str:
    status, body = http(
        api,
        "POST",
        "/automation-rules",
        admin,
        {
            "name": "Note every new ticket",
            "trigger_type": "ticket_created",
            "actions": [{"type": "add_internal_note", "content": RULE_NOTE}],
        },
    )
    assert status == 201, body
    return str(body["id"])


def acknowledgement_mails(outbox: Path) -> Counter[str]:
    """Subjects of the acknowledgement mails to the demo customer in the outbox, counted."""
    found: Counter[str] = Counter()
    for path in outbox.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        if f"customer@{DOMAIN}" in str(message["To"]) and "burst" in str(message["Subject"]):
            found[str(message["Subject"])] += 1
    return found


def rule_notes(api: str, admin: str, number: str, rule_id: str) -> int:
    status, body = http(api, "GET", f"/tickets/{number}", admin)
    assert status == 200, body
    return sum(1 for c in body["comments"] if c["author_id"] == f"rule:{rule_id}" and c["content"] == RULE_NOTE)


def assert_effects_once(api: str, outbox: Path, rule_id: str, tickets: dict[str, str], mails_lost: int = 0) -> None:
    """Every ticket got its rule's note and its acknowledgement mail, each exactly once.

    The stream is processed in order, so once the last ticket's effects are there, every earlier
    record (those pending at the stop included) has been processed. ``mails_lost``: how many mails
    may be missing (never doubled): a notification is claimed (a guard item, durable) before its file
    is written, so a ``kill -9`` between the two loses that one message rather than risk sending it
    twice; the poller sends one at a time, so at most one is lost."""
    admin = login(api, "admin")
    last = max(tickets, key=number_of)
    wait_until(
        lambda: (
            rule_notes(api, admin, last, rule_id) >= 1
            and acknowledgement_mails(outbox)[f"[{last}] {tickets[last]}"] >= 1
        ),
        180,
        f"the stream effects of {last}",
    )
    mails = acknowledgement_mails(outbox)
    notes = {number: rule_notes(api, admin, number, rule_id) for number in tickets}
    assert {n: c for n, c in notes.items() if c != 1} == {}, "each ticket got its rule's note exactly once"
    counts = {n: mails[f"[{n}] {s}"] for n, s in tickets.items()}
    assert {n: c for n, c in counts.items() if c > 1} == {}, "no acknowledgement mail was sent twice"
    assert len([n for n, c in counts.items() if c == 0]) <= mails_lost, "each ticket got its acknowledgement mail"
    assert counts[last] == 1, "a ticket opened after the restart is acknowledged"


def stream_records(db_url: str) -> dict[int, str]:
    """Sequence number -> event id of every record the stack's table stream holds."""
    streams = boto3.client("dynamodbstreams", endpoint_url=db_url)
    arn = streams.list_streams(TableName="deskless-local")["Streams"][0]["StreamArn"]
    found: dict[int, str] = {}
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while True:
            response = streams.get_records(ShardIterator=iterator, Limit=1000)
            for record in response["Records"]:
                found[int(record["dynamodb"]["SequenceNumber"])] = record["eventID"]
            if not response["Records"]:
                return found
            iterator = response["NextShardIterator"]
    return found


def pending_at_start(log: str) -> int:
    """The stream records the last start restored as not yet processed (from its description)."""
    found = re.findall(r"(\d+) stream records pending", log)
    assert found, log
    return int(found[-1])


def live_segment(stack: Runner) -> int:
    """The number of the journal segment the stack writes to (a compaction starts the next one)."""
    from chalicelib.local import journal

    return max((number for number, _ in journal.segments(stack.data_dir / journal.JOURNAL_DIR)), default=0)


def stack_for(tmp_path: Path) -> Runner:
    runner = Runner(tmp_path)
    runner.env["OUTBOX_DIR"] = str(tmp_path / "outbox")
    return runner


def cli(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """``python -m chalicelib.local ...`` as a newcomer runs it; stdout and stderr together."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
    return subprocess.run(
        [sys.executable, "-m", "chalicelib.local", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )


def one_clear_line(result: subprocess.CompletedProcess[str], *mentions: str) -> str:
    """The refusal is one line, no traceback, naming everything in ``mentions``."""
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout, result.stdout
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    missing = [m for m in mentions if m not in lines[0]]
    assert missing == [], lines[0]
    return lines[0]


def files_of(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def assert_left_to_its_owner(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Only the running stack changed its directory: its journal grew (it keeps working), its
    outbox may have new mail; every other file (the lock, the snapshot) is as it was."""
    for name, content in before.items():
        assert name in after, f"{name} was deleted"
        if name.startswith("journal/"):
            assert after[name].startswith(content), f"{name} was rewritten, not appended to"
        elif not name.startswith("outbox/"):
            assert after[name] == content, f"{name} changed"
    assert {n for n in after if n not in before and not n.startswith(("journal/", "outbox/"))} == set()


# ---- crash, stop and hang-up in the middle of a burst ----------------------------------------------


@pytest.mark.slow
def test_kill_9_mid_burst_keeps_every_acknowledged_ticket_and_never_reissues_a_number(tmp_path: Path) -> None:
    stack = stack_for(tmp_path)
    # A small journal: it is compacted into the snapshot during the burst, so the crash also meets
    # a compaction's aftermath (or one in progress).
    api = stack.start("--journal-compact-bytes", "150000")["api"]
    rule_id = create_rule(api, login(api, "admin"))
    first = live_segment(stack)
    burst = Burst(api, login(api, "customer"), "k9").start()
    burst.wait_for(BURST)
    wait_until(lambda: live_segment(stack) > first, 120, "a compaction during the burst")
    assert stack.process is not None
    stack.process.kill()  # SIGKILL: no handler, no save, mid-burst
    stack.process.wait(timeout=30)
    acknowledged = burst.stop()
    assert (tmp_path / "data" / "snapshot.json").exists(), "the journal was compacted during the burst"

    api = stack.start()["api"]
    try:
        admin = login(api, "admin")
        for number, subject in acknowledged.items():
            status, body = http(api, "GET", f"/tickets/{number}", admin)
            assert (status, body.get("subject")) == (200, subject), f"acknowledged {number} survived kill -9"
        status, body = http(api, "POST", "/tickets", login(api, "customer"), {"subject": "burst k9 after"})
        assert status == 201, body
        assert number_of(body["ticket_number"]) > max(map(number_of, acknowledged)), "no number is handed out twice"
        assert_effects_once(
            api, tmp_path / "outbox", rule_id, {**acknowledged, body["ticket_number"]: "burst k9 after"}, mails_lost=1
        )
    finally:
        assert stack.stop() == 0, stack.log.read_text()


@pytest.mark.slow
def test_sigterm_mid_burst_keeps_every_acknowledged_ticket_and_processes_pending_records_after_restart(
    tmp_path: Path,
) -> None:
    stack = stack_for(tmp_path)
    urls = stack.start()
    api = urls["api"]
    rule_id = create_rule(api, login(api, "admin"))
    burst = Burst(api, login(api, "customer"), "term").start()
    burst.wait_for(BURST)
    before = stream_records(urls["dynamodb"])
    assert stack.process is not None
    stack.process.send_signal(signal.SIGTERM)
    assert stack.process.wait(timeout=60) == 0, stack.log.read_text()
    acknowledged = burst.stop()

    urls = stack.start()
    api = urls["api"]
    try:
        assert pending_at_start(stack.log.read_text()) > 0, "the stop left stream records to process"
        admin = login(api, "admin")
        for number, subject in acknowledged.items():
            status, body = http(api, "GET", f"/tickets/{number}", admin)
            assert (status, body.get("subject")) == (200, subject), f"acknowledged {number} survived SIGTERM"
        status, body = http(api, "POST", "/tickets", login(api, "customer"), {"subject": "burst term after"})
        assert status == 201, body
        assert_effects_once(
            api, tmp_path / "outbox", rule_id, {**acknowledged, body["ticket_number"]: "burst term after"}
        )
        after = stream_records(urls["dynamodb"])
        reissued = {seq: event for seq, event in after.items() if seq in before and before[seq] != event}
        assert reissued == {}, "a sequence number names one record, across restarts"
        assert max(after) > max(before), "records written after the restart carry new sequence numbers"
    finally:
        assert stack.stop() == 0, stack.log.read_text()


@pytest.mark.slow
def test_sighup_stops_the_stack_and_saves_like_sigterm(tmp_path: Path) -> None:
    stack = stack_for(tmp_path)
    api = stack.start()["api"]
    status, body = http(api, "POST", "/tickets", login(api, "customer"), {"subject": "written before the hang-up"})
    assert status == 201, body
    assert stack.process is not None
    stack.process.send_signal(signal.SIGHUP)  # the terminal was closed
    assert stack.process.wait(timeout=60) == 0, stack.log.read_text()
    assert "Stopped." in stack.log.read_text()
    snapshot = (tmp_path / "data" / "snapshot.json").read_text()
    assert "written before the hang-up" in snapshot, "the final save ran"

    from chalicelib.local.lock import running_stack

    assert running_stack(tmp_path / "data") is None, "the data directory is free again"


# ---- a data directory belongs to one stack ------------------------------------------------------------


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One stack for the tests that only need one running (each start costs seconds)."""
    tmp_path = tmp_path_factory.mktemp("running-stack")
    stack = stack_for(tmp_path)
    urls = stack.start()
    status, body = http(urls["api"], "POST", "/tickets", login(urls["api"], "customer"), {"subject": "keep me"})
    assert status == 201, body
    assert stack.process is not None
    try:
        yield {**urls, "data_dir": stack.data_dir, "pid": stack.process.pid, "ticket": body["ticket_number"]}
    finally:
        assert stack.stop() == 0, stack.log.read_text()


def assert_first_stack_intact(running: dict[str, Any]) -> None:
    status, body = http(running["api"], "GET", "/health")
    assert (status, body["status"]) == (200, "ok")
    status, body = http(running["api"], "GET", f"/tickets/{running['ticket']}", login(running["api"], "admin"))
    assert (status, body["subject"]) == (200, "keep me")


@pytest.mark.slow
def test_a_second_start_on_a_data_directory_in_use_is_refused_and_touches_nothing(running: dict[str, Any]) -> None:
    data_dir: Path = running["data_dir"]
    before = files_of(data_dir)
    result = cli("run", "--port", "0", "--db-port", "0", "--data-dir", str(data_dir))
    one_clear_line(result, "in use", str(running["pid"]), "DATA_DIR=")
    assert_left_to_its_owner(before, files_of(data_dir))
    assert_first_stack_intact(running)


@pytest.mark.slow
def test_reset_refuses_while_a_stack_runs_on_the_data_directory(running: dict[str, Any]) -> None:
    data_dir: Path = running["data_dir"]
    before = files_of(data_dir)
    result = cli("reset", "--data-dir", str(data_dir))
    one_clear_line(result, str(running["pid"]), "stop it first")
    assert_left_to_its_owner(before, files_of(data_dir))
    assert_first_stack_intact(running)


@pytest.mark.slow
def test_64_concurrent_clients_all_get_an_answer(running: dict[str, Any]) -> None:
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(running["api"])
    clients = 64
    ready = threading.Barrier(clients)
    answers: list[int | str] = []
    lock = threading.Lock()

    def client() -> None:
        ready.wait()
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=20)
        try:
            statuses = []
            for _ in range(2):  # two requests on one kept-alive connection
                connection.request("GET", "/health")
                response = connection.getresponse()
                response.read()
                statuses.append(response.status)
            answer: int | str = statuses[0] if statuses == [200, 200] else f"{statuses}"
        except OSError as exc:
            answer = repr(exc)
        finally:
            connection.close()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(answers) == Counter({200: clients})


# ---- ports in use --------------------------------------------------------------------------------------


@pytest.fixture
def data_with_a_snapshot(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    item = {"PK": {"S": "ORG#o1"}, "SK": {"S": "KEEP"}}
    (data_dir / "snapshot.json").write_text(
        json.dumps({"version": 1, "tables": {"deskless-local": [item]}, "buckets": {}})
    )
    return data_dir


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


@pytest.mark.slow
def test_an_api_port_in_use_is_one_clear_line_and_touches_no_data(data_with_a_snapshot: Path, busy_port: int) -> None:
    before = files_of(data_with_a_snapshot)
    result = cli("run", "--port", str(busy_port), "--db-port", "0", "--data-dir", str(data_with_a_snapshot))
    one_clear_line(result, "API", str(busy_port), "make run PORT=")
    assert files_of(data_with_a_snapshot) == before


@pytest.mark.slow
def test_a_database_port_in_use_names_the_second_port_and_its_override(
    data_with_a_snapshot: Path, busy_port: int
) -> None:
    before = files_of(data_with_a_snapshot)
    result = cli("run", "--port", "0", "--db-port", str(busy_port), "--data-dir", str(data_with_a_snapshot))
    one_clear_line(result, "DynamoDB/S3", str(busy_port), "DB_PORT=")
    assert files_of(data_with_a_snapshot) == before


@pytest.mark.slow
def test_a_start_whose_restore_fails_writes_nothing(data_with_a_snapshot: Path) -> None:
    journal = data_with_a_snapshot / "journal"
    journal.mkdir()
    (journal / "00000001.jsonl").write_bytes(b'{"next":1}\n{"env": damaged\n{"done":"1"}\n')
    before = files_of(data_with_a_snapshot)
    result = cli("run", "--port", "0", "--db-port", "0", "--data-dir", str(data_with_a_snapshot))
    one_clear_line(result, "could not restore", "line 2", "Nothing was written")
    after = files_of(data_with_a_snapshot)
    assert {name: content for name, content in after.items() if name != "stack.lock"} == before
    assert after["stack.lock"] == b"", "the lock was released"
