"""Scheduled entry point, every five minutes: time-based automation rules and the overdue work order sweep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.clock import parse_iso, utcnow
from chalicelib.observability import count, logger


def run(event: dict[str, Any]) -> dict[str, Any]:
    scheduled = event.get("time")
    now: datetime = parse_iso(scheduled) if isinstance(scheduled, str) else utcnow()
    from chalicelib.services import automation

    report = automation.run_time_based(now)
    count("TimeRulesFired", report.fired)
    logger.info(
        "time-based rules", extra={"rules": report.rules, "candidates": report.candidates, "fired": report.fired}
    )
    overdue = automation.sweep_overdue(now)
    count("WorkOrdersOverdue", overdue.fired)
    logger.info(
        "overdue work orders",
        extra={"partitions": overdue.partitions_read, "read": overdue.read, "fired": overdue.fired},
    )
    return {
        "rules": report.rules,
        "candidates": report.candidates,
        "fired": report.fired,
        "overdue": {"read": overdue.read, "fired": overdue.fired, "conflicts": overdue.conflicts},
    }
