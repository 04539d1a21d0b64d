"""Local data that survives a restart: the table's items, the local buckets' objects and the stream.

``DATA_DIR/snapshot.json`` is the compacted state; the journal (chalicelib/local/journal.py) holds
every write since, and ``journal_segment`` names the first segment the snapshot does not contain.
It is written atomically (a temporary file, fsynced, then a rename and an fsync of the directory).
Items are restored straight into moto's table with the stream switched off, so a restart does not
replay every item through the stream handler; the stream records not yet processed are restored
with their sequence numbers (``stream``), and new records continue after the last number handed
out, never reusing one (the automation and notification guards are keyed by it).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.table import StreamRecord, Table
from moto.dynamodb.models.utilities import dynamo_json_dump
from moto.s3.models import s3_backends

from chalicelib.local.journal import fsync_directory, sequence_of, stream_record_json

FORMAT_VERSION = 1
SNAPSHOT_FILE = "snapshot.json"
# moto numbers every new stream from this constant; a data directory's first start moves its
# stream past it by the clock, so records of a snapshot written before the stream was kept never
# share a number with new ones.
MOTO_FIRST_SEQUENCE = 1100000000017454423009


def _find_table(table_name: str) -> tuple[Any, Table] | None:
    for account_id in list(dynamodb_backends.keys()):
        for region in list(dynamodb_backends[account_id].keys()):
            backend = dynamodb_backends[account_id][region]
            if table_name in backend.tables:
                return backend, backend.tables[table_name]
    return None


def find_table(table_name: str) -> tuple[Any, Table]:
    """The moto backend holding ``table_name`` and the table (it must exist)."""
    found = _find_table(table_name)
    if found is None:
        raise RuntimeError(f"table {table_name} must exist before its data is restored")
    return found


@contextlib.contextmanager
def stream_off(table_name: str) -> Iterator[None]:
    """Writes made inside produce no stream record (restore and replay)."""
    _, table = find_table(table_name)
    shard, table.stream_shard = table.stream_shard, None
    try:
        yield
    finally:
        table.stream_shard = shard


def dump_table(table_name: str) -> list[dict[str, Any]]:
    found = _find_table(table_name)
    if found is None:
        return []
    _, table = found
    items: list[dict[str, Any]] = []
    for entry in list(table.items.values()):
        rows = entry.values() if isinstance(entry, dict) else [entry]
        items.extend(row.to_json()["Attributes"] for row in rows)
    return items


def load_table(table_name: str, items: list[dict[str, Any]]) -> int:
    backend, _ = find_table(table_name)
    with stream_off(table_name):
        for attrs in items:
            backend.put_item(table_name, attrs)
    return len(items)


# ---- buckets (read and written on moto's backend: the compaction runs inside the server's lock) ----


def _bucket(name: str) -> Any:
    for account_id in list(s3_backends.keys()):
        for partition in list(s3_backends[account_id].keys()):
            backend = s3_backends[account_id][partition]
            if name in backend.buckets:
                return backend, backend.buckets[name]
    raise RuntimeError(f"bucket {name} must exist before its objects are restored")


def dump_buckets(buckets: list[str]) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for name in buckets:
        _, bucket = _bucket(name)
        objects = []
        for key_name, key in list(bucket.keys.items()):
            metadata = dict(key.metadata)
            objects.append(
                {
                    "key": key_name,
                    "content_type": metadata.get("Content-Type", "application/octet-stream"),
                    "metadata": metadata,
                    "body": base64.b64encode(key.value).decode(),
                }
            )
        result[name] = objects
    return result


def load_buckets(buckets: dict[str, list[dict[str, Any]]]) -> int:
    count = 0
    for name, objects in buckets.items():
        backend, _ = _bucket(name)
        for obj in objects:
            key = backend.put_object(name, obj["key"], base64.b64decode(obj["body"]))
            # Snapshots written before metadata was kept have the content type only.
            key.set_metadata(dict(obj.get("metadata") or {"Content-Type": obj["content_type"]}), replace=True)
            count += 1
    return count


# ---- the stream -----------------------------------------------------------------------------------


class RestoredRecord(StreamRecord):
    """A stream record put back as it was recorded (moto builds its records from items)."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record


def fresh_stream_start() -> int:
    return MOTO_FIRST_SEQUENCE + time.time_ns() // 1000


def stream_position(table_name: str) -> tuple[int, int]:
    """(first sequence number moto's shard holds, next number it will hand out)."""
    _, table = find_table(table_name)
    shard = table.stream_shard
    if shard is None:
        return 0, 0
    first = int(shard.starting_sequence_number)
    return first, first + len(shard.items)


def stream_records_after(table_name: str, done: int) -> list[dict[str, Any]]:
    """The shard's records with a sequence number above ``done`` (not processed yet), as JSON."""
    _, table = find_table(table_name)
    shard = table.stream_shard
    if shard is None:
        return []
    first = int(shard.starting_sequence_number)
    return [stream_record_json(r.to_json()) for r in shard.items[max(done + 1 - first, 0) :]]


def restore_stream(table_name: str, pending: list[dict[str, Any]], next_sequence: int) -> int:
    """Put ``pending`` records (JSON) back into the shard with their sequence numbers; new records
    get ``next_sequence`` onwards. Returns how many were restored."""
    _, table = find_table(table_name)
    shard = table.stream_shard
    if shard is None:
        return 0
    records = sorted(pending, key=sequence_of)
    numbers = [sequence_of(r) for r in records]
    # moto finds a record by (its number - the shard's first number): the numbers must run on.
    if numbers and numbers != list(range(numbers[0], next_sequence)):
        raise RuntimeError(
            f"the pending stream records of {table_name} ({numbers[0]}..{numbers[-1]}, {len(numbers)} records) "
            f"do not run on to the next number {next_sequence}"
        )
    shard.starting_sequence_number = numbers[0] if numbers else next_sequence
    shard.items = [RestoredRecord(record) for record in records]
    return len(records)


# ---- the file ---------------------------------------------------------------------------------------


def encode(
    table_name: str,
    items: list[dict[str, Any]],
    buckets: dict[str, list[dict[str, Any]]],
    stream: dict[str, Any] | None = None,
    journal_segment: int | None = None,
) -> bytes:
    payload: dict[str, Any] = {"version": FORMAT_VERSION, "tables": {table_name: items}, "buckets": buckets}
    if stream is not None:
        payload["stream"] = stream
    if journal_segment is not None:
        payload["journal_segment"] = journal_segment
    return dynamo_json_dump(payload).encode()  # moto's encoder: binaries nested in maps and lists as base64


def write(data_dir: Path, data: bytes) -> Path:
    """Replace the snapshot with ``data`` atomically and durably."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SNAPSHOT_FILE
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    fsync_directory(data_dir)
    return path


def write_payload(
    data_dir: Path, table_name: str, items: list[dict[str, Any]], buckets: dict[str, list[dict[str, Any]]]
) -> Path:
    return write(data_dir, encode(table_name, items, buckets))


def read(data_dir: Path) -> dict[str, Any] | None:
    path = data_dir / SNAPSHOT_FILE
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    if data.get("version") != FORMAT_VERSION:
        raise RuntimeError(f"{path} has snapshot format {data.get('version')}; run `make reset` to start afresh")
    return data
