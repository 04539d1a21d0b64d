"""Live updates over WebSocket, end to end: a real WebSocket client on the local gateway's ``/live``,
the real handlers, changes made through the API, the table stream delivered to the real stream
handler, which sends through boto3's ``apigatewaymanagementapi`` client to the gateway's
``/@connections``. Against the locked moto server (the gateway serves each socket on a thread).

"Never receives X" is checked without timing: X happens first, then a change the reader may see;
messages on one connection are ordered, so the first message the reader gets must be the later one.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from chalice.cli.factory import CLIFactory
from chalice.test import Client
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from chalicelib import config
from chalicelib.domain import live as live_domain
from tests.api.helpers import Tenant, call, make_tenant

RECV_SECONDS = 10  # a bound for a message that must come (never a measure)


@dataclass
class LiveStack:
    api: Client
    port: int
    poller: Any
    sockets: contextlib.ExitStack

    def drain(self) -> None:
        while self.poller.poll_once():
            pass

    def socket(self) -> ClientConnection:
        return self.sockets.enter_context(connect(f"ws://127.0.0.1:{self.port}/live", open_timeout=RECV_SECONDS))

    def reader(self, token: str, topics: list[str]) -> ClientConnection:
        """A connection authenticated with ``token`` and watching ``topics``."""
        ws = self.socket()
        ws.send(json.dumps({"action": "auth", "token": token}))
        assert receive(ws)["type"] == "ready"
        ws.send(json.dumps({"action": "watch", "topics": topics}))
        assert receive(ws) == {"type": "watching", "topics": topics}
        return ws


def receive(ws: ClientConnection) -> dict[str, Any]:
    message: Any = json.loads(ws.recv(timeout=RECV_SECONDS))
    return dict(message)


def closed(ws: ClientConnection) -> bool:
    try:
        ws.recv(timeout=RECV_SECONDS)
    except ConnectionClosed:
        return True
    return False


@pytest.fixture
def stack(server_table: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveStack]:
    from app import app
    from chalicelib.local.gateway import local_server
    from chalicelib.local.streams import StreamPoller

    chalice_config = CLIFactory(".").create_config_obj(chalice_stage_name="local")
    # local_server makes the app chalice local's class for good: restored after the test, so the
    # worker's later tests (the threaded test client of other files) find the app as it was.
    monkeypatch.setattr(app, "__class__", app.__class__)
    server = local_server(app, chalice_config, "127.0.0.1", 0)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    port = server.server.server_address[1]
    monkeypatch.setenv("LIVE_ENDPOINT", f"http://127.0.0.1:{port}")
    poller = StreamPoller(
        app, boto3.client("dynamodbstreams"), server_table, config.table_name(), "us-east-1", retry_base_delay=0.0
    )
    with Client(app, stage_name="local") as client, contextlib.ExitStack() as sockets:
        try:
            yield LiveStack(client, port, poller, sockets)
        finally:
            server.server.live_hub.close_all()  # type: ignore[attr-defined]
            server.server.shutdown()
            server.server.server_close()


@pytest.fixture
def acme(stack: LiveStack) -> Tenant:
    tenant = make_tenant(stack.api, "acme")
    stack.drain()
    return tenant


def open_ticket(stack: LiveStack, tenant: Tenant, role: str = "customer", subject: str = "Scanner offline") -> str:
    reply = call(stack.api, "POST", "/tickets", tenant.token(role), {"subject": subject})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def comment(stack: LiveStack, tenant: Tenant, role: str, number: str, kind: str) -> str:
    body = {"content": f"A {kind} word", "comment_type": kind}
    reply = call(stack.api, "POST", f"/tickets/{number}/comments", tenant.token(role), body)
    assert reply.status == 201, reply.body
    return str(reply.body["comment"]["id"])


def patch(stack: LiveStack, tenant: Tenant, number: str, body: dict[str, Any]) -> int:
    reply = call(stack.api, "PATCH", f"/tickets/{number}", tenant.token("admin"), body)
    assert reply.status == 200, reply.body
    return int(reply.body["version"])


# ---------------------------------------------------------------- attacks


def test_a_connection_that_did_not_authenticate_receives_nothing_and_is_closed(stack: LiveStack, acme: Tenant) -> None:
    anonymous = stack.socket()
    admin = stack.reader(acme.token("admin"), ["inbox"])
    number = open_ticket(stack, acme)
    stack.drain()
    assert receive(admin)["ticket_number"] == number  # the change was sent, to the reader who may see it
    anonymous.send(json.dumps({"action": "watch", "topics": ["inbox"]}))
    first = receive(anonymous)  # any event sent to it earlier would come before this answer
    assert (first["type"], first["code"]) == ("error", "auth_required")
    assert closed(anonymous)


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({"action": "auth", "token": "dl_not-a-real-token"}, "unauthenticated"),
        ({"action": "watch", "topics": ["inbox"]}, "auth_required"),
        ({"action": "subscribe"}, "invalid_message"),
        ("not json", "invalid_message"),
    ],
)
def test_the_first_message_must_authenticate_or_the_connection_is_closed(
    stack: LiveStack, acme: Tenant, message: Any, code: str
) -> None:
    ws = stack.socket()
    ws.send(message if isinstance(message, str) else json.dumps(message))
    reply = receive(ws)
    assert (reply["type"], reply["code"]) == ("error", code)
    assert closed(ws)


def test_watching_an_unbounded_topic_list_is_refused(stack: LiveStack, acme: Tenant) -> None:
    ws = stack.socket()
    ws.send(json.dumps({"action": "auth", "token": acme.token("agent")}))
    assert receive(ws)["type"] == "ready"
    ws.send(json.dumps({"action": "watch", "topics": [f"ticket:T-{n}" for n in range(50)]}))
    assert receive(ws)["code"] == "invalid_message"
    assert closed(ws)


def test_a_customer_never_receives_an_internal_notes_event(stack: LiveStack, acme: Tenant) -> None:
    number = open_ticket(stack, acme)
    stack.drain()
    customer = stack.reader(acme.token("customer"), [f"ticket:{number}"])
    agent = stack.reader(acme.token("agent"), [f"ticket:{number}"])
    internal = comment(stack, acme, "agent", number, "internal")
    public = comment(stack, acme, "agent", number, "public")
    stack.drain()
    seen = receive(customer)
    assert (seen["type"], seen["comment_id"]) == ("comment.added", public)
    agent_seen = [receive(agent) for _ in range(2)]
    assert {m["comment_id"] for m in agent_seen if m["type"] == "comment.added"} >= {internal}


def test_a_customer_never_receives_another_customers_ticket(stack: LiveStack, acme: Tenant) -> None:
    other = stack.reader(acme.token("customer2"), ["inbox"])
    open_ticket(stack, acme, "customer", "Not yours")
    own = open_ticket(stack, acme, "customer2", "Yours")
    stack.drain()
    seen = receive(other)
    assert (seen["type"], seen["ticket_number"]) == ("ticket.changed", own)


def test_a_staff_only_change_sends_the_customer_nothing(stack: LiveStack, acme: Tenant) -> None:
    number = open_ticket(stack, acme)
    stack.drain()
    customer = stack.reader(acme.token("customer"), [f"ticket:{number}"])
    patch(stack, acme, number, {"tags": ["vip-watch"]})  # tags are the staff's
    version = patch(stack, acme, number, {"status": "open"})
    stack.drain()
    seen = receive(customer)
    assert (seen["type"], seen["version"]) == ("ticket.changed", version)


def test_another_organizations_change_never_arrives(stack: LiveStack, acme: Tenant) -> None:
    globex = make_tenant(stack.api, "globex", "globex.example")
    stack.drain()
    watcher = stack.reader(globex.token("admin"), ["inbox"])
    open_ticket(stack, acme)
    own = open_ticket(stack, globex)
    stack.drain()
    seen = receive(watcher)
    assert seen["ticket_number"] == own
    assert seen["type"] == "ticket.changed"


def test_an_agent_does_not_receive_a_ticket_assigned_to_another_agent(stack: LiveStack, acme: Tenant) -> None:
    taken = open_ticket(stack, acme, subject="For agent2")
    patch(stack, acme, taken, {"assigned_agent_id": acme.user_id("agent2")})
    stack.drain()
    agent = stack.reader(acme.token("agent"), ["inbox"])
    patch(stack, acme, taken, {"priority": "high"})
    free = open_ticket(stack, acme, subject="Unassigned")
    stack.drain()
    assert receive(agent)["ticket_number"] == free


def test_the_per_user_cap_refuses_with_a_clear_error(
    stack: LiveStack, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_domain, "MAX_CONNECTIONS_PER_USER", 2)
    kept = [stack.reader(acme.token("agent"), ["inbox"]) for _ in range(2)]
    extra = stack.socket()
    extra.send(json.dumps({"action": "auth", "token": acme.token("agent")}))
    refused = receive(extra)
    assert (refused["type"], refused["code"]) == ("error", "too_many_connections")
    assert "too many" in refused["message"]
    assert closed(extra)
    other = stack.reader(acme.token("agent2"), ["inbox"])  # the cap is the user's, not everyone's
    assert kept
    assert other


def test_the_per_organization_cap_keeps_a_tenant_from_starving_others(
    stack: LiveStack, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_domain, "MAX_CONNECTIONS_PER_ORG", 2)
    stack.reader(acme.token("agent"), ["inbox"])
    stack.reader(acme.token("agent2"), ["inbox"])
    extra = stack.socket()
    extra.send(json.dumps({"action": "auth", "token": acme.token("manager")}))
    assert receive(extra)["code"] == "too_many_connections"
    globex = make_tenant(stack.api, "globex", "globex.example")
    assert stack.reader(globex.token("admin"), ["inbox"])  # another organization still connects


def test_a_logged_out_session_stops_receiving_and_cannot_reconnect(stack: LiveStack, acme: Tenant) -> None:
    from chalicelib.store import live as live_store

    agent = stack.reader(acme.token("agent"), ["inbox"])
    assert call(stack.api, "POST", "/auth/logout", acme.token("agent")).status == 204
    stack.drain()  # the session's change on the stream drops its connections
    ended = receive(agent)
    assert (ended["type"], ended["code"]) == ("error", "session_ended")
    assert closed(agent)
    assert [c for c in live_store.list_connections(acme.org_id)[1] if c.user_id == acme.user_id("agent")] == []
    again = stack.socket()
    again.send(json.dumps({"action": "auth", "token": acme.token("agent")}))
    assert receive(again)["type"] == "error"
    assert closed(again)


def test_a_gone_connection_is_deleted_at_the_next_event(stack: LiveStack, acme: Tenant) -> None:
    from datetime import UTC, datetime, timedelta

    from chalicelib.domain.identity import Role
    from chalicelib.domain.live import Connection
    from chalicelib.store import live as live_store

    now = datetime.now(UTC)
    lost = Connection(  # its $disconnect never came (a restart of the local stack, a lost event)
        connection_id="lost-connection",
        org_id=acme.org_id,
        user_id=acme.user_id("admin"),
        role=Role.ADMIN,
        credential_id="x",
        kind="session",
        permissions=frozenset(),
        allowed_actions=None,
        ticket_number=None,
        departments=None,
        valid_until=now + timedelta(minutes=5),
        topics=("inbox",),
        created_at=now,
    )
    live_store.admit(lost, live_store.list_connections(acme.org_id)[0], now + timedelta(hours=1), renewal=False)
    open_ticket(stack, acme)
    stack.drain()
    assert live_store.list_connections(acme.org_id)[1] == []
    assert live_store.org_of("lost-connection") is None


def test_closing_the_socket_deletes_the_connection(stack: LiveStack, acme: Tenant) -> None:
    from chalicelib.store import live as live_store

    ws = stack.reader(acme.token("agent"), ["inbox"])
    assert len(live_store.list_connections(acme.org_id)[1]) == 1
    ws.close()
    ws2 = stack.reader(acme.token("agent2"), ["inbox"])  # handled after the first socket's close
    ws2.close()
    for _ in range(100):  # the gateway runs $disconnect on its own thread once the close arrived
        if not live_store.list_connections(acme.org_id)[1]:
            break
        threading.Event().wait(0.05)
    assert live_store.list_connections(acme.org_id)[1] == []


def test_a_retried_stream_batch_writes_nothing_more(
    stack: LiveStack, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalice.local import LambdaContext

    from app import app
    from chalicelib.local.streams import lambda_record
    from chalicelib.store import live as live_store

    stack.reader(acme.token("admin"), ["inbox"])
    shards = {s: stack.poller.iterators[s] for s in stack.poller.iterators}
    open_ticket(stack, acme)
    streams = boto3.client("dynamodbstreams")
    records = []
    for iterator in shards.values():
        if iterator is not None:
            got = streams.get_records(ShardIterator=iterator)["Records"]
            records += [lambda_record(r, stack.poller.stream_arn, "us-east-1") for r in got]
    assert records
    writes: list[str] = []
    monkeypatch.setattr(live_store, "forget", lambda *a, **k: writes.append("forget"))
    monkeypatch.setattr(live_store, "admit", lambda *a, **k: writes.append("admit"))
    sent: list[str] = []
    from chalicelib.channels import live as channel

    original = channel.send

    def send(connection_id: str, message: str) -> bool:
        sent.append(message)
        return original(connection_id, message)

    monkeypatch.setattr(channel, "send", send)
    for _ in range(2):  # Lambda retries a batch whose handler failed: the same records again
        context = LambdaContext("on_table_change", 256, max_runtime_ms=300_000)
        app.handler_map["on_table_change"]({"Records": records}, context)
    assert writes == []
    assert len(sent) == 2
    assert sent[0] == sent[1]


def test_the_dispatch_board_receives_work_order_changes_a_customer_only_their_own(
    stack: LiveStack, acme: Tenant
) -> None:
    board = stack.reader(acme.token("manager"), ["dispatch"])
    other = stack.reader(acme.token("customer2"), ["dispatch"])
    body = {"title": "Boiler service", "customer_id": acme.user_id("customer")}
    theirs = call(stack.api, "POST", "/work-orders", acme.token("manager"), body)
    assert theirs.status == 201, theirs.body
    own = call(
        stack.api, "POST", "/work-orders", acme.token("manager"), {**body, "customer_id": acme.user_id("customer2")}
    )
    stack.drain()
    seen = receive(board)
    assert (seen["type"], seen["work_order_number"]) == ("work_order.changed", theirs.body["work_order_number"])
    assert receive(other)["work_order_number"] == own.body["work_order_number"]


def test_a_connection_past_its_validity_receives_nothing_until_it_authenticates_again(
    stack: LiveStack, acme: Tenant
) -> None:
    from datetime import UTC, datetime

    import time_machine

    stale = stack.reader(acme.token("admin"), ["inbox"])
    with time_machine.travel(datetime.now(UTC) + live_domain.AUTH_VALIDITY + live_domain.AUTH_REFRESH, tick=True):
        open_ticket(stack, acme)
        stack.drain()
        stale.send(json.dumps({"action": "auth", "token": acme.token("admin")}))
        assert receive(stale)["type"] == "ready"  # no event came before this answer
        number = open_ticket(stack, acme, subject="After renewal")
        stack.drain()
        seen = receive(stale)
    assert (seen["type"], seen["ticket_number"], seen["topics"]) == ("ticket.changed", number, ["inbox"])


def test_the_web_app_learns_the_websocket_url_from_the_api(
    stack: LiveStack, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVE_URL", f"ws://127.0.0.1:{stack.port}/live")
    reply = call(stack.api, "GET", "/live-updates", acme.token("customer"))
    assert reply.status == 200, reply.body
    assert reply.body == {"url": f"ws://127.0.0.1:{stack.port}/live", "auth_refresh_seconds": 300, "max_topics": 10}
    assert call(stack.api, "GET", "/live-updates").status == 401


def test_the_local_management_api_refuses_unsigned_requests(stack: LiveStack, acme: Tenant) -> None:
    import http.client

    ws = stack.reader(acme.token("agent"), ["inbox"])
    connection_id = next(iter(c.connection_id for c in _connections(acme)))
    client = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=RECV_SECONDS)
    body = json.dumps({"type": "ticket.changed", "ticket_number": "T-1", "topics": ["inbox"]})
    client.request("POST", f"/@connections/{connection_id}", body=body, headers={"Content-Type": "application/json"})
    assert client.getresponse().status == 403
    client.close()
    number = open_ticket(stack, acme)
    stack.drain()
    assert receive(ws)["ticket_number"] == number  # the forged message never arrived before the real one


def _connections(tenant: Tenant) -> list[Any]:
    from chalicelib.store import live as live_store

    return live_store.list_connections(tenant.org_id)[1]


def test_messages_spend_the_client_addresss_rate_limit(
    stack: LiveStack, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import ratelimit

    monkeypatch.setenv("RATE_LIMITS", "address=5")
    ratelimit.reset()
    ws = stack.socket()
    answers = []
    for _ in range(6):  # the budget of 5 a minute (this address's public requests spend it too)
        ws.send(json.dumps({"action": "auth", "token": acme.token("agent")}))
        answers.append(receive(ws))
        if answers[-1]["type"] == "error":
            break
    assert answers[0]["type"] == "ready"
    assert (answers[-1]["type"], answers[-1]["code"]) == ("error", "rate_limited")
    assert closed(ws)


def test_concurrent_admissions_never_exceed_the_cap(
    stack: LiveStack, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from chalicelib.domain.live import LiveError
    from chalicelib.services import live as service

    monkeypatch.setattr(live_domain, "MAX_CONNECTIONS_PER_USER", 3)
    start = threading.Barrier(8)

    def admit(index: int) -> str:
        start.wait()
        try:
            service.authenticate(f"racer-{index}", acme.token("agent"))
        except LiveError as exc:
            return exc.code
        return "admitted"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(admit, range(8)))
    assert sorted(outcomes) == ["admitted"] * 3 + ["too_many_connections"] * 5
    assert len([c for c in _connections(acme) if c.user_id == acme.user_id("agent")]) == 3
