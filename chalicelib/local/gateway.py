"""The local stack's HTTP front: ``chalice local`` answering as the deployed gateway does.

``chalice local`` answers requests it cannot route with API Gateway's default bodies
(``{"message": "Unauthorized"}``, a 403 "Missing Authentication Token") and Python's HTML page for
methods it has no handler for (501 for TRACE). The deployed API replaces those with the project's
error shape (chalicelib/api/gateway.py); this handler sends the same bodies, so a client of
``make run`` sees what a client of the deployed API sees.

A request without an ``Authorization`` header to a route that needs a principal is refused here
with the same 401 the deployed gateway's request validator answers (no function runs); anything
else reaches the handler, which authenticates the token itself (chalicelib/api/authorizer.py).

It also serves, on the API's origin, the WebSocket API of live updates on ``/live`` and its
management API on ``/@connections/`` (chalicelib/local/websocket.py), and the built web app under
``/app/`` (GET and HEAD; chalicelib/local/webapp.py).

The server holds a burst (a listen backlog of 1,024 instead of socketserver's 5, which reset
connections beyond the fifth waiting one; HTTP/1.1 keep-alive, idle connections closed after 30 s)
and stops cleanly: :meth:`RequestGate.close` turns new requests away with a 503 (also those
arriving on kept-alive connections) and waits for the ones in flight, so nothing is acknowledged
after the final save begins.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chalice.local import (
    ChaliceRequestHandler,
    CustomLocalChalice,
    LocalChalice,
    LocalDevServer,
    LocalGatewayException,
    NotAuthorizedError,
    ThreadedHTTPServer,
)

from chalicelib.api.gateway import MISSING_AUTHORIZATION, NO_ROUTE, GatewayResponse
from chalicelib.api.http import requires_authorization
from chalicelib.local.webapp import WebApp, is_web_path
from chalicelib.local.websocket import MANAGEMENT_PREFIX, LiveHub, is_upgrade

STOPPING = GatewayResponse("LOCAL_STOPPING", 503, "unavailable", "The local stack is stopping; retry once it is back.")
LISTEN_BACKLOG = 1024
IDLE_CONNECTION_SECONDS = 30


class RequestGate:
    """Counts the requests in flight; once closed, refuses new ones and lets the others finish."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._in_flight = 0
        self._closed = False

    def enter(self) -> bool:
        with self._changed:
            if self._closed:
                return False
            self._in_flight += 1
            return True

    def leave(self) -> None:
        with self._changed:
            self._in_flight -= 1
            self._changed.notify_all()

    def close(self, timeout: float) -> bool:
        """Refuse new requests; True once none is in flight (False if ``timeout`` ran out first)."""
        with self._changed:
            self._closed = True
            return self._changed.wait_for(lambda: self._in_flight == 0, timeout)


class LocalHTTPServer(ThreadedHTTPServer):
    request_queue_size = LISTEN_BACKLOG

    # The built web app answered under /app/ (chalicelib/local/webapp.py); None: not served.
    web_app: WebApp | None = None
    # The WebSocket API (/live) and its management API (/@connections/); chalicelib/local/websocket.py.
    live_hub: LiveHub | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.gate = RequestGate()
        super().__init__(*args, **kwargs)


class RequiredAuthorizationHeader:
    """The deployed gateway's request validator: a route that needs a principal is refused (401) when
    the request has no ``Authorization`` header, before any function runs. Takes the place of
    ``chalice local``'s authorizer runner (there is no authorizer function: the handler authenticates)."""

    def authorize(self, raw_path: str, lambda_event: Any, lambda_context: Any) -> tuple[Any, Any]:
        context = lambda_event.get("requestContext") or {}
        headers = {name.lower() for name in (lambda_event.get("headers") or {})}
        if "authorization" not in headers and requires_authorization(
            str(context.get("resourcePath")), str(context.get("httpMethod") or "")
        ):
            raise NotAuthorizedError({}, b"")
        return lambda_event, lambda_context


REQUIRED_AUTHORIZATION_HEADER = RequiredAuthorizationHeader()


class GatewayRequestHandler(ChaliceRequestHandler):
    timeout = IDLE_CONNECTION_SECONDS  # an idle kept-alive connection does not hold its thread forever
    _entered = False

    def handle_one_request(self) -> None:
        self._entered = False
        try:
            super().handle_one_request()
        finally:
            if self._entered:
                self.server.gate.leave()  # type: ignore[attr-defined]

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        # Every method's handler (do_POST... are aliases of the base's _generic_handle) meets it.
        self.local_gateway._authorizer = REQUIRED_AUTHORIZATION_HEADER  # type: ignore[assignment]
        gate: RequestGate | None = getattr(self.server, "gate", None)
        if gate is None:
            return True
        if not gate.enter():
            self.close_connection = True
            self._send_gateway_response(STOPPING, {"Retry-After": "5", "Connection": "close"})
            return False
        self._entered = True
        return True

    def _serve_web_app(self) -> bool:
        """Answer a GET/HEAD under /app/ from the built web app; False for any other request."""
        web_app: WebApp | None = getattr(self.server, "web_app", None)
        if web_app is None or not is_web_path(self.path):
            return False
        answer = web_app.answer(self.path)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)
        return True

    def _serve_live(self) -> bool:
        """The WebSocket upgrade on /live, or the management API; False for any other request."""
        hub: LiveHub | None = getattr(self.server, "live_hub", None)
        if hub is None:
            return False
        if self.path.startswith(MANAGEMENT_PREFIX):
            hub.manage(self)
            return True
        if self.command != "GET" or not is_upgrade(self):
            return False
        if self._entered:  # a connection lasts: it is not a request in flight the stop waits for
            self._entered = False
            self.server.gate.leave()  # type: ignore[attr-defined]
        hub.serve(self)
        return True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.path.startswith(MANAGEMENT_PREFIX):
            return  # the stack's own live-update sends: one per event and reader, not client traffic
        super().log_request(code, size)

    def do_GET(self) -> None:
        if not self._serve_live() and not self._serve_web_app():
            self._generic_handle()

    def do_POST(self) -> None:
        if not self._serve_live():
            self._generic_handle()

    def do_DELETE(self) -> None:
        if not self._serve_live():
            self._generic_handle()

    def do_HEAD(self) -> None:
        if not self._serve_web_app():
            self._generic_handle()

    def _send_gateway_response(self, entry: GatewayResponse, headers: dict[str, Any] | None = None) -> None:
        body = entry.body_bytes()
        self.send_response(entry.status)
        for name, value in (headers or {}).items():
            if name.lower() not in ("content-type", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_error_response(self, error: LocalGatewayException) -> None:
        # The gateway refuses only a missing Authorization header (on a route that needs one) and
        # unroutable requests; an unusable token reaches the handler, which answers 401 with its reason.
        entry = MISSING_AUTHORIZATION if isinstance(error, NotAuthorizedError) else NO_ROUTE
        self._send_gateway_response(entry, dict(error.headers or {}))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 501:  # a method no route uses (TRACE, CONNECT, ...): unroutable, as on API Gateway
            self.close_connection = True
            self._send_gateway_response(NO_ROUTE)
            return
        super().send_error(code, message, explain)


def local_server(
    app: Any,
    config: Any,
    host: str,
    port: int,
    web_root: Path | None = None,
    upload_origins: Sequence[str] = (),
) -> LocalDevServer:
    """``chalice local``'s server (as ``chalice.local.create_local_server`` makes it) with this handler;
    with ``web_root`` (the web app's build, ``web/dist``), the app is served under ``/app/``, its CSP
    letting the browser connect to ``upload_origins`` (where presigned uploads go) too."""
    if not isinstance(app, CustomLocalChalice):
        CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
        app.__class__ = CustomLocalChalice
    server = LocalDevServer(app, config, host, port, handler_cls=GatewayRequestHandler, server_cls=LocalHTTPServer)
    server.server.live_hub = LiveHub(app)  # type: ignore[attr-defined]
    if web_root is not None:
        server.server.web_app = WebApp(web_root, tuple(upload_origins))  # type: ignore[attr-defined]
    return server
