"""Scheduled entry point: the daily retention sweep (archive, then delete, expired data)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.clock import parse_iso, utcnow
from chalicelib.observability import logger

SAFETY_SECONDS = 60.0  # stop starting batches this long before the Lambda would be stopped
DEFAULT_BUDGET = 600.0


def run(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    scheduled = event.get("time")
    now: datetime = parse_iso(scheduled) if isinstance(scheduled, str) else utcnow()
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    budget = (remaining() / 1000 - SAFETY_SECONDS) if callable(remaining) else DEFAULT_BUDGET
    from chalicelib.services import retention

    report = retention.sweep(now, max(budget, 1.0))
    result = retention.report_json(report)
    logger.info("retention sweep", extra=result)
    return result
