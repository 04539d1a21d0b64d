"""Live updates (WebSocket): the protocol's messages, the connection a reader holds, and who may
receive which event. Pure: no I/O.

Events carry ids and versions only, never content: a screen that receives one refetches through the
API, which authorizes the read again. The filter below still keeps every event to the readers who
may see its object (docs/security.md, "Live updates").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.identity import Principal, Role, SubscriptionTier

# A reader's authentication is good for this long; the client sends ``auth`` again before it runs
# out (the web app every AUTH_REFRESH), so a session that stops being valid stops receiving events
# within this bound even if no stream record told us (department changes, idle expiry).
AUTH_VALIDITY = timedelta(minutes=10)
AUTH_REFRESH = timedelta(minutes=5)
# The connection item outlives its validity a little, for the $disconnect that comes late.
CONNECTION_TTL = timedelta(hours=2)
# A tenant must not starve the others (the fan-out reads every connection of the organization).
MAX_CONNECTIONS_PER_USER = 10
MAX_CONNECTIONS_PER_ORG = 500
MAX_TOPICS = 10
MAX_MESSAGE_BYTES = 16 * 1024

TOPIC = re.compile(r"^(inbox|dispatch|ticket:[A-Za-z0-9_-]{1,40})$")

# The ticket fields a customer sees change: a change of anything else (assignment notes, tags,
# staff custom fields, SLA bookkeeping) sends a customer nothing.
CUSTOMER_TICKET_FIELDS = (
    "subject",
    "description",
    "status",
    "priority",
    "customer_id",
    "closed_at",
    "resolved_at",
    "is_deleted",
    "merged_into",
)


class LiveError(DesklessError):
    """A protocol error: sent to the client as ``{"type": "error", ...}``, then the connection closes."""


@dataclass(frozen=True)
class AuthMessage:
    token: str


@dataclass(frozen=True)
class WatchMessage:
    topics: tuple[str, ...]


def parse_message(body: str | None) -> AuthMessage | WatchMessage:
    """The client's message, or ``LiveError`` (``invalid_message``) for anything else."""
    if body is None or len(body.encode("utf-8", "replace")) > MAX_MESSAGE_BYTES:
        raise LiveError("A message is a JSON object of at most 16 KiB.", code="invalid_message")
    try:
        data = json.loads(body)
    except ValueError:
        raise LiveError("A message is a JSON object.", code="invalid_message") from None
    if not isinstance(data, dict):
        raise LiveError("A message is a JSON object.", code="invalid_message")
    action = data.get("action")
    if action == "auth":
        token = data.get("token")
        if not isinstance(token, str) or not token or len(token) > 2048:
            raise LiveError("auth needs the bearer token in 'token'.", code="invalid_message")
        return AuthMessage(token)
    if action == "watch":
        topics = data.get("topics")
        if not isinstance(topics, list) or len(topics) > MAX_TOPICS:
            raise LiveError(f"watch needs 'topics', a list of at most {MAX_TOPICS}.", code="invalid_message")
        if not all(isinstance(t, str) and TOPIC.match(t) for t in topics):
            raise LiveError("A topic is 'inbox', 'dispatch' or 'ticket:<number>'.", code="invalid_message")
        return WatchMessage(tuple(dict.fromkeys(topics)))
    raise LiveError("action is 'auth' or 'watch'.", code="invalid_message")


@dataclass(frozen=True)
class Connection:
    """An authenticated WebSocket connection: who reads, and what they watch."""

    connection_id: str
    org_id: str
    user_id: str
    role: Role
    credential_id: str  # the session's id (or the API token's): revoking it drops the connection
    kind: str
    permissions: frozenset[str]
    allowed_actions: frozenset[str] | None
    ticket_number: int | None
    # The departments whose unassigned tickets the reader sees (None: all), read at auth time.
    departments: frozenset[str] | None
    valid_until: datetime
    topics: tuple[str, ...] = ()
    created_at: datetime | None = None

    @property
    def principal(self) -> Principal:
        return Principal(
            org_id=self.org_id,
            user_id=self.user_id,
            role=self.role,
            session_id=self.credential_id,
            permissions=self.permissions,
            org_active=True,
            subscription_tier=SubscriptionTier.FREE,
            kind=self.kind,
            allowed_actions=self.allowed_actions,
            ticket_number=self.ticket_number,
        )


@dataclass(frozen=True)
class Event:
    """What a change sends: ids and versions (``body``), the topics it belongs to, and who may get it."""

    body: dict[str, Any]
    topics: tuple[str, ...]
    audience: Any = field(compare=False)  # Callable[[Connection], bool]

    def recipients(self, connections: list[Connection], now: datetime) -> list[Connection]:
        """The connections watching one of the topics, still valid, that may see the object."""
        wanted = set(self.topics)
        return [c for c in connections if c.valid_until > now and wanted.intersection(c.topics) and self.audience(c)]

    def message(self, connection: Connection) -> str:
        topics = [t for t in self.topics if t in connection.topics]
        return json.dumps({**self.body, "topics": topics}, separators=(",", ":"))


@dataclass(frozen=True)
class TicketFacts:
    """What the filter needs to know of a ticket (from a stream image)."""

    number: int
    display: str
    customer_id: str
    assigned_agent_id: str | None
    department_id: str | None


def sees_ticket(connection: Connection, ticket: TicketFacts) -> bool:
    """``services.ticket_scope.Reader.sees`` on what the connection recorded at auth time."""
    p = connection.principal
    if not policy.can_see_ticket(p, ticket.customer_id, ticket.assigned_agent_id, ticket.number):
        return False
    if ticket.assigned_agent_id is not None or ticket.department_id is None:
        return True
    return policy.can_see_ticket(
        p,
        ticket.customer_id,
        None,
        ticket.number,
        department_id=ticket.department_id,
        departments=connection.departments,
    )


def is_staff(connection: Connection) -> bool:
    return connection.role is not Role.CUSTOMER and connection.ticket_number is None


def customer_visible_change(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether a ticket change touches what a customer sees (a creation or deletion always does)."""
    if not old or not new:
        return True
    return any(old.get(f) != new.get(f) for f in CUSTOMER_TICKET_FIELDS)


def error_message(code: str, message: str) -> str:
    """The protocol's error message (sent before the connection closes)."""
    return json.dumps({"type": "error", "code": code, "message": message}, separators=(",", ":"))


def ready_message() -> str:
    """Sent once ``auth`` succeeded: when to send ``auth`` again (before the validity runs out)."""
    return json.dumps(
        {
            "type": "ready",
            "auth_refresh_seconds": int(AUTH_REFRESH.total_seconds()),
            "valid_seconds": int(AUTH_VALIDITY.total_seconds()),
        },
        separators=(",", ":"),
    )


def watching_message(connection: Connection) -> str:
    return json.dumps({"type": "watching", "topics": list(connection.topics)}, separators=(",", ":"))
