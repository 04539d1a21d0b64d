"""The WebSocket API's handlers (``$connect``, ``$default``, ``$disconnect``): the live-update
protocol of docs/api.md ("Live updates"). Thin: parsing and answers here, rules in services/live.py.

No token travels in the URL: ``$connect`` accepts everyone and records nothing; the first message
must be ``{"action": "auth", "token": ...}``. A refused message is answered with
``{"type": "error", "code", "message"}`` and the connection is closed.

No route module here (no ``Api``, no ``api.http``): the WebSocket functions load this module and
what it uses, never the REST API's routes and models (docs/architecture.md "Cold start").
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain import live
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.live import AuthMessage, LiveError
from chalicelib.observability import count, logger

OK: dict[str, Any] = {"statusCode": 200}


def connect(connection_id: str) -> dict[str, Any]:
    """Accept the upgrade: nothing is written until ``auth``."""
    count("LiveConnects", 1)
    return OK


def message(connection_id: str, body: str | None, source_ip: str | None = None) -> dict[str, Any]:
    """One client message: ``auth`` (admit or renew) or ``watch`` (topics). An error is sent as a
    message, then the connection is closed (the client falls back to polling). Every message spends
    its client address's budget, as a public route's request does (docs/api.md, "Rate limits")."""
    from chalicelib.channels import live as sender
    from chalicelib.services import live as service
    from chalicelib.services import ratelimit

    decision = ratelimit.admit(ratelimit.address_bucket(source_ip))
    if not decision.allowed:
        _refuse(connection_id, "rate_limited", f"Too many messages; retry in {decision.reset} s.")
        return OK
    try:
        parsed = live.parse_message(body)
        if isinstance(parsed, AuthMessage):
            service.authenticate(connection_id, parsed.token)
            sender.send(connection_id, live.ready_message())
        else:
            connection = service.watch(connection_id, parsed.topics)
            sender.send(connection_id, live.watching_message(connection))
    except LiveError as exc:
        _refuse(connection_id, exc.code, exc.message)
    except DesklessError as exc:
        logger.warning("live message refused", extra={"code": exc.code})
        _refuse(connection_id, exc.code, exc.message)
    return OK


def source_ip(event: dict[str, Any]) -> str | None:
    """The client's address API Gateway states (``requestContext.identity.sourceIp``)."""
    identity = (event.get("requestContext") or {}).get("identity") or {}
    address = identity.get("sourceIp")
    return str(address) if address else None


def _refuse(connection_id: str, code: str, text: str) -> None:
    from chalicelib.channels import live as sender
    from chalicelib.services import live as service

    count("LiveErrors", 1)
    sender.send(connection_id, live.error_message(code, text))
    sender.close(connection_id)
    service.disconnect(connection_id)


def disconnect(connection_id: str) -> dict[str, Any]:
    """The connection closed (either side): forget it."""
    from chalicelib.services import live as service

    service.disconnect(connection_id)
    return OK
