"""Scheduled entry point: the daily retention sweep (archive, then delete, expired data).

EventBridge delivers the daily event at least once. A Powertools idempotency record keyed by the
event's ``id`` (``store/idempotency.py``) keeps a duplicate from starting a second sweep:

* while the sweep runs, a duplicate returns ``{"skipped": ...}`` at once (no error, so Lambda does
  not retry it: the running sweep does the work, and the next day's sweep picks up whatever it left);
  the record stops blocking at the running invocation's deadline, so a sweep killed by its timeout
  does not hold the day's event;
* after a finished sweep a duplicate gets its report back, for a day;
* a sweep that did not finish (failures, or its time budget ran out) is not recorded: a duplicate
  resumes it, which the sweep is built for.

The sweep itself stays safe to repeat (archives are verified and rewritten under the same key,
deletes are idempotent): the record saves the work and the concurrency, it is not the guarantee.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import TYPE_CHECKING, Any

from chalicelib.domain.clock import parse_iso, utcnow
from chalicelib.observability import logger

if TYPE_CHECKING:
    from chalicelib.store.idempotency import OncePerDelivery

SAFETY_SECONDS = 60.0  # stop starting batches this long before the Lambda would be stopped
DEFAULT_BUDGET = 600.0
RECORD_SECONDS = 24 * 60 * 60  # a daily event's duplicates arrive within the day


@functools.cache
def _once() -> OncePerDelivery:
    # Built on the first delivery: importing the idempotency module is not part of the cold start.
    # Without a Lambda context the sweep budgets DEFAULT_BUDGET; its record blocks duplicates a little longer.
    from chalicelib.store.idempotency import OncePerDelivery

    return OncePerDelivery("retention_sweep", RECORD_SECONDS, DEFAULT_BUDGET + SAFETY_SECONDS)


def run(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    event_id = event.get("id")
    if not event_id:
        return sweep(event, context)  # a hand-made event: nothing identifies its duplicates

    def in_progress(error: Exception) -> dict[str, Any]:
        logger.info("retention sweep already running for this event; not starting another", extra={"id": event_id})
        return {"skipped": "a sweep for this event is already running"}

    return _once().run(
        {"id": str(event_id)},
        context,
        lambda: sweep(event, context),
        record_if=finished,
        on_in_progress=in_progress,
    )


def finished(result: dict[str, Any]) -> bool:
    return not result.get("failures") and bool(result.get("finished", True))


def sweep(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    scheduled = event.get("time")
    now: datetime = parse_iso(scheduled) if isinstance(scheduled, str) else utcnow()
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    budget = (remaining() / 1000 - SAFETY_SECONDS) if callable(remaining) else DEFAULT_BUDGET
    from chalicelib.services import retention

    report = retention.sweep(now, max(budget, 1.0))
    result = retention.report_json(report)
    logger.info("retention sweep", extra=result)
    return result
