"""Reads the table's DynamoDB stream and invokes the stream handler as Lambda would.

Per shard, in order: GetRecords with the previous ``NextShardIterator`` (moto keeps every iterator
forever, so none is requested twice), records reshaped to Lambda's event (``eventSourceARN``,
epoch ``ApproximateCreationDateTime``, base64 binaries), and partial batch failures retried from
the first failed record with backoff, up to ``max_retries`` times, like an event source mapping
with ``ReportBatchItemFailures``. After each batch the poller reports the last sequence number it
finished (``on_processed``: the runner journals it), so a restart resumes after it and the records
read but not finished are delivered again, under the same sequence numbers.

Records are filtered first, as the deployed event source mapping's ``FilterCriteria`` filters them
(the same patterns: ``chalicelib.jobs.stream.filter_patterns``): a batch of records no subscriber
acts on invokes nothing, and the position moves past them all the same.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalice.app import Chalice, DynamoDBEventConfig
from chalice.local import LambdaContext

from chalicelib.observability import logger

MAX_RETRIES = 5
# Smaller than Lambda's 100: a stop waits for at most one batch, and the stream handler now runs
# automation, notifications and webhooks for every record.
BATCH_SIZE = 25


def _b64(value: Any) -> str:
    return base64.b64encode(value).decode() if isinstance(value, bytes | bytearray) else str(value)


def lambda_attribute(value: dict[str, Any]) -> dict[str, Any]:
    """A boto3-parsed AttributeValue as Lambda delivers it (binaries base64 encoded)."""
    ((kind, inner),) = value.items()
    if kind == "B":
        return {"B": _b64(inner)}
    if kind == "BS":
        return {"BS": [_b64(v) for v in inner]}
    if kind == "M":
        return {"M": {k: lambda_attribute(v) for k, v in inner.items()}}
    if kind == "L":
        return {"L": [lambda_attribute(v) for v in inner]}
    return {kind: inner}


def lambda_record(record: dict[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    data = dict(record["dynamodb"])
    created = data.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        data["ApproximateCreationDateTime"] = int(created.timestamp())
    for image in ("Keys", "NewImage", "OldImage"):
        if image in data:
            data[image] = {k: lambda_attribute(v) for k, v in data[image].items()}
    return {
        "eventID": record.get("eventID"),
        "eventName": record["eventName"],
        "eventVersion": record.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": data,
        "eventSourceARN": stream_arn,
    }


def record_matches(pattern: Any, value: Any, present: bool = True) -> bool:
    """Lambda's event filter rule on ``value`` (the record, then its fields): a dict of field rules, all
    of which must match; a list of accepted values or ``{"exists": bool}``, any of which may match."""
    if isinstance(pattern, dict):
        if not isinstance(value, dict):
            return all(record_matches(rule, None, present=False) for rule in pattern.values())
        return all(record_matches(rule, value.get(key), key in value) for key, rule in pattern.items())
    for accepted in pattern:
        if isinstance(accepted, dict):
            if set(accepted) != {"exists"}:
                raise ValueError(f"unsupported filter rule {accepted}")
            if accepted["exists"] == present:
                return True
        elif present and value == accepted:
            return True
    return False


def default_filters() -> list[dict[str, Any]] | None:
    """The table stream's filter patterns, as deployed (None: every record)."""
    from chalicelib.jobs.stream import filter_patterns

    return filter_patterns()


def stream_handlers(app: Chalice, table_name: str) -> list[str]:
    """Names of the ``on_dynamodb_record`` handlers subscribed to ``table_name``'s stream."""
    names = []
    for source in app.event_sources:
        if isinstance(source, DynamoDBEventConfig) and f":table/{table_name}/stream/" in source.stream_arn:
            names.append(source.name)
    return names


class StreamPoller:
    """One thread per stack: polls every shard of the table's stream and feeds the handlers."""

    def __init__(
        self,
        app: Chalice,
        streams_client: Any,
        stream_arn: str,
        table_name: str,
        region: str,
        idle_sleep: float = 0.25,
        retry_base_delay: float = 0.2,
        max_retries: int = MAX_RETRIES,
        on_processed: Callable[[str], None] | None = None,
        filters: Callable[[], list[dict[str, Any]] | None] = default_filters,
    ) -> None:
        self.app = app
        self.on_processed = on_processed
        self.client = streams_client
        self.stream_arn = stream_arn
        self.region = region
        self.handlers = stream_handlers(app, table_name)
        self.idle_sleep = idle_sleep
        self.retry_base_delay = retry_base_delay
        self.max_retries = max_retries
        self.iterators: dict[str, str | None] = {}
        self.filters = filters
        self.delivered = 0
        self.dropped = 0
        self.filtered = 0  # records no filter pattern let through (no invocation, position advanced)
        self.batches_filtered = 0  # batches read whose every record was filtered out: invocations saved
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="stream-poller", daemon=True)

    def _refresh_shards(self) -> None:
        description = self.client.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]
        for shard in description.get("Shards", []):
            shard_id = shard["ShardId"]
            if shard_id not in self.iterators:
                self.iterators[shard_id] = self.client.get_shard_iterator(
                    StreamArn=self.stream_arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
                )["ShardIterator"]

    def _invoke(self, name: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Deliver ``records`` until all succeed or retries run out (then they are dropped, as Lambda
        drops them); returns the records left undelivered because the poller is stopping."""
        pending = records
        attempt = 0
        while pending and not self._stop.is_set():
            event = {"Records": pending}
            try:
                result = self.app.handler_map[name](event, LambdaContext(name, 256, max_runtime_ms=300_000))
                failed_ids = {f.get("itemIdentifier") for f in (result or {}).get("batchItemFailures", [])}
            except Exception:
                logger.exception("stream handler raised; retrying the whole batch", extra={"handler": name})
                failed_ids = {pending[0]["dynamodb"]["SequenceNumber"]}
            if not failed_ids:
                self.delivered += len(pending)
                return []
            first = next((i for i, r in enumerate(pending) if r["dynamodb"]["SequenceNumber"] in failed_ids), 0)
            self.delivered += first
            pending = pending[first:]
            attempt += 1
            if attempt > self.max_retries:
                logger.error(
                    "stream records dropped after retries",
                    extra={
                        "handler": name,
                        "records": len(pending),
                        "first_sequence": pending[0]["dynamodb"]["SequenceNumber"],
                    },
                )
                self.dropped += len(pending)
                return []
            self._stop.wait(self.retry_base_delay * (2 ** (attempt - 1)))
        return pending

    def poll_once(self) -> int:
        """One pass over every shard; returns the number of records read."""
        self._refresh_shards()
        read = 0
        for shard_id, iterator in list(self.iterators.items()):
            if iterator is None:
                continue
            response = self.client.get_records(ShardIterator=iterator, Limit=BATCH_SIZE)
            self.iterators[shard_id] = response.get("NextShardIterator")
            records = [lambda_record(r, self.stream_arn, self.region) for r in response.get("Records", [])]
            read += len(records)
            if records:
                patterns = self.filters()
                wanted = [r for r in records if patterns is None or any(record_matches(p, r) for p in patterns)]
                self.filtered += len(records) - len(wanted)
                self.batches_filtered += not wanted
                finished = len(records)
                for name in self.handlers if wanted else ():
                    left = self._invoke(name, wanted)
                    if left:  # stopping: resume at the first record not delivered
                        finished = min(finished, records.index(left[0]))
                if finished and self.on_processed is not None:
                    self.on_processed(records[finished - 1]["dynamodb"]["SequenceNumber"])
        return read

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                read = self.poll_once()
            except Exception:
                logger.exception("stream poll failed")
                read = 0
            if not read:
                self._stop.wait(self.idle_sleep)

    def start(self) -> None:
        if self.handlers:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
