"""The local stack's HTTP front: ``chalice local`` answering as the deployed gateway does.

``chalice local`` answers requests it cannot route with API Gateway's default bodies
(``{"message": "Unauthorized"}``, a 403 "Missing Authentication Token") and Python's HTML page for
methods it has no handler for (501 for TRACE). The deployed API replaces those with the project's
error shape (chalicelib/api/gateway.py); this handler sends the same bodies, so a client of
``make run`` sees what a client of the deployed API sees.
"""

from __future__ import annotations

from typing import Any

from chalice.local import (
    ChaliceRequestHandler,
    CustomLocalChalice,
    LocalChalice,
    LocalDevServer,
    LocalGatewayException,
    NotAuthorizedError,
)

from chalicelib.api.gateway import NO_ROUTE, UNAUTHORIZED, GatewayResponse


class GatewayRequestHandler(ChaliceRequestHandler):
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
        # The authorizer never denies (it lets unusable tokens through for the route to answer 401),
        # so the gateway refuses only a missing Authorization header and unroutable requests.
        entry = UNAUTHORIZED if isinstance(error, NotAuthorizedError) else NO_ROUTE
        self._send_gateway_response(entry, dict(error.headers or {}))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 501:  # a method no route uses (TRACE, CONNECT, ...): unroutable, as on API Gateway
            self.close_connection = True
            self._send_gateway_response(NO_ROUTE)
            return
        super().send_error(code, message, explain)


def local_server(app: Any, config: Any, host: str, port: int) -> LocalDevServer:
    """``chalice local``'s server (as ``chalice.local.create_local_server`` makes it) with this handler."""
    if not isinstance(app, CustomLocalChalice):
        CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
        app.__class__ = CustomLocalChalice
    return LocalDevServer(app, config, host, port, handler_cls=GatewayRequestHandler)
