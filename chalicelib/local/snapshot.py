"""Local data that survives a restart: the table's items and the local buckets' objects.

Written on shutdown (atomically: a temporary file, then a rename) and restored on start.
Items are restored straight into moto's table with the stream switched off, so a restart does
not replay every item through the stream handler.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.table import Table

FORMAT_VERSION = 1
SNAPSHOT_FILE = "snapshot.json"


def _find_table(table_name: str) -> tuple[Any, Table] | None:
    for account_id in list(dynamodb_backends.keys()):
        for region in list(dynamodb_backends[account_id].keys()):
            backend = dynamodb_backends[account_id][region]
            if table_name in backend.tables:
                return backend, backend.tables[table_name]
    return None


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
    found = _find_table(table_name)
    if found is None:
        raise RuntimeError(f"table {table_name} must exist before its snapshot is restored")
    backend, table = found
    shard, table.stream_shard = table.stream_shard, None
    try:
        for attrs in items:
            backend.put_item(table_name, attrs)
    finally:
        table.stream_shard = shard
    return len(items)


def dump_buckets(s3: Any, buckets: list[str]) -> dict[str, list[dict[str, str]]]:
    result: dict[str, list[dict[str, str]]] = {}
    for bucket in buckets:
        objects: list[dict[str, str]] = []
        paginator = s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket):
            for summary in page.get("Contents", []):
                response = s3.get_object(Bucket=bucket, Key=summary["Key"])
                objects.append(
                    {
                        "key": summary["Key"],
                        "content_type": response.get("ContentType", "application/octet-stream"),
                        "body": base64.b64encode(response["Body"].read()).decode(),
                    }
                )
        result[bucket] = objects
    return result


def load_buckets(s3: Any, buckets: dict[str, list[dict[str, str]]]) -> int:
    count = 0
    for bucket, objects in buckets.items():
        for obj in objects:
            s3.put_object(
                Bucket=bucket, Key=obj["key"], Body=base64.b64decode(obj["body"]), ContentType=obj["content_type"]
            )
            count += 1
    return count


def write_payload(
    data_dir: Path, table_name: str, items: list[dict[str, Any]], buckets: dict[str, list[dict[str, str]]]
) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SNAPSHOT_FILE
    payload = {"version": FORMAT_VERSION, "tables": {table_name: items}, "buckets": buckets}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload))
    os.replace(temporary, path)
    return path


def read(data_dir: Path) -> dict[str, Any] | None:
    path = data_dir / SNAPSHOT_FILE
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    if data.get("version") != FORMAT_VERSION:
        raise RuntimeError(f"{path} has snapshot format {data.get('version')}; run `make reset` to start afresh")
    return data
