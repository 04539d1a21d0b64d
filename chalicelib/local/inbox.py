"""The local stand-in for SES + EventBridge: watches the inbound bucket's ``incoming/`` prefix and
invokes the ``on_cw_event`` handler subscribed to it with the "Object Created" event AWS sends.

So putting a ``.eml`` file into the local inbound bucket (``make send-email FILE=...``, or any S3
client pointed at the local endpoint) is how a developer "sends" mail.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from chalice.app import Chalice, CloudWatchEventConfig
from chalice.local import LambdaContext

from chalicelib.observability import logger

PREFIX = "incoming/"


def inbox_handlers(app: Chalice, bucket: str) -> list[str]:
    """Names of the ``on_cw_event`` handlers whose pattern matches objects created in ``bucket``."""
    names = []
    for source in app.event_sources:
        if isinstance(source, CloudWatchEventConfig):
            pattern = source.event_pattern or {}
            names_ = ((pattern.get("detail") or {}).get("bucket") or {}).get("name") or []
            if "Object Created" in (pattern.get("detail-type") or []) and bucket in names_:
                names.append(source.name)
    return names


def object_created(
    bucket: str, key: str, region: str, etag: str | None = None, size: int | None = None, sequencer: str | None = None
) -> dict[str, Any]:
    """The event EventBridge sends for S3 "Object Created". ``etag`` and ``sequencer`` identify the
    object's version; ``ingest_email`` keys its idempotency record on them (on the event id without)."""
    obj: dict[str, Any] = {"key": key}
    if etag is not None:
        obj["etag"] = etag.strip('"')
    if size is not None:
        obj["size"] = size
    if sequencer is not None:
        obj["sequencer"] = sequencer
    return {
        "version": "0",
        "id": f"local-{key}",
        "detail-type": "Object Created",
        "source": "aws.s3",
        "account": "000000000000",
        "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [f"arn:aws:s3:::{bucket}"],
        "detail": {"version": "0", "bucket": {"name": bucket}, "object": obj, "reason": "PutObject"},
    }


def sequencer_of(listed: dict[str, Any]) -> str:
    """A stand-in for S3's sequencer (hex, growing with each write to the key): the write time in us."""
    modified = listed.get("LastModified")
    micros = int(modified.timestamp() * 1_000_000) if isinstance(modified, datetime) else 0
    return f"{micros:016X}"


class InboxWatcher:
    def __init__(self, app: Chalice, s3: Any, bucket: str, region: str, interval: float = 0.5) -> None:
        self.app = app
        self.s3 = s3
        self.bucket = bucket
        self.region = region
        self.interval = interval
        self.handlers = inbox_handlers(app, bucket)
        self.delivered = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="inbox", daemon=True)

    def poll_once(self) -> int:
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix=PREFIX, MaxKeys=50)
        objects = listed.get("Contents", [])
        for found in objects:
            key = found["Key"]
            event = object_created(
                self.bucket,
                key,
                self.region,
                etag=found.get("ETag"),
                size=found.get("Size"),
                sequencer=sequencer_of(found),
            )
            for name in self.handlers:
                try:
                    self.app.handler_map[name](event, LambdaContext(name, 256, max_runtime_ms=60_000))
                    self.delivered += 1
                except Exception:
                    logger.exception("inbound mail handler raised; the message stays in incoming/", extra={"key": key})
        return len(objects)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                found = self.poll_once()
            except Exception:
                logger.exception("inbox poll failed")
                found = 0
            self._stop.wait(self.interval * (4 if not found else 1))

    def start(self) -> None:
        if self.handlers:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
