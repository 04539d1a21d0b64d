"""Merge and split writes: copies of a source's comments and attachment records in the target's
item collection, and the split guard.

| item | PK | SK |
|---|---|---|
| comment / attachment copy | ``ORG#o#TICKET#<target>`` | the source item's SK (same time, same id) |
| split guard | ``ORG#o#TICKET#n`` | ``SPLIT#<comment id>`` (the new ticket's number) |

A merge's last transaction (``TRANSACTION_ITEMS`` at most, DynamoDB's limit) closes the source and
updates the target, both conditional on the versions read, with as many copies as fit; when the
source has more, the rest are written first by transactions of copies only. Copies are plain
overwrites of the same keys, so a retried merge writes each once; until the last transaction adds
the source to the target's ``merged_from``, reads skip them (``domain.tickets.shown_on``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pynamodb.attributes import NumberAttribute

from chalicelib.domain.errors import Conflict
from chalicelib.domain.tickets import Attachment, Comment
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import attachment_item, comment_item, ticket_pk
from chalicelib.store.transactions import Operation, Put, transact_write

TRANSACTION_ITEMS = 100  # TransactWriteItems' limit


def copy_operations(comments: Sequence[Comment], attachments: Sequence[Attachment]) -> list[Operation]:
    """Overwrites of the copies (no condition: the same copy written again is the same item)."""
    return [
        *(Put(comment_item(c), check_version=False) for c in comments),
        *(Put(attachment_item(a), check_version=False) for a in attachments),
    ]


def write_merge(final: Sequence[Operation], copies: Sequence[Operation]) -> int:
    """Write ``copies`` and then ``final`` (the source's closing and the target's update, version
    conditioned) with the copies that fit: the final transaction lands last, so it commits only
    with every copy in place. Returns the number of transactions written."""
    room = TRANSACTION_ITEMS - len(final)
    if room < 0:
        raise ValueError("the merge's own writes exceed one transaction")
    split = max(0, len(copies) - room)
    early, late = list(copies[:split]), list(copies[split:])
    written = 0
    for start in range(0, len(early), TRANSACTION_ITEMS):
        transact_write(early[start : start + TRANSACTION_ITEMS])
        written += 1
    transact_write([*final, *late])
    return written + 1


class SplitGuardItem(TableItem, discriminator="TicketSplit"):
    """One comment split off into a ticket: the new ticket's number (splitting it again answers that ticket)."""

    number = NumberAttribute()


def split_sk(comment_id: str) -> str:
    return f"SPLIT#{comment_id}"


def split_guard_put(org_id: str, original: int, comment_id: str, number: int) -> Put:
    """Written with the new ticket: 409 ``already_split`` when the comment was split meanwhile."""
    item = SplitGuardItem(PK=ticket_pk(org_id, original), SK=split_sk(comment_id), number=number)
    return Put(
        item,
        condition=TableItem.PK.does_not_exist(),
        on_conflict=Conflict("This comment was split off already.", code="already_split"),
    )


def split_of(org_id: str, original: int, comment_id: str) -> int | None:
    """The ticket a comment was split into, if it was (one GetItem)."""
    try:
        return int(SplitGuardItem.get(ticket_pk(org_id, original), split_sk(comment_id)).number)
    except SplitGuardItem.DoesNotExist:
        return None
