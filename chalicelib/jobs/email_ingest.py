"""Entry point: a raw message landed in the inbound bucket (SES receipt rule -> S3 ``incoming/`` ->
EventBridge "Object Created" -> this function; locally the runner's inbox watcher sends the same event).

The object moves to ``processed/`` once taken in, or to ``failed/`` (with the reason in its
metadata) when it cannot be: nothing is dropped and one bad message never blocks the others.
Infrastructure errors raise, so the invocation is retried with the object still in ``incoming/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from chalicelib.observability import count, logger

INCOMING = "incoming/"


def handle(event: dict[str, Any]) -> dict[str, Any]:
    from chalicelib.services import channels
    from chalicelib.store import blobs

    detail = event.get("detail") or {}
    key = unquote_plus(str((detail.get("object") or {}).get("key") or ""))
    if not key.startswith(INCOMING):
        return {"ignored": key}
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
