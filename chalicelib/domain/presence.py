"""Collision detection: who else is viewing or replying to a ticket right now. Pure rules, no storage.

Each staff member on a ticket has one presence entry, renewed by a heartbeat every
``HEARTBEAT_SECONDS`` and live for ``EXPIRY_SECONDS`` after the last one: a closed tab simply
stops renewing it. DynamoDB's TTL deletes expired entries lazily (up to days later), so every
read drops them itself (``live``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.entity import Entity
from chalicelib.domain.tickets import Comment, CommentType

HEARTBEAT_SECONDS = 20
EXPIRY_SECONDS = 60


class PresenceState(StrEnum):
    VIEWING = "viewing"
    REPLYING = "replying"


class Presence(Entity):
    """One staff member on one ticket: their display name is kept on it so reads look up no users."""

    user_id: str
    name: str
    state: PresenceState
    since: datetime  # when they entered this state (viewing, then replying) on this visit
    expires_at: datetime


def is_live(entry: Presence, now: datetime) -> bool:
    return entry.expires_at > now


def live(entries: Iterable[Presence], now: datetime, reader_id: str | None = None) -> list[Presence]:
    """The entries not yet expired, without the reader's own: replying first, then longest there first."""
    shown = [e for e in entries if is_live(e, now) and e.user_id != reader_id]
    return sorted(shown, key=lambda e: (e.state is not PresenceState.REPLYING, e.since, e.user_id))


def heartbeat(previous: Presence | None, user_id: str, name: str, state: PresenceState, now: datetime) -> Presence:
    """The caller's entry after a heartbeat: ``since`` carries on while they stay in the same state
    on a visit that has not lapsed, and restarts when the state changes or the entry expired."""
    continuing = previous is not None and is_live(previous, now) and previous.state is state
    return Presence(
        user_id=user_id,
        name=name,
        state=state,
        since=previous.since if continuing and previous is not None else now,
        expires_at=now + timedelta(seconds=EXPIRY_SECONDS),
    )


MAX_NEWER_SHOWN = 50  # newer comments a 409 newer_reply carries (the newest ones), like a page of comments


def newer_replies(
    newest_first: Iterable[Comment], seen_comment_id: str, reader_id: str, public_only: bool
) -> list[Comment] | None:
    """The comments of others after ``seen_comment_id`` (``""``: the reader was shown none), oldest
    first, at most ``MAX_NEWER_SHOWN`` (the newest). ``public_only`` (customers): internal notes are
    neither shown, nor counted, nor a comment the reader can have seen. None when
    ``seen_comment_id`` is not a comment of the ticket the reader can see.

    Reads ``newest_first`` only as far as it must: to the seen comment, or (``""``) to a full list.
    """
    newer: list[Comment] = []
    for comment in newest_first:
        if public_only and comment.comment_type is not CommentType.PUBLIC:
            continue
        if comment.id == seen_comment_id:
            return newer[::-1]
        if comment.author_id != reader_id and len(newer) < MAX_NEWER_SHOWN:
            newer.append(comment)
            if not seen_comment_id and len(newer) == MAX_NEWER_SHOWN:
                break
    return newer[::-1] if not seen_comment_id else None
