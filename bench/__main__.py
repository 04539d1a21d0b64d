"""``make bench``: every API operation (DynamoDB calls, capacity units, CPU, wall time), cold start,
package size, the SLA sweep's scaling, rule evaluation, email ingestion and more.

A full run writes bench/results.md (the tables, with the machine, the date and the commit) and
bench/results/latest.json; ``--only`` runs write bench/results/partial.json and leave both alone.
Figures come from this machine: compare runs on the same machine, and read scale from calls, items
and capacity units, not moto timings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
ENV = {
    "TABLE_NAME": "deskless-local",
    "STAGE": "local",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "CURSOR_SECRET": "bench-cursor-secret",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    # The bench's tenants send far more than a client may (300 tickets in seconds): the limiter
    # still admits every request, its own cost is the "rate limiter" sections.
    "RATE_LIMITS": "free=1000000,standard=1000000,professional=1000000,enterprise=1000000,address=1000000",
}


def cold_start(runs: int = 5, tracing: bool = False) -> dict[str, Any]:
    """Import app.py in fresh interpreters as Lambda's init phase does (bench/coldstart.py)."""
    from bench import coldstart

    return coldstart.cold_start(ENV, runs, tracing)


def cold_start_functions(runs: int = 5) -> dict[str, Any]:
    """Each function kind's init phase under its deployed name, and its first event's imports (bench/coldstart.py)."""
    from bench import coldstart

    return coldstart.functions(ENV, runs)


def package_size(stage: str = "dev") -> dict[str, Any]:
    """Size of the ``chalice package`` deployment zip and its largest top-level packages; ``import app``
    from the unpacked zip with and without its bytecode (bench/coldstart.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        chalice = Path(sys.executable).parent / "chalice"
        subprocess.run(
            [str(chalice), "package", "--stage", stage, tmp],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env=os.environ | ENV,
        )
        archive = Path(tmp) / "deployment.zip"
        from bench import coldstart
        from infra.slim_package import slim

        raw, slimmed = slim(archive)
        sizes: dict[str, int] = {}
        with zipfile.ZipFile(archive) as zipped:
            for info in zipped.infolist():
                top = info.filename.split("/", 1)[0]
                sizes[top] = sizes.get(top, 0) + info.compress_size
        largest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
        return {
            "chalice_zip_mb": round(raw / 1e6, 2),
            "zip_mb": round(slimmed / 1e6, 2),
            "largest_mb": {name: round(size / 1e6, 2) for name, size in largest},
            "cold start from the zip": coldstart.packaged(archive),
        }


def api_operations(names: list[str] | None = None, profile_runs: int = 0) -> list[dict[str, Any]]:
    """Every registered operation (every route), through the app on the local stack's database server;
    ``names``: only the operations whose name contains one of these strings (``--operations``);
    ``profile_runs``: then where each one's handler CPU goes over that many more runs (bench/profile.py)."""
    from bench.harness import local_database

    with local_database(idempotency=True, buckets=True):  # Idempotency-Key on creates; attachments
        from chalice.test import Client

        from app import app
        from bench import operations
        from bench.harness import OPERATIONS, measure

        operations.load()
        results = []
        with Client(app, stage_name="local") as client:
            for op in OPERATIONS:
                if names and not any(name in op.name for name in names):
                    continue
                try:
                    results.append(measure(client, op).__dict__)
                except AssertionError as exc:  # recorded in results.md; tests/bench fails on it
                    results.append({"name": op.name, "method": op.method, "path": op.path, "error": str(exc)})
                print(f"  {op.name}", flush=True)
                if profile_runs:
                    from bench import profile

                    results[-1]["profile"] = profile.cpu_profile(client, op, profile_runs)
                    profile.render(results[-1]["profile"])
        return results


def local_transaction_cost(table_items: int = 10_000, runs: int = 20) -> dict[str, Any]:
    """Wall time of a ticket-shaped transaction (counter + guard + item) on a table of ``table_items``."""
    os.environ.update(ENV)
    import boto3

    from chalicelib.local import snapshot
    from chalicelib.local.motoserver import LockedMotoServer
    from chalicelib.store.table import create_table

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    try:
        client = boto3.client("dynamodb", endpoint_url=server.endpoint)
        create_table(client)
        items = [
            {"PK": {"S": f"ORG#o1#TICKET#{n}"}, "SK": {"S": "TICKET"}, "subject": {"S": "x" * 200}}
            for n in range(table_items)
        ]
        snapshot.load_table("deskless-local", items)
        samples = []
        for n in range(runs):
            number = table_items + n
            started = time.perf_counter()
            client.transact_write_items(
                TransactItems=[
                    {
                        "Update": {
                            "TableName": "deskless-local",
                            "Key": {"PK": {"S": "ORG#o1"}, "SK": {"S": "COUNTER"}},
                            "UpdateExpression": "ADD n :one",
                            "ExpressionAttributeValues": {":one": {"N": "1"}},
                        }
                    },
                    {
                        "Put": {
                            "TableName": "deskless-local",
                            "Item": {"PK": {"S": f"ORG#o1#TICKET#{number}"}, "SK": {"S": "TICKET"}},
                            "ConditionExpression": "attribute_not_exists(PK)",
                        }
                    },
                ]
            )
            samples.append((time.perf_counter() - started) * 1000)
        return {
            "table_items": table_items,
            "runs": runs,
            "median_ms": round(statistics.median(samples), 2),
            "max_ms": round(max(samples), 2),
        }
    finally:
        server.stop()


def queue_scaling(sizes: tuple[int, ...] = (1_000, 20_000), runs: int = 20) -> list[dict[str, Any]]:
    """Time and items read for one queue page (limit 25) with ``size`` tickets in the org: must be flat."""
    os.environ.update(ENV)
    from chalicelib.local.motoserver import LockedMotoServer

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = server.endpoint
    results = []
    try:
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import bulk_tickets, signup_tenant
        from chalicelib.store import metering
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        create_table(boto3.client("dynamodb"))
        with Client(app, stage_name="local") as client:
            for size in sizes:
                tenant = signup_tenant(client, f"scale-{size}")
                bulk_tickets(tenant, size)
                samples, items = [], []
                for _ in range(runs):
                    with metering.metered() as calls:
                        started = time.perf_counter()
                        response = client.http.get(
                            "/tickets?limit=25", headers={"Authorization": f"Bearer {tenant['token']}"}
                        )
                        samples.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200
                    assert len(json.loads(response.body)["items"]) == 25
                    items.append(sum(c.items_read for c in calls))
                results.append(
                    {
                        "tickets_in_org": size,
                        "page_ms_median": round(statistics.median(samples), 2),
                        "items_read": statistics.mean(items),
                        "calls": len(calls),
                    }
                )
    finally:
        server.stop()
        os.environ.pop("AWS_ENDPOINT_URL", None)
    return results


def create_throughput(count_: int = 300) -> dict[str, Any]:
    """Create-ticket requests per second through the in-process Chalice test client (mock_aws)."""
    os.environ.update(ENV)
    from moto import mock_aws

    with mock_aws():
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        create_table(boto3.client("dynamodb"))
        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "throughput")
            body = json.dumps({"subject": "Throughput", "customer_id": tenant["customer_id"]})
            headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}
            started = time.perf_counter()
            for _ in range(count_):
                response = client.http.post("/tickets", headers=headers, body=body)
                assert response.status_code == 201
            elapsed = time.perf_counter() - started
    from chalicelib.store.table import reset_connections as reset

    reset()
    return {"tickets": count_, "seconds": round(elapsed, 2), "per_second": round(count_ / elapsed, 1)}


SWEEP_CASES = ((1_000, 100), (10_000, 100), (100_000, 100), (10_000, 1_000))


def sla_sweep_cost(cases: tuple[tuple[int, int], ...] = SWEEP_CASES) -> list[dict[str, Any]]:
    """One sweep over ``total`` open tickets with SLA deadlines, ``due`` of them past due.

    In-process moto with the local stack's O(touched items) transaction patch (plain moto copies
    the whole table for every transaction item).
    """
    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    from datetime import timedelta

    from moto import mock_aws

    results = []
    for total, due in cases:
        with mock_aws():
            import boto3
            from chalice.test import Client

            from app import app
            from bench.seeding import bulk_sla_tickets, signup_tenant
            from chalicelib.domain.clock import utcnow
            from chalicelib.services import sla_sweep
            from chalicelib.store import deadlines, metering
            from chalicelib.store.table import create_table, reset_connections

            reset_connections()
            create_table(boto3.client("dynamodb"))
            with Client(app, stage_name="local") as client:
                tenant = signup_tenant(client, f"sweep-{due}")
                headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}
                policy = json.loads(
                    client.http.post(
                        "/sla-policies",
                        headers=headers,
                        body=json.dumps({"name": "Bench", "first_response_hours": 4, "resolution_hours": 24}),
                    ).body
                )
            now = utcnow()
            bulk_sla_tickets(tenant["org_id"], tenant["customer_id"], policy["id"], total, due, now)
            deadlines.save_position(now - timedelta(hours=1), None)  # the sweep ran a minute ago
            with metering.metered() as calls:
                started = time.perf_counter()
                report = sla_sweep.sweep(now)
                elapsed = time.perf_counter() - started
            results.append(
                {
                    "open_tickets": total,
                    "due": due,
                    "events_fired": len(report.fired),
                    "deadlines_read": report.deadlines_read,
                    "partitions_read": report.partitions_read,
                    "dynamodb_calls": len(calls),
                    # The fixed part (position, one Query per partition, the policy once) spread over the events.
                    "calls_per_event": round(len(calls) / max(1, len(report.fired)), 2),
                    "items_read": sum(c.items_read for c in calls),
                    "wall_s": round(elapsed, 2),
                    "wall_ms_per_event": round(elapsed * 1000 / max(1, len(report.fired)), 2),
                }
            )
        reset_connections()
    return results


OVERDUE_CASES = ((1_000, 10), (10_000, 10), (10_000, 100))


def overdue_sweep_cost(cases: tuple[tuple[int, int], ...] = OVERDUE_CASES) -> list[dict[str, Any]]:
    """One overdue work order sweep over ``total`` open, scheduled work orders, ``due`` of them overdue
    (in-process moto with the local stack's transaction patch, as the SLA sweep's figures)."""
    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    from datetime import timedelta

    from moto import mock_aws

    results = []
    for total, due in cases:
        with mock_aws():
            import boto3
            from chalice.test import Client

            from app import app
            from bench.seeding import bulk_work_orders, signup_tenant
            from chalicelib.domain.clock import utcnow
            from chalicelib.services import automation
            from chalicelib.store import deadlines, metering
            from chalicelib.store.table import create_table, reset_connections

            reset_connections()
            create_table(boto3.client("dynamodb"))
            with Client(app, stage_name="local") as client:
                tenant = signup_tenant(client, f"overdue-{due}")
            now = utcnow()
            bulk_work_orders(tenant["org_id"], tenant["customer_id"], total, due, now)
            # The sweep ran five minutes ago: this run reads the hours since (its saved position).
            deadlines.save_position(now - timedelta(hours=1), None, automation.OVERDUE_SWEEP)
            with metering.metered() as calls:
                started = time.perf_counter()
                report = automation.sweep_overdue(now)
                elapsed = time.perf_counter() - started
            results.append(
                {
                    "open_work_orders": total,
                    "due": due,
                    "fired": report.fired,
                    "read": report.read,
                    "partitions_read": report.partitions_read,
                    "dynamodb_calls": len(calls),
                    "items_read": sum(c.items_read for c in calls),
                    "wall_s": round(elapsed, 2),
                }
            )
        reset_connections()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-package", action="store_true", help="skip chalice package (needs PyPI access)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=sorted(SECTIONS),
        help="run only these sections (results are written to bench/results/partial.json)",
    )
    parser.add_argument(
        "--operations",
        nargs="+",
        metavar="NAME",
        help="with --only operations: only the operations whose name contains one of these strings",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="RUNS",
        help="with --operations: where each operation's handler CPU goes, sampled over RUNS more runs",
    )
    args = parser.parse_args(argv)
    if args.operations:
        SECTIONS["operations"] = (
            SECTIONS["operations"][0],
            lambda: api_operations(args.operations, args.profile),
        )
    from bench.report import machine

    results: dict[str, Any] = {"python": sys.version.split()[0], "machine": machine()}
    for name, (label, run) in SECTIONS.items():
        if args.only and name not in args.only:
            continue
        if name == "package" and args.skip_package:
            continue
        # Sections point AWS clients at servers of their own (AWS_ENDPOINT_URL...): the next one
        # starts from the environment the run started with, not at a server that is gone.
        environment = dict(os.environ)
        try:
            results[name] = run()
        except subprocess.CalledProcessError as exc:  # chalice package without PyPI access
            if name != "package":
                raise
            results[name] = {"error": (exc.stderr or b"").decode(errors="replace").strip()[-300:] or str(exc)}
        finally:
            os.environ.clear()
            os.environ.update(environment)
        if name != "operations":
            print(f"{label}: {results[name]}", flush=True)
    if "operations" in results:
        _print_operations(results["operations"])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / ("partial.json" if args.only else "latest.json")).write_text(json.dumps(results, indent=2))
    if not args.only:
        from bench.report import render

        (ROOT / "bench" / "results.md").write_text(render(results))
    return 0


SECTIONS: dict[str, tuple[str, Any]] = {
    "cold_start": ("cold start (import app.py, median of 5)", cold_start),
    "cold_start_tracing": ("cold start with X-Ray tracing on", lambda: cold_start(tracing=True)),
    "cold_start_functions": (
        "cold start per function kind (API, stream, schedules, WebSocket...)",
        cold_start_functions,
    ),
    "package": ("deployment zip", package_size),
    "local_transaction": ("local stack transaction with 10,000 tickets", local_transaction_cost),
    "queue_scaling": ("one queue page vs tickets in the org", queue_scaling),
    "ticket_writes": ("write capacity per ticket change", lambda: _ticket_writes().write_cost()),
    "create_throughput": ("create-ticket throughput (in-process test client, mock_aws)", create_throughput),
    "sla_sweep": ("one SLA sweep (open tickets, due)", sla_sweep_cost),
    "overdue_sweep": ("one overdue work order sweep (open work orders, due)", overdue_sweep_cost),
    "rule_evaluation": ("1,000 active rules against one event (CPU)", lambda: _automation().evaluation_cpu()),
    "rule_run_cost": ("one event through the engine with 1,000 active rules", lambda: _automation().run_cost()),
    "rule_latency": ("ticket write -> rule change via the local stream poller", lambda: _automation().stream_latency()),
    "email_ingestion": ("inbound email ingestion (in-process moto)", lambda: _channels().ingestion()),
    "webhook_verification": ("webhook signature verification", lambda: _channels().signature_verification()),
    "webhook_isolation": (
        "another tenant's rule and webhook latency while one tenant's endpoints hang",
        lambda: _webhooks().isolation(),
    ),
    "live_updates": (
        "live updates: change-to-screen latency on the local stack, cost per connected agent-hour",
        lambda: _live().latency(),
    ),
    "kb_search": ("knowledge base search with 5,000 articles; calls per view", lambda: _channels().kb_search()),
    "ticket_search": (
        "ticket search with 1,000 and 10,000 tickets; index writes per ticket and comment",
        lambda: _search().ticket_search(),
    ),
    "retention_sweep": ("retention sweep over 1,000 expired tickets", lambda: _lifecycle().retention_sweep()),
    "change_validation": (
        "validation on change and the JSON depth check (CPU)",
        lambda: _validation().change_validation(),
    ),
    "export_cost": ("organization export: small tenant beside a large one", lambda: _lifecycle().export_cost()),
    "hostile_patterns": ("RSS while 100 hostile rule patterns are refused", lambda: _automation().hostile_patterns()),
    "local_durability": (
        "local stack: ticket creation with the journal on and off, journal replay",
        lambda: _durability().local_durability(),
    ),
    "rate_limit_claims": (
        "rate limiter: claims per minute of one organization's traffic",
        lambda: _ratelimit().claim_cost(),
    ),
    "rate_limit_cpu": ("rate limiter: CPU of one admission", lambda: _ratelimit().admission_cpu()),
    "one_lambda": (
        "one Lambda per request: invocations, estimated latency, cost per million requests",
        lambda: _invocations().one_lambda_per_request(),
    ),
    "web_budget": ("web app: initial JavaScript, gzipped (budget 200 KB)", lambda: _web().budget()),
    "web_render": ("web app: cold loads in Chromium on the local stack (performance marks)", lambda: _web().render()),
    "cost": ("monthly AWS cost at list prices: idle, 10,000 tickets", lambda: _cost().monthly()),
    "scale": ("at scale: units per partition key, the largest tenant", lambda: _scale().hot_keys()),
    "operations": ("API operations", api_operations),
}


def _scale() -> Any:
    from bench import scale

    return scale


def _cost() -> Any:
    from bench import cost

    return cost


def _invocations() -> Any:
    from bench import invocations

    return invocations


def _web() -> Any:
    from bench import web

    return web


def _ratelimit() -> Any:
    from bench import ratelimit

    return ratelimit


def _ticket_writes() -> Any:
    from bench import ticket_writes

    return ticket_writes


def _durability() -> Any:
    from bench import durability

    return durability


def _search() -> Any:
    from bench import search

    return search


def _channels() -> Any:
    from bench import channels

    return channels


def _webhooks() -> Any:
    from bench import webhooks

    return webhooks


def _lifecycle() -> Any:
    from bench import lifecycle

    return lifecycle


def _validation() -> Any:
    from bench import validation

    return validation


def _live() -> Any:
    from bench import live

    return live


def _automation() -> Any:
    from bench import automation

    return automation


def _print_operations(operations: list[dict[str, Any]]) -> None:
    from bench.report import operations_table

    print("\n" + operations_table(operations))


if __name__ == "__main__":
    sys.exit(main())
