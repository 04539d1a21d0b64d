"""The journal behind the local stack's durability (chalicelib/local/journal.py), on the locked moto server.

Replaying what was journaled rebuilds exactly the acknowledged state; a record cut short by a crash
is ignored; every response waits for its write to be on disk; stream records not processed
before a crash come back under their own sequence numbers and run once; the numbers after a
restart never repeat one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from pynamodb.attributes import UnicodeAttribute

from chalicelib import config
from chalicelib.jobs import stream
from chalicelib.local import snapshot, streams
from chalicelib.local.journal import (
    Journal,
    JournalDamaged,
    Recorder,
    StreamHistory,
    read_segment,
    replay,
    segment_path,
)
from chalicelib.local.motoserver import LockedMotoServer
from chalicelib.local.streams import StreamPoller
from chalicelib.store.changes import TableChange
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem

TABLE = config.table_name()
BUCKET = "deskless-journal-test"


class Note(TableItem, discriminator="JournalNote"):
    text = UnicodeAttribute()


@pytest.fixture
def journaled(server_table: str, moto_server: LockedMotoServer, tmp_path: Path) -> Iterator[Recorder]:
    """Every write to the locked server is journaled under tmp_path/journal while the test runs."""
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    for listed in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=listed["Key"])
    recorder = Recorder(
        Journal(tmp_path / "journal", 1),
        lambda: snapshot.find_table(TABLE)[1].stream_shard,
        skip_tables=[config.idempotency_table_name()],
    )
    moto_server.app.recorder = recorder
    try:
        yield recorder
    finally:
        moto_server.app.recorder = None
        recorder.journal.close()


def crash_and_replay(moto_server: LockedMotoServer, recorder: Recorder) -> tuple[Any, StreamHistory]:
    """The process is gone (its memory with it); a new one rebuilds from the journal."""
    moto_server.app.recorder = None
    recorder.journal.close()
    _, table = snapshot.find_table(TABLE)
    with moto_server.app.lock:
        table.items.clear()
        shard = table.stream_shard
        assert shard is not None
        shard.items, shard.starting_sequence_number = [], snapshot.MOTO_FIRST_SEQUENCE  # a new process's stream
        _, bucket = snapshot._bucket(BUCKET)
        bucket.keys.clear()
        history = StreamHistory()
        with snapshot.stream_off(TABLE):
            result = replay(moto_server.app.app, [segment_path(recorder.journal.directory, 1)], history)
        assert history.next_sequence is not None
        snapshot.restore_stream(TABLE, history.pending(), history.next_sequence)
    return result, history


def operations(recorder: Recorder) -> list[str]:
    found = []
    for record in read_segment(segment_path(recorder.journal.directory, 1)):
        env = record.get("env")
        if env is not None:
            found.append(env.get("HTTP_X_AMZ_TARGET", "").partition(".")[2] or f"{env['REQUEST_METHOD']} s3")
    return found


def test_replaying_the_journal_rebuilds_exactly_what_was_acknowledged(
    journaled: Recorder, moto_server: LockedMotoServer
) -> None:
    db = boto3.client("dynamodb")
    s3 = boto3.client("s3")
    key = {"PK": {"S": "ORG#o1"}, "SK": {"S": "A"}}
    db.put_item(TableName=TABLE, Item={**key, "label": {"S": "first"}})
    counter = {"PK": {"S": "ORG#o1"}, "SK": {"S": "COUNTER#TICKET"}}
    for _ in range(3):
        db.update_item(
            TableName=TABLE,
            Key=counter,
            UpdateExpression="ADD next_value :one",
            ExpressionAttributeValues={":one": {"N": "1"}},
        )
    with pytest.raises(db.exceptions.ConditionalCheckFailedException):
        db.put_item(TableName=TABLE, Item=key, ConditionExpression="attribute_not_exists(PK)")
    db.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE, "Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": "B"}}}},
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": key,
                    "UpdateExpression": "SET label = :l",
                    "ExpressionAttributeValues": {":l": {"S": "second"}},
                }
            },
        ]
    )
    db.batch_write_item(
        RequestItems={TABLE: [{"PutRequest": {"Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": "C"}, "b": {"B": b"\x00"}}}}]}
    )
    db.delete_item(TableName=TABLE, Key={"PK": {"S": "ORG#o1"}, "SK": {"S": "B"}})
    db.put_item(TableName=config.idempotency_table_name(), Item={"id": {"S": "delivery-1"}})
    s3.put_object(Bucket=BUCKET, Key="a.bin", Body=b"\x00\xffbytes", ContentType="application/pdf", Metadata={"r": "1"})
    s3.copy_object(
        Bucket=BUCKET,
        Key="b.bin",
        CopySource={"Bucket": BUCKET, "Key": "a.bin"},
        MetadataDirective="REPLACE",
        Metadata={"r": "copied"},
    )
    s3.put_object(Bucket=BUCKET, Key="gone.txt", Body=b"soon deleted")
    s3.delete_object(Bucket=BUCKET, Key="gone.txt")
    items = sorted(snapshot.dump_table(TABLE), key=lambda i: i["SK"]["S"])
    objects = snapshot.dump_buckets([BUCKET])

    assert operations(journaled) == [
        "PutItem",
        "UpdateItem",
        "UpdateItem",
        "UpdateItem",
        "TransactWriteItems",
        "BatchWriteItem",
        "DeleteItem",
        "PUT s3",
        "PUT s3",
        "PUT s3",
        "DELETE s3",
    ], "each write that changed something, once; not the refused put, not the idempotency record"

    result, _ = crash_and_replay(moto_server, journaled)
    assert (result.requests, result.failed) == (11, [])
    assert sorted(snapshot.dump_table(TABLE), key=lambda i: i["SK"]["S"]) == items
    assert snapshot.dump_buckets([BUCKET]) == objects
    assert boto3.client("dynamodb").get_item(TableName=TABLE, Key=counter)["Item"]["next_value"] == {"N": "3"}


def test_every_response_waits_until_its_write_is_on_disk(journaled: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    on_disk: list[int] = []
    real_fdatasync = os.fdatasync

    def fdatasync(fd: int) -> None:
        real_fdatasync(fd)
        on_disk.append(journaled.journal.appended)

    monkeypatch.setattr(os, "fdatasync", fdatasync)
    db = boto3.client("dynamodb")
    for n in range(5):
        db.put_item(TableName=TABLE, Item={"PK": {"S": "ORG#o1"}, "SK": {"S": f"N{n}"}})
        assert on_disk, "acknowledged only once on disk"
        assert on_disk[-1] == journaled.journal.appended == n + 1, "acknowledged only once on disk"


def test_a_record_cut_short_by_a_crash_is_ignored_but_a_damaged_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "00000001.jsonl"
    path.write_bytes(b'{"done":"1"}\n{"done":"2"}\n{"env":{"REQUEST_METH')
    assert [r["done"] for r in read_segment(path)] == ["1", "2"]
    path.write_bytes(b'{"done":"1"}\n{"env":{"REQUEST_METH\n{"done":"2"}\n')
    with pytest.raises(JournalDamaged, match="line 2"):
        list(read_segment(path))


@pytest.fixture
def changes() -> Iterator[list[TableChange]]:
    seen: list[TableChange] = []
    stream.subscribe(seen.append)
    yield seen
    stream.SUBSCRIBERS.remove(seen.append)


def poller_for(server_table: str, recorder: Recorder | None) -> StreamPoller:
    from app import app

    return StreamPoller(
        app,
        boto3.client("dynamodbstreams"),
        server_table,
        TABLE,
        "us-east-1",
        retry_base_delay=0.01,
        on_processed=recorder.checkpoint if recorder is not None else None,
    )


def test_records_not_processed_before_a_crash_come_back_with_their_numbers_and_run_once(
    journaled: Recorder,
    moto_server: LockedMotoServer,
    server_table: str,
    changes: list[TableChange],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(streams, "BATCH_SIZE", 1)
    before = poller_for(server_table, journaled)
    for name in ("a", "b", "c"):
        Note(PK=org_pk("o1"), SK=f"NOTE#{name}", text=name).save()
    assert before.poll_once() == 1
    numbers = {c.sk: c.sequence_number for c in changes}
    assert list(numbers) == ["NOTE#a"], "a was processed, b and c were written but not processed"
    before.on_processed = None
    before.poll_once()  # b is read and handled, but the crash comes before its position is journaled
    numbers.update({c.sk: c.sequence_number for c in changes})
    journaled.journal.close()  # (the crash)

    _, history = crash_and_replay(moto_server, journaled)
    assert [r["dynamodb"]["Keys"]["SK"]["S"] for r in history.pending()] == ["NOTE#b", "NOTE#c"]
    changes.clear()
    after = poller_for(server_table, None)
    while after.poll_once():
        pass
    delivered = [(c.sk, c.sequence_number) for c in changes]
    assert delivered[0] == ("NOTE#b", numbers["NOTE#b"]), "redelivered under its own number: its guards hold"
    assert delivered[1][0] == "NOTE#c"
    assert "NOTE#a" not in [sk for sk, _ in delivered], "a processed record is not processed again"

    Note(PK=org_pk("o1"), SK="NOTE#d", text="d").save()
    after.poll_once()
    assert changes[-1].sk == "NOTE#d"
    assert int(changes[-1].sequence_number) == int(delivered[1][1]) + 1, "numbering continues, never repeats"


def test_a_poller_stopped_mid_batch_reports_only_the_records_it_finished(
    server_table: str, changes: list[TableChange]
) -> None:
    finished: list[str] = []
    poller = poller_for(server_table, None)
    poller.on_processed = finished.append

    def stop_at_b(change: TableChange) -> None:
        if change.sk == "NOTE#b":
            poller._stop.set()  # the stack is stopping while b is being handled
            raise RuntimeError("interrupted")

    stream.subscribe(stop_at_b)
    try:
        for name in ("a", "b", "c"):
            Note(PK=org_pk("o1"), SK=f"NOTE#{name}", text=name).save()
        poller.poll_once()
    finally:
        stream.SUBSCRIBERS.remove(stop_at_b)
    a = next(c.sequence_number for c in changes if c.sk == "NOTE#a")
    assert finished == [a], "b and c stay pending for the next start"
    assert poller.dropped == 0


def test_a_growing_journal_asks_for_a_compaction(tmp_path: Path) -> None:
    recorder = Recorder(Journal(tmp_path, 1), lambda: None, compact_bytes=100)
    recorder.checkpoint("1")
    assert not recorder.compaction_due.is_set()
    for n in range(10):
        recorder.checkpoint(str(n))
    assert recorder.compaction_due.is_set()


def test_the_snapshot_keeps_objects_with_their_content_type_and_metadata(journaled: Recorder) -> None:
    s3 = boto3.client("s3")
    s3.put_object(
        Bucket=BUCKET, Key="failed/1.eml", Body=b"raw", ContentType="message/rfc822", Metadata={"reason": "x"}
    )
    dumped = snapshot.dump_buckets([BUCKET])
    s3.delete_object(Bucket=BUCKET, Key="failed/1.eml")
    snapshot.load_buckets(dumped)
    restored = s3.get_object(Bucket=BUCKET, Key="failed/1.eml")
    assert (restored["Body"].read(), restored["ContentType"], restored["Metadata"]) == (
        b"raw",
        "message/rfc822",
        {"reason": "x"},
    )
