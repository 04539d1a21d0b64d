"""Where the current unit of work came from: set by the API middleware per request (request id,
caller address, user agent), read by the audit log. Jobs (schedules, the stream) have none."""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    request_id: str | None = None
    ip_address: str | None = None
    user_agent: str | None = None


_current: ContextVar[Origin | None] = ContextVar("origin", default=None)


def set_origin(origin: Origin) -> Token[Origin | None]:
    return _current.set(origin)


def reset_origin(token: Token[Origin | None]) -> None:
    _current.reset(token)


def current() -> Origin | None:
    return _current.get()
