"""Automation figures: evaluating 1,000 active rules against one event, and the latency from a
ticket write to the rule's change through the local stack's stream poller."""

from __future__ import annotations

import json
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

RULES = 1_000


def _rules(org_id: str, count: int) -> list[Any]:
    """``count`` realistic rules: 2-3 conditions each over status, priority, tags, subject; few match."""
    from chalicelib.domain.automation import AutomationRule

    now = datetime.now(UTC)
    rules = []
    for i in range(count):
        conditions: dict[str, Any] = {
            "all": [
                {"field": "priority", "operator": "is", "value": ["low", "normal", "high", "urgent"][i % 4]},
                {"field": "tags", "operator": "contains", "value": f"team-{i % 50}"},
            ],
            "any": [
                {"field": "subject", "operator": "contains", "value": f"product {i % 97}"},
                {"field": "status", "operator": "changed_to", "value": "open"},
            ],
        }
        if i % 10 == 0:
            conditions["all"].append({"field": "subject", "operator": "matches", "value": rf"order #\d{{{i % 7 + 3}}}"})
        rules.append(
            AutomationRule.model_validate(
                {
                    "id": f"rule{i:05d}",
                    "org_id": org_id,
                    "name": f"Rule {i}",
                    "trigger_type": "ticket_updated",
                    "trigger_conditions": conditions,
                    "actions": [{"type": "add_tags", "tags": [f"r{i}"]}],
                    "execution_order": i,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        )
    return rules


def evaluation_cpu(runs: int = 30) -> dict[str, Any]:
    """CPU time to evaluate 1,000 rules' conditions against one ticket_updated event (no I/O)."""
    from chalicelib.domain.automation import Facts, evaluate, ticket_facts
    from chalicelib.domain.tickets import Status, Ticket

    rules = _rules("bench", RULES)
    now = datetime.now(UTC)
    base = {
        "org_id": "bench",
        "number": 7,
        "ticket_number": "T-7",
        "subject": "Order #123456 for product 42 never arrived",
        "description": "x" * 2000,
        "customer_id": "c",
        "created_by_id": "c",
        "tags": ["team-7", "vip"],
        "created_at": now - timedelta(hours=3),
        "updated_at": now,
    }
    current = Ticket.model_validate({**base, "status": Status.OPEN})
    previous = Ticket.model_validate({**base, "status": Status.PENDING})
    samples = []
    matched = 0
    for _ in range(runs):
        started = time.thread_time()
        facts = Facts(current=ticket_facts(current), previous=ticket_facts(previous), now=now)
        matched = sum(1 for rule in rules if evaluate(rule.trigger_conditions, facts).matched)
        samples.append((time.thread_time() - started) * 1000)
    median = statistics.median(samples)
    return {
        "rules": RULES,
        "matched": matched,
        "cpu_ms_median": round(median, 2),
        "cpu_ms_p95": round(sorted(samples)[int(len(samples) * 0.95) - 1], 2),
        "rules_per_second": round(RULES / (median / 1000)),
        "events_per_second": round(1000 / median, 1),
    }


def stream_latency(samples: int = 10) -> dict[str, Any]:
    """Wall time from ``PATCH /tickets/{n}`` returning to the rule's change being readable, with the
    local stack's moto server and stream poller (0.25 s idle sleep, as ``make run``)."""
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import LockedMotoServer

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = server.endpoint
    try:
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib import config
        from chalicelib.local.streams import StreamPoller
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        arn = create_table(boto3.client("dynamodb"))
        poller = StreamPoller(app, boto3.client("dynamodbstreams"), arn, config.table_name(), "us-east-1")
        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "automation-latency")
            headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}
            rule = {
                "name": "Tag urgent",
                "trigger_type": "ticket_updated",
                "trigger_conditions": {"all": [{"field": "priority", "operator": "changed_to", "value": "urgent"}]},
                "actions": [{"type": "add_tags", "tags": ["escalated"]}],
            }
            assert client.http.post("/automation-rules", headers=headers, body=json.dumps(rule)).status_code == 201
            numbers = []
            for i in range(samples):
                body = json.dumps({"subject": f"Latency {i}", "customer_id": tenant["customer_id"]})
                numbers.append(
                    json.loads(client.http.post("/tickets", headers=headers, body=body).body)["ticket_number"]
                )
            poller.start()
            latencies = []
            for number in numbers:
                patch = json.dumps({"priority": "urgent"})
                assert client.http.patch(f"/tickets/{number}", headers=headers, body=patch).status_code == 200
                started = time.perf_counter()
                while time.perf_counter() - started < 30:
                    ticket = json.loads(client.http.get(f"/tickets/{number}", headers=headers).body)
                    if "escalated" in ticket["tags"]:
                        break
                    time.sleep(0.02)
                latencies.append((time.perf_counter() - started) * 1000)
            poller.stop()
        reset_connections()
        return {
            "samples": samples,
            "latency_ms_median": round(statistics.median(latencies), 1),
            "latency_ms_max": round(max(latencies), 1),
            "poller_idle_sleep_s": poller.idle_sleep,
        }
    finally:
        server.stop()
        os.environ.pop("AWS_ENDPOINT_URL", None)


def run_cost() -> dict[str, Any]:
    """DynamoDB calls and CPU of the engine for one event with 1,000 active rules (10 match):
    the first event in a container (rules read) and the next ones (rule-set version only)."""
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    from moto import mock_aws

    with mock_aws():
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib.domain.automation import TriggerType
        from chalicelib.services import automation
        from chalicelib.store import automation as rule_store
        from chalicelib.store import metering
        from chalicelib.store import tickets as ticket_store
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        create_table(boto3.client("dynamodb"))
        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "automation-cost")
            headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}
            org_id = tenant["org_id"]
            for rule in _rules(org_id, RULES):
                rule_store.create_rule(rule)
            results = {}
            for label in ("first event (rules read)", "next events (cached)"):
                body = json.dumps(
                    {
                        "subject": "Order #123456 for product 42",
                        "customer_id": tenant["customer_id"],
                        "tags": ["team-7"],
                    }
                )
                number = json.loads(client.http.post("/tickets", headers=headers, body=body).body)["number"]
                previous = ticket_store.get_ticket(org_id, number)
                assert previous is not None
                current = previous.model_copy(update={"status": "open"})
                event = automation.Event(
                    org_id=org_id,
                    number=number,
                    trigger=TriggerType.TICKET_UPDATED,
                    event_id=f"bench-{label}",
                    current=current,
                    previous=previous,
                )
                with metering.metered() as calls:
                    started = time.thread_time()
                    executions = automation.run(event)
                    cpu = (time.thread_time() - started) * 1000
                results[label] = {
                    "rules_fired": sum(1 for e in executions if e.ok),
                    "dynamodb_calls": len(calls),
                    "operations": sorted({c.operation for c in calls}),
                    "items_read": sum(c.items_read for c in calls),
                    "cpu_ms_including_in_process_moto": round(cpu, 1),
                }
        reset_connections()
        return results


HOSTILE_RUN = (
    "import json\nfrom bench.automation import hostile_patterns_run\nprint(json.dumps(hostile_patterns_run()))\n"
)


def hostile_patterns(timeout: float = 600) -> dict[str, Any]:
    """RSS before and after 100 hostile ``matches`` rules are submitted through the API, in a fresh
    interpreter (so the figures are this process's own), plus what one such pattern costs compiled."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", HOSTILE_RUN], cwd=root, capture_output=True, check=True, timeout=timeout
    )
    result: dict[str, Any] = json.loads(out.stdout.decode().strip().splitlines()[-1])
    return result


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return round(int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6, 1)


def hostile_patterns_run() -> dict[str, Any]:
    """The body of ``hostile_patterns`` (runs in its own interpreter)."""
    from chalice.test import Client

    from app import app
    from bench.seeding import in_process_aws, signup_tenant

    class60 = "[" + "".join(f"{chr(97 + i % 25)}-{chr(98 + i % 25)}" for i in range(60)) + "]"
    patterns = [f"x{{{100_001 + n}}}" for n in range(20)]
    patterns += [f"({chr(97 + n)}{{1000}}){{1000}}" for n in range(20)]
    patterns += [f"({chr(97 + n)}+)+$" for n in range(20)]
    patterns += [class60[:-1] + f"{n:02d}]{{99}}" for n in range(20)]
    patterns += ["(" * (11 + n % 5) + chr(97 + n) + ")" * (11 + n % 5) for n in range(20)]
    with in_process_aws():
        from chalicelib.domain import automation

        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "bench-hostile")
            headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}

            def submit(pattern: str) -> int:
                rule = {
                    "name": "Hostile",
                    "trigger_type": "ticket_created",
                    "trigger_conditions": {"all": [{"field": "subject", "operator": "matches", "value": pattern}]},
                    "actions": [{"type": "add_tags", "tags": ["x"]}],
                }
                return int(client.http.post("/automation-rules", headers=headers, body=json.dumps(rule)).status_code)

            submit("warm-up{2}")  # first-use allocations (imports, connections) before measuring
            before = _rss_mb()
            started = time.perf_counter()
            statuses = [submit(p) for p in patterns]
            elapsed = time.perf_counter() - started
            after = _rss_mb()
            cached = automation._compiled.cache_info().currsize
    import regex

    one = _rss_mb()
    kept = regex.compile("x{100001}", cache_pattern=False)
    one_pattern = round(_rss_mb() - one, 1)
    del kept
    return {
        "hostile_rules_submitted": len(patterns),
        "answered_422": statuses.count(422),
        "rss_mb_before": before,
        "rss_mb_after": after,
        "rss_mb_growth": round(after - before, 1),
        "ms_per_refused_rule": round(elapsed * 1000 / len(patterns), 2),
        "compiled_patterns_cached": cached,
        "for_scale_one_x{100001}_compiled_mb": one_pattern,
    }
