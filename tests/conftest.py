"""Shared fixtures. The environment is fixed before any project module is imported."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.update(
    {
        "STAGE": "local",
        "TABLE_NAME": "deskless-local",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "CURSOR_SECRET": "test-cursor-secret",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        # Cheap password hashing for the suite; production uses argon2-cffi's defaults.
        "ARGON2_MEMORY_KIB": "1024",
        "ARGON2_TIME_COST": "1",
        # Outbound email/SMS/push of the local stage land here, never in the checkout's .local/.
        "OUTBOX_DIR": tempfile.mkdtemp(prefix="deskless-outbox-"),
    }
)
for _name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "AWS_PROFILE"):
    os.environ.pop(_name, None)

import contextlib  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import boto3  # noqa: E402
import pytest  # noqa: E402
from chalice.test import Client  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib import config  # noqa: E402
from chalicelib.channels import webhook_queue  # noqa: E402
from chalicelib.local.motoserver import LockedMotoServer, install_transaction_patch  # noqa: E402
from chalicelib.store import metering  # noqa: E402
from chalicelib.store.idempotency import create_idempotency_table  # noqa: E402
from chalicelib.store.table import create_table, reset_connections  # noqa: E402

# The local stack's transaction implementation (tests/local/test_motoserver.py checks it against
# moto's semantics): plain moto deep-copies the table for every transaction item.
install_transaction_patch()


def _share_botocore_data_loader() -> None:
    """One botocore data loader for the whole process: ``mock_aws`` resets boto3's default session
    for every test, and each new session (PynamoDB's too) would parse the service models and the
    endpoint rules' JSON again, a third of an ``api`` test's setup. A loader caches what it parsed;
    botocore shares it between the clients of a session the same way."""
    import botocore.loaders
    import botocore.session

    loaders: dict[str | None, botocore.loaders.Loader] = {}

    def create_loader(search_path_string: str | None = None) -> botocore.loaders.Loader:
        if search_path_string not in loaders:
            loaders[search_path_string] = botocore.loaders.create_loader(search_path_string)
        return loaders[search_path_string]

    botocore.session.create_loader = create_loader  # type: ignore[assignment]


_share_botocore_data_loader()


class ScanGuard:
    """Fails the test on any Scan: request paths must Query/GetItem on tenant keys. The offboarding
    job's whole-table read is the one sanctioned Scan (``metering.sanctioned_scan``)."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def __call__(self, operation: str, params: dict[str, Any]) -> None:
        if operation == "Scan" and not metering.scan_sanctioned():
            self.violations.append(f"Scan on {params.get('TableName')}")
            raise AssertionError("Scan is forbidden in request paths (see docs/data-model.md)")


@pytest.fixture(autouse=True)
def scan_guard(request: pytest.FixtureRequest) -> Iterator[ScanGuard]:
    guard = ScanGuard()
    metering.add_before_listener(guard)
    yield guard
    metering.remove_before_listener(guard)
    if guard.violations and not request.node.get_closest_marker("expect_scan"):
        pytest.fail(f"DynamoDB Scan during the test: {guard.violations}")


@pytest.fixture(autouse=True)
def fresh_rate_limiter() -> None:
    """Each test starts as a new container: no claims held, no SLA policies cached from another
    test's (deleted) table."""
    from chalicelib.services import ratelimit, sla

    ratelimit.reset()
    sla.forget_cached_policies()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expect_scan: the test provokes a Scan on purpose")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest first: tests marked ``slow`` (real servers, browser journeys) are handed out before
    the rest, so under xdist the short ones fill in around them and no worker is left running one
    long journey alone at the end of the run (the order tests run in is otherwise unchanged)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """``make test`` ends with passed/failed/skipped per area (tests/api, tests/unit, ...); under
    pytest-xdist only the controller has a terminal, and it holds every worker's reports."""
    from tests.areas import summary_lines

    lines = summary_lines(terminalreporter.stats)
    if lines:
        terminalreporter.write_sep("-", "per area")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def aws() -> Iterator[None]:
    """moto in-process (``mock_aws``) with the tables and buckets built from the real definitions."""
    with mock_aws():
        reset_connections()
        create_table(boto3.client("dynamodb"))
        create_idempotency_table(boto3.client("dynamodb"))
        s3 = boto3.client("s3")
        for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
            s3.create_bucket(Bucket=bucket)
        webhook_queue.create_queues(boto3.client("sqs"))
        yield
    reset_connections()


@pytest.fixture
def api(aws: None) -> Iterator[Client]:
    """The Chalice test client on the real app, against the mocked table."""
    from app import app

    with Client(app, stage_name="local") as client:
        yield client


class StreamPump:
    """The table's stream (moto in-process) delivered to the real stream handler on demand."""

    def __init__(self) -> None:
        from app import app
        from chalicelib.local.streams import StreamPoller

        arn = boto3.client("dynamodb").describe_table(TableName=config.table_name())["Table"]["LatestStreamArn"]
        self.poller = StreamPoller(
            app, boto3.client("dynamodbstreams"), arn, config.table_name(), "us-east-1", retry_base_delay=0.0
        )

    def drain(self) -> int:
        """Deliver every record written so far (and those the handlers write in turn)."""
        total = 0
        while read := self.poller.poll_once():
            total += read
        return total


@pytest.fixture
def stream(aws: None) -> StreamPump:
    return StreamPump()


class SenderPump:
    """The webhook queue (moto in-process) delivered to the real sender on demand, one message at a time."""

    def __init__(self) -> None:
        from app import app
        from chalicelib.local.queues import QueuePoller

        self.poller = QueuePoller(app, boto3.client("sqs"), webhook_queue.queue_url(), "us-east-1")

    def drain(self) -> int:
        """Send every queued delivery (and those queued meanwhile); returns how many messages were handled."""
        return self.poller.drain()


@pytest.fixture
def sender(aws: None) -> SenderPump:
    return SenderPump()


@pytest.fixture(scope="session")
def moto_server() -> Iterator[LockedMotoServer]:
    """The local stack's database server (serialised requests, O(1) transactions), on a free port."""
    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server_table(moto_server: LockedMotoServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Fresh tables (and webhook queue) on the locked moto server; PynamoDB, Powertools and boto3 point
    at them. Yields the main table's stream ARN."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server.endpoint)
    reset_connections()
    client = boto3.client("dynamodb")
    for name in (config.table_name(), config.idempotency_table_name()):
        with contextlib.suppress(client.exceptions.ResourceNotFoundException):
            client.delete_table(TableName=name)
    create_idempotency_table(client)
    sqs = boto3.client("sqs")
    for name in (webhook_queue.dead_letter_queue_name(), config.webhook_queue_name()):
        with contextlib.suppress(sqs.exceptions.QueueDoesNotExist):
            sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName=name)["QueueUrl"])
    webhook_queue.create_queues(sqs)
    yield create_table(client)
    reset_connections()


@pytest.fixture
def log_capture() -> Iterator[Any]:
    """Call it to get the Powertools log records written so far (the logger binds stdout at import)."""
    import io
    import json

    from chalicelib.observability import logger

    handler: Any = logger.registered_handler
    stream = io.StringIO()
    previous = handler.setStream(stream)
    level = logger.log_level
    logger.setLevel("INFO")

    def lines() -> list[dict[str, Any]]:
        return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]

    try:
        yield lines
    finally:
        handler.setStream(previous)
        logger.setLevel(level)


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh outbox folder for this test's outgoing mail (read it with helpers.mails_to)."""
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path
