"""Entry point: a raw message landed in the inbound bucket (SES receipt rule -> S3 ``incoming/`` ->
EventBridge "Object Created" -> this function; locally the runner's inbox watcher sends the same event).

The object moves to ``processed/`` once taken in, or to ``failed/`` (with the reason in its
metadata) when it cannot be: nothing is dropped and one bad message never blocks the others.
Infrastructure errors raise, so the invocation is retried with the object still in ``incoming/``.

EventBridge delivers at least once, sometimes the same event twice at the same moment. A Powertools
idempotency record per delivery (bucket, key, etag, sequencer; ``store/idempotency.py``) is the
first line of defence:

* a duplicate after the first run finished gets the first run's result back (for an hour) and the
  object is not read again;
* a duplicate while the first run is still going raises ``IdempotencyAlreadyInProgressError``: the
  invocation fails and Lambda retries the asynchronous event later (about 1, then 3 minutes on), when
  the saved result is there, or, if the first run failed (its record is deleted) or was killed (its
  record stops blocking at that invocation's deadline), the retry does the work itself;
* a run that raises deletes its record, so the retry runs.

The guarantee stays the Message-ID guard in the ticket's transaction (``services/channels.py``): a
message delivered again after the record expired, or under another key, still creates nothing twice.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from chalicelib.observability import count, logger

if TYPE_CHECKING:
    from chalicelib.store.idempotency import OncePerDelivery

INCOMING = "incoming/"
RECORD_SECONDS = 60 * 60  # how long a delivery's result is kept for its duplicates
NO_CONTEXT_BUDGET_SECONDS = 60.0  # called without a Lambda context: how long a killed run blocks its retry


@functools.cache
def _once() -> OncePerDelivery:
    # Built on the first delivery: importing the idempotency module is not part of the cold start.
    from chalicelib.store.idempotency import OncePerDelivery

    return OncePerDelivery("ingest_email", RECORD_SECONDS, NO_CONTEXT_BUDGET_SECONDS)


def delivery_key(event: dict[str, Any]) -> dict[str, str]:
    """What identifies one delivery of an "Object Created" event: the object and its version.

    The etag names the content and the sequencer orders S3's events for the key, so a new object
    under an old key is a new delivery. Without either (a hand-made event), EventBridge's event id
    stands in for them.
    """
    detail = event.get("detail") or {}
    obj = detail.get("object") or {}
    key = {"bucket": str((detail.get("bucket") or {}).get("name") or ""), "key": str(obj.get("key") or "")}
    for field in ("etag", "sequencer", "version-id"):
        if obj.get(field):
            key[field] = str(obj[field])
    if "etag" not in key and "sequencer" not in key:
        key["event_id"] = str(event.get("id") or "")
    return key


def handle(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    detail = event.get("detail") or {}
    key = unquote_plus(str((detail.get("object") or {}).get("key") or ""))
    if not key.startswith(INCOMING):
        return {"ignored": key}

    def in_progress(error: Exception) -> dict[str, Any]:
        logger.warning("the same delivery is being ingested by another invocation; retry later", extra={"key": key})
        raise error

    return _once().run(delivery_key(event), context, lambda: ingest(key), on_in_progress=in_progress)


def ingest(key: str) -> dict[str, Any]:
    """Take in the message at ``key`` (under ``incoming/``): a ticket or a comment, or ``failed/``."""
    from chalicelib.services import channels
    from chalicelib.store import blobs

    name = key[len(INCOMING) :]
    try:
        raw = blobs.read_inbound(key)
    except Exception as exc:
        if "NoSuchKey" in type(exc).__name__ or "NoSuchKey" in str(exc):
            return {"ignored": key, "reason": "already moved (a redelivered event)"}
        raise
    try:
        outcome = channels.ingest_email(raw, raw_key=f"processed/{name}")
    except channels.Rejected as exc:
        reason = channels.describe(exc)
        blobs.move_inbound(key, f"failed/{name}", {"reason": reason[:1000]})
        count("EmailRejected", 1)
        logger.warning("inbound email rejected", extra={"key": key, "reason": reason})
        return {"action": "failed", "key": f"failed/{name}", "reason": reason}
    blobs.move_inbound(key, f"processed/{name}")
    count("EmailReceived", 1)
    logger.info(
        "inbound email",
        extra={"key": key, "action": outcome.action, "org_id": outcome.org_id, "ticket": outcome.ticket_number},
    )
    return {
        "action": outcome.action,
        "ticket_number": outcome.ticket_number,
        "attachments": outcome.attachments,
        "skipped_attachments": outcome.skipped_attachments,
        "reason": outcome.reason,
    }
