"""Measures API operations: DynamoDB calls, capacity units, handler CPU and wall time per request.

Each ``Operation`` names the route it exercises (method and path template, as in
``chalicelib.api.http.ROUTES``) and the harness checks that every measured request was routed there
(the ``resourcePath`` of the API Gateway event the test client builds). Operations run through the
real Chalice app (test client) against the local stack's database server (moto behind the request
lock) in this process, on loopback. Calls are counted by the store's botocore event hooks
(``chalicelib.store.metering``) and costed from item sizes (``bench.capacity``); CPU time is the
handler thread's own (``thread_time``), so the database server's work, done in its own threads, is
not charged to the handler, nor is the capacity meter's (it looks items up in that thread).

``setup`` runs once per operation, ``prepare`` (optional) before every repeat, neither timed nor
metered: routes that consume what they act on (a delete, a confirmation) prepare a fresh object
for each repeat.
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.capacity import capacity_meter
from chalicelib.store import metering

State = dict[str, Any]
Request = Callable[[Any, State], Any]
Setup = Callable[[Any], State]
Prepare = Callable[[Any, State], State]


@dataclass
class Operation:
    """One API operation: ``request`` is made ``repeat`` times and must answer ``status``."""

    method: str
    path: str
    request: Request
    setup: Setup | None = None
    prepare: Prepare | None = None
    status: int | None = None  # None: the route's declared success status
    repeat: int = 20
    variant: str = ""
    area: str = ""  # the bench/ops module that registered it (set by ``operations.load``)

    @property
    def route(self) -> tuple[str, str]:
        return (self.method, self.path)

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}" + (f" ({self.variant})" if self.variant else "")


@dataclass
class Result:
    name: str
    method: str
    path: str
    variant: str
    status: int
    repeat: int
    calls: float
    call_types: str
    items_read: float
    rcu: float
    wcu: float
    index_wcu: float
    cpu_ms_median: float
    wall_ms_p50: float
    wall_ms_p95: float


OPERATIONS: list[Operation] = []


def operation(
    method: str,
    path: str,
    *,
    setup: Setup | None = None,
    prepare: Prepare | None = None,
    status: int | None = None,
    repeat: int = 20,
    variant: str = "",
) -> Callable[[Request], Request]:
    def register(request: Request) -> Request:
        OPERATIONS.append(Operation(method, path, request, setup, prepare, status, repeat, variant))
        return request

    return register


@dataclass
class RouteRecorder:
    """The (method, resource path) of every request the test client routes while installed."""

    routed: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def record_routes(client: Any) -> Iterator[RouteRecorder]:
    gateway = client.http._local_gateway
    original = gateway._generate_lambda_event
    recorder = RouteRecorder()

    def generate(*args: Any, **kwargs: Any) -> Any:
        event = original(*args, **kwargs)
        context = event["requestContext"]
        recorder.routed.append((context["httpMethod"], context["resourcePath"]))
        return event

    gateway._generate_lambda_event = generate
    try:
        yield recorder
    finally:
        del gateway._generate_lambda_event


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def declared_status(op: Operation) -> int:
    from chalicelib.api import routes
    from chalicelib.api.http import ROUTES

    routes.load_all()  # the route table loads a module on first use; every spec is wanted here
    for spec in ROUTES:
        if (spec.method, spec.path) == op.route:
            return spec.status
    raise LookupError(f"{op.name}: no such route in chalicelib.api.http.ROUTES")


def measure(client: Any, op: Operation, repeat: int | None = None) -> Result:
    expected = op.status if op.status is not None else declared_status(op)
    runs = repeat or op.repeat
    state = op.setup(client) if op.setup else {}
    calls_per_run: list[int] = []
    rcu: list[float] = []
    wcu: list[float] = []
    index_wcu: list[float] = []
    items: list[int] = []
    cpu: list[float] = []
    wall: list[float] = []
    types: Counter[str] = Counter()
    with record_routes(client) as recorder:
        for _ in range(runs):
            run_state = op.prepare(client, state) if op.prepare else state
            recorder.routed.clear()
            with capacity_meter() as meter, metering.metered() as calls:
                cpu_start, wall_start = time.thread_time(), time.perf_counter()
                response = op.request(client, run_state)
                # The capacity meter's own lookups run in this thread: they are the bench's, not the handler's.
                cpu.append((time.thread_time() - cpu_start - meter.cpu_s) * 1000)
                wall.append((time.perf_counter() - wall_start) * 1000)
            if response.status_code != expected:
                raise AssertionError(
                    f"{op.name}: status {response.status_code}, not {expected}: {response.body[:300]!r}"
                )
            if recorder.routed != [op.route]:
                raise AssertionError(f"{op.name}: the request was routed to {recorder.routed}")
            calls_per_run.append(len(calls))
            costs = [meter.cost(c) for c in calls]
            rcu.append(sum(c.rcu for c in costs))
            wcu.append(sum(c.wcu for c in costs))
            index_wcu.append(sum(c.index_wcu for c in costs))
            items.append(sum(c.items_read for c in calls))
            types.update(c.operation for c in calls)
    return Result(
        name=op.name,
        method=op.method,
        path=op.path,
        variant=op.variant,
        status=expected,
        repeat=runs,
        calls=round(statistics.mean(calls_per_run), 2),
        call_types=", ".join(f"{name} {count / runs:g}" for name, count in sorted(types.items())),
        items_read=round(statistics.mean(items), 1),
        rcu=round(statistics.mean(rcu), 2),
        wcu=round(statistics.mean(wcu), 2),
        index_wcu=round(statistics.mean(index_wcu), 2),
        cpu_ms_median=round(statistics.median(cpu), 2),
        wall_ms_p50=round(statistics.median(wall), 2),
        wall_ms_p95=round(percentile(wall, 0.95), 2),
    )


@dataclass(frozen=True)
class LocalDatabase:
    """What ``local_database`` started: the server's endpoint and the table's stream ARN."""

    endpoint: str
    table_stream_arn: str


@contextmanager
def local_database(idempotency: bool = False, buckets: bool = False) -> Iterator[LocalDatabase]:
    """The local stack's database server (moto behind its lock) with the table (and the idempotency
    table, and the stage's S3 buckets, when asked): its work runs in the server's threads, so
    ``thread_time`` charges the handler only with the handler's own CPU. Afterwards no client of
    this process points at the stopped server."""
    import os
    import tempfile

    from bench.__main__ import ENV

    os.environ.update(ENV)
    os.environ.setdefault("OUTBOX_DIR", tempfile.mkdtemp(prefix="deskless-bench-outbox-"))
    from chalicelib.local.motoserver import LockedMotoServer
    from chalicelib.store.table import reset_connections

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = server.endpoint
    try:
        import boto3

        from chalicelib import config
        from chalicelib.store.blobs import reset_client
        from chalicelib.store.idempotency import create_idempotency_table
        from chalicelib.store.table import create_table

        reset_connections()
        reset_client()
        arn = create_table(boto3.client("dynamodb"))
        if idempotency:
            create_idempotency_table(boto3.client("dynamodb"))
        if buckets:
            for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
                boto3.client("s3").create_bucket(Bucket=bucket)
        yield LocalDatabase(server.endpoint, arn)
    finally:
        server.stop()
        os.environ.pop("AWS_ENDPOINT_URL", None)
        reset_connections()
        os.environ.pop("AWS_ENDPOINT_URL", None)
        from chalicelib.store.table import reset_connections as reset

        reset()
