"""The local stack's WebSocket API: what API Gateway's WebSocket API does for the deployed app.

* ``GET /live`` with ``Upgrade: websocket`` on the API's origin opens a connection (framing by the
  ``websockets`` library's sans-I/O protocol, never by hand); each client text message invokes the
  app's ``$default`` handler, the upgrade ``$connect`` and the close ``$disconnect``, with the
  event API Gateway sends (``requestContext.connectionId``...).
* The management API on the same origin, as boto3's ``apigatewaymanagementapi`` client calls it:
  ``POST /@connections/{id}`` (the body is the message), ``DELETE /@connections/{id}`` (close),
  ``GET /@connections/{id}``; an unknown id answers 410 ``GoneException``. Only signed requests
  (``Authorization: AWS4-HMAC-SHA256 ...``) are served: a browser page cannot send that header
  cross-origin without a preflight this server never grants.

Connections live in this process only: a restart closes them (clients reconnect); their items in
the table, if a ``$disconnect`` was lost, answer 410 at the next event and are deleted then.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

from chalice.local import LambdaContext
from websockets.frames import CloseCode, Opcode
from websockets.http11 import Request
from websockets.protocol import State
from websockets.server import ServerProtocol

from chalicelib.observability import logger

LIVE_PATH = "/live"
MANAGEMENT_PREFIX = "/@connections/"
MAX_MESSAGE_BYTES = 32 * 1024  # API Gateway's WebSocket frame limit
# API Gateway closes a connection idle for 10 minutes; the web app sends ``auth`` every 5.
IDLE_SECONDS = 600


def is_upgrade(handler: BaseHTTPRequestHandler) -> bool:
    path = handler.path.split("?", 1)[0]
    return path == LIVE_PATH and handler.headers.get("Upgrade", "").lower() == "websocket"


class LiveSocket:
    """One open connection: the protocol state, its socket, and a lock for writes from other threads."""

    def __init__(self, connection_id: str, sock: socket.socket, protocol: ServerProtocol, source_ip: str) -> None:
        self.connection_id = connection_id
        self.sock = sock
        self.protocol = protocol
        self.source_ip = source_ip
        self.connected_at = datetime.now(UTC)
        self._lock = threading.Lock()

    def _flush(self) -> None:
        for chunk in self.protocol.data_to_send():
            if chunk:
                self.sock.sendall(chunk)
            else:  # the protocol asks for a half-close after the closing handshake
                with contextlib.suppress(OSError):
                    self.sock.shutdown(socket.SHUT_WR)

    def send_text(self, data: bytes) -> bool:
        with self._lock:
            if self.protocol.state is not State.OPEN:
                return False
            try:
                self.protocol.send_text(data)
                self._flush()
            except OSError:
                return False
            return True

    def close(self, code: int = CloseCode.GOING_AWAY, reason: str = "") -> None:
        with self._lock:
            if self.protocol.state is State.OPEN:
                try:
                    self.protocol.send_close(code, reason)
                    self._flush()
                except OSError:
                    pass

    def received(self, data: bytes) -> list[Any]:
        with self._lock:
            if data:
                self.protocol.receive_data(data)
            else:
                self.protocol.receive_eof()
            events = self.protocol.events_received()
            with contextlib.suppress(OSError):
                self._flush()  # pongs and the answer to a close
            return events


class LiveHub:
    """Every open connection of this stack, and the handlers they invoke."""

    def __init__(self, app: Any, stage: str = "api", api_id: str = "local") -> None:
        self.app = app
        self.stage = stage
        self.api_id = api_id
        self.sockets: dict[str, LiveSocket] = {}
        self._lock = threading.Lock()

    def _invoke(self, route_key: str, connection: LiveSocket, domain: str, body: str | None = None) -> None:
        config = self.app.websocket_handlers.get(route_key)
        if config is None:
            return
        event: dict[str, Any] = {
            "requestContext": {
                "routeKey": route_key,
                "eventType": {"$connect": "CONNECT", "$disconnect": "DISCONNECT"}.get(route_key, "MESSAGE"),
                "connectionId": connection.connection_id,
                "domainName": domain,
                "stage": self.stage,
                "apiId": self.api_id,
                "identity": {"sourceIp": connection.source_ip},
            },
            "isBase64Encoded": False,
        }
        if body is not None:
            event["body"] = body
        try:
            self.app.handler_map[config.name](event, LambdaContext(config.name, 256, max_runtime_ms=29_000))
        except Exception:  # a handler's crash is API Gateway's 500 to nobody: logged, the socket stays
            logger.exception("live handler raised", extra={"route": route_key})

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        """Answer the upgrade on ``handler``'s socket, then relay frames until the connection ends."""
        protocol = ServerProtocol(max_size=MAX_MESSAGE_BYTES)
        # http.server has read the request already: hand it to the protocol as it came, so the
        # protocol's parser moves past the handshake to the frames.
        head = "".join(f"{name}: {value}\r\n" for name, value in handler.headers.items())
        protocol.receive_data(f"GET {handler.path} HTTP/1.1\r\n{head}\r\n".encode("latin-1"))
        requests = [event for event in protocol.events_received() if isinstance(event, Request)]
        if not requests:
            handler.close_connection = True
            return
        response = protocol.accept(requests[0])
        protocol.send_response(response)
        sock: socket.socket = handler.connection
        for chunk in protocol.data_to_send():
            sock.sendall(chunk)
        handler.close_connection = True
        if protocol.state is not State.OPEN:
            return
        connection = LiveSocket(secrets.token_urlsafe(12), sock, protocol, handler.client_address[0])
        domain = handler.headers.get("Host", "localhost")
        with self._lock:
            self.sockets[connection.connection_id] = connection
        self._invoke("$connect", connection, domain)
        sock.settimeout(IDLE_SECONDS)
        try:
            while True:
                try:
                    data = sock.recv(65536)
                except (TimeoutError, OSError):
                    data = b""
                for frame in connection.received(data):
                    if frame.opcode is Opcode.TEXT:
                        self._invoke("$default", connection, domain, frame.data.decode("utf-8", "replace"))
                if not data or connection.protocol.state is State.CLOSED:
                    break
        finally:
            with self._lock:
                self.sockets.pop(connection.connection_id, None)
            self._invoke("$disconnect", connection, domain)

    def close_all(self) -> None:
        with self._lock:
            open_sockets = list(self.sockets.values())
        for connection in open_sockets:
            connection.close(CloseCode.GOING_AWAY, "server stopping")

    def manage(self, handler: BaseHTTPRequestHandler) -> None:
        """The management API: POST (send), DELETE (close), GET (describe) one connection."""
        connection_id = handler.path.split("?", 1)[0][len(MANAGEMENT_PREFIX) :]
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        if not handler.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256"):
            _answer(handler, 403, {"message": "Missing Authentication Token"}, "ForbiddenException")
            return
        with self._lock:
            connection = self.sockets.get(connection_id)
        if connection is None:
            _answer(handler, 410, {"message": "Gone"}, "GoneException")
            return
        if handler.command == "POST":
            if not connection.send_text(body):
                _answer(handler, 410, {"message": "Gone"}, "GoneException")
                return
            _answer(handler, 200, None)
        elif handler.command == "DELETE":
            connection.close(CloseCode.NORMAL_CLOSURE, "")
            _answer(handler, 204, None)
        else:
            described = {
                "ConnectedAt": connection.connected_at.isoformat(),
                "Identity": {"SourceIp": connection.source_ip},
                "LastActiveAt": connection.connected_at.isoformat(),
            }
            _answer(handler, 200, described)


def _answer(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any] | None, error: str = "") -> None:
    payload = json.dumps(body).encode() if body is not None else b""
    handler.send_response(status)
    if error:
        handler.send_header("x-amzn-ErrorType", error)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    if payload:
        handler.wfile.write(payload)
