from __future__ import annotations

from typing import Any

import pytest
from chalice.app import Chalice

from chalicelib.local.scheduler import Scheduler, UnsupportedSchedule, rate_seconds


@pytest.mark.parametrize(
    ("expression", "seconds"),
    [("rate(1 minute)", 60), ("rate(5 minutes)", 300), ("rate(2 hours)", 7200), ("rate(1 day)", 86400)],
)
def test_rate_expressions_are_understood(expression: str, seconds: int) -> None:
    assert rate_seconds(expression) == seconds


@pytest.mark.parametrize("expression", ["cron(0 3 * * ? *)", "rate(0 minutes)", "every minute"])
def test_cron_and_nonsense_are_refused_clearly(expression: str) -> None:
    with pytest.raises(UnsupportedSchedule, match="rate"):
        rate_seconds(expression)


def test_scheduler_invokes_each_function_at_its_rate_with_an_eventbridge_event() -> None:
    app = Chalice("schedules")
    seen: list[dict[str, Any]] = []

    @app.schedule("rate(1 minute)")
    def every_minute(event: Any) -> None:
        seen.append(event.to_dict())

    now = [1000.0]
    scheduler = Scheduler(app, "us-east-1", clock=lambda: now[0])
    scheduler.run_due()
    assert seen == []
    now[0] += 60
    scheduler.run_due()
    now[0] += 30
    scheduler.run_due()
    now[0] += 30
    scheduler.run_due()
    assert len(seen) == 2
    assert seen[0]["detail-type"] == "Scheduled Event"
    assert seen[0]["resources"][0].endswith(":rule/every_minute")


def test_a_failing_scheduled_function_does_not_stop_the_scheduler() -> None:
    app = Chalice("schedules")
    calls: list[int] = []

    @app.schedule("rate(1 minute)")
    def flaky(event: Any) -> None:
        calls.append(1)
        raise RuntimeError("boom")

    now = [0.0]
    scheduler = Scheduler(app, "us-east-1", clock=lambda: now[0])
    for _ in range(3):
        now[0] += 60
        scheduler.run_due()
    assert len(calls) == 3
