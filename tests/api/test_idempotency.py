"""Powertools idempotency on the at-least-once entry points (``ingest_email``, ``retention_sweep_job``):
one record per delivery saves the work of a duplicate and stops a concurrent one; the guard items in
the business transactions stay the guarantee. Everything goes through the app's real handlers."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
import time_machine
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyAlreadyInProgressError
from chalice.test import Client

from chalicelib import config
from chalicelib.local.inbox import object_created, sequencer_of
from chalicelib.local.scheduler import scheduled_event
from chalicelib.store import metering
from tests.api.helpers import Tenant, all_tickets, call, inbound_keys, make_tenant

MAIL = Path(__file__).resolve().parents[1] / "events" / "email"
HOUR = 3600
DAY = 24 * HOUR


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def records() -> list[dict[str, Any]]:
    """The idempotency table's items, as plain values (a Scan on that table: it holds no tenant data)."""
    items = boto3.client("dynamodb").scan(TableName=config.idempotency_table_name())["Items"]
    found = []
    for item in items:
        record: dict[str, Any] = {"id": item["id"]["S"], "status": item["status"]["S"]}
        record["expiration"] = int(item["expiration"]["N"])
        if "in_progress_expiration" in item:
            record["in_progress_expiration"] = int(item["in_progress_expiration"]["N"])
        if "data" in item:
            record["data"] = json.loads(item["data"]["S"])
        found.append(record)
    return found


def stored_mail(name: str, key: str) -> dict[str, Any]:
    """Put a message under incoming/ and return the "Object Created" event S3 sends for it."""
    s3 = boto3.client("s3")
    bucket = config.inbound_mail_bucket()
    s3.put_object(Bucket=bucket, Key=f"incoming/{key}", Body=(MAIL / name).read_bytes())
    head = s3.head_object(Bucket=bucket, Key=f"incoming/{key}")
    return object_created(
        bucket,
        f"incoming/{key}",
        "us-east-1",
        etag=head["ETag"],
        size=head["ContentLength"],
        sequencer=sequencer_of(head),
    )


def ingest(api: Client, event: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = api.lambda_.invoke("ingest_email", event).payload
    return result


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from chalicelib.store import blobs

    reads: list[str] = []
    real = blobs.read_inbound

    def read(key: str) -> bytes:
        reads.append(key)
        return real(key)

    monkeypatch.setattr(blobs, "read_inbound", read)
    return reads


# Inbound email


def test_a_duplicate_delivery_returns_the_saved_result_without_reading_the_object(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = stored_mail("plain.eml", "m1")
    reads = count_reads(monkeypatch)
    first = ingest(api, event)
    assert first["action"] == "created"
    assert reads == ["incoming/m1"]
    with metering.metered() as calls:
        again = ingest(api, json.loads(json.dumps(event)))
    assert again == first
    assert reads == ["incoming/m1"], "the duplicate did not read the object"
    assert calls == [], "the duplicate made no call on the main table"
    assert len(all_tickets(api, acme)) == 1
    assert inbound_keys("processed/") == ["processed/m1"]


def test_the_record_has_its_own_table_with_a_ttl(api: Client, acme: Tenant) -> None:
    client = boto3.client("dynamodb")
    name = config.idempotency_table_name()
    assert name == f"{config.table_name()}-idempotency"
    ttl = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", "expiration")
    started = int(datetime.now(UTC).timestamp())
    result = ingest(api, stored_mail("plain.eml", "m1"))
    [record] = records()
    assert record["id"].startswith("ingest_email#")
    assert (record["status"], record["data"]) == ("COMPLETED", result)
    assert started + HOUR <= record["expiration"] <= started + HOUR + 60
    assert not any(i["PK"]["S"].startswith("ingest_email") for i in client.scan(TableName=config.table_name())["Items"])


def test_another_delivery_still_runs_and_the_guard_items_stop_a_second_ticket(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ingest(api, stored_mail("plain.eml", "m1"))
    reads = count_reads(monkeypatch)
    # The same message stored again under another key: a new delivery, so it runs...
    second = ingest(api, stored_mail("plain.eml", "m2"))
    assert reads == ["incoming/m2"]
    # ...and the Message-ID guard in the ticket's transaction makes it create nothing.
    assert (first["action"], second["action"]) == ("created", "duplicate")
    assert len(records()) == 2
    assert len(all_tickets(api, acme)) == 1


def test_a_delivery_without_an_etag_is_keyed_on_the_sequencer_or_else_the_event_id(api: Client, acme: Tenant) -> None:
    from chalicelib.jobs.email_ingest import delivery_key

    bucket = config.inbound_mail_bucket()
    full = object_created(bucket, "incoming/m1", "us-east-1", etag='"abc"', sequencer="0062E9")
    assert delivery_key(full) == {"bucket": bucket, "key": "incoming/m1", "etag": "abc", "sequencer": "0062E9"}
    no_etag = object_created(bucket, "incoming/m1", "us-east-1", sequencer="0062E9")
    assert delivery_key(no_etag) == {"bucket": bucket, "key": "incoming/m1", "sequencer": "0062E9"}
    bare = object_created(bucket, "incoming/m1", "us-east-1")
    assert delivery_key(bare) == {"bucket": bucket, "key": "incoming/m1", "event_id": "local-incoming/m1"}
    # Without an etag the duplicate is still answered from the record.
    boto3.client("s3").put_object(Bucket=bucket, Key="incoming/m1", Body=(MAIL / "plain.eml").read_bytes())
    first = ingest(api, no_etag)
    assert ingest(api, no_etag) == first
    assert first["action"] == "created"


def test_an_expired_record_lets_the_same_delivery_run_again(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = stored_mail("plain.eml", "m1")
    first = ingest(api, event)
    reads = count_reads(monkeypatch)
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=HOUR + 60), tick=False):
        again = ingest(api, event)
    assert reads == ["incoming/m1"], "past the record's expiry the delivery runs"
    assert again == {"ignored": "incoming/m1", "reason": "already moved (a redelivered event)"}
    assert first["action"] == "created"
    assert len(all_tickets(api, acme)) == 1


def test_an_infrastructure_failure_deletes_the_record_so_the_retry_runs(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.store import blobs

    event = stored_mail("plain.eml", "m1")
    real_move = blobs.move_inbound

    def unavailable(key: str, destination: str, metadata: dict[str, str] | None = None) -> None:
        raise RuntimeError("S3 is unavailable")

    monkeypatch.setattr(blobs, "move_inbound", unavailable)
    with pytest.raises(RuntimeError, match="S3 is unavailable"):
        ingest(api, event)
    assert records() == [], "the failed run's in-progress record was deleted"
    assert inbound_keys("incoming/") == ["incoming/m1"]

    monkeypatch.setattr(blobs, "move_inbound", real_move)
    retried = ingest(api, event)
    # The ticket was committed before the move failed: the retry runs and the Message-ID guard answers.
    assert retried["action"] == "duplicate"
    assert len(all_tickets(api, acme)) == 1
    assert inbound_keys("incoming/") == []
    assert inbound_keys("processed/") == ["processed/m1"]
    assert [r["status"] for r in records()] == ["COMPLETED"]


def inside_the_first_run(monkeypatch: pytest.MonkeyPatch, target: Any, name: str, during: Callable[[], None]) -> None:
    """Calls ``during()`` from inside ``target.name`` the first time it runs: a concurrent duplicate
    arriving while the first invocation holds its in-progress record, without threads."""
    real = getattr(target, name)
    done: list[bool] = []

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not done:
            done.append(True)
            during()
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, wrapped)


def test_a_concurrent_duplicate_raises_so_lambda_retries_it_and_the_retry_gets_the_result(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch, log_capture: Any
) -> None:
    from chalicelib.services import channels

    event = stored_mail("plain.eml", "m1")
    seen: list[dict[str, Any]] = []
    raised: list[BaseException] = []

    def duplicate() -> None:
        [record] = records()
        seen.append(record)
        with pytest.raises(IdempotencyAlreadyInProgressError) as error:
            ingest(api, event)
        raised.append(error.value)

    inside_the_first_run(monkeypatch, channels, "ingest_email", duplicate)
    started = datetime.now(UTC)
    started_ms = int(started.timestamp() * 1000)
    # The clock stands still inside the first run, so however slow the machine, the duplicate
    # arrives before the first invocation's deadline.
    with time_machine.travel(started, tick=False):
        first = ingest(api, event)
    assert first["action"] == "created"
    assert len(raised) == 1
    # The in-progress record blocks only until the first invocation's deadline (the test client's 3 s).
    assert seen[0]["status"] == "INPROGRESS"
    assert started_ms < seen[0]["in_progress_expiration"] <= started_ms + 3_000
    assert any(line["message"].startswith("the same delivery is being ingested") for line in log_capture())
    # Lambda's retry of the duplicate, after the first run finished: the saved result.
    assert ingest(api, event) == first
    assert len(all_tickets(api, acme)) == 1


class Killed(BaseException):
    """What Powertools cannot see: the invocation stopped by its timeout (no ``except Exception`` runs)."""


def test_a_run_killed_by_its_timeout_blocks_retries_only_until_its_deadline(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import channels

    event = stored_mail("plain.eml", "m1")
    now = datetime.now(UTC)
    real = channels.ingest_email

    def killed(*args: Any, **kwargs: Any) -> Any:
        raise Killed()

    monkeypatch.setattr(channels, "ingest_email", killed)
    with time_machine.travel(now, tick=False), pytest.raises(Killed):
        ingest(api, event)
    assert [r["status"] for r in records()] == ["INPROGRESS"]
    monkeypatch.setattr(channels, "ingest_email", real)
    with time_machine.travel(now + timedelta(seconds=1), tick=False), pytest.raises(IdempotencyAlreadyInProgressError):
        ingest(api, event)
    with time_machine.travel(now + timedelta(seconds=5), tick=False):
        retried = ingest(api, event)
    assert retried["action"] == "created"
    assert [r["status"] for r in records()] == ["COMPLETED"]


# Retention sweep


def sweep(api: Client, event: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = api.lambda_.invoke("retention_sweep_job", event).payload
    return result


def daily_event(when: datetime | None = None) -> dict[str, Any]:
    return scheduled_event("retention_sweep_job", "us-east-1", when or datetime.now(UTC))


def with_a_policy(api: Client, acme: Tenant) -> None:
    body = {"retention_period_days": 30, "archive_before_delete": True}
    assert call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), body).status == 200


def test_a_duplicate_daily_event_returns_the_report_and_sweeps_nothing(api: Client, acme: Tenant) -> None:
    with_a_policy(api, acme)
    event = daily_event()
    with metering.metered() as first_calls:
        first = sweep(api, event)
    assert (first["policies"], first["failures"], first["finished"]) == (1, [], True)
    assert first_calls, "the first delivery swept"
    with metering.metered() as calls:
        again = sweep(api, dict(event))
    assert again == first
    assert calls == [], "the duplicate made no call on the main table"
    [record] = records()
    assert record["id"].startswith("retention_sweep#")
    assert (record["status"], record["data"]) == ("COMPLETED", first)
    now = int(datetime.now(UTC).timestamp())
    assert now + DAY - 60 <= record["expiration"] <= now + DAY + 60


def test_another_daily_event_sweeps_again(api: Client, acme: Tenant) -> None:
    with_a_policy(api, acme)
    sweep(api, daily_event())
    with metering.metered() as calls:
        tomorrow = sweep(api, daily_event(datetime.now(UTC) + timedelta(days=1)))
    assert tomorrow["policies"] == 1
    assert calls
    assert len(records()) == 2


def test_the_same_event_sweeps_again_once_its_record_expired(api: Client, acme: Tenant) -> None:
    with_a_policy(api, acme)
    event = daily_event()
    sweep(api, event)
    later = datetime.now(UTC) + timedelta(seconds=DAY + 60)
    with time_machine.travel(later, tick=False), metering.metered() as calls:
        again = sweep(api, event)
    assert again["policies"] == 1
    assert calls, "past the record's expiry the same event sweeps"


def test_a_concurrent_duplicate_does_not_start_a_second_sweep(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import retention

    with_a_policy(api, acme)
    event = daily_event()
    duplicates: list[dict[str, Any]] = []
    sweeps: list[datetime] = []
    real = retention.sweep

    def counted(now: datetime, budget_seconds: float = 600.0) -> retention.SweepReport:
        sweeps.append(now)
        return real(now, budget_seconds)

    monkeypatch.setattr(retention, "sweep", counted)
    inside_the_first_run(monkeypatch, retention, "sweep", lambda: duplicates.append(sweep(api, event)))
    first = sweep(api, event)
    assert duplicates == [{"skipped": "a sweep for this event is already running"}]
    assert len(sweeps) == 1, "one sweep ran"
    assert first["policies"] == 1
    assert sweep(api, event) == first


def test_an_unfinished_sweep_is_not_recorded_so_a_duplicate_resumes_it(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import retention

    with_a_policy(api, acme)
    event = daily_event()
    real = retention.sweep
    monkeypatch.setattr(
        retention, "sweep", lambda now, budget_seconds=600.0: retention.SweepReport(policies=1, failures=["acme: boom"])
    )
    assert sweep(api, event)["failures"] == ["acme: boom"]
    assert records() == []
    monkeypatch.setattr(
        retention, "sweep", lambda now, budget_seconds=600.0: retention.SweepReport(policies=1, finished=False)
    )
    assert sweep(api, event)["finished"] is False
    assert records() == []
    monkeypatch.setattr(retention, "sweep", real)
    done = sweep(api, event)
    assert (done["failures"], done["finished"]) == ([], True)
    assert [r["status"] for r in records()] == ["COMPLETED"]


def test_without_a_lambda_context_the_record_blocks_for_the_default_budget(api: Client, acme: Tenant) -> None:
    from chalicelib.jobs import retention_sweep

    started_ms = int(datetime.now(UTC).timestamp() * 1000)
    report = retention_sweep.run(daily_event(), None)
    assert report["failures"] == []
    [record] = records()
    budget_ms = int((retention_sweep.DEFAULT_BUDGET + retention_sweep.SAFETY_SECONDS) * 1000)
    assert started_ms + budget_ms - 1_000 <= record["in_progress_expiration"] <= started_ms + budget_ms + 5_000
    assert retention_sweep.run(daily_event(), None)["policies"] == report["policies"]
    # A hand-made event without an id has nothing to key on: it just sweeps, unrecorded.
    assert retention_sweep.run({"time": "2030-01-01T00:00:00Z"})["failures"] == []
    assert len(records()) == 2


def test_concurrent_deliveries_of_the_daily_event_start_one_sweep(
    server_table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real concurrency, on the locked moto server: 8 invocations of the same event at once."""
    from chalice.local import LambdaContext

    from app import app
    from chalicelib.services import retention

    sweeps: list[datetime] = []
    gate = threading.Event()

    def slow(now: datetime, budget_seconds: float = 600.0) -> retention.SweepReport:
        sweeps.append(now)
        gate.wait(5)  # hold the record until every duplicate has tried
        return retention.SweepReport(policies=3)

    monkeypatch.setattr(retention, "sweep", slow)
    event = daily_event()
    results: list[dict[str, Any]] = []
    lock = threading.Lock()

    def deliver() -> None:
        result = app.handler_map["retention_sweep_job"](
            dict(event), LambdaContext("retention_sweep_job", 256, max_runtime_ms=60_000)
        )
        with lock:
            results.append(result)
            if len(results) == 7:
                gate.set()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sweeps) == 1
    skipped = [r for r in results if "skipped" in r]
    assert len(skipped) == 7
    [report] = [r for r in results if "skipped" not in r]
    assert report["policies"] == 3
    later = app.handler_map["retention_sweep_job"](dict(event), LambdaContext("retention_sweep_job", 256))
    assert later == report
