"""Collision detection: staff announce that they view or reply to a ticket (a heartbeat) and see
who else does. The newer-reply check of a comment lives with the comment's write
(``tickets.add_comment``)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.auth import policy
from chalicelib.domain import presence
from chalicelib.domain.clock import utcnow
from chalicelib.domain.identity import Principal
from chalicelib.domain.presence import Presence, PresenceState
from chalicelib.services import tickets
from chalicelib.store import identity as identity_store
from chalicelib.store import presence as store


@dataclass(frozen=True)
class Heartbeat:
    """What a heartbeat answers: the others on the ticket and its newest comment's id."""

    presence: list[Presence]
    newest_comment_id: str | None


def _display_name(principal: Principal) -> str:
    user = identity_store.get_user(principal.org_id, principal.user_id)
    return (user.display_name or user.username) if user is not None else principal.user_id


def heartbeat(principal: Principal, number: str, state: PresenceState) -> Heartbeat:
    """Record that the caller views or replies to the ticket for the next minute; answer who else
    is on it. The ticket's read (GetItem: 404 when the caller cannot see it), ONE Query (the entries
    and the newest comment), ONE PutItem; a visit's first heartbeat also reads the caller's user
    once for the display name its entry keeps."""
    ticket = tickets.load_ticket(principal, number)
    policy.require(principal, "tickets.presence")
    now = utcnow()
    entries, newest = store.around(principal.org_id, ticket.number)
    mine = next((e for e in entries if e.user_id == principal.user_id), None)
    continuing = mine is not None and presence.is_live(mine, now)
    name = mine.name if mine is not None and continuing else _display_name(principal)
    store.put(principal.org_id, ticket.number, presence.heartbeat(mine, principal.user_id, name, state, now))
    return Heartbeat(presence.live(entries, now, principal.user_id), newest)


def leave(principal: Principal, number: str) -> None:
    """The caller left the ticket: their entry goes at once (others stop seeing them)."""
    ticket = tickets.load_ticket(principal, number)
    policy.require(principal, "tickets.presence")
    store.delete(principal.org_id, ticket.number, principal.user_id)
