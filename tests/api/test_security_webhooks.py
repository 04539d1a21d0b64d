"""Outbound webhooks as an attack surface: one tenant's endpoints cannot slow or starve the others,
per-tenant caps hold, and a delivery cannot be steered into the network it is sent from."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
import pytest
import time_machine
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, call, make_tenant, run_schedule

PUBLIC_IP = "93.184.215.14"  # a global unicast address (never actually reached: connections to it are refused)


# ---- endpoints -------------------------------------------------------------------------------


class Receiver(BaseHTTPRequestHandler):
    """Answers every POST with ``status`` (and ``reason``/``body`` the delivery log must not echo)."""

    received: list[tuple[str, dict[str, str], bytes]]
    status = 204
    reason = ""
    body = b""
    location = ""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.received.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(self.status, self.reason or None)
        if self.location:
            self.send_header("Location", self.location)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def do_GET(self) -> None:
        self.received.append((self.path, dict(self.headers), b""))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@contextlib.contextmanager
def receiver(**behaviour: Any) -> Iterator[tuple[str, list[tuple[str, dict[str, str], bytes]]]]:
    """An HTTP endpoint on loopback; yields its base URL and what it received."""
    received: list[tuple[str, dict[str, str], bytes]] = []
    handler = type("Endpoint", (Receiver,), {"received": received, **behaviour})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()


class HangingEndpoint:
    """Accepts connections, reads what is sent and never answers: the slow tenant's endpoint.
    ``open`` counts the connections the sender has not given up on yet."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self.abandoned = 0
        self.held: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def open(self) -> int:
        with self._lock:
            return self.accepted - self.abandoned

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                self.held.append(connection)
            threading.Thread(target=self._hold, args=(connection,), daemon=True).start()

    def _hold(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while connection.recv(65536):
                pass  # the request arrives; no answer ever goes back
        with self._lock:
            self.abandoned += 1  # the sender closed its side (its timeout)

    def close(self) -> None:
        self.listener.close()
        for connection in self.held:
            connection.close()


@pytest.fixture
def hanging() -> Iterator[HangingEndpoint]:
    endpoint = HangingEndpoint()
    yield endpoint
    endpoint.close()


def subscribe(api: Client, tenant: Tenant, url: str, events: list[str] | None = None) -> dict[str, Any]:
    body = {"url": url, "events": events or ["ticket.created"]}
    reply = call(api, "POST", "/webhook-subscriptions", tenant.token("admin"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def deliveries(api: Client, tenant: Tenant, subscription_id: str) -> list[dict[str, Any]]:
    reply = call(api, "GET", f"/webhook-subscriptions/{subscription_id}/deliveries?limit=100", tenant.token("admin"))
    assert reply.status == 200, reply.body
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def open_ticket(api: Client, tenant: Tenant, subject: str = "Printer on fire") -> str:
    reply = call(api, "POST", "/tickets", tenant.token("customer"), {"subject": subject})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def triage_rule(api: Client, tenant: Tenant, hook: str | None = None) -> dict[str, Any]:
    actions: list[dict[str, Any]] = [{"type": "add_tags", "tags": ["triaged"]}]
    if hook:
        actions.append({"type": "call_webhook", "url": hook, "secret": "whsec-" + "r" * 26})
    body = {"name": "Triage", "trigger_type": "ticket_created", "actions": actions}
    reply = call(api, "POST", "/automation-rules", tenant.token("manager"), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def tags(api: Client, tenant: Tenant, number: str) -> list[str]:
    result: list[str] = call(api, "GET", f"/tickets/{number}", tenant.token("admin")).body["tags"]
    return result


def wait_until(condition: Callable[[], bool], limit: float = 30.0) -> None:
    """Poll ``condition`` (a bound on waiting for background threads, not an assertion on time)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never held")
        time.sleep(0.02)


# ---- no tenant slows or starves the others ------------------------------------------------


def test_the_stream_pass_sends_nothing_the_sender_delivers_subscriptions_and_rule_webhooks(
    api: Client, stream: Any, sender: Any
) -> None:
    acme = make_tenant(api, "acme")
    with receiver() as (base, received):
        subscription = subscribe(api, acme, f"{base}/subscription")
        triage_rule(api, acme, hook=f"{base}/rule")
        number = open_ticket(api, acme)
        stream.drain()
        assert received == [], "the stream handler made an outbound request"
        assert tags(api, acme, number) == ["triaged"]  # the rule itself ran in the stream pass
        (queued,) = deliveries(api, acme, subscription["id"])
        assert (queued["status"], queued["attempts"]) == ("pending", 0)

        assert sender.drain() == 2
        assert sorted(path for path, _, _ in received) == ["/rule", "/subscription"]
        (sent,) = deliveries(api, acme, subscription["id"])
        assert (sent["status"], sent["attempts"], sent["last_status_code"]) == ("delivered", 1, 204)
        # Redelivered queue messages and a replayed stream send nothing twice.
        stream.poller.iterators.clear()
        stream.drain()
        sender.drain()
        assert len(received) == 2


@pytest.fixture
def shared_stack(server_table: str) -> Iterator[dict[str, Any]]:
    """The local stack's pieces on the locked moto server: API client, stream poller, queue sender."""
    from app import app
    from chalicelib.channels import webhook_queue
    from chalicelib.local.queues import QueuePoller
    from chalicelib.local.streams import StreamPoller

    streams = StreamPoller(
        app, boto3.client("dynamodbstreams"), server_table, config.table_name(), "us-east-1", retry_base_delay=0.0
    )
    sender = QueuePoller(app, boto3.client("sqs"), webhook_queue.queue_url(), "us-east-1", workers=4, idle_sleep=0.02)
    with Client(app, stage_name="local") as client:
        yield {"api": client, "stream": streams, "sender": sender}
    sender.stop()


def test_a_hanging_endpoint_delays_only_its_own_tenant(
    shared_stack: dict[str, Any], hanging: HangingEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, stream, sender = shared_stack["api"], shared_stack["stream"], shared_stack["sender"]
    slow, calm = make_tenant(api, "slowpoke"), make_tenant(api, "bystander")
    slow_subscription = subscribe(api, slow, hanging.url)
    with receiver() as (base, received):
        calm_subscription = subscribe(api, calm, f"{base}/subscription")
        triage_rule(api, calm, hook=f"{base}/rule")
        for n in range(3):
            open_ticket(api, slow, f"Slow {n}")
        number = open_ticket(api, calm)

        while stream.poll_once():
            pass
        assert hanging.accepted == 0, "the stream handler connected to an endpoint"
        assert received == []
        assert tags(api, calm, number) == ["triaged"]

        sender.start()
        wait_until(lambda: len(received) == 2 and hanging.accepted >= 1)
        # The bystander's deliveries went out while the slow tenant's endpoint was holding the
        # sender's connection open, and were logged as delivered.
        assert hanging.open >= 1
        assert sorted(path for path, _, _ in received) == ["/rule", "/subscription"]
        wait_until(lambda: deliveries(api, calm, calm_subscription["id"])[0]["status"] == "delivered")
        # The slow tenant's deliveries fail within the short timeout (and are retried later) or wait
        # their turn in its own message group: none is lost, none counts against the bystander.
        wait_until(
            lambda: (
                all(d["status"] in ("retrying", "pending") for d in deliveries(api, slow, slow_subscription["id"]))
                and any(d["status"] == "retrying" for d in deliveries(api, slow, slow_subscription["id"]))
            )
        )
        failed = [d for d in deliveries(api, slow, slow_subscription["id"]) if d["status"] == "retrying"]
        assert {d["last_error"] for d in failed} == {"timed out"}
        sender.stop()


def test_the_subscription_cap_is_per_organization(api: Client) -> None:
    from chalicelib.services.webhooks import MAX_SUBSCRIPTIONS

    acme, globex = make_tenant(api, "acme"), make_tenant(api, "globex")
    created = [subscribe(api, acme, f"http://127.0.0.1:9/{n}") for n in range(MAX_SUBSCRIPTIONS)]
    body = {"url": "http://127.0.0.1:9/one-more", "events": ["ticket.created"]}
    refused = call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body)
    assert (refused.status, refused.body["error"]["code"]) == (422, "too_many_subscriptions")
    assert str(MAX_SUBSCRIPTIONS) in refused.body["error"]["message"]
    assert len(call(api, "GET", "/webhook-subscriptions", acme.token("admin")).body["items"]) == MAX_SUBSCRIPTIONS
    assert call(api, "POST", "/webhook-subscriptions", globex.token("admin"), body).status == 201

    # A deleted subscription frees its place; restoring it while the place is taken again is refused.
    gone = created[0]["id"]
    assert call(api, "DELETE", f"/webhook-subscriptions/{gone}", acme.token("admin")).status == 204
    assert call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body).status == 201
    restore = call(api, "POST", f"/webhook-subscriptions/{gone}/restore", acme.token("admin"))
    assert (restore.status, restore.body["error"]["code"]) == (422, "too_many_subscriptions")
    assert call(api, "GET", f"/webhook-subscriptions/{gone}", acme.token("admin")).status == 404


def test_concurrent_creates_never_exceed_the_subscription_cap(server_table: str) -> None:
    from chalicelib.domain.commands import WebhookSubscriptionCommand
    from chalicelib.domain.errors import RuleViolation
    from chalicelib.services import webhooks
    from tests.api.test_tickets import _org_admin

    principal, _ = _org_admin("crowded")
    command = WebhookSubscriptionCommand.model_validate({"url": "http://127.0.0.1:9/x", "events": ["ticket.created"]})
    for _ in range(webhooks.MAX_SUBSCRIPTIONS - 2):
        webhooks.create_subscription(principal, command)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            webhooks.create_subscription(principal, command)
            result = "created"
        except RuleViolation as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] * 2 + ["too_many_subscriptions"] * 6
    assert len(webhooks.list_subscriptions(principal, False, 100, None).items) == webhooks.MAX_SUBSCRIPTIONS


def test_deliveries_beyond_the_per_minute_cap_are_deferred_not_lost(
    api: Client, stream: Any, sender: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import webhooks

    monkeypatch.setattr(webhooks, "DELIVERIES_PER_MINUTE", 2)
    acme, globex = make_tenant(api, "acme"), make_tenant(api, "globex")
    now = datetime.now(UTC)
    minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    with receiver() as (base, received), time_machine.travel(minute, tick=True):
        subscription = subscribe(api, acme, f"{base}/acme")
        other = subscribe(api, globex, f"{base}/globex")
        for n in range(3):
            open_ticket(api, acme, f"Burst {n}")
        open_ticket(api, globex)
        stream.drain()
        sender.drain()
        assert sorted(path for path, _, _ in received) == ["/acme", "/acme", "/globex"]
        log = deliveries(api, acme, subscription["id"])
        assert sorted(d["status"] for d in log) == ["deferred", "delivered", "delivered"]
        (deferred,) = [d for d in log if d["status"] == "deferred"]
        assert (deferred["attempts"], deferred["last_error"]) == (0, None)  # not a failed attempt
        assert datetime.fromisoformat(deferred["next_attempt_at"].replace("Z", "+00:00")) == minute + timedelta(
            minutes=1
        )
        assert [d["status"] for d in deliveries(api, globex, other["id"])] == ["delivered"]

        # The next minute, the retry job hands it to the sender again.
        assert run_schedule(api, "webhook_retry_job", minute + timedelta(minutes=1, seconds=5))["retried"] == 1
        with time_machine.travel(minute + timedelta(minutes=1, seconds=5), tick=True):
            sender.drain()
        assert len(received) == 4
        assert sorted(d["status"] for d in deliveries(api, acme, subscription["id"])) == ["delivered"] * 3


# ---- outbound requests cannot be steered inside ---------------------------------------------


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The deployed stages' rules (https only, public addresses only); the local stage relaxes them.
    (Patched in code: the test client applies the local stage's STAGE variable to every request.)"""
    monkeypatch.setattr(config, "stage", lambda: "dev")


def resolving_to(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """Make every name resolve to ``answers[0]`` the first time, ``answers[1]`` the next...; the
    names asked are returned as they are asked."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in ("127.0.0.1", "localhost", "::1"):
            return real(host, port, *args, **kwargs)
        answer = answers[min(len(asked), len(answers) - 1)]
        asked.append(str(host))
        family = socket.AF_INET6 if ":" in answer else socket.AF_INET
        address = (answer, int(port or 443), 0, 0) if family == socket.AF_INET6 else (answer, int(port or 443))
        return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", address)]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


def test_a_redirect_is_recorded_as_a_failure_and_not_followed(api: Client, stream: Any, sender: Any) -> None:
    acme = make_tenant(api, "acme")
    with receiver() as (inside, reached), receiver(status=302, location=f"{inside}/admin") as (outside, _):
        subscription = subscribe(api, acme, f"{outside}/hook")
        open_ticket(api, acme)
        stream.drain()
        sender.drain()
        assert reached == [], "the redirect was followed"
    (delivery,) = deliveries(api, acme, subscription["id"])
    assert (delivery["status"], delivery["last_status_code"]) == ("retrying", 302)
    assert delivery["last_error"] == "redirect not followed"


def test_a_name_rebound_between_check_and_connect_never_reaches_inside(
    deployed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.channels.outbound import WebhookFailed, post_webhook

    inside = socket.create_server(("127.0.0.1", 0))
    inside.settimeout(0.5)
    port = inside.getsockname()[1]
    asked = resolving_to(monkeypatch, PUBLIC_IP, "127.0.0.1")
    targets: list[str] = []
    real_connect = socket.create_connection

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        targets.append(address[0])
        if address[0] == PUBLIC_IP:
            raise ConnectionRefusedError("refused")
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    try:
        with pytest.raises(WebhookFailed) as failure:
            post_webhook(f"https://rebind.example.test:{port}/hook", "s" * 32, b"{}", "d1", "ticket.created")
        with pytest.raises(TimeoutError):
            inside.accept()  # nothing ever connected to the inside address
    finally:
        inside.close()
    assert asked == ["rebind.example.test"], "the name was resolved more than once"
    assert targets == [PUBLIC_IP]
    assert failure.value.message == "connection failed"


BLOCKED = [
    "100.64.0.1",  # carrier-grade NAT (shared address space)
    "100.100.100.200",  # a cloud metadata service inside 100.64.0.0/10
    "169.254.169.254",  # instance metadata (link-local)
    "169.254.170.2",  # container credentials endpoint
    "fd00:ec2::254",  # instance metadata over IPv6
    "224.0.0.1",  # IPv4 multicast
    "ff02::1",  # IPv6 multicast
    "::ffff:10.0.0.1",  # IPv4-mapped private address
    "::ffff:169.254.169.254",  # IPv4-mapped metadata address
    "2002:a9fe:a9fe::1",  # 6to4 wrapping of the metadata address
    "64:ff9b::a9fe:a9fe",  # NAT64 of the metadata address
    "0.0.0.0",  # noqa: S104 ("this host": refused, never bound)
    "127.0.0.1",
    "::1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "198.18.0.1",  # benchmarking range
    "240.0.0.1",  # reserved
    "fe80::1",  # IPv6 link-local
    "fc00::1",  # IPv6 unique local
]


@pytest.mark.parametrize("address", BLOCKED)
def test_non_public_destinations_are_refused(
    api: Client, deployed: None, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    from chalicelib.channels.outbound import WebhookFailed, post_webhook

    acme = make_tenant(api, "acme")
    resolving_to(monkeypatch, address)
    body = {"url": "https://hooks.example.test/in", "events": ["ticket.created"]}
    refused = call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body)
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_url")
    assert address not in json.dumps(refused.body)

    def no_connection(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"connected to {args[0]!r}")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    with pytest.raises(WebhookFailed) as failure:
        post_webhook("https://hooks.example.test/in", "s" * 32, b"{}", "d1", "ticket.created")
    assert failure.value.message == "destination not allowed"


def test_a_public_destination_is_accepted(api: Client, deployed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    acme = make_tenant(api, "acme")
    resolving_to(monkeypatch, PUBLIC_IP)
    body = {"url": "https://hooks.example.test/in", "events": ["ticket.created"]}
    assert call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body).status == 201
    plain = call(
        api, "POST", "/webhook-subscriptions", acme.token("admin"), {**body, "url": "http://hooks.example.test"}
    )
    assert (plain.status, plain.body["error"]["code"]) == (422, "invalid_url")


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 500, "reason": "db-7.internal.corp 10.20.30.40 unreachable", "body": b"stack trace: 10.20.30.40"},
        {"status": 200, "reason": "OK from admin.internal.corp", "body": b"internal dashboard"},
    ],
)
def test_the_delivery_log_never_echoes_what_the_endpoint_answered(
    api: Client, stream: Any, sender: Any, answer: dict[str, Any]
) -> None:
    acme = make_tenant(api, "acme")
    with receiver(**answer) as (base, received):
        subscription = subscribe(api, acme, f"{base}/hook")
        open_ticket(api, acme)
        stream.drain()
        sender.drain()
        assert len(received) == 1
    (delivery,) = deliveries(api, acme, subscription["id"])
    shown = json.dumps(delivery)
    assert "internal" not in shown
    assert "10.20.30.40" not in shown
    assert delivery["last_status_code"] == answer["status"]


def test_a_garbled_status_line_is_not_echoed(api: Client, stream: Any, sender: Any) -> None:
    acme = make_tenant(api, "acme")
    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 abc redis-master.internal 10.9.8.7 ready\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    subscription = subscribe(api, acme, f"http://127.0.0.1:{listener.getsockname()[1]}/hook")
    open_ticket(api, acme)
    stream.drain()
    sender.drain()
    listener.close()
    (delivery,) = deliveries(api, acme, subscription["id"])
    assert delivery["status"] == "retrying"
    assert delivery["last_error"] == "invalid response"
    assert "internal" not in json.dumps(delivery)


# ---- retried and redelivered messages never send twice, and nothing is lost -----------------


def queued_record() -> dict[str, Any]:
    """Take the next message off the webhook queue, as Lambda's event source hands it out."""
    from chalicelib.channels import webhook_queue
    from chalicelib.local.queues import lambda_record

    sqs = boto3.client("sqs")
    url = webhook_queue.queue_url()
    (message,) = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, MessageSystemAttributeNames=["All"])[
        "Messages"
    ]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return lambda_record(message, arn, "us-east-1")


def test_a_message_handed_out_twice_sends_once(api: Client, stream: Any) -> None:
    acme = make_tenant(api, "acme")
    with receiver() as (base, received):
        subscription = subscribe(api, acme, f"{base}/hook")
        open_ticket(api, acme)
        stream.drain()
        record = queued_record()
        for _ in range(3):  # SQS is at-least-once; a slow invocation's message can come back
            assert api.lambda_.invoke("send_webhook", {"Records": [record]}).payload == {"batchItemFailures": []}
        assert len(received) == 1
    (delivery,) = deliveries(api, acme, subscription["id"])
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)


def test_a_lost_message_is_queued_again_by_the_retry_job(api: Client, stream: Any, sender: Any) -> None:
    from chalicelib.channels import webhook_queue
    from chalicelib.services.webhooks import QUEUED_LEASE

    acme = make_tenant(api, "acme")
    with receiver() as (base, received):
        subscription = subscribe(api, acme, f"{base}/hook")
        open_ticket(api, acme)
        stream.drain()
        boto3.client("sqs").purge_queue(QueueUrl=webhook_queue.queue_url())  # the message is lost
        assert sender.drain() == 0
        now = datetime.now(UTC)
        assert run_schedule(api, "webhook_retry_job", now + timedelta(minutes=1))["retried"] == 0
        assert run_schedule(api, "webhook_retry_job", now + QUEUED_LEASE + timedelta(minutes=1))["retried"] == 1
        assert sender.drain() == 1
        assert len(received) == 1
    (delivery,) = deliveries(api, acme, subscription["id"])
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)


def test_a_sender_stopped_mid_attempt_is_taken_over_once(
    api: Client, stream: Any, sender: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.channels import webhook_queue
    from chalicelib.services import webhooks

    acme = make_tenant(api, "acme")
    with receiver() as (base, received):
        subscription = subscribe(api, acme, f"{base}/hook")
        open_ticket(api, acme)
        stream.drain()
        record = queued_record()

        def crash(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("the sender's container went away")

        with monkeypatch.context() as patched:
            patched.setattr(webhooks, "_attempt", crash)
            failed = api.lambda_.invoke("send_webhook", {"Records": [record]}).payload
        assert failed == {"batchItemFailures": [{"itemIdentifier": record["messageId"]}]}
        (claimed,) = deliveries(api, acme, subscription["id"])
        assert (claimed["status"], claimed["attempts"]) == ("sending", 1)

        lapsed = datetime.now(UTC) + webhooks.CLAIM_LEASE + timedelta(minutes=1)
        assert run_schedule(api, "webhook_retry_job", lapsed)["retried"] == 1
        # The crashed invocation's message comes back once its visibility timeout is over (it holds
        # its FIFO group until then): it finds its attempt made and is done with; the retry job's
        # message makes the next attempt.
        boto3.client("sqs").change_message_visibility(
            QueueUrl=webhook_queue.queue_url(), ReceiptHandle=record["receiptHandle"], VisibilityTimeout=0
        )
        assert sender.drain() == 2
        assert len(received) == 1
    (delivery,) = deliveries(api, acme, subscription["id"])
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 2)


def test_a_name_server_that_never_answers_ends_the_attempt(deployed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.channels import outbound

    stuck = threading.Event()

    def never(*args: Any, **kwargs: Any) -> Any:
        stuck.wait(30)
        raise OSError("gave up")

    monkeypatch.setattr(outbound, "WEBHOOK_TIMEOUT", 0.2)
    monkeypatch.setattr(socket, "getaddrinfo", never)
    try:
        for _ in range(6):
            with pytest.raises(outbound.WebhookFailed) as failure:
                outbound.post_webhook("https://slow-dns.example.test/hook", "s" * 32, b"{}", "d1", "ticket.created")
            assert failure.value.message == "timed out"
        # Six lookups are still stuck: another tenant's name still resolves at once.
        resolving_to(monkeypatch, PUBLIC_IP)
        assert outbound.resolve_destination("https://fine.example.test/hook").addresses == (PUBLIC_IP,)
    finally:
        stuck.set()
