"""Scheduled entry point: organization exports and offboarding deletions, a page at a time."""

from __future__ import annotations

from typing import Any

from chalicelib.observability import logger

SAFETY_SECONDS = 10.0
DEFAULT_BUDGET = 45.0


def run(event: dict[str, Any], context: Any = None) -> dict[str, int]:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    budget = (remaining() / 1000 - SAFETY_SECONDS) if callable(remaining) else DEFAULT_BUDGET
    from chalicelib.services import offboarding

    report = offboarding.advance(max(budget, 1.0))
    if report["jobs"]:
        logger.info("tenant jobs", extra=report)
    return report
