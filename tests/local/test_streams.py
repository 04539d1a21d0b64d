"""A real write reaches the stream handler through the local poller, in Lambda's event shape."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from pynamodb.attributes import BinaryAttribute, UnicodeAttribute

from chalicelib import config
from chalicelib.jobs import stream
from chalicelib.local.streams import StreamPoller
from chalicelib.store.changes import TableChange
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem

EVENTS = Path(__file__).resolve().parents[1] / "events"


class Note(TableItem, discriminator="Note"):
    text = UnicodeAttribute()
    blob = BinaryAttribute(null=True, legacy_encoding=False)


@pytest.fixture
def changes() -> Iterator[list[TableChange]]:
    seen: list[TableChange] = []
    stream.subscribe(seen.append)
    yield seen
    stream.SUBSCRIBERS.remove(seen.append)


@pytest.fixture
def poller(server_table: str) -> StreamPoller:
    from app import app

    return StreamPoller(
        app, boto3.client("dynamodbstreams"), server_table, config.table_name(), "us-east-1", retry_base_delay=0.01
    )


def test_a_write_reaches_the_stream_handler_through_the_poller(
    poller: StreamPoller, changes: list[TableChange]
) -> None:
    assert poller.handlers == ["on_table_change"]
    Note(PK=org_pk("o1"), SK="NOTE#1", text="hello", blob=b"\x00\x01").save()
    note = Note.get(org_pk("o1"), "NOTE#1")
    note.text = "edited"
    note.save()
    assert poller.poll_once() == 2
    assert [(c.event_name, c.item_type, c.org_id, c.sk) for c in changes] == [
        ("INSERT", "Note", "o1", "NOTE#1"),
        ("MODIFY", "Note", "o1", "NOTE#1"),
    ]
    assert changes[1].old["text"] == "hello"
    assert changes[1].new["text"] == "edited"
    assert poller.poll_once() == 0, "the next poll reuses NextShardIterator and reads nothing twice"


def test_records_look_like_lambdas(
    poller: StreamPoller, changes: list[TableChange], monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[dict[str, Any]] = []
    original = poller.app.handler_map["on_table_change"]

    def spy(event: dict[str, Any], context: Any) -> Any:
        events.append(event)
        return original(event, context)

    monkeypatch.setitem(poller.app.handler_map, "on_table_change", spy)
    Note(PK=org_pk("o1"), SK="NOTE#2", text="bytes", blob=b"\xff").save()
    poller.poll_once()
    record = events[0]["Records"][0]
    assert record["eventSourceARN"] == poller.stream_arn
    assert record["eventSource"] == "aws:dynamodb"
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)
    assert record["dynamodb"]["NewImage"]["blob"] == {"B": "/w=="}
    json.dumps(events[0])  # serialisable like a real Lambda payload


def test_a_failed_record_is_retried_in_order_like_lambda(poller: StreamPoller) -> None:
    delivered: list[str] = []
    failures = {"NOTE#b": 2}

    def flaky(change: TableChange) -> None:
        if failures.get(change.sk, 0) > 0:
            failures[change.sk] -= 1
            raise RuntimeError("downstream unavailable")
        delivered.append(change.sk)

    stream.subscribe(flaky)
    try:
        for name in ("a", "b", "c"):
            Note(PK=org_pk("o1"), SK=f"NOTE#{name}", text=name).save()
        poller.poll_once()
    finally:
        stream.SUBSCRIBERS.remove(flaky)
    # a succeeded once; b failed twice and was retried from b, so c waited for it.
    assert delivered[0] == "NOTE#a"
    assert delivered[-2:] == ["NOTE#b", "NOTE#c"]
    assert delivered.index("NOTE#b") < len(delivered) - 1
    assert poller.dropped == 0


def test_records_that_keep_failing_are_dropped_after_the_retry_limit(poller: StreamPoller) -> None:
    def broken(change: TableChange) -> None:
        raise RuntimeError("always")

    stream.subscribe(broken)
    try:
        Note(PK=org_pk("o1"), SK="NOTE#x", text="x").save()
        poller.poll_once()
    finally:
        stream.SUBSCRIBERS.remove(broken)
    assert poller.dropped == 1
    assert poller.poll_once() == 0, "the poller moved on instead of blocking the shard forever"


def test_sample_stream_event_goes_through_the_real_handler(aws: None, changes: list[TableChange]) -> None:
    from chalice.test import Client

    from app import app

    payload = json.loads((EVENTS / "dynamodb_stream_modify.json").read_text())
    with Client(app, stage_name="local") as client:
        result = client.lambda_.invoke("on_table_change", payload)
    assert result.payload == {"batchItemFailures": []}
    assert [(c.event_name, c.org_id, c.item_type) for c in changes] == [("MODIFY", "o1", "Note")]
    assert changes[0].old["text"] == "hello"
    assert changes[0].new["text"] == "edited"
