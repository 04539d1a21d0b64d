"""Live updates: admitting WebSocket connections (auth, caps), what they watch, and the fan-out of
change events to the readers allowed to see them (docs/architecture.md, "Live updates").

A connection is anonymous until its first message authenticates it with the same rules as the API
(``identity.authenticate``): until then it is in no organization's list and receives nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from chalicelib.channels import live as sender
from chalicelib.domain import live
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.live import Connection, Event, LiveError
from chalicelib.observability import count, logger
from chalicelib.services import identity, ticket_scope
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import live as store


@retry_on_conflict
def authenticate(connection_id: str, token: str, now: datetime | None = None) -> Connection:
    """Admit the connection for the token's principal, or renew it (``auth`` again on the same
    connection). ``LiveError``: the token is not usable (the API's code), or a cap is reached
    (``too_many_connections``). One BatchGetItem (the token), one Query (the organization's
    connections), one transaction of 3 items; plus the departments Query of a restricted agent."""
    now = now or utcnow()
    try:
        principal = identity.authenticate(f"Bearer {token}", now)
    except Unauthenticated as exc:
        raise LiveError(exc.message, code=exc.code) from exc
    departments = ticket_scope.reader(principal).departments
    generation, existing = store.list_connections(principal.org_id)
    previous = next((c for c in existing if c.connection_id == connection_id), None)
    renewal = previous is not None and previous.user_id == principal.user_id
    if not renewal:
        others = [c for c in existing if c.valid_until > now and c.connection_id != connection_id]
        if len(others) >= live.MAX_CONNECTIONS_PER_ORG:
            count("LiveRefused", 1)
            raise LiveError(
                "Your organization has too many live connections open; the app refreshes by polling.",
                code="too_many_connections",
            )
        if sum(1 for c in others if c.user_id == principal.user_id) >= live.MAX_CONNECTIONS_PER_USER:
            count("LiveRefused", 1)
            raise LiveError("You have too many live connections open; close a tab or two.", code="too_many_connections")
    connection = Connection(
        connection_id=connection_id,
        org_id=principal.org_id,
        user_id=principal.user_id,
        role=principal.role,
        credential_id=principal.session_id,
        kind=principal.kind,
        permissions=principal.permissions,
        allowed_actions=principal.allowed_actions,
        ticket_number=principal.ticket_number,
        departments=departments,
        valid_until=now + live.AUTH_VALIDITY,
        topics=previous.topics if renewal and previous is not None else (),
        created_at=previous.created_at if renewal and previous is not None else now,
    )
    store.admit(connection, generation, now + live.CONNECTION_TTL, renewal=renewal)
    return connection


def watch(connection_id: str, topics: tuple[str, ...]) -> Connection:
    """Replace what an authenticated connection watches; ``LiveError(auth_required)`` before ``auth``.
    One GetItem (the directory), one GetItem and one PutItem (the connection)."""
    org_id = store.org_of(connection_id)
    updated = store.set_topics(org_id, connection_id, topics) if org_id is not None else None
    if updated is None:
        raise LiveError('Send {"action": "auth", "token": ...} first.', code="auth_required")
    return updated


def disconnect(connection_id: str) -> None:
    """Forget a closed connection: one GetItem (its directory item), one transaction (2 deletes)."""
    org_id = store.org_of(connection_id)
    if org_id is not None:
        store.forget(org_id, [connection_id])


def is_authenticated(connection_id: str) -> bool:
    return store.org_of(connection_id) is not None


def publish(org_id: str, events: Sequence[Event], now: datetime | None = None) -> int:
    """Send each event to the organization's connections that watch it and may see its object:
    ONE Query for the whole list, one PostToConnection per recipient. Connections found gone (410)
    are deleted. Returns the number of messages sent."""
    if not events or not sender.enabled():
        return 0
    now = now or utcnow()
    _, connections = store.list_connections(org_id)
    if not connections:
        return 0
    sent = 0
    gone: set[str] = set()
    for event in events:
        for connection in event.recipients(connections, now):
            if connection.connection_id in gone:
                continue
            if sender.send(connection.connection_id, event.message(connection)):
                sent += 1
            else:
                gone.add(connection.connection_id)
    if gone:
        store.forget(org_id, sorted(gone))
        count("LiveGone", len(gone))
    count("LiveMessages", sent)
    return sent


def drop(org_id: str, which: Callable[[Connection], bool], reason: str) -> int:
    """Close and forget the organization's connections ``which`` selects (a revoked session, a
    deactivated user): ONE Query, one DeleteConnection each, one transaction per 50. Their clients
    reconnect, and their ``auth`` is refused if the credential is no longer good."""
    _, connections = store.list_connections(org_id)
    doomed = [c.connection_id for c in connections if which(c)]
    if not doomed:
        return 0
    for connection_id in doomed:
        sender.send(connection_id, live.error_message("session_ended", reason))
        sender.close(connection_id)
    store.forget(org_id, doomed)
    logger.info("live connections dropped", extra={"org_id": org_id, "connections": len(doomed)})
    return len(doomed)
