"""Cross-tenant isolation of outbound webhooks: another organization's rule latency and webhook
delivery latency while one organization's endpoints hang, against the same run with endpoints
that answer.

Each case runs on a fresh copy of the local stack's pieces, in this process: the locked moto
server (table and webhook queue), the stream poller (0.25 s idle sleep) and the webhook queue
poller (its default worker count), as ``make run`` starts them, and the API through the Chalice
test client. The two cases do the same thing and differ only in the slow organization's endpoint:
it subscribes that endpoint until its deliveries fill every one of its message groups and opens
tickets whose deliveries keep them busy; then the bystander organization opens tickets, one at a
time, and each is timed until its rule's change is readable and its two webhooks are received.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SAMPLES = 20
SLOW_TICKETS = 12


class _Endpoint:
    """The slow organization's endpoint: accepts connections, reads each request, then answers 204
    at once or (``hang``) never; counts the connections still open."""

    def __init__(self, hang: bool) -> None:
        self.hang = hang
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.accepted = 0
        self.closed = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/hook"

    @property
    def open(self) -> int:
        with self._lock:
            return self.accepted - self.closed

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError), connection:
            if not self.hang:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            while connection.recv(65536):
                pass  # hanging: the request arrives, no answer goes back until the sender gives up
        with self._lock:
            self.closed += 1

    def close(self) -> None:
        self.listener.close()


@contextlib.contextmanager
def _receiver() -> Iterator[tuple[str, dict[tuple[str, str], float]]]:
    """The bystander's endpoint: (path, ticket number) -> when the delivery arrived (perf_counter)."""
    arrived: dict[tuple[str, str], float] = {}

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            arrived[(self.path, str((body.get("ticket") or {}).get("ticket_number")))] = time.perf_counter()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", arrived
    finally:
        server.shutdown()
        server.server_close()


def _wait(condition: Callable[[], bool], limit: float = 60.0) -> None:
    deadline = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > deadline:
            raise AssertionError("the bench timed out waiting")
        time.sleep(0.01)


def _settle(stream: Any) -> None:
    """Wait until the stream poller has been idle for half a second."""
    seen = -1
    while stream.delivered != seen:
        seen = stream.delivered
        time.sleep(0.5)


def _case(hang: bool, samples: int) -> dict[str, Any]:
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import LockedMotoServer

    server = LockedMotoServer("127.0.0.1", 0)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = server.endpoint
    slow_endpoint = _Endpoint(hang)
    try:
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib import config
        from chalicelib.channels import webhook_queue
        from chalicelib.channels.webhook_queue import SLOTS, DeliveryMessage
        from chalicelib.local.queues import QueuePoller
        from chalicelib.local.streams import StreamPoller
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        # A clean slate: moto's backends outlive a server, and the stream would replay the last case.
        dynamodb, sqs = boto3.client("dynamodb"), boto3.client("sqs")
        with contextlib.suppress(dynamodb.exceptions.ResourceNotFoundException):
            dynamodb.delete_table(TableName=config.table_name())
        for name in (webhook_queue.dead_letter_queue_name(), config.webhook_queue_name()):
            with contextlib.suppress(sqs.exceptions.QueueDoesNotExist):
                sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName=name)["QueueUrl"])
        arn = create_table(dynamodb)
        queue_url = webhook_queue.create_queues(sqs)
        stream = StreamPoller(app, boto3.client("dynamodbstreams"), arn, config.table_name(), "us-east-1")
        sender = QueuePoller(app, boto3.client("sqs"), queue_url, "us-east-1")
        with Client(app, stage_name="local") as client, _receiver() as (base, arrived):

            def post(path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
                headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
                response = client.http.post(path, headers=headers, body=json.dumps(body))
                assert response.status_code in (200, 201), response.body
                result: dict[str, Any] = json.loads(response.body)
                return result

            calm = signup_tenant(client, "bystander")
            slow = signup_tenant(client, "slowpoke")
            post("/webhook-subscriptions", calm["token"], {"url": f"{base}/subscription", "events": ["ticket.created"]})
            rule = {
                "name": "Triage",
                "trigger_type": "ticket_created",
                "actions": [
                    {"type": "add_tags", "tags": ["triaged"]},
                    {"type": "call_webhook", "url": f"{base}/rule", "secret": "whsec-" + "b" * 26},
                ],
            }
            post("/automation-rules", calm["token"], rule)
            groups: set[str] = set()
            subscriptions = 0
            while len(groups) < SLOTS:  # until the slow organization's subscriptions cover all its groups
                created = post(
                    "/webhook-subscriptions", slow["token"], {"url": slow_endpoint.url, "events": ["ticket.created"]}
                )
                groups.add(DeliveryMessage(slow["org_id"], "subscription", created["id"], "", 0).group)
                subscriptions += 1
            stream.start()
            sender.start()

            def sample(label: str, n: int) -> tuple[float, float, float, int]:
                body = {"subject": f"{label} {n}", "customer_id": calm["customer_id"]}
                started = time.perf_counter()
                number = post("/tickets", calm["token"], body)["ticket_number"]

                def tagged() -> bool:
                    headers = {"Authorization": f"Bearer {calm['token']}"}
                    ticket = json.loads(client.http.get(f"/tickets/{number}", headers=headers).body)
                    return "triaged" in ticket["tags"]

                _wait(tagged)
                rule_ms = (time.perf_counter() - started) * 1000
                _wait(lambda: {("/subscription", number), ("/rule", number)} <= set(arrived))
                return (
                    rule_ms,
                    (arrived[("/subscription", number)] - started) * 1000,
                    (arrived[("/rule", number)] - started) * 1000,
                    slow_endpoint.open,
                )

            for n in range(3):
                sample("warm-up", n)  # the first requests load rules and clients: not counted
            for n in range(SLOW_TICKETS):
                post("/tickets", slow["token"], {"subject": f"Slow {n}", "customer_id": slow["customer_id"]})
            _settle(stream)
            if hang:
                _wait(lambda: slow_endpoint.open >= SLOTS)
            else:
                _wait(lambda: slow_endpoint.accepted >= SLOW_TICKETS * subscriptions and slow_endpoint.open == 0)
            taken = [sample("measured", n) for n in range(samples)]
            stream.stop()
            sender.stop()
        reset_connections()
        rule_ms, subscription_ms, rule_hook_ms, held = (list(column) for column in zip(*taken, strict=True))
        return {
            "rule change ms p50": round(statistics.median(rule_ms), 1),
            "rule change ms max": round(max(rule_ms), 1),
            "subscription webhook ms p50": round(statistics.median(subscription_ms), 1),
            "subscription webhook ms max": round(max(subscription_ms), 1),
            "rule webhook ms p50": round(statistics.median(rule_hook_ms), 1),
            "rule webhook ms max": round(max(rule_hook_ms), 1),
            "slow tenant's open connections (min)": min(held),
            "slow tenant's subscriptions": subscriptions,
            "slow tenant's connections": slow_endpoint.accepted,
        }
    finally:
        slow_endpoint.close()
        server.stop()
        os.environ.pop("AWS_ENDPOINT_URL", None)


def isolation(samples: int = SAMPLES) -> dict[str, Any]:
    """The bystander's rule latency (ticket created -> the rule's tag readable) and its webhook
    latencies (ticket created -> its subscription's and its rule's deliveries received), with the
    slow organization's endpoints answering, then hanging; the same run otherwise."""
    from chalicelib.channels.outbound import WEBHOOK_TIMEOUT
    from chalicelib.channels.webhook_queue import SLOTS
    from chalicelib.local.queues import WORKERS

    return {
        "samples per case": samples,
        "slow tenant's tickets": SLOW_TICKETS,
        "message groups per tenant": SLOTS,
        "sender workers (local)": WORKERS,
        "attempt timeout s": WEBHOOK_TIMEOUT,
        "bystander": {
            "slow tenant's endpoints answer": _case(False, samples),
            "slow tenant's endpoints hang": _case(True, samples),
        },
    }
