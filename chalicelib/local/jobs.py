"""``python -m chalicelib.local run-job NAME [--at TIME]`` (``make job``): one scheduled job, now,
against the running local stack, optionally "as of" a later time.

The job runs in this process with the environment the stack uses (``environment.py``), on the
stack's database and buckets: what it writes, the stack's stream poller and webhook sender then
act on, as in AWS. Each run is a new EventBridge event with its own id, so the retention sweep's
once-per-event record (Powertools idempotency) never takes a second run for a duplicate.

The event's ``time`` is the job's "now". The SLA sweep, time-based rules, webhook retries and
the retention sweep decide by it (deployed, EventBridge's time is the schedule's own), so
``--at +31d`` shows today what a 30-day retention policy does next month. The tenant jobs decide
nothing by the time: ``--at`` is refused for them rather than ignored.
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from chalicelib.domain.clock import as_utc


@dataclass(frozen=True)
class ScheduledJob:
    handler: str
    aliases: tuple[str, ...]
    summary: str
    as_of: bool = True  # the job decides by its event's time, so --at moves its "now"

    def names(self) -> tuple[str, ...]:
        return (*self.aliases, self.handler)


# Every @app.schedule in app.py (tests/local/test_run_job.py checks that none is missing).
JOBS = (
    ScheduledJob("sla_sweep_job", ("sla", "sla-sweep"), "SLA warnings, breaches and escalations due by then"),
    ScheduledJob("automation_timer_job", ("rules", "automation"), "time-based automation rules"),
    ScheduledJob("retention_sweep_job", ("retention",), "archive, then delete, what retention policies expire"),
    ScheduledJob("webhook_retry_job", ("webhooks", "webhook-retry"), "queue again the webhook deliveries due"),
    ScheduledJob("tenant_jobs_job", ("tenant-jobs",), "advance organization exports and deletions", as_of=False),
)

_OFFSET = re.compile(r"^\+(\d+)([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
AT_FORMS = "an ISO 8601 time (2026-04-02T09:00, UTC unless it has an offset) or an offset from now (+90m, +3h, +31d)"


class UnknownJob(ValueError):
    pass


def _normal(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def listing() -> str:
    """The jobs, one a line: short names, handler, what it does."""
    return "\n".join(f"  {', '.join(job.names()):<44} {job.summary}" for job in JOBS)


def resolve(name: str) -> ScheduledJob:
    """The job a short name (``retention``) or handler name (``retention_sweep_job``) stands for.

    >>> resolve("rules").handler
    'automation_timer_job'
    """
    wanted = _normal(name)
    for job in JOBS:
        if wanted in {_normal(n) for n in job.names()}:
            return job
    raise UnknownJob(f"unknown job {name!r}; the jobs are:\n{listing()}")


def parse_at(text: str, now: datetime) -> datetime:
    """The time ``--at`` names, in UTC: ISO 8601 (no offset means UTC) or ``+N`` minutes/hours/days from ``now``.

    >>> parse_at("+31d", datetime(2026, 3, 2, tzinfo=UTC)).isoformat()
    '2026-04-02T00:00:00+00:00'
    """
    text = text.strip()
    offset = _OFFSET.match(text)
    if offset:
        return now + timedelta(**{_UNITS[offset.group(2)]: int(offset.group(1))})
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--at {text!r} is not a time: give {AT_FORMS}") from None
    return as_utc(moment)


def _stack_problem(endpoint: str, dynamodb_endpoint: str) -> str | None:
    """Why the stack's database cannot be used, in a sentence (None: it answers and has the table)."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    from chalicelib import config

    # One quick try: a stack that is not running must be said so at once, not after retries.
    quick = Config(connect_timeout=2, read_timeout=10, retries={"max_attempts": 1, "mode": "standard"})
    checks: list[tuple[str, Any]] = [
        (
            dynamodb_endpoint,
            lambda: boto3.client("dynamodb", config=quick).describe_table(TableName=config.table_name()),
        )
    ]
    if dynamodb_endpoint != endpoint:
        checks.append((endpoint, lambda: boto3.client("s3", config=quick).list_buckets()))
    for where, check in checks:
        try:
            check()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ResourceNotFoundException":
                return f"{where} answers but has no table {config.table_name()}: is it the local stack (`make run`)?"
            return f"{where} answered, but not as the local stack's database would: {exc}"
        except BotoCoreError:
            return (
                f"no local stack answers at {where}. Start it with `make run` (in another terminal); "
                "for a stack on another port: make job PORT=<its API port> (or --endpoint URL)."
            )
    return None


def _logs_to_stderr() -> None:
    # stdout carries the report alone, so that it can be piped (jq, a test); the job's logs go beside it.
    from chalicelib.observability import logger

    handler: Any = logger.registered_handler
    handler.setStream(sys.stderr)


def run_job(
    name: str | None,
    at: str | None,
    endpoint: str,
    dynamodb_endpoint: str | None,
    data_dir: Path,
    project_dir: Path,
) -> int:
    """Run one scheduled job against the stack at ``endpoint``; print its report as JSON.

    Returns the exit status: 0 done, 1 the stack cannot be reached or the job failed (or reported
    failures), 2 a usage error (unknown job, unreadable time).
    """
    if not name:
        print(f"which job? make job NAME=<name> [AT=<time>], one of:\n{listing()}", file=sys.stderr)
        return 2
    try:
        job = resolve(name)
    except UnknownJob as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    when = datetime.now(UTC)
    if at is not None:
        if not job.as_of:
            print(
                f"error: {job.handler} does not decide anything by the time (it moves on the exports and "
                "deletions that are running), so --at would change nothing; run it without --at.",
                file=sys.stderr,
            )
            return 2
        try:
            when = parse_at(at, when)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    from chalicelib.local.environment import apply_stage, use_endpoints
    from chalicelib.local.scheduler import invoke, scheduled_event

    chalice_config = apply_stage(project_dir, "local", data_dir)
    problem = _stack_problem(endpoint, use_endpoints(endpoint, dynamodb_endpoint))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    app = chalice_config.chalice_app
    _logs_to_stderr()
    event = scheduled_event(job.handler, os.environ["AWS_DEFAULT_REGION"], when)
    try:
        result = invoke(app, job.handler, event)
    except Exception as exc:
        traceback.print_exc()
        print(f"error: {job.handler} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    report = {"job": job.handler, "as_of": event["time"], "event_id": event["id"], "result": result}
    print(json.dumps(report, indent=2, default=str), flush=True)
    if isinstance(result, dict) and result.get("failures"):
        print(f"error: {job.handler} reported failures (in the report); its next run resumes.", file=sys.stderr)
        return 1
    return 0
