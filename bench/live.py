"""Live updates: change-to-screen latency on the local stack, and the cost per connected agent-hour
at list prices.

The latency runs the local stack's pieces in this process, as ``make run`` starts them: the locked
moto server, the gateway (``/live`` and the management API), the stream poller (0.25 s idle
sleep). A WebSocket client authenticates and watches ``inbox``; each sample is ``PATCH
/tickets/{n}`` returning to the client receiving that ticket's ``ticket.changed`` with the new
version. The cost model uses what this run measures (DynamoDB calls and bytes per ``auth``, the
size of a connection item) and the prices below.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import threading
import time
from typing import Any

SAMPLES = 30

# List prices, us-east-1, from the AWS pricing pages of API Gateway, Lambda and DynamoDB (on-demand,
# after its 2024-11-01 price cut). Noted 2026-11-30 without internet access from this machine: check
# them against the pages before quoting the result.
PRICES = {
    "websocket_message_per_million": 1.00,  # API Gateway WebSocket, first billion, per 32 KB message
    "websocket_connection_minute_per_million": 0.25,
    "lambda_request_per_million": 0.20,
    "lambda_gb_second": 0.0000166667,  # x86
    "dynamodb_read_request_unit_per_million": 0.125,  # on-demand
    "dynamodb_write_request_unit_per_million": 0.625,
}
# The working hour the model assumes (stated in bench/results.md with the figures).
ASSUMPTIONS = {
    "agents_connected": 50,  # an organization's connected staff
    "changes_per_hour": 600,  # ticket, comment and work order changes in that organization
    "events_received_per_agent_hour": 120,  # what one agent's open screens are sent
    "client_messages_per_agent_hour": 24,  # auth every 5 minutes + watch on screen changes
    "message_lambda_ms": 60,  # websocket_message, measured CPU rounded up
    "message_lambda_gb": 0.5,
    "post_ms": 8,  # one PostToConnection from the stream function
    "stream_lambda_gb": 0.5,
}


def latency(samples: int = SAMPLES) -> dict[str, Any]:
    """PATCH returning -> the event on a WebSocket client, on the local stack's pieces."""
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import LockedMotoServer

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = server.endpoint
    try:
        return _run(samples)
    finally:
        os.environ.pop("LIVE_ENDPOINT", None)
        server.stop()


def _run(samples: int) -> dict[str, Any]:
    import boto3
    from chalice.cli.factory import CLIFactory
    from chalice.local import LambdaContext
    from chalice.test import Client
    from websockets.sync.client import connect

    from app import app
    from bench.seeding import signup_tenant
    from chalicelib import config
    from chalicelib.local.gateway import local_server
    from chalicelib.local.streams import StreamPoller
    from chalicelib.store import metering
    from chalicelib.store.table import create_table, reset_connections

    reset_connections()
    arn = create_table(boto3.client("dynamodb"))
    gateway = local_server(app, CLIFactory(".").create_config_obj(chalice_stage_name="local"), "127.0.0.1", 0)
    threading.Thread(target=gateway.server.serve_forever, daemon=True).start()
    port = gateway.server.server_address[1]
    os.environ["LIVE_ENDPOINT"] = f"http://127.0.0.1:{port}"
    poller = StreamPoller(app, boto3.client("dynamodbstreams"), arn, config.table_name(), "us-east-1")
    try:
        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "live-latency")
            headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}
            numbers = []
            for i in range(samples):
                body = json.dumps({"subject": f"Live {i}", "customer_id": tenant["customer_id"]})
                numbers.append(
                    json.loads(client.http.post("/tickets", headers=headers, body=body).body)["ticket_number"]
                )
            # What one `auth` costs: the message handler invoked as API Gateway would, metered.
            event = {
                "requestContext": {
                    "routeKey": "$default",
                    "connectionId": "bench-auth",
                    "domainName": "x",
                    "stage": "api",
                    "apiId": "local",
                },
                "body": json.dumps({"action": "auth", "token": tenant["token"]}),
            }
            cpu = time.thread_time()
            with metering.metered() as calls:
                app.handler_map["live_message"](event, LambdaContext("live_message", 256, max_runtime_ms=29_000))
            auth_cpu_ms = (time.thread_time() - cpu) * 1000
            item = boto3.client("dynamodb").get_item(
                TableName=config.table_name(),
                Key={"PK": {"S": f"ORG#{tenant['organization']['id']}"}, "SK": {"S": "LIVE#CONN#bench-auth"}},
            )["Item"]
            item_bytes = len(json.dumps(item))
            poller.start()
            with connect(f"ws://127.0.0.1:{port}/live") as ws:
                ws.send(json.dumps({"action": "auth", "token": tenant["token"]}))
                _until(ws, lambda m: m.get("type") == "ready")
                ws.send(json.dumps({"action": "watch", "topics": ["inbox"]}))
                _until(ws, lambda m: m.get("type") == "watching")
                _quiet(ws)  # the creations' events, sent as the poller caught up
                latencies = []
                for number in numbers:
                    patch = json.dumps({"priority": "high"})
                    answer = client.http.patch(f"/tickets/{number}", headers=headers, body=patch)
                    version = json.loads(answer.body)["version"]
                    started = time.perf_counter()
                    _until(ws, lambda m, n=number, v=version: m.get("ticket_number") == n and m.get("version") == v)
                    latencies.append((time.perf_counter() - started) * 1000)
    finally:
        poller.stop()
        gateway.server.live_hub.close_all()  # type: ignore[attr-defined]
        gateway.server.shutdown()
        gateway.server.server_close()
        reset_connections()
    ordered = sorted(latencies)
    measured = {
        "samples": samples,
        "latency_ms_median": round(statistics.median(ordered), 1),
        "latency_ms_p95": round(ordered[math.ceil(0.95 * len(ordered)) - 1], 1),
        "latency_ms_max": round(ordered[-1], 1),
        "poller_idle_sleep_s": poller.idle_sleep,
        "auth_dynamodb_calls": len(calls),
        "auth_calls": ", ".join(sorted(c.operation for c in calls)),
        "auth_cpu_ms": round(auth_cpu_ms, 1),
        "connection_item_bytes": item_bytes,
    }
    return {**measured, **cost_per_agent_hour(item_bytes)}


def _until(ws: Any, wanted: Any, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        message: dict[str, Any] = json.loads(ws.recv(timeout=max(deadline - time.monotonic(), 0.01)))
        if wanted(message):
            return message


def _quiet(ws: Any, gap: float = 1.5) -> None:
    """Read until nothing has come for ``gap`` seconds."""
    while True:
        try:
            ws.recv(timeout=gap)
        except TimeoutError:
            return


def cost_per_agent_hour(connection_item_bytes: int) -> dict[str, Any]:
    """Dollars per connected agent-hour under ``ASSUMPTIONS`` at ``PRICES`` (docs/architecture.md)."""
    a, p = ASSUMPTIONS, PRICES
    minutes = 60 * p["websocket_connection_minute_per_million"] / 1e6
    messages = (a["events_received_per_agent_hour"] + a["client_messages_per_agent_hour"]) * (
        p["websocket_message_per_million"] / 1e6
    )
    # Client messages: one websocket_message invocation each; an auth reads the token (3 items,
    # strongly consistent), Queries the organization's connections and writes 3 items transactionally.
    per_invocation = (
        p["lambda_request_per_million"] / 1e6
        + a["message_lambda_ms"] / 1000 * a["message_lambda_gb"] * p["lambda_gb_second"]
    )
    query_rru = math.ceil(a["agents_connected"] * connection_item_bytes / 4096) * 0.5
    auth_rru = 3 + query_rru
    auth_wru = 3 * 2 * math.ceil(connection_item_bytes / 1024)  # transactional writes count twice
    auths = 12
    client_side = a["client_messages_per_agent_hour"] * per_invocation + auths * (
        auth_rru * p["dynamodb_read_request_unit_per_million"] / 1e6
        + auth_wru * p["dynamodb_write_request_unit_per_million"] / 1e6
    )
    # Fan-out: one Query of the organization's connections per change, shared by its agents; one
    # PostToConnection per event received, in the stream function's time.
    fan_out_reads = a["changes_per_hour"] * query_rru / a["agents_connected"]
    fan_out = (
        fan_out_reads * p["dynamodb_read_request_unit_per_million"] / 1e6
        + a["events_received_per_agent_hour"] * a["post_ms"] / 1000 * a["stream_lambda_gb"] * p["lambda_gb_second"]
    )
    total = minutes + messages + client_side + fan_out
    return {
        "cost_connection_minutes_usd": round(minutes, 8),
        "cost_messages_usd": round(messages, 8),
        "cost_client_messages_usd": round(client_side, 8),
        "cost_fan_out_usd": round(fan_out, 8),
        "cost_per_agent_hour_usd": round(total, 6),
        "cost_per_agent_month_usd (160 h)": round(total * 160, 4),
        "fan_out_query_rru": query_rru,
        "prices": "us-east-1 list prices (pricing pages; DynamoDB after its 2024-11-01 cut), noted 2026-11-30: "
        + ", ".join(f"{k}={v}" for k, v in PRICES.items()),
        "assumptions": ", ".join(f"{k}={v}" for k, v in ASSUMPTIONS.items()),
    }
