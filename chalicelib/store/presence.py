"""Presence entries (collision detection) and the comment reads the newer-reply check makes.

The entries live in the ticket's item collection (``store.tickets``: ``ORG#o#TICKET#n`` /
``TICKET#PRESENCE#<user>``), after the comments, so:

- ``GET /tickets/{n}``'s one Query of the collection reads them too (``read_ticket_collection``);
  ``entries`` reads them alone when that Query stopped at a full page of comments;
- the heartbeat's ONE Query (``around``) reads the collection backwards from its end: the entries,
  then the newest comment, and stops there.
"""

from __future__ import annotations

from collections.abc import Iterator

from chalicelib.domain.presence import Presence
from chalicelib.domain.tickets import Comment
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import (
    PRESENCE_PREFIX,
    CommentItem,
    PresenceItem,
    presence_sk,
    ticket_pk,
    to_comment,
    to_presence,
)

COMMENT_PREFIX = "TICKET#COMMENT#"
# Just past every presence key ("$" follows "#"): the heartbeat's range ends there.
PRESENCE_END = PRESENCE_PREFIX[:-1] + "$"
# Query Limit: a few entries and the newest comment fit one page; each item read past what the
# heartbeat needs is capacity paid (comments can be 20 KB), so the page stays small.
HEARTBEAT_PAGE = 4
NEWER_PAGE = 10  # the comment a client shows is usually the newest or close to it


def put(org_id: str, number: int, entry: Presence) -> None:
    """Write the caller's entry, overwriting their previous one: one PutItem (1 WCU), unconditional
    (a heartbeat is the latest word on where its sender is)."""
    item = PresenceItem(
        PK=ticket_pk(org_id, number),
        SK=presence_sk(entry.user_id),
        data=entry.model_dump(mode="json"),
        expires_at=entry.expires_at,
    )
    item.save(add_version_condition=False)


def delete(org_id: str, number: int, user_id: str) -> None:
    """Remove the caller's entry (they left the ticket): one DeleteItem; none there is fine."""
    PresenceItem(PK=ticket_pk(org_id, number), SK=presence_sk(user_id)).delete(add_version_condition=False)


def around(org_id: str, number: int) -> tuple[list[Presence], str | None]:
    """Every presence entry of the ticket (expired ones included) and the id of its newest comment
    (any type): ONE Query, newest key first, from the last entry down to the newest comment."""
    entries: list[Presence] = []
    newest: str | None = None
    for item in TableItem.query(
        ticket_pk(org_id, number),
        TableItem.SK.between(COMMENT_PREFIX, PRESENCE_END),
        scan_index_forward=False,
        page_size=HEARTBEAT_PAGE,
    ):
        if isinstance(item, PresenceItem):
            entries.append(to_presence(item))
        elif isinstance(item, CommentItem):
            newest = to_comment(item).id
            break
    return entries, newest


def entries(org_id: str, number: int) -> list[Presence]:
    """The ticket's presence entries alone (expired ones included): ONE Query."""
    return [
        to_presence(item)
        for item in PresenceItem.query(ticket_pk(org_id, number), PresenceItem.SK.startswith(PRESENCE_PREFIX))
    ]


def comments_newest_first(org_id: str, number: int) -> Iterator[Comment]:
    """The ticket's comments, newest first, read with strong consistency: the newer-reply check runs
    inside the comment's retried write, so a comment committed before it must be seen. One Query,
    paged lazily (the caller stops when it found what it looks for)."""
    for item in CommentItem.query(
        ticket_pk(org_id, number),
        CommentItem.SK.startswith(COMMENT_PREFIX),
        scan_index_forward=False,
        consistent_read=True,
        page_size=NEWER_PAGE,
    ):
        yield to_comment(item)
