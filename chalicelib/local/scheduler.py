"""Runs the app's ``@app.schedule`` functions at their ``rate(...)``, as EventBridge would."""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chalice.app import Chalice, ScheduledEventConfig
from chalice.local import LambdaContext

from chalicelib.observability import logger

_RATE = re.compile(r"^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$")
_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


class UnsupportedSchedule(ValueError):
    pass


def rate_seconds(expression: str) -> int:
    """Seconds between runs of a ``rate(...)`` expression.

    >>> rate_seconds("rate(5 minutes)")
    300

    ``cron(...)`` is refused: the local scheduler does not evaluate cron expressions.
    """
    match = _RATE.match(expression.strip())
    if not match:
        raise UnsupportedSchedule(
            f"schedule {expression!r} is not a rate(N minutes|hours|days) expression; "
            "the local scheduler does not evaluate cron(...), use rate(...) for local runs"
        )
    count, unit = int(match.group(1)), match.group(2).rstrip("s")
    if count < 1:
        raise UnsupportedSchedule(f"schedule {expression!r} must run at least every 1 {unit}")
    return count * _SECONDS[unit]


@dataclass
class Job:
    name: str
    expression: str
    interval: float
    next_run: float


def scheduled_jobs(app: Chalice, now: float) -> list[Job]:
    jobs = []
    for source in app.event_sources:
        if isinstance(source, ScheduledEventConfig):
            expression = source.schedule_expression
            text = expression if isinstance(expression, str) else expression.to_string()
            interval = rate_seconds(text)
            jobs.append(Job(source.name, text, interval, now + interval))
    return jobs


def scheduled_event(name: str, region: str, when: datetime) -> dict[str, Any]:
    """The event EventBridge delivers for a scheduled rule."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [f"arn:aws:events:{region}:123456789012:rule/{name}"],
        "detail": {},
    }


def invoke(app: Chalice, name: str, event: dict[str, Any]) -> Any:
    """Call the scheduled handler ``name`` with ``event`` as Lambda would (a context of five minutes)."""
    context = LambdaContext(name, 256, max_runtime_ms=300_000)
    return app.handler_map[name](event, context)


class Scheduler:
    """A thread that invokes each scheduled handler when it is due; a failing run is logged, not fatal."""

    def __init__(self, app: Chalice, region: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.region = region
        self.clock = clock
        self.jobs = scheduled_jobs(app, clock())
        self.runs: dict[str, int] = {job.name: 0 for job in self.jobs}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)

    def invoke(self, name: str) -> Any:
        self.runs[name] = self.runs.get(name, 0) + 1
        return invoke(self.app, name, scheduled_event(name, self.region, datetime.now(UTC)))

    def run_due(self) -> None:
        now = self.clock()
        for job in self.jobs:
            if job.next_run <= now:
                job.next_run = now + job.interval
                try:
                    self.invoke(job.name)
                except Exception:
                    logger.exception("scheduled function failed", extra={"schedule": job.name})

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            self.run_due()

    def start(self) -> None:
        if self.jobs:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
