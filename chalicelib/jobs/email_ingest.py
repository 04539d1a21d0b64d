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
    from chalicelib.services.channels import Outcome
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
    """Take in the message at ``key`` (under ``incoming/``): a ticket or a comment in each organization
    it is addressed to, each organization's copy kept under ``processed/`` (or ``failed/``)."""
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
        outcomes = channels.ingest_email(raw, raw_name=name)
    except channels.Rejected as exc:
        reason = channels.describe(exc)
        blobs.move_inbound(key, f"failed/{name}", {"reason": reason[:1000]})
        count("EmailRejected", 1)
        logger.warning("inbound email rejected", extra={"key": key, "reason": reason})
        return {"action": "failed", "key": f"failed/{name}", "reason": reason}
    # One copy per organization, the last one a move: a retry after a crash rewrites the same keys.
    for n, outcome in enumerate(outcomes, start=1):
        metadata = {"reason": (outcome.reason or "")[:1000]} if outcome.action == "failed" else None
        keep = blobs.move_inbound if n == len(outcomes) else blobs.copy_inbound
        keep(key, outcome.raw_key or f"processed/{name}", metadata)
    for outcome in outcomes:
        failed = outcome.action == "failed"
        count("EmailRejected" if failed else "EmailReceived", 1)
        (logger.warning if failed else logger.info)(
            "inbound email rejected" if failed else "inbound email",
            extra={
                "key": key,
                "action": outcome.action,
                "org_id": outcome.org_id,
                "ticket": outcome.ticket_number,
                "reason": outcome.reason,
            },
        )
    return _result(outcomes)


def _result(outcomes: list[Outcome]) -> dict[str, Any]:
    """The first organization that took the message in speaks for the invocation; with several
    organizations, ``deliveries`` has each one's outcome."""
    taken = [o for o in outcomes if o.action != "failed"]
    if not taken:
        result: dict[str, Any] = {
            "action": "failed",
            "key": outcomes[0].raw_key,
            "reason": "; ".join(o.reason or "" for o in outcomes),
        }
    else:
        main = taken[0]
        result = {
            "action": main.action,
            "ticket_number": main.ticket_number,
            "attachments": main.attachments,
            "skipped_attachments": main.skipped_attachments,
            "reason": main.reason,
        }
    if len(outcomes) > 1:
        result["deliveries"] = [
            {"org_id": o.org_id, "action": o.action, "ticket_number": o.ticket_number, "reason": o.reason}
            for o in outcomes
        ]
    return result
