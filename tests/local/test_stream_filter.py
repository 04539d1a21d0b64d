"""The stream filter: each subscriber declares the record kinds it acts on; the union is the filter the
local poller applies (as the deployed event source mapping's FilterCriteria does), and the
dispatcher hands a change only to the subscribers that declared its kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from pynamodb.attributes import UnicodeAttribute

from chalicelib import config
from chalicelib.jobs import stream
from chalicelib.local.streams import StreamPoller, record_matches
from chalicelib.store.changes import TableChange
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem


class Memo(TableItem, discriminator="Memo"):
    text = UnicodeAttribute()


class Scrap(TableItem, discriminator="Scrap"):
    text = UnicodeAttribute()


def record(event: str, kind: str | None, seq: str = "1") -> dict[str, Any]:
    """A stream record in Lambda's shape: a REMOVE carries only the old image."""
    image: dict[str, Any] = {"PK": {"S": "ORG#o1"}, "SK": {"S": f"X#{seq}"}}
    if kind is not None:
        image["type"] = {"S": kind}
    data: dict[str, Any] = {"Keys": {"PK": image["PK"], "SK": image["SK"]}, "SequenceNumber": seq}
    data["OldImage" if event == "REMOVE" else "NewImage"] = image
    if event == "MODIFY":
        data["OldImage"] = image
    return {"eventName": event, "eventSource": "aws:dynamodb", "dynamodb": data}


def passes(rec: dict[str, Any]) -> bool:
    patterns = stream.filter_patterns()
    assert patterns is not None
    return any(record_matches(p, rec) for p in patterns)


@pytest.fixture
def memos() -> Iterator[list[TableChange]]:
    """A subscriber declaring Memo inserts only."""
    seen: list[TableChange] = []

    @stream.subscribe(kinds={"Memo": [stream.INSERT]})
    def on_memo(change: TableChange) -> None:
        seen.append(change)

    yield seen
    stream.SUBSCRIBERS.remove(on_memo)
    del stream.DECLARED[on_memo]


@pytest.fixture
def poller(server_table: str) -> StreamPoller:
    from app import app

    return StreamPoller(
        app, boto3.client("dynamodbstreams"), server_table, config.table_name(), "us-east-1", retry_base_delay=0.01
    )


@pytest.fixture
def invocations(poller: StreamPoller, monkeypatch: pytest.MonkeyPatch) -> list[list[dict[str, Any]]]:
    """The records of each invocation of the stream handler."""
    seen: list[list[dict[str, Any]]] = []
    original = poller.app.handler_map["on_table_change"]

    def spy(event: dict[str, Any], context: Any) -> Any:
        seen.append(list(event["Records"]))
        return original(event, context)

    monkeypatch.setitem(poller.app.handler_map, "on_table_change", spy)
    return seen


def test_every_kind_a_subscriber_declares_passes_the_filter() -> None:
    stream.load_subscribers()
    declared = [
        (kind, event) for s in stream.SUBSCRIBERS for kind, events in stream.DECLARED[s].items() for event in events
    ]
    assert ("Ticket", "REMOVE") in declared
    assert ("Session", "REMOVE") in declared
    assert ("User", "MODIFY") in declared
    for kind, event in declared:
        assert passes(record(event, kind)), (kind, event)


def test_records_nobody_declared_do_not_pass() -> None:
    for event, kind in [
        ("INSERT", "WebhookDeliveryLog"),
        ("MODIFY", "TicketIndexEntry"),
        ("MODIFY", "SearchTerm"),
        ("INSERT", "SearchPosting"),
        ("MODIFY", "TicketHistory"),  # notifications read a history entry once, when written
        ("REMOVE", "TicketEvent"),  # nobody acts on a deleted ticket event
        ("INSERT", "User"),  # a new user has no connection or ticket yet
        ("INSERT", None),  # counters written before their type: no subscriber reads an untyped item
    ]:
        assert not passes(record(event, kind)), (event, kind)


def test_an_untyped_kind_passes_only_when_declared() -> None:
    @stream.subscribe(kinds={None: [stream.REMOVE]})
    def on_untyped(change: TableChange) -> None:
        return None

    try:
        assert passes(record("REMOVE", None))
        assert not passes(record("INSERT", None))
        assert passes(record("REMOVE", "Ticket")), "the typed patterns are unchanged"
    finally:
        stream.SUBSCRIBERS.remove(on_untyped)
        del stream.DECLARED[on_untyped]


def test_a_subscriber_declaring_no_kinds_receives_every_record_and_turns_the_filter_off() -> None:
    seen: list[TableChange] = []
    stream.subscribe(seen.append)
    try:
        assert stream.filter_patterns() is None
    finally:
        stream.SUBSCRIBERS.remove(seen.append)
    assert stream.filter_patterns() is not None


def test_a_declaration_with_an_unknown_event_name_is_refused() -> None:
    with pytest.raises(ValueError, match="event names"):
        stream.subscribe(kinds={"Ticket": ["UPDATE"]})(lambda change: None)


def test_the_patterns_stay_within_lambdas_limits() -> None:
    patterns = stream.filter_patterns()
    assert patterns is not None
    assert 0 < len(patterns) <= 5
    assert all(len(stream.pattern_text(p)) <= 4096 for p in patterns)


def test_the_dispatcher_hands_a_change_only_to_subscribers_that_declared_it(memos: list[TableChange]) -> None:
    from chalicelib.jobs.stream import handle_stream_event

    event = {"Records": [record("INSERT", "Memo", "1"), record("MODIFY", "Memo", "2"), record("INSERT", "Scrap", "3")]}
    assert handle_stream_event(event, None) == {"batchItemFailures": []}
    assert [(c.event_name, c.item_type) for c in memos] == [("INSERT", "Memo")]


def test_records_nobody_acts_on_invoke_nothing_and_the_position_moves_past_them(
    poller: StreamPoller, invocations: list[list[dict[str, Any]]], memos: list[TableChange]
) -> None:
    finished: list[str] = []
    poller.on_processed = finished.append
    for n in range(3):
        Scrap(PK=org_pk("o1"), SK=f"SCRAP#{n}", text="x").save()
    assert poller.poll_once() == 3
    assert invocations == [], "a batch of records nobody acts on invokes no Lambda"
    assert poller.filtered == 3
    assert poller.delivered == 0
    assert len(finished) == 1, "the position moved past the skipped records"
    assert poller.poll_once() == 0, "and they are not read again"

    Scrap(PK=org_pk("o1"), SK="SCRAP#3", text="x").save()
    Memo(PK=org_pk("o1"), SK="MEMO#1", text="kept").save()
    Scrap(PK=org_pk("o1"), SK="SCRAP#4", text="x").save()
    assert poller.poll_once() == 3
    assert [[r["dynamodb"]["Keys"]["SK"]["S"] for r in records] for records in invocations] == [["MEMO#1"]]
    assert [c.sk for c in memos] == ["MEMO#1"]
    assert poller.filtered == 5
    assert poller.delivered == 1
    assert finished[-1] > finished[0], "the last record read, though filtered, is the position reported"


def test_a_retried_batch_carries_the_same_records(
    poller: StreamPoller, invocations: list[list[dict[str, Any]]]
) -> None:
    failures = {"MEMO#b": 1}
    handled: list[str] = []

    @stream.subscribe(kinds={"Memo": [stream.INSERT]})
    def flaky(change: TableChange) -> None:
        if failures.get(change.sk, 0) > 0:
            failures[change.sk] -= 1
            raise RuntimeError("downstream unavailable")
        handled.append(change.sk)

    try:
        for name in ("a", "b", "c"):
            Memo(PK=org_pk("o1"), SK=f"MEMO#{name}", text=name).save()
            Scrap(PK=org_pk("o1"), SK=f"SCRAP#{name}", text=name).save()
        poller.poll_once()
    finally:
        stream.SUBSCRIBERS.remove(flaky)
        del stream.DECLARED[flaky]
    keys = [[(r["dynamodb"]["Keys"]["SK"]["S"], r["dynamodb"]["SequenceNumber"]) for r in rs] for rs in invocations]
    assert [[sk for sk, _ in batch] for batch in keys] == [["MEMO#a", "MEMO#b", "MEMO#c"], ["MEMO#b", "MEMO#c"]]
    assert keys[1] == keys[0][1:], "the retry is the failed record and those after it, under the same numbers"
    assert handled[0] == "MEMO#a"
    assert handled[-2:] == ["MEMO#b", "MEMO#c"]
    assert poller.dropped == 0
    assert poller.filtered == 3
