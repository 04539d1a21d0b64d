"""``python -m chalicelib.local run-job NAME`` (``make job``): one scheduled job, now or "as of" a
later time, driven from outside against a running database server, as a user runs it against
``make run``."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from chalicelib.local.jobs import JOBS, UnknownJob, parse_at, resolve
from chalicelib.local.motoserver import LockedMotoServer
from chalicelib.local.scheduler import scheduled_jobs
from tests.api.helpers import Tenant, call, make_tenant

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class JobRun:
    code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        """The JSON the command printed (stdout holds nothing else)."""
        parsed: dict[str, Any] = json.loads(self.stdout)
        return parsed


class Jobs:
    """Runs the command in its own process, as ``make job`` does, against one endpoint."""

    def __init__(self, endpoint: str, data_dir: Path) -> None:
        self.endpoint = endpoint
        self.data_dir = data_dir

    def run(self, *args: str, target: tuple[str, ...] | None = None) -> JobRun:
        # The child finds the database from its arguments alone, not from this process's environment.
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
        where = target if target is not None else ("--endpoint", self.endpoint)
        done = subprocess.run(
            [sys.executable, "-m", "chalicelib.local", "run-job", *args, *where, "--data-dir", str(self.data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return JobRun(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def jobs(moto_server: LockedMotoServer, tmp_path: Path) -> Jobs:
    return Jobs(moto_server.endpoint, tmp_path / "data")


@pytest.fixture
def stack(server_table: str) -> Iterator[Client]:
    """The local stack's database and buckets on the moto server, and the API in-process against them."""
    from app import app

    s3 = boto3.client("s3")
    for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
        with contextlib.suppress(s3.exceptions.BucketAlreadyOwnedByYou):
            s3.create_bucket(Bucket=bucket)
        for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", []):  # the server outlives each test
            s3.delete_object(Bucket=bucket, Key=entry["Key"])
    with Client(app, stage_name="local") as client:
        yield client


@pytest.fixture
def acme(stack: Client) -> Tenant:
    return make_tenant(stack, "acme")


def closed_ticket(api: Client, acme: Tenant, subject: str) -> str:
    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject, "description": "details"})
    assert created.status == 201, created.body
    number = str(created.body["ticket_number"])
    for status in ("solved", "closed"):
        assert call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": status}).status == 200
    return number


def ticket_status(api: Client, acme: Tenant, number: str) -> int:
    return call(api, "GET", f"/tickets/{number}", acme.token("admin")).status


def keep_tickets_30_days(api: Client, acme: Tenant) -> None:
    body = {"retention_period_days": 30, "archive_before_delete": True}
    assert call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), body).status == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---- names and times (in-process) -------------------------------------------------------------


def test_every_schedule_of_the_app_has_a_friendly_name_and_no_name_points_elsewhere() -> None:
    from app import app

    scheduled = {job.name for job in scheduled_jobs(app, 0.0)}
    assert {job.handler for job in JOBS} == scheduled
    for job in JOBS:
        assert job.aliases, f"{job.handler} has no short name"
        for name in (job.handler, *job.aliases):
            assert resolve(name) is job


@pytest.mark.parametrize(
    ("name", "handler"),
    [
        ("sla", "sla_sweep_job"),
        ("rules", "automation_timer_job"),
        ("automation", "automation_timer_job"),
        ("retention", "retention_sweep_job"),
        ("webhooks", "webhook_retry_job"),
        ("webhook-retry", "webhook_retry_job"),
        ("tenant-jobs", "tenant_jobs_job"),
        ("tenant_jobs_job", "tenant_jobs_job"),
        ("Retention", "retention_sweep_job"),
    ],
)
def test_friendly_names_resolve_to_their_handler(name: str, handler: str) -> None:
    assert resolve(name).handler == handler


def test_an_unknown_name_is_refused_with_every_name_listed() -> None:
    with pytest.raises(UnknownJob) as refused:
        resolve("retentoin")
    message = str(refused.value)
    assert "retentoin" in message
    for job in JOBS:
        assert job.aliases[0] in message
        assert job.handler in message


def test_as_of_times_are_iso_8601_in_utc_or_an_offset_from_now() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert parse_at("2026-04-02T09:30:00Z", now) == datetime(2026, 4, 2, 9, 30, tzinfo=UTC)
    assert parse_at("2026-04-02T09:30", now) == datetime(2026, 4, 2, 9, 30, tzinfo=UTC), "no offset means UTC"
    assert parse_at("2026-04-02T11:30:00+02:00", now) == datetime(2026, 4, 2, 9, 30, tzinfo=UTC)
    assert parse_at("2026-04-02", now) == datetime(2026, 4, 2, tzinfo=UTC)
    assert parse_at("+31d", now) == now + timedelta(days=31)
    assert parse_at("+3h", now) == now + timedelta(hours=3)
    assert parse_at("+90m", now) == now + timedelta(minutes=90)


@pytest.mark.parametrize("text", ["tomorrow", "+3", "-1d", "+1w", "2026-13-01", ""])
def test_an_unreadable_as_of_time_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"ISO 8601.*\+31d"):
        parse_at(text, datetime(2026, 3, 2, tzinfo=UTC))


# ---- the command, from outside ----------------------------------------------------------------


@pytest.mark.slow
def test_a_30_day_retention_policy_acts_when_run_as_of_31_days_later(stack: Client, acme: Tenant, jobs: Jobs) -> None:
    closed = closed_ticket(stack, acme, "Old printer question")
    still_open = call(stack, "POST", "/tickets", acme.token("customer"), {"subject": "Still open"}).body
    keep_tickets_30_days(stack, acme)

    now = jobs.run("retention")
    assert now.code == 0, now.stderr
    assert now.report["job"] == "retention_sweep_job"
    assert (now.report["result"]["batches"], now.report["result"]["deleted"]) == (0, 0)
    early = jobs.run("retention", "--at", "+29d")
    assert early.code == 0, early.stderr
    assert early.report["result"]["deleted"] == 0
    assert ticket_status(stack, acme, closed) == 200, "29 days after closing, the ticket is kept"

    later = (datetime.now(UTC) + timedelta(days=31)).replace(microsecond=0)
    run = jobs.run("retention", "--at", later.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert run.code == 0, run.stderr
    assert run.report["as_of"] == later.strftime("%Y-%m-%dT%H:%M:%SZ")
    result = run.report["result"]
    assert (result["batches"], result["failures"]) == (1, [])
    assert result["archived"] == result["deleted"] > 0
    assert ticket_status(stack, acme, closed) == 404, "31 days after closing, the ticket is gone"
    assert ticket_status(stack, acme, still_open["ticket_number"]) == 200
    archived = boto3.client("s3").list_objects_v2(Bucket=config.archive_bucket(), Prefix=f"org/{acme.org_id}/")
    keys = [o["Key"] for o in archived.get("Contents", [])]
    assert len(keys) == 1
    assert keys[0].startswith(f"org/{acme.org_id}/tickets/{later.date().isoformat()}/"), "archived as of that day"


@pytest.mark.slow
def test_a_second_on_demand_run_is_never_taken_for_a_duplicate_of_the_first(
    stack: Client, acme: Tenant, jobs: Jobs
) -> None:
    keep_tickets_30_days(stack, acme)
    first = closed_ticket(stack, acme, "First")
    at = (datetime.now(UTC) + timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%SZ")
    one = jobs.run("retention", "--at", at)
    assert one.code == 0, one.stderr
    assert ticket_status(stack, acme, first) == 404

    second = closed_ticket(stack, acme, "Second")
    # The same command again: the retention job keeps a Powertools idempotency record per event
    # id, and a reused id would hand back the first run's report without sweeping.
    two = jobs.run("retention", "--at", at)
    assert two.code == 0, two.stderr
    assert ticket_status(stack, acme, second) == 404
    assert two.report["result"]["batches"] == 1
    assert two.report["event_id"] != one.report["event_id"]


@pytest.mark.slow
def test_a_time_based_rule_fires_when_run_as_of_hours_later(stack: Client, acme: Tenant, jobs: Jobs) -> None:
    body = {
        "name": "Nudge",
        "trigger_type": "time_based",
        "trigger_conditions": {
            "all": [
                {"field": "status", "operator": "is", "value": "pending"},
                {"field": "updated_at", "operator": "hours_since", "value": 2},
            ]
        },
        "actions": [{"type": "add_tags", "tags": ["nudged"]}],
    }
    assert call(stack, "POST", "/automation-rules", acme.token("manager"), body).status == 201
    created = call(stack, "POST", "/tickets", acme.token("customer"), {"subject": "Waiting on customer"}).body
    number = created["ticket_number"]
    assert call(stack, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "pending"}).status == 200

    now = jobs.run("rules")
    assert now.code == 0, now.stderr
    assert now.report["result"]["fired"] == 0
    later = jobs.run("automation", "--at", "+3h")
    assert later.code == 0, later.stderr
    assert (later.report["job"], later.report["result"]["fired"]) == ("automation_timer_job", 1)
    tags = call(stack, "GET", f"/tickets/{number}", acme.token("admin")).body["tags"]
    assert "nudged" in tags


@pytest.mark.slow
def test_a_job_that_fails_prints_its_report_and_exits_non_zero(stack: Client, acme: Tenant, jobs: Jobs) -> None:
    closed = closed_ticket(stack, acme, "Cannot be archived")
    keep_tickets_30_days(stack, acme)
    s3 = boto3.client("s3")
    s3.delete_bucket(Bucket=config.archive_bucket())  # the archive cannot be written: nothing may be deleted

    run = jobs.run("retention", "--at", "+31d")
    assert run.code == 1
    assert run.report["result"]["failures"], run.stdout
    assert "retention_sweep_job reported failures" in run.stderr
    assert ticket_status(stack, acme, closed) == 200


@pytest.mark.slow
def test_an_unknown_job_is_refused_before_anything_runs(jobs: Jobs) -> None:
    run = jobs.run("retentoin")
    assert run.code == 2
    assert run.stdout == ""
    assert "unknown job 'retentoin'" in run.stderr
    for name in ("sla", "rules", "retention", "webhooks", "tenant-jobs", "retention_sweep_job"):
        assert name in run.stderr


@pytest.mark.slow
def test_no_name_lists_the_jobs(jobs: Jobs) -> None:
    run = jobs.run()
    assert run.code == 2
    for job in JOBS:
        assert job.aliases[0] in run.stderr


@pytest.mark.slow
def test_no_stack_on_the_port_is_said_plainly(jobs: Jobs) -> None:
    port = free_port() - 1
    run = jobs.run("sla", target=("--port", str(port)))
    assert run.code == 1
    assert run.stdout == ""
    assert f"no local stack answers at http://127.0.0.1:{port + 1}" in run.stderr
    assert "make run" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_a_server_without_the_table_is_not_taken_for_the_stack(moto_server: LockedMotoServer, jobs: Jobs) -> None:
    dynamodb = boto3.client("dynamodb", endpoint_url=moto_server.endpoint)
    with contextlib.suppress(dynamodb.exceptions.ResourceNotFoundException):
        dynamodb.delete_table(TableName=config.table_name())
    run = jobs.run("webhooks")
    assert run.code == 1
    assert f"has no table {config.table_name()}" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_as_of_is_refused_for_a_job_that_decides_nothing_by_time(jobs: Jobs) -> None:
    run = jobs.run("tenant-jobs", "--at", "+1d")
    assert run.code == 2
    assert "tenant_jobs_job does not decide anything by the time" in run.stderr
