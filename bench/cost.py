"""The monthly AWS bill, computed from what the bench measures: idle (schedules only) and 10,000
tickets a month, each with 5 comments, under an SLA, 10 active automation rules and one webhook
subscription.

Everything is measured at run time on the local stack's pieces in this process (the locked moto
server, the stream poller, the webhook queue poller, the scheduler's events) through the real
handlers: DynamoDB calls costed in capacity units from item sizes (bench/capacity.py), Lambda
invocations counted per function (API handler, authorizer when API Gateway calls one, stream
consumer, webhook sender, each schedule), handler CPU, emails written to the outbox, webhook
messages queued, bytes stored. A sample of tickets is driven and the figures are scaled to the
month. Only the prices and the latency model below are constants.

Prices: AWS list prices, region us-east-1 (N. Virginia), x86 Lambda, on-demand DynamoDB (the
November 2024 price cut), without the free tier; as published on the AWS pricing pages in 2025
(re-check them before quoting: this machine cannot reach them).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REGION = "us-east-1"
PRICES_AS_OF = "AWS pricing pages, us-east-1, 2025 (list prices, no free tier)"
PRICES = {
    "lambda_request": 0.20 / 1e6,  # per invocation
    "lambda_gb_second": 0.0000166667,  # x86; billed per ms of duration
    "api_gateway_rest_request": 3.50 / 1e6,  # REST API, first 333 million a month
    "dynamodb_rru": 0.125 / 1e6,  # on-demand read request unit
    "dynamodb_wru": 0.625 / 1e6,  # on-demand write request unit
    "dynamodb_storage_gb_month": 0.25,  # standard table class, beyond the first 25 GB
    "stream_read_request": 0.02 / 1e5,  # GetRecords by other consumers; Lambda triggers read for free
    "s3_put": 0.005 / 1e3,
    "s3_get": 0.0004 / 1e3,
    "s3_storage_gb_month": 0.023,
    "ses_email": 0.10 / 1e3,  # per recipient of an outbound message
    "sqs_fifo_request": 0.50 / 1e6,  # per 64 KB chunk of a request
    "eventbridge_scheduled_rule": 0.0,  # rules on a schedule (what @app.schedule deploys) cost nothing
}
# Latency model for billed Lambda duration: the handler's own CPU (measured) plus a wait per call
# to AWS that the local stack answers in-process. 5 ms per DynamoDB call is the estimate.
DYNAMODB_CALL_MS = 5.0
AWS_API_CALL_MS = 20.0  # one SES send or SQS send
WEBHOOK_ENDPOINT_MS = 100.0  # a customer's endpoint answering one delivery
# Lambda's SQS event source keeps long-polling an idle queue: at least 5 pollers, one 20 s
# ReceiveMessage each at a time (AWS's documented behaviour; not something the local stack does).
SQS_IDLE_POLLERS = 5
SQS_LONG_POLL_SECONDS = 20
MONTH_SECONDS = 30 * 24 * 3600
ITEM_OVERHEAD_BYTES = 100  # DynamoDB bills 100 bytes of index overhead per stored item
TICKETS_PER_MONTH = 10_000
COMMENTS_PER_TICKET = 5
ACTIVE_RULES = 10
SAMPLE_TICKETS = 8


@dataclass
class Function:
    """One Lambda function's measured work: invocations, estimated billed ms and what they called."""

    invocations: int = 0
    cpu_ms: float = 0.0
    calls: int = 0
    other_ms: float = 0.0  # waits on SES, SQS and webhook endpoints (the latency model)
    rru: float = 0.0
    wru: float = 0.0
    emails: int = 0
    written: dict[str, float] = field(default_factory=dict)  # WRU (table + indexes) per item kind

    @property
    def billed_ms(self) -> float:
        return self.cpu_ms + self.calls * DYNAMODB_CALL_MS + self.other_ms

    def add(self, other: Function, sign: int = 1) -> None:
        for name in ("invocations", "cpu_ms", "calls", "other_ms", "rru", "wru", "emails"):
            setattr(self, name, getattr(self, name) + sign * getattr(other, name))
        for kind, units in other.written.items():
            self.written[kind] = self.written.get(kind, 0.0) + sign * units


@dataclass
class Tally:
    """What one measured stretch of work cost, per Lambda function, and the per-request services."""

    functions: dict[str, Function] = field(default_factory=dict)
    api_requests: int = 0
    sqs_requests: int = 0
    stored_bytes: int = 0
    # The table stream as the consumer's event source mapping sees it: records read, records its
    # filter dropped, and batches dropped whole (invocations that did not happen).
    stream_records: int = 0
    stream_filtered: int = 0
    stream_batches_filtered: int = 0

    def total(self) -> Function:
        summed = Function()
        for function in self.functions.values():
            summed.add(function)
        return summed


def _memory_gb() -> float:
    """The prod stage's Lambda memory (.chalice/config.json), in GB."""
    config = json.loads((Path(__file__).resolve().parents[1] / ".chalice" / "config.json").read_text())
    return float(config["stages"]["prod"].get("lambda_memory_size", 128)) / 1024


class _Meter:
    """Counts each Lambda invocation of the app, and the work it did, into a ``Tally``. An invocation
    measured inside another (API Gateway's authorizer call before the handler, in the test client)
    is taken out of the outer one."""

    def __init__(self, app: Any, outbox: Path) -> None:
        self.app = app
        self.outbox = outbox
        self.tally = Tally()
        self._nested: list[Function] = []

    @contextlib.contextmanager
    def invocation(self, name: str) -> Iterator[Function]:
        from bench.capacity import capacity_meter
        from chalicelib.store import metering

        sample = Function(invocations=1)
        inner = Function()
        self._nested.append(inner)
        emails_before = self._emails()
        try:
            with capacity_meter() as meter, metering.metered() as calls:
                started = time.thread_time()
                yield sample
                # Less the capacity meter's own lookups, made in this thread (bench work, not the function's).
                sample.cpu_ms = (time.thread_time() - started - meter.cpu_s) * 1000
        finally:
            self._nested.pop()
        costs = [meter.cost(c) for c in calls]
        sample.calls = len(calls)
        sample.rru = sum(c.rcu for c in costs)
        sample.wru = sum(c.wcu + c.index_wcu for c in costs)
        for cost in costs:
            for kind, wcu, index_wcu in cost.items:
                sample.written[kind] = sample.written.get(kind, 0.0) + wcu + index_wcu
        sample.emails = self._emails() - emails_before
        sample.other_ms += sample.emails * AWS_API_CALL_MS
        sample.add(inner, -1)
        sample.invocations = 1
        self.tally.functions.setdefault(name, Function()).add(sample)
        if self._nested:
            self._nested[-1].add(sample)

    def _emails(self) -> int:
        """Recipients of every message in the outbox (SES bills each recipient)."""
        from email import message_from_bytes
        from email.utils import getaddresses

        total = 0
        for path in self.outbox.glob("*.eml") if self.outbox.exists() else ():
            message = message_from_bytes(path.read_bytes())
            envelope = message.get("X-Deskless-Envelope-To")
            headers = [envelope] if envelope else [*message.get_all("To", []), *message.get_all("Cc", [])]
            total += len(getaddresses(headers))
        return total

    @contextlib.contextmanager
    def wrapped(self) -> Iterator[None]:
        """Every Lambda the local stack invokes (stream, queue and schedule handlers, the built-in
        authorizer when a route has one) measured as one invocation of its own function."""
        from chalice.app import ChaliceAuthorizer

        originals = dict(self.app.handler_map)
        authorize = ChaliceAuthorizer.__call__
        meter = self

        def measured(name: str, handler: Callable[..., Any]) -> Callable[..., Any]:
            def run(event: Any, context: Any) -> Any:
                with meter.invocation(name) as sample:
                    if name == "send_webhook":  # one delivery per message: the endpoint's answer waited for
                        sample.other_ms += len(event.get("Records", [])) * WEBHOOK_ENDPOINT_MS
                    return handler(event, context)

            return run

        def authorizer(self_: Any, event: Any, context: Any) -> Any:
            with meter.invocation("authorizer"):
                return authorize(self_, event, context)

        for name, handler in originals.items():
            if name != "api_handler":
                self.app.handler_map[name] = measured(name, handler)
        ChaliceAuthorizer.__call__ = authorizer  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            self.app.handler_map.clear()
            self.app.handler_map.update(originals)
            ChaliceAuthorizer.__call__ = authorize  # type: ignore[method-assign]

    def request(self, client: Any, method: str, path: str, token: str, body: Any = None) -> Any:
        """One API request: an API Gateway request and an invocation of the API handler."""
        from bench.operations import call

        self.tally.api_requests += 1
        with self.invocation("api_handler"):
            response = call(client, method, path, token, body)
        if response.status_code >= 300:
            raise AssertionError(f"{method} {path}: {response.status_code} {response.body[:300]!r}")
        return json.loads(response.body) if response.body else None


@contextlib.contextmanager
def _stack() -> Iterator[tuple[Any, Any, Any, Any, Path]]:
    """The local stack's pieces in this process: (app, test client, stream poller, queue poller, outbox)."""
    from bench.harness import local_database

    outbox = Path(tempfile.mkdtemp(prefix="deskless-bench-cost-outbox-"))
    previous_outbox = os.environ.get("OUTBOX_DIR")
    os.environ["OUTBOX_DIR"] = str(outbox)
    try:
        with local_database(idempotency=True, buckets=True) as database:
            import boto3
            from chalice.test import Client

            from app import app
            from chalicelib import config
            from chalicelib.channels import webhook_queue
            from chalicelib.local.queues import QueuePoller
            from chalicelib.local.streams import StreamPoller

            queue_url = webhook_queue.create_queues(boto3.client("sqs"))
            stream = StreamPoller(
                app,
                boto3.client("dynamodbstreams"),
                database.table_stream_arn,
                config.table_name(),
                REGION,
                retry_base_delay=0.0,
            )
            sender = QueuePoller(app, boto3.client("sqs"), queue_url, REGION)
            with Client(app, stage_name="local") as client:
                yield app, client, stream, sender, outbox
    finally:
        if previous_outbox is None:
            os.environ.pop("OUTBOX_DIR", None)
        else:
            os.environ["OUTBOX_DIR"] = previous_outbox


@contextlib.contextmanager
def _endpoint() -> Iterator[str]:
    """A webhook receiver answering 204 (the subscriber's endpoint)."""

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook"
    finally:
        server.shutdown()
        server.server_close()


def _rules() -> list[dict[str, Any]]:
    """10 active rules over the three ticket triggers; one matches every new ticket (a tag)."""
    rules: list[dict[str, Any]] = [
        {
            "name": "Tag new tickets",
            "trigger_type": "ticket_created",
            "trigger_conditions": {"all": [{"field": "status", "operator": "is", "value": "new"}]},
            "actions": [{"type": "add_tags", "tags": ["triaged"]}],
        }
    ]
    triggers = ("ticket_created", "ticket_updated", "comment_added")
    for i in range(ACTIVE_RULES - 1):
        rules.append(
            {
                "name": f"Route product {i}",
                "trigger_type": triggers[i % 3],
                "trigger_conditions": {
                    "all": [
                        {"field": "subject", "operator": "contains", "value": f"product {i}"},
                        {"field": "priority", "operator": "is", "value": "urgent"},
                    ]
                },
                "actions": [{"type": "add_tags", "tags": [f"product-{i}"]}],
            }
        )
    return rules


def _drain(stream: Any, sender: Any) -> None:
    """Deliver the stream's records (and those their handlers write), then the queued webhooks."""
    while stream.poll_once() or sender.poll_once():
        pass


def _text(expression: Any) -> str:
    return expression if isinstance(expression, str) else str(expression.to_string())


def _stored_bytes(org_id: str) -> int:
    """Bytes DynamoDB bills for the organization's items (and their index overhead), read from moto."""
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from bench.capacity import item_size
    from chalicelib import config

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION].tables[config.table_name()]
    total = 0
    for item in table.all_items():
        attributes = item.to_json()["Attributes"]
        if org_id in str(attributes.get("PK", {}).get("S", "")):
            total += item_size(attributes) + ITEM_OVERHEAD_BYTES
    return total


def workload(sample: int = SAMPLE_TICKETS) -> tuple[Tally, int]:
    """``sample`` tickets through their life on a tenant with an SLA policy, 10 active rules and one
    webhook subscription: the customer opens it, agent and customer alternate 5 public comments
    (agent first: the first response). Returns the tally and the number of tickets driven."""
    from bench.operations import add_user, call, login, ok, tenant

    with _stack() as (app, client, stream, sender, outbox), _endpoint() as hook:
        state = tenant(client, logins=("customer",))
        add_user(client, state, "agent", "agent")
        agent = login(client, state["slug"], state["agent_email"])
        admin = state["token"]
        ok(
            call(
                client,
                "POST",
                "/sla-policies",
                admin,
                {"name": "Std", "first_response_hours": 4, "resolution_hours": 24},
            )
        )
        for rule in _rules():
            ok(call(client, "POST", "/automation-rules", admin, rule))
        events = ["ticket.created", "ticket.updated", "comment.added"]
        ok(call(client, "POST", "/webhook-subscriptions", admin, {"url": hook, "events": events}))
        _drain(stream, sender)  # the setup's own records are not the workload's
        meter = _Meter(app, outbox)
        handled_before = sender.handled
        stored_before = _stored_bytes(state["org_id"])
        stream_before = (stream.delivered + stream.filtered, stream.filtered, stream.batches_filtered)
        with meter.wrapped():
            for n in range(sample):
                body = {"subject": f"Printer {n} jams on every page", "description": "It jams. " * 40}
                created = meter.request(client, "POST", "/tickets", state["customer_token"], body)
                _drain(stream, sender)
                number = created["ticket_number"]
                for c in range(COMMENTS_PER_TICKET):
                    token = agent if c % 2 == 0 else state["customer_token"]
                    content = {"content": f"Reply {c}: " + "we are looking into it. " * 8}
                    meter.request(client, "POST", f"/tickets/{number}/comments", token, content)
                    _drain(stream, sender)
        meter.tally.sqs_requests = 3 * (sender.handled - handled_before)
        meter.tally.stored_bytes = _stored_bytes(state["org_id"]) - stored_before
        meter.tally.stream_records = stream.delivered + stream.filtered - stream_before[0]
        meter.tally.stream_filtered = stream.filtered - stream_before[1]
        meter.tally.stream_batches_filtered = stream.batches_filtered - stream_before[2]
        return meter.tally, sample


def idle(runs: int = 3) -> tuple[Tally, dict[str, float]]:
    """Each scheduled job on a stack with one organization and no traffic, ``runs`` times (after one
    run that settles the sweeps' positions); the tally of one run of each, and each job's runs a month."""
    from chalice.app import ScheduledEventConfig

    from bench.operations import tenant
    from chalicelib.local.scheduler import invoke, rate_seconds, scheduled_event

    with _stack() as (app, client, stream, sender, outbox):
        tenant(client)
        _drain(stream, sender)
        schedules = {s.name: s.schedule_expression for s in app.event_sources if isinstance(s, ScheduledEventConfig)}
        per_month = {name: MONTH_SECONDS / rate_seconds(_text(expression)) for name, expression in schedules.items()}
        now = datetime.now(UTC)
        for name in schedules:
            invoke(app, name, scheduled_event(name, REGION, now))
        _drain(stream, sender)
        meter = _Meter(app, outbox)
        with meter.wrapped():
            for run in range(runs):
                when = now + timedelta(minutes=run + 1)
                for name in schedules:
                    invoke(app, name, scheduled_event(name, REGION, when))
                    _drain(stream, sender)  # what the job wrote reaches the stream consumer
        tally = meter.tally
        for function in tally.functions.values():  # one run of each job
            for attribute in ("invocations", "cpu_ms", "calls", "other_ms", "rru", "wru", "emails"):
                setattr(function, attribute, getattr(function, attribute) / runs)
        return tally, per_month


def _money(value: float) -> float:
    return round(value, 4)


def _bill(tally: Tally, scale: Callable[[str], float], uniform: float, memory_gb: float, idle: bool) -> dict[str, Any]:
    """The month's bill: ``scale(function)`` turns a function's measured work into a month's,
    ``uniform`` the per-request services (API Gateway, webhook queue, storage)."""
    month = Function()
    per_function: dict[str, Any] = {}
    for name, measured in sorted(tally.functions.items()):
        scaled = Function()
        scaled.add(measured, 1)
        factor = scale(name)
        for attribute in ("invocations", "cpu_ms", "calls", "other_ms", "rru", "wru", "emails"):
            setattr(scaled, attribute, getattr(scaled, attribute) * factor)
        month.add(scaled)
        gb_seconds = scaled.billed_ms / 1000 * memory_gb
        per_function[name] = {
            "invocations": round(scaled.invocations),
            "ms per invocation": round(measured.billed_ms / max(1, measured.invocations), 1),
            "DynamoDB calls per invocation": round(measured.calls / max(1, measured.invocations), 2),
            "GB-s": round(gb_seconds, 1),
            "RRU": round(scaled.rru),
            "WRU": round(scaled.wru),
            "USD": _money(
                scaled.invocations * PRICES["lambda_request"]
                + gb_seconds * PRICES["lambda_gb_second"]
                + scaled.rru * PRICES["dynamodb_rru"]
                + scaled.wru * PRICES["dynamodb_wru"]
            ),
        }
    gb_seconds = month.billed_ms / 1000 * memory_gb
    sqs = tally.sqs_requests * uniform
    if idle:  # Lambda's pollers keep long-polling the empty webhook queue
        sqs += SQS_IDLE_POLLERS * MONTH_SECONDS / SQS_LONG_POLL_SECONDS
    stored_gb = tally.stored_bytes * uniform / 1e9
    lines = {
        "Lambda requests": month.invocations * PRICES["lambda_request"],
        "Lambda GB-s": gb_seconds * PRICES["lambda_gb_second"],
        "API Gateway (REST)": tally.api_requests * uniform * PRICES["api_gateway_rest_request"],
        "DynamoDB reads (RRU)": month.rru * PRICES["dynamodb_rru"],
        "DynamoDB writes (WRU)": month.wru * PRICES["dynamodb_wru"],
        "DynamoDB storage (added this month)": stored_gb * PRICES["dynamodb_storage_gb_month"],
        "DynamoDB Streams (read by Lambda triggers: free)": 0.0,
        "S3 (no attachments or mail in this workload)": 0.0,
        "SES (outbound emails)": month.emails * PRICES["ses_email"],
        "SQS (webhook queue)": sqs * PRICES["sqs_fifo_request"],
        "EventBridge scheduled rules": PRICES["eventbridge_scheduled_rule"],
    }
    return {
        "usage": {
            "Lambda invocations": round(month.invocations),
            "Lambda GB-s": round(gb_seconds, 1),
            "API requests": round(tally.api_requests * uniform),
            "DynamoDB calls": round(month.calls),
            "RRU": round(month.rru),
            "WRU": round(month.wru),
            "emails (recipients)": round(month.emails),
            "SQS requests": round(sqs),
            "GB stored": round(stored_gb, 4),
        },
        "per function": per_function,
        "USD": {**{k: _money(v) for k, v in lines.items()}, "total": _money(sum(lines.values()))},
    }


def monthly() -> dict[str, Any]:
    """The idle month and the 10,000-ticket month (on top of idle), with their breakdowns."""
    memory_gb = _memory_gb()
    idle_tally, per_month = idle()
    fastest = max(per_month.values())
    # Each job at its own rate; the stream consumer receives what the jobs write, at most once a minute.
    idle_bill = _bill(idle_tally, lambda name: per_month.get(name, fastest), 0.0, memory_gb, idle=True)
    busy, sample = workload()
    factor = TICKETS_PER_MONTH / sample
    busy_bill = _bill(busy, lambda _name: factor, factor, memory_gb, idle=False)
    idle_usd, busy_usd = idle_bill["USD"], busy_bill["USD"]
    table = sum(v for k, v in idle_usd.items() if k.startswith("DynamoDB"))
    busy_label = f"{TICKETS_PER_MONTH:,} tickets (on top of idle)"

    def side_by_side(key: str) -> dict[str, dict[str, Any]]:
        return {line: {"idle": idle_bill[key][line], busy_label: busy_bill[key][line]} for line in idle_bill[key]}

    per_ticket_wru = sum(f.wru for f in busy.functions.values()) / sample
    functions = {f"{name} (idle)": row for name, row in idle_bill["per function"].items()}
    functions |= {f"{name} ({TICKETS_PER_MONTH:,} tickets)": row for name, row in busy_bill["per function"].items()}
    return {
        "region": REGION,
        "prices": PRICES_AS_OF,
        "Lambda memory GB (prod stage)": memory_gb,
        "latency model": f"handler CPU + {DYNAMODB_CALL_MS:g} ms per DynamoDB call, {AWS_API_CALL_MS:g} ms per "
        f"email sent, {WEBHOOK_ENDPOINT_MS:g} ms per webhook delivery",
        "sample tickets driven": sample,
        "idle: USD a month": idle_usd["total"],
        "idle: DynamoDB table and storage USD (goal 0.00)": _money(table),
        f"{TICKETS_PER_MONTH:,} tickets: USD a month on top of idle (goal <= 1)": busy_usd["total"],
        "WRU per ticket (table + indexes)": round(per_ticket_wru, 1),
        f"table stream per {TICKETS_PER_MONTH:,} tickets (consumer's filter)": stream_figures(busy, factor),
        "USD a month": side_by_side("USD"),
        "usage a month": side_by_side("usage"),
        "per function a month": functions,
        "WRU per ticket by item kind": written_by_kind(busy, sample),
    }


def stream_figures(tally: Tally, factor: float) -> dict[str, int]:
    """What the stream consumer's filter (chalicelib/jobs/stream.py) keeps from invoking it, scaled."""
    consumer = tally.functions.get("on_table_change", Function())
    return {
        "records written": round(tally.stream_records * factor),
        "records filtered out (not billed)": round(tally.stream_filtered * factor),
        "records delivered": round((tally.stream_records - tally.stream_filtered) * factor),
        "invocations": round(consumer.invocations * factor),
        "invocations saved (batches filtered out whole)": round(tally.stream_batches_filtered * factor),
    }


def written_by_kind(tally: Tally, sample: int) -> dict[str, dict[str, float]]:
    """Write units per ticket of each item kind (its ``type``), per function and in total, largest first."""
    names = sorted(name for name, function in tally.functions.items() if function.written)
    kinds = {kind for function in tally.functions.values() for kind in function.written}
    rows: dict[str, dict[str, float]] = {}
    for kind in kinds:
        row = {name: round(tally.functions[name].written.get(kind, 0.0) / sample, 1) for name in names}
        rows[kind] = {**row, "total": round(sum(row.values()), 1)}
    return dict(sorted(rows.items(), key=lambda kv: -kv[1]["total"]))
