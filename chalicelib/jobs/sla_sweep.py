"""Scheduled entry point: the SLA sweep, once a minute."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.clock import parse_iso, utcnow
from chalicelib.observability import count, logger
from chalicelib.services import sla_sweep


def run(event: dict[str, Any]) -> dict[str, Any]:
    """Sweep as of the schedule's own time (EventBridge's ``time``), so a late start sees the right deadlines."""
    scheduled = event.get("time")
    now: datetime = parse_iso(scheduled) if isinstance(scheduled, str) else utcnow()
    report = sla_sweep.sweep(now)
    count("SlaEventsFired", len(report.fired))
    count("SlaDeadlinesRead", report.deadlines_read)
    logger.info(
        "sla sweep",
        extra={
            "hours": report.hours,
            "partitions": report.partitions_read,
            "deadlines_read": report.deadlines_read,
            "fired": len(report.fired),
            "conflicts": report.conflicts,
        },
    )
    return {
        "fired": report.fired,
        "deadlines_read": report.deadlines_read,
        "partitions_read": report.partitions_read,
        "conflicts": report.conflicts,
    }
