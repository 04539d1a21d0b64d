"""The table-stream dispatcher: each record becomes a ``TableChange`` handed to every subscriber.

Failures are reported per record (Powertools partial batch response): Lambda, configured with
``ReportBatchItemFailures`` by the merge template, retries from the first failed record; the local
poller does the same. Subscribers must therefore be idempotent.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalicelib.observability import count, logger
from chalicelib.store.changes import TableChange, change_from_record

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

Subscriber = Callable[[TableChange], None]

SUBSCRIBERS: list[Subscriber] = []
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


def subscribe(subscriber: Subscriber) -> Subscriber:
    """Register a change handler (usable as a decorator)."""
    SUBSCRIBERS.append(subscriber)
    return subscriber


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
