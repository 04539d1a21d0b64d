"""One Lambda per request: invocations, estimated latency on AWS and cost per million API requests,
authentication in the handler's process (now) beside a separate authorizer function (before).

Measured here, through the real app (Chalice test client, the local stack's database server): the Lambda
invocations each request makes (the app's entry and any authorizer function, counted by wrapping
them), its DynamoDB calls and its handler CPU, and the CPU of authentication alone (the one
BatchGetItem and the checks, ``identity.authenticate``). The "authorizer function" column is that
same work split over two invocations, as the deployed API ran it until issue 26 (a built-in
authorizer with ``ttl_seconds=0``: invoked on every request, then the handler).

Estimated, from stated assumptions (not measured on AWS): ``DYNAMODB_CALL_MS`` per DynamoDB call,
``INVOKE_OVERHEAD_MS`` per warm Lambda invocation (API Gateway invoking a function and the runtime
around the handler), ``RUNTIME_BILLED_MS`` of billed runtime per invocation beyond CPU and calls.
Prices are AWS list prices for us-east-1 (x86 Lambda) in ``PRICES``.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.harness import local_database

DYNAMODB_CALL_MS = 5.0  # the working figure for one call's round trip inside a region
INVOKE_OVERHEAD_MS = 10.0  # assumption: one warm synchronous invocation from API Gateway
RUNTIME_BILLED_MS = 1.0  # assumption: runtime work per invocation outside the handler's CPU and calls

# USD, us-east-1, list prices as published on the AWS pricing pages (Lambda and API Gateway: unchanged
# since 2020; DynamoDB on-demand: since the 2024-11-01 reduction). Stated as of 2024-11; not re-read
# online from the bench machine (no internet there).
PRICES: dict[str, float] = {
    "lambda_per_million_requests": 0.20,
    "lambda_per_gb_second": 0.0000166667,
    "api_gateway_rest_per_million_requests": 3.50,  # first 333 million a month
    "dynamodb_per_million_read_request_units": 0.125,
    "dynamodb_per_million_write_request_units": 0.625,
}
PRICES_AS_OF = "2024-11 (us-east-1 list prices; Lambda x86)"

RUNS = 30


def memory_gb(stage: str = "prod") -> float:
    """The API function's memory (``lambda_memory_size`` of the stage in .chalice/config.json), in GB."""
    config = json.loads((Path(__file__).resolve().parents[1] / ".chalice" / "config.json").read_text())
    settings = config["stages"][stage]
    return float(settings.get("lambda_memory_size", config.get("lambda_memory_size", 128))) / 1024


@contextmanager
def counted_invocations(client: Any) -> Iterator[dict[str, int]]:
    """Count the app's invocations (``Chalice.__call__``) and the authorizer invocations API Gateway
    would make before them (one per request routed to a route with an authorizer: ``ttl_seconds=0``)."""
    gateway = client.http._local_gateway
    app = gateway._app_object
    counts = {"handler": 0, "authorizer": 0}

    def handler(event: Any, context: Any) -> Any:
        counts["handler"] += 1
        context_ = event["requestContext"]
        view = app.routes[context_["resourcePath"]][context_["httpMethod"]]
        counts["authorizer"] += view.authorizer is not None
        return app(event, context)

    gateway._app_object = handler
    try:
        yield counts
    finally:
        gateway._app_object = app


def billed_ms(cpu_ms: float, calls: float) -> int:
    """Lambda bills duration per 1 ms, rounded up: runtime, CPU and the calls' round trips."""
    return math.ceil(RUNTIME_BILLED_MS + cpu_ms + calls * DYNAMODB_CALL_MS)


def cost_per_million(invocations: int, billed: int, gb: float) -> dict[str, float]:
    """USD per million API requests: API Gateway REST, Lambda requests and GB-seconds."""
    gateway = PRICES["api_gateway_rest_per_million_requests"]
    requests = invocations * PRICES["lambda_per_million_requests"]
    duration = billed / 1000 * gb * PRICES["lambda_per_gb_second"] * 1_000_000
    return {
        "api_gateway": round(gateway, 4),
        "lambda_requests": round(requests, 4),
        "lambda_gb_s": round(duration, 4),
        "total": round(gateway + requests + duration, 4),
    }


def one_lambda_per_request() -> dict[str, dict[str, Any]]:
    """Per request kind: both designs' invocations, estimated latency and cost per million requests."""
    from bench.operations import call, ok, tenant
    from chalicelib.services import identity
    from chalicelib.store import metering

    gb = memory_gb()
    rows: dict[str, dict[str, Any]] = {}
    with local_database():
        from chalice.test import Client

        from app import app

        with Client(app, stage_name="local") as client:
            state = tenant(client, roles=("customer",))
            header = f"Bearer {state['token']}"
            auth_cpu: list[float] = []
            for _ in range(RUNS):
                started = time.thread_time()
                identity.authenticate(header)
                auth_cpu.append((time.thread_time() - started) * 1000)
            auth_ms = statistics.median(auth_cpu)
            requests: list[tuple[str, Callable[[], Any]]] = [
                ("GET /auth/me", lambda: call(client, "GET", "/auth/me", state["token"])),
                (
                    "POST /tickets",
                    lambda: call(
                        client,
                        "POST",
                        "/tickets",
                        state["token"],
                        {"subject": "Printer jams", "customer_id": state["customer_id"]},
                    ),
                ),
            ]
            for name, request in requests:
                cpu: list[float] = []
                calls: list[int] = []
                with counted_invocations(client) as counts:
                    for _ in range(RUNS):
                        with metering.metered() as made:
                            started = time.thread_time()
                            ok(request())
                            cpu.append((time.thread_time() - started) * 1000)
                        calls.append(len(made))
                cpu_ms, mean_calls = statistics.median(cpu), statistics.mean(calls)
                invocations = (counts["handler"] + counts["authorizer"]) / RUNS
                # The same work as the authorizer function did it: authentication (1 call) in its own
                # invocation, the route in the handler's; each invocation adds its overhead.
                authorizer_billed = billed_ms(auth_ms, 1) + billed_ms(cpu_ms - auth_ms, mean_calls - 1)
                for design, invoked, billed in (
                    ("authorizer function (before)", 2, authorizer_billed),
                    ("in the handler (now)", invocations, billed_ms(cpu_ms, mean_calls)),
                ):
                    rows[f"{name}: {design}"] = {
                        "lambda_invocations": invoked,
                        "dynamodb_calls": round(mean_calls, 2),
                        "cpu_ms": round(cpu_ms, 2),
                        "auth_cpu_ms": round(auth_ms, 2),
                        "est_latency_ms": round(
                            invoked * INVOKE_OVERHEAD_MS + cpu_ms + mean_calls * DYNAMODB_CALL_MS, 1
                        ),
                        "billed_ms": billed,
                        **{f"usd_per_M_{k}": v for k, v in cost_per_million(round(invoked), billed, gb).items()},
                    }
    return rows


def assumptions() -> str:
    """The estimate's assumptions and prices, in a sentence (the report's description of the section)."""
    prices = ", ".join(f"{name} ${value:g}" for name, value in PRICES.items())
    return (
        f"Estimated with {DYNAMODB_CALL_MS:g} ms per DynamoDB call, {INVOKE_OVERHEAD_MS:g} ms per warm Lambda "
        f"invocation, {RUNTIME_BILLED_MS:g} ms billed runtime per invocation, {memory_gb():g} GB (prod); "
        f"list prices {PRICES_AS_OF}: {prices}."
    )
