"""The table-stream dispatcher: each record becomes a ``TableChange`` handed to the subscribers that
declared its kind.

Each subscriber declares the record kinds it acts on (item ``type`` -> event names, ``subscribe(kinds=...)``).
That one declaration is used three times: the dispatcher hands a change only to the subscribers that
declared it, and the union (``filter_patterns``) is the stream event source mapping's ``FilterCriteria``
(infra/build_merge_template.py) and the local poller's filter (chalicelib/local/streams.py, which the
tests' ``stream`` fixture uses), so records nobody acts on invoke no Lambda. A subscriber declared
without kinds receives every record, and then nothing is filtered.

Failures are reported per record (Powertools partial batch response): Lambda, configured with
``ReportBatchItemFailures`` by the merge template, retries from the first failed record; the local
poller does the same. Subscribers must therefore be idempotent.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, overload

from chalicelib.observability import count, logger
from chalicelib.store.changes import TableChange, change_from_record

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

Subscriber = Callable[[TableChange], None]
# Item ``type`` (None: an item without one) -> the stream event names the subscriber acts on.
Kinds = Mapping[str | None, Collection[str]]

INSERT, MODIFY, REMOVE = "INSERT", "MODIFY", "REMOVE"
EVENT_NAMES = (INSERT, MODIFY, REMOVE)
WRITES = (INSERT, MODIFY)  # REMOVE records carry only the old image
# Lambda's limits on an event source mapping's filters (a quota increase allows 10).
MAX_FILTERS = 5
MAX_PATTERN_CHARS = 4096

SUBSCRIBERS: list[Subscriber] = []
# What each subscriber declared; one missing here (``subscribe(fn)``) receives every record.
DECLARED: dict[Subscriber, dict[str | None, frozenset[str]]] = {}
# Modules whose import registers subscribers; imported on the first batch, never on API cold starts.
SUBSCRIBER_MODULES = (
    "chalicelib.jobs.sla_rematch",
    "chalicelib.jobs.automation",
    "chalicelib.jobs.notifications",
    "chalicelib.jobs.webhooks_out",
    "chalicelib.jobs.search_index",
    "chalicelib.jobs.live",
)
_loaded = False


def load_subscribers() -> None:
    global _loaded
    if not _loaded:
        for name in SUBSCRIBER_MODULES:
            importlib.import_module(name)
        _loaded = True


@overload
def subscribe(subscriber: Subscriber) -> Subscriber: ...
@overload
def subscribe(*, kinds: Kinds) -> Callable[[Subscriber], Subscriber]: ...
def subscribe(
    subscriber: Subscriber | None = None, *, kinds: Kinds | None = None
) -> Subscriber | Callable[[Subscriber], Subscriber]:
    """Register a change handler: ``@subscribe(kinds={"Ticket": WRITES, ...})`` receives only those
    records; ``subscribe(fn)`` receives every record (and turns the stream filter off)."""

    def register(fn: Subscriber) -> Subscriber:
        if kinds is not None:
            declared = {kind: frozenset(events) for kind, events in kinds.items()}
            unknown = {e for events in declared.values() for e in events} - set(EVENT_NAMES)
            if unknown or not all(declared.values()):
                raise ValueError(f"event names must be among {EVENT_NAMES}: {kinds}")
            DECLARED[fn] = declared
        SUBSCRIBERS.append(fn)
        return fn

    return register(subscriber) if subscriber is not None else register


def wants(subscriber: Subscriber, change: TableChange) -> bool:
    """Whether ``subscriber`` declared ``change``'s kind (every change, when it declared none)."""
    declared = DECLARED.get(subscriber)
    return declared is None or change.event_name in declared.get(change.item_type, ())


def declared_kinds() -> dict[str | None, frozenset[str]] | None:
    """The union of every subscriber's declaration (None: some subscriber wants every record)."""
    load_subscribers()
    union: dict[str | None, frozenset[str]] = {}
    for subscriber in SUBSCRIBERS:
        declared = DECLARED.get(subscriber)
        if declared is None:
            return None
        for kind, events in declared.items():
            union[kind] = union.get(kind, frozenset()) | events
    return union


def filter_patterns() -> list[dict[str, Any]] | None:
    """The stream's filter: Lambda event filter patterns (ORed) that let through every record some
    subscriber declared, and no other; None when everything must be delivered. Per event name, the
    item types it concerns, matched on the new image (INSERT, MODIFY) or the old one (REMOVE); event
    names with the same types share a pattern. Items without a ``type`` pass only if declared."""
    union = declared_kinds()
    if union is None:
        return None
    patterns: list[dict[str, Any]] = []
    for image, names in (("NewImage", WRITES), ("OldImage", (REMOVE,))):
        by_types: dict[tuple[str, ...], list[str]] = {}
        untyped: list[str] = []
        for name in names:
            types = tuple(sorted(k for k, events in union.items() if k is not None and name in events))
            if types:
                by_types.setdefault(types, []).append(name)
            if name in union.get(None, ()):
                untyped.append(name)
        for types, events in by_types.items():
            patterns.append({"eventName": events, "dynamodb": {image: {"type": {"S": list(types)}}}})
        if untyped:  # the Exists operator only works on a leaf: the type's S value
            patterns.append({"eventName": untyped, "dynamodb": {image: {"type": {"S": [{"exists": False}]}}}})
    if len(patterns) > MAX_FILTERS or any(len(pattern_text(p)) > MAX_PATTERN_CHARS for p in patterns):
        raise ValueError(f"the stream filter exceeds Lambda's limits ({MAX_FILTERS} patterns of {MAX_PATTERN_CHARS})")
    return patterns


def pattern_text(pattern: dict[str, Any]) -> str:
    """A pattern as the event source mapping's ``Filters[].Pattern`` string."""
    return json.dumps(pattern, separators=(",", ":"))


def _handle_record(record: DynamoDBRecord) -> None:
    data = record.dynamodb
    if data is None:
        return
    change = change_from_record(
        event_name=record.event_name.name if record.event_name else "UNKNOWN",
        sequence_number=data.sequence_number or "",
        keys=data.keys or {},
        old=data.old_image,
        new=data.new_image,
    )
    for subscriber in list(SUBSCRIBERS):
        if wants(subscriber, change):
            subscriber(change)


def handle_stream_event(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Process a DynamoDB stream batch; returns ``{"batchItemFailures": [...]}``."""
    load_subscribers()
    # Imported here: the batch utilities cost ~100 ms of import that API cold starts never need.
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
    result = process_partial_response(event=event, record_handler=_handle_record, processor=processor, context=context)
    failures = len(result.get("batchItemFailures", []))
    records = len(event.get("Records", []))
    count("StreamRecords", records)
    if failures:
        count("StreamRecordFailures", failures)
        logger.warning("stream batch had failures", extra={"records": records, "failures": failures})
    return dict(result)
