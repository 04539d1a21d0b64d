"""Ticket items: the ticket, its comments and history in one item collection, plus the queues.

| item | PK | SK | indexes |
|---|---|---|---|
| ticket counter | ``ORG#o`` | ``COUNTER#TICKET`` | |
| ticket | ``ORG#o#TICKET#n`` | ``TICKET`` | GSI1-4 (below) |
| comment | ``ORG#o#TICKET#n`` | ``TICKET#COMMENT#<created>#<id>`` | |
| history | ``ORG#o#TICKET#n`` | ``HISTORY#<created>#<id>`` | |
| index entry | ``ORG#o#TICKET#n`` | ``INDEX#priority``, ``INDEX#sla_due``, ``INDEX#creator`` | GSI5 |
| presence | ``ORG#o#TICKET#n`` | ``TICKET#PRESENCE#<user>`` | TTL 60 s |

Queues, each sorted by ``<updated>#<n>``: GSI1 ``ORG#o#STATUS#<s>``, GSI2
``ORG#o#ASSIGNEE#<u or NONE>``, GSI3 ``ORG#o#REQUESTER#<u>``, GSI4 ``ORG#o#TICKETS``; and
GSI5 ``ORG#o#TICKETS`` / ``<created>#<n>`` (keys only) for ``sort=created_at``. GSI5 is overloaded
with the ticket's index entries (keys only, written with the ticket when their key changes):
``ORG#o#TICKETS#PRIORITY`` / ``<rank>#<n>``, ``ORG#o#TICKETS#SLADUE`` / ``<next SLA due or ~>#<n>``,
``ORG#o#CREATEDBY#<u>`` / ``<created>#<n>``.
A deleted ticket keeps only GSI3 ``ORG#o#REQUESTER#<u>#DELETED`` and GSI4 ``ORG#o#TICKETS#DELETED`` (the trash).

The ticket with its comments (and attachments, ``TICKET#ATTACH#...``, and who is on it,
``TICKET#PRESENCE#...`` after the comments) is ONE Query (``begins_with(SK, "TICKET")``); history
sorts apart so it never inflates that read. A deleted ticket carries none of the queues' keys, so
it leaves every queue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import BooleanAttribute, JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.expressions.condition import Condition

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.presence import Presence
from chalicelib.domain.sla import SLAPolicy
from chalicelib.domain.tickets import (
    ACTIVE,
    PRIORITY_RANK,
    Attachment,
    Comment,
    CommentType,
    HistoryEntry,
    Status,
    Ticket,
    shown_on,
    sla_due_at,
    stored_data,
)
from chalicelib.store.cursor import encode_cursor
from chalicelib.store.keys import org_pk, retention_keys, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.queue_counts import queue_count_operations
from chalicelib.store.reports import report_operations
from chalicelib.store.search import SearchDocItem  # noqa: F401  (registers the document kept in a ticket's partition)
from chalicelib.store.table import CompactJSONAttribute, TableItem
from chalicelib.store.ticket_counter import COUNTER_SK as COUNTER_SK
from chalicelib.store.ticket_counter import TicketCounterItem as TicketCounterItem
from chalicelib.store.transactions import Counter, Delete, Operation, Put, Touch, transact_write

UNASSIGNED = "NONE"


class AgentLoadItem(TableItem, discriminator="AgentLoad"):
    """Active tickets assigned to one agent: kept in the same transactions as the tickets."""

    open_tickets = NumberAttribute(default=0)


class TicketItem(TableItem, discriminator="Ticket"):
    org_id = UnicodeAttribute()
    number = NumberAttribute()
    data = CompactJSONAttribute()  # the Ticket entity (validated by pydantic on the way out)
    status = UnicodeAttribute()
    priority = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    assigned_agent_id = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()


class CommentItem(TableItem, discriminator="TicketComment"):
    data = JSONAttribute()
    has_attachments = BooleanAttribute(default=False)


class AttachmentItem(TableItem, discriminator="TicketAttachment"):
    data = JSONAttribute()
    download_count = NumberAttribute(default=0)


class PresenceItem(TableItem, discriminator="TicketPresence"):
    """One staff member on a ticket (collision detection): overwritten by each heartbeat, its TTL
    ``expires_at`` a minute ahead. Defined here, with the other items of the ticket's collection,
    so every read of the collection knows its type."""

    data = JSONAttribute()  # the Presence entity (expires_at to the microsecond; the TTL has seconds)


# Sorts after every comment: the ticket read meets the entries once it has read all the comments,
# and the heartbeat reads backwards from them to the newest comment.
PRESENCE_PREFIX = "TICKET#PRESENCE#"


def presence_sk(user_id: str) -> str:
    return PRESENCE_PREFIX + user_id


def to_presence(item: PresenceItem) -> Presence:
    return Presence.model_validate(item.data)


class TicketIndexEntryItem(TableItem, discriminator="TicketIndexEntry"):
    """One ticket's place in an order GSI5 serves besides creation time: keys only, no data."""


class TicketEventItem(TableItem, discriminator="TicketEvent"):
    """Something that happened to a ticket that rules and notifications react to (via the stream)."""

    event_type = UnicodeAttribute()
    data = JSONAttribute()


def event_put(org_id: str, number: int, event_type: str, at: datetime, data: dict[str, Any], key: str = "") -> Put:
    """An event item; ``key`` tells apart events of one type at the same moment (e.g. the SLA target)."""
    item = TicketEventItem(
        PK=ticket_pk(org_id, number),
        SK=f"EVENT#{iso(at)}#{event_type}" + (f"#{key}" if key else ""),
        event_type=event_type,
        data=data,
        expires_at=at + timedelta(days=30),
    )
    return Put(item, condition=TableItem.PK.does_not_exist())


class HistoryItem(TableItem, discriminator="TicketHistory"):
    data = JSONAttribute()


def ticket_pk(org_id: str, number: int) -> str:
    return tenant_key(org_id, "TICKET", number)


def _queue_sk(ticket: Ticket) -> str:
    return f"{iso(ticket.updated_at)}#{ticket.number:012d}"


def _created_sk(ticket: Ticket) -> str:
    return f"{iso(ticket.created_at)}#{ticket.number:012d}"


# The index entries' partitions on GSI5 (the ticket item's own GSI5 partition is ``ORG#o#TICKETS``).
ENTRY_ORDERS = {"priority": "PRIORITY", "sla_due_at": "SLADUE"}
NO_DUE = "~"  # sorts after every ISO date: tickets without a pending SLA due come last (first with -sla_due_at)


def _entry(ticket: Ticket, name: str, partition: str, sort_value: str) -> TicketIndexEntryItem:
    item = TicketIndexEntryItem(PK=ticket_pk(ticket.org_id, ticket.number), SK=f"INDEX#{name}")
    item.GSI5PK, item.GSI5SK = partition, f"{sort_value}#{ticket.number:012d}"
    return item


def department_partition(org_id: str, department_id: str | None, unassigned: bool = False) -> str:
    """GSI5 ``ORG#o#DEPT#<d or NONE>`` (``...#UNASSIGNED``): one department's queue by update time."""
    parts = ["DEPT", department_id or "NONE"] + (["UNASSIGNED"] if unassigned else [])
    return tenant_key(org_id, *parts)


def index_entries(ticket: Ticket) -> list[TicketIndexEntryItem]:
    """Every index entry of ``ticket`` (none when deleted): its place in the priority order, the
    SLA due order, its creator's list and its department's queue (and, unassigned, that queue's
    unassigned part) by update time. Also what a backfill writes for tickets stored before."""
    if ticket.is_deleted:
        return []
    due = sla_due_at(ticket)
    updated = iso(ticket.updated_at)
    entries = [
        _entry(
            ticket, "priority", tenant_key(ticket.org_id, "TICKETS", "PRIORITY"), str(PRIORITY_RANK[ticket.priority])
        ),
        _entry(ticket, "sla_due", tenant_key(ticket.org_id, "TICKETS", "SLADUE"), iso(due) if due else NO_DUE),
        _entry(ticket, "creator", tenant_key(ticket.org_id, "CREATEDBY", ticket.created_by_id), iso(ticket.created_at)),
        _entry(ticket, "department", department_partition(ticket.org_id, ticket.department_id), updated),
    ]
    if ticket.assigned_agent_id is None:
        partition = department_partition(ticket.org_id, ticket.department_id, unassigned=True)
        entries.append(_entry(ticket, "department_unassigned", partition, updated))
    return entries


def _index_entry_operations(before: Ticket | None, after: Ticket) -> list[Operation]:
    """Write the entries whose key changed, delete those that went (soft delete), in the ticket's
    transaction; the ticket's version guards them, as it guards the deadline items."""
    old = {e.SK: (e.GSI5PK, e.GSI5SK) for e in index_entries(before)} if before is not None else {}
    new = {e.SK: e for e in index_entries(after)}
    operations: list[Operation] = [
        Put(e, check_version=False) for sk, e in new.items() if old.get(sk) != (e.GSI5PK, e.GSI5SK)
    ]
    for sk in old.keys() - new.keys():
        stub = TicketIndexEntryItem(PK=ticket_pk(after.org_id, after.number), SK=sk)
        operations.append(Delete(stub, check_version=False))
    return operations


def ticket_item(ticket: Ticket) -> TicketItem:
    item = TicketItem(
        PK=ticket_pk(ticket.org_id, ticket.number),
        SK="TICKET",
        org_id=ticket.org_id,
        number=ticket.number,
        data=stored_data(ticket),
        status=ticket.status.value,
        priority=ticket.priority.value,
        customer_id=ticket.customer_id,
        assigned_agent_id=ticket.assigned_agent_id,
        updated_at=iso(ticket.updated_at),
    )
    if not ticket.is_deleted:
        sk = _queue_sk(ticket)
        item.GSI1PK, item.GSI1SK = tenant_key(ticket.org_id, "STATUS", ticket.status.value), sk
        item.GSI2PK, item.GSI2SK = tenant_key(ticket.org_id, "ASSIGNEE", ticket.assigned_agent_id or UNASSIGNED), sk
        item.GSI3PK, item.GSI3SK = tenant_key(ticket.org_id, "REQUESTER", ticket.customer_id), sk
        item.GSI4PK, item.GSI4SK = tenant_key(ticket.org_id, "TICKETS"), sk
        item.GSI5PK, item.GSI5SK = tenant_key(ticket.org_id, "TICKETS"), _created_sk(ticket)
    else:
        # Out of every queue, but its requester's data export and erasure, and the trash, still find it.
        item.GSI3PK, item.GSI3SK = (
            tenant_key(ticket.org_id, "REQUESTER", ticket.customer_id, "DELETED"),
            _queue_sk(ticket),
        )
        item.GSI4PK, item.GSI4SK = tenant_key(ticket.org_id, "TICKETS", "DELETED"), _queue_sk(ticket)
    ended = ticket.deleted_at if ticket.is_deleted else ticket.closed_at
    if ended is not None and ticket.anonymized_at is None:
        # Closed (or deleted) tickets age towards the organization's ticket retention.
        item.DUEPK, item.DUESK = retention_keys(ticket.org_id, "tickets", f"{iso(ended)}#{ticket.number:012d}")
    return item


def to_ticket(item: TicketItem) -> Ticket:
    return Ticket.model_validate({**item.data, "version": item.version or 1})


def reindexed(item: TicketItem) -> TicketItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = ticket_item(to_ticket(item))
    rebuilt.version = item.version
    return rebuilt


def comment_sk(comment: Comment) -> str:
    return f"TICKET#COMMENT#{iso(comment.created_at)}#{comment.id}"


def comment_item(comment: Comment) -> CommentItem:
    item = CommentItem(
        PK=ticket_pk(comment.org_id, comment.ticket_number),
        SK=comment_sk(comment),
        data=comment.model_dump(mode="json", exclude={"has_attachments"}),
        has_attachments=comment.has_attachments,
    )
    item.DUEPK, item.DUESK = retention_keys(comment.org_id, "comments", iso(comment.created_at))
    return item


def to_comment(item: CommentItem) -> Comment:
    return Comment.model_validate({**item.data, "has_attachments": bool(item.has_attachments)})


def history_item(entry: HistoryEntry) -> HistoryItem:
    item = HistoryItem(
        PK=ticket_pk(entry.org_id, entry.ticket_number),
        SK=f"HISTORY#{iso(entry.created_at)}#{entry.id}",
        data=entry.model_dump(mode="json"),
    )
    item.DUEPK, item.DUESK = retention_keys(entry.org_id, "history", iso(entry.created_at))
    return item


def attachment_sk(attachment_id: str) -> str:
    return f"TICKET#ATTACH#{attachment_id}"


def attachment_item(attachment: Attachment) -> AttachmentItem:
    item = AttachmentItem(
        PK=ticket_pk(attachment.org_id, attachment.ticket_number),
        SK=attachment_sk(attachment.id),
        data=attachment.model_dump(mode="json", exclude={"download_count"}),
        download_count=attachment.download_count,
    )
    item.DUEPK, item.DUESK = retention_keys(attachment.org_id, "attachments", iso(attachment.uploaded_at))
    return item


def attachment_put(attachment: Attachment) -> Put:
    """A new attachment record, for a caller's transaction (mail attachments written with their comment)."""
    return Put(attachment_item(attachment), check_version=False)


def to_attachment(item: AttachmentItem) -> Attachment:
    return Attachment.model_validate({**item.data, "download_count": int(item.download_count or 0)})


def get_attachment(org_id: str, number: int, attachment_id: str) -> Attachment | None:
    try:
        return to_attachment(AttachmentItem.get(ticket_pk(org_id, number), attachment_sk(attachment_id)))
    except AttachmentItem.DoesNotExist:
        return None


def count_download(org_id: str, number: int, attachment_id: str) -> None:
    """ADD 1 to download_count (no version: concurrent downloads all count)."""
    AttachmentItem._get_connection().update_item(
        ticket_pk(org_id, number),
        attachment_sk(attachment_id),
        actions=[AttachmentItem.download_count.add(1)],
        condition=AttachmentItem.PK.exists(),
    )


def add_attachment(
    ticket: Ticket,
    previous: Ticket,
    attachment: Attachment,
    history: Sequence[HistoryEntry],
    comments: Sequence[Comment] = (),
) -> Ticket:
    """The attachment record with the ticket's new version and history, atomically."""
    item = ticket_item(ticket)
    item.version = previous.version
    stale = Conflict("The ticket was changed by someone else; reload it.", code="stale_version")
    transact_write(
        [
            Put(item, on_conflict=stale),
            *_index_entry_operations(previous, ticket),
            *queue_count_operations(previous, ticket),
            Put(attachment_item(attachment), condition=TableItem.PK.does_not_exist()),
            *(Put(history_item(h)) for h in history),
            *(
                Touch(
                    CommentItem,
                    ticket_pk(c.org_id, c.ticket_number),
                    comment_sk(c),
                    [CommentItem.has_attachments.set(True)],
                )
                for c in comments
            ),
        ]
    )
    return ticket.model_copy(update={"version": previous.version + 1})


def allocate_number(org_id: str) -> int:
    """The next ticket number: an atomic ADD on the per-org counter (gaps possible, duplicates never)."""
    data = TicketCounterItem._get_connection().update_item(
        org_pk(org_id),
        COUNTER_SK,
        actions=[TicketCounterItem.next_number.add(1), TicketCounterItem.type.set(TicketCounterItem)],  # type: ignore[arg-type]
        return_values="UPDATED_NEW",
    )
    return int(data["Attributes"]["next_number"]["N"])


LoadLimit = tuple[str, int | None] | None


def _counted_agent(ticket: Ticket | None) -> str | None:
    if ticket is None or ticket.is_deleted or ticket.status not in ACTIVE:
        return None
    return ticket.assigned_agent_id


def _load_operations(before: Ticket | None, after: Ticket, limit: LoadLimit) -> list[Operation]:
    """Move one unit of load between agents when the counted assignee changes.

    ``limit`` = (agent id, max) applies the agent's max_concurrent_tickets to a new assignment.
    """
    old, new = _counted_agent(before), _counted_agent(after)
    if old == new:
        return []
    operations: list[Operation] = []
    pk = org_pk(after.org_id)
    if old:
        operations.append(Counter(AgentLoadItem, pk, f"AGENTLOAD#{old}", AgentLoadItem.open_tickets, -1))
    if new:
        below = limit[1] if limit and limit[0] == new else None
        full = RuleViolation(
            "The agent is at their max_concurrent_tickets; a manager can assign with force.",
            code="agent_at_capacity",
        )
        operations.append(Counter(AgentLoadItem, pk, f"AGENTLOAD#{new}", AgentLoadItem.open_tickets, 1, below, full))
    return operations


def agent_load(org_id: str, agent_id: str) -> int:
    try:
        return int(AgentLoadItem.get(org_pk(org_id), f"AGENTLOAD#{agent_id}").open_tickets)
    except AgentLoadItem.DoesNotExist:
        return 0


def _sla_key(ticket: Ticket | None) -> tuple[object, ...]:
    if ticket is None:
        return ()
    return (
        ticket.sla_policy_id,
        ticket.first_response_due,
        ticket.resolution_due,
        ticket.first_response_at,
        ticket.resolved_at,
        ticket.sla_paused_at,
        ticket.is_deleted,
        tuple(ticket.sla_fired),
        ticket.merged_into,
    )


def _deadline_operations(before: Ticket | None, after: Ticket, known: SLAPolicy | None = None) -> list[Operation]:
    """Keep the ticket's SLA deadline items in step with it, in the same transaction.

    Re-planned only when something the deadlines depend on changed; the policy is read then, unless
    the caller hands it over (``known``: the policy the ticket was just stamped with, or the sweep's
    per-run cache). A target is deleted only where ``before`` may have left an item: a ticket
    without an SLA writes no deadline deletes.
    """
    if _sla_key(before) == _sla_key(after):
        return []
    from chalicelib.domain.deadlines import may_be_stored, plan
    from chalicelib.domain.sla import Target
    from chalicelib.store import deadlines, sla

    if known is not None and known.id == after.sla_policy_id:
        policy: SLAPolicy | None = known
    else:
        policy = sla.get_policy(after.org_id, after.sla_policy_id) if after.sla_policy_id else None
    planned = {target: plan(after, policy, target) for target in Target}
    planned = {t: d for t, d in planned.items() if d is not None or may_be_stored(before, t)}
    return deadlines.write_operations(after.org_id, after.number, planned)


def create_ticket(
    ticket: Ticket,
    history: Sequence[HistoryEntry],
    comments: Sequence[Comment] = (),
    load_limit: LoadLimit = None,
    extra: Sequence[Operation] = (),
    policy: SLAPolicy | None = None,
) -> Ticket:
    """Ticket + its first history entries (+ comments, + agent load, + ``extra``) in one transaction;
    409 if the number exists. ``policy``: the SLA policy it was stamped with (not read again)."""
    item = ticket_item(ticket)
    operations: list[Operation] = [
        *extra,
        *_load_operations(None, ticket, load_limit),
        *_deadline_operations(None, ticket, policy),
        *_index_entry_operations(None, ticket),
        *report_operations(None, ticket),
        *queue_count_operations(None, ticket),
        Put(
            item,
            condition=TableItem.PK.does_not_exist(),
            on_conflict=Conflict("Ticket number taken.", code="number_taken"),
        ),
        *(Put(history_item(h)) for h in history),
        *(Put(comment_item(c)) for c in comments),
    ]
    transact_write(operations)
    return ticket.model_copy(update={"version": 1})


def save_ticket(
    ticket: Ticket,
    previous: Ticket,
    history: Sequence[HistoryEntry],
    comments: Sequence[Comment] = (),
    load_limit: LoadLimit = None,
    extra: Sequence[Operation] = (),
    automation: dict[str, Any] | None = None,
    sla_policy: SLAPolicy | None = None,
) -> Ticket:
    """Write ``ticket`` if still at ``previous.version``, with its history (and comments) atomically.

    ``automation`` is the rule chain of an automation engine write; any other write clears it, so
    rules triggered by a person's change start a new chain. ``sla_policy``: the ticket's SLA policy
    when the caller holds it already, so re-planning its deadlines does not read it again.
    """
    ticket = ticket.model_copy(update={"automation": automation})
    transact_write([*save_operations(ticket, previous, history, comments, load_limit, sla_policy), *extra])
    return ticket.model_copy(update={"version": previous.version + 1})


def save_operations(
    ticket: Ticket,
    previous: Ticket,
    history: Sequence[HistoryEntry],
    comments: Sequence[Comment] = (),
    load_limit: LoadLimit = None,
    sla_policy: SLAPolicy | None = None,
) -> list[Operation]:
    """What ``save_ticket`` writes, for a transaction that changes more than one ticket (a link between
    two, a merge, a split): the ticket conditional on ``previous.version`` (409 ``stale_version``), its
    agent load, deadlines, index entries, report and queue counters, history and comments."""
    item = ticket_item(ticket)
    item.version = previous.version
    stale = Conflict("The ticket was changed by someone else; reload it.", code="stale_version")
    return [
        Put(item, on_conflict=stale),
        *_load_operations(previous, ticket, load_limit),
        *_deadline_operations(previous, ticket, sla_policy),
        *_index_entry_operations(previous, ticket),
        *report_operations(previous, ticket),
        *queue_count_operations(previous, ticket),
        *(Put(history_item(h)) for h in history),
        *(Put(comment_item(c)) for c in comments),
    ]


def get_ticket(org_id: str, number: int) -> Ticket | None:
    try:
        return to_ticket(TicketItem.get(ticket_pk(org_id, number), "TICKET"))
    except TicketItem.DoesNotExist:
        return None


COMMENT_PAGE = 50  # comments a ticket's read embeds; the comments list goes on from there


def comments_scope(number: int, public_only: bool) -> str:
    return f"comments:{number}:{public_only}"


@dataclass(frozen=True)
class TicketCollection:
    """What one read of a ticket's item collection found. ``presence`` is None when the read
    stopped at the comments page before reaching the presence entries (more comments than a page)."""

    ticket: Ticket | None
    comments: Page[Comment]
    attachments: list[Attachment]
    presence: list[Presence] | None


def read_ticket_collection(
    org_id: str, number: int, *, public_only: bool = False, limit: int | None = COMMENT_PAGE
) -> TicketCollection:
    """Ticket, its first ``limit`` comments (oldest first; ``public_only``: public ones; ``limit``
    None: all of them) with the comments list's cursor for the rest, its attachment records and
    its presence entries (expired ones included): ONE Query on the item collection, read only as
    far as one comment past the page."""
    ticket: Ticket | None = None
    comments: list[tuple[Comment, CommentItem]] = []
    attachments: list[Attachment] = []
    presence: list[Presence] | None = []
    pk = ticket_pk(org_id, number)
    page_size = limit + 21 if limit is not None else None  # room for the ticket and some attachments
    for item in TableItem.query(pk, TableItem.SK.startswith("TICKET"), page_size=page_size):
        if isinstance(item, TicketItem):
            ticket = to_ticket(item)  # sorts first: the copies below are judged by its merged_from
        elif isinstance(item, CommentItem):
            comment = to_comment(item)
            if public_only and comment.comment_type is not CommentType.PUBLIC:
                continue
            if not shown_on(ticket, comment.merged_from):
                continue
            comments.append((comment, item))
            if limit is not None and len(comments) > limit:
                presence = None  # stopped before the entries, which sort after the comments
                break
        elif isinstance(item, AttachmentItem):
            attachment = to_attachment(item)
            if shown_on(ticket, attachment.merged_from):
                attachments.append(attachment)
        elif isinstance(item, PresenceItem) and presence is not None:
            presence.append(to_presence(item))
    if limit is None or len(comments) <= limit:
        return TicketCollection(ticket, Page([c for c, _ in comments], None), attachments, presence)
    last = comments[limit - 1][1]
    key = {"PK": {"S": str(last.PK)}, "SK": {"S": str(last.SK)}}
    cursor = encode_cursor(org_id, comments_scope(number, public_only), key)
    return TicketCollection(ticket, Page([c for c, _ in comments[:limit]], cursor), attachments, presence)


def get_ticket_with_comments(
    org_id: str, number: int, *, public_only: bool = False, limit: int | None = COMMENT_PAGE
) -> tuple[Ticket | None, Page[Comment], list[Attachment]]:
    """Ticket, its first ``limit`` comments and the cursor for the rest, and its attachment records
    (``read_ticket_collection``: ONE Query)."""
    found = read_ticket_collection(org_id, number, public_only=public_only, limit=limit)
    return found.ticket, found.comments, found.attachments


QUEUES = {"status": "gsi1", "assignee": "gsi2", "requester": "gsi3", "all": "gsi4", "trash": "gsi4"}


def list_queue(
    org_id: str,
    queue: str,
    key: str | None,
    *,
    limit: int,
    cursor: str | None,
    updated_since: datetime | None = None,
    updated_before: datetime | None = None,
    filter_condition: Condition | None = None,
    oldest_first: bool = False,
    keep: Callable[[Ticket], bool] | None = None,
) -> Page[Ticket]:
    """One page of a queue, newest update first (oldest first with ``updated_before`` or
    ``oldest_first``): ONE Query on the queue's index partition (``keep``: only the tickets it
    accepts, the Query reading on until the page is full)."""
    index = getattr(TableItem, QUEUES[queue])
    hash_key = {
        "status": lambda: tenant_key(org_id, "STATUS", key),
        "assignee": lambda: tenant_key(org_id, "ASSIGNEE", key or UNASSIGNED),
        "requester": lambda: tenant_key(org_id, "REQUESTER", key),
        "all": lambda: tenant_key(org_id, "TICKETS"),
        "trash": lambda: tenant_key(org_id, "TICKETS", "DELETED"),
    }[queue]()
    sk_attr = getattr(TableItem, f"GSI{QUEUES[queue][-1]}SK")
    range_condition = sk_attr > iso(updated_since) if updated_since else None
    if updated_before is not None:
        range_condition = sk_attr < iso(updated_before)
    page = query_page(
        index,
        hash_key,
        org_id=org_id,
        scope=f"tickets:{queue}:{key or ''}",
        limit=limit,
        cursor=cursor,
        model=TicketItem,
        range_key_condition=range_condition,
        filter_condition=filter_condition,
        scan_index_forward=updated_before is not None or oldest_first,
        keep=(lambda item: keep(to_ticket(item))) if keep is not None else None,
    )
    return Page([to_ticket(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def _tickets_of(page: Page[TableItem]) -> Page[Ticket]:
    """The tickets behind a page of GSI5 keys (tickets or their entries): ONE BatchGetItem, in the
    index's order."""
    keys = [(str(i.PK), "TICKET") for i in page.items]
    found = {i.PK: i for i in TicketItem.batch_get(keys)} if keys else {}
    # A ticket deleted between the two reads has left the index; it is skipped, not shown.
    tickets = [to_ticket(found[pk]) for pk, _ in keys if pk in found and found[pk].GSI5PK is not None]
    return Page(tickets, page.next_cursor)


def list_by_created(org_id: str, *, newest_first: bool, limit: int, cursor: str | None) -> Page[Ticket]:
    """One page of every live ticket by creation time: ONE Query on GSI5 (keys only), then ONE
    BatchGetItem for the page's tickets."""
    page = query_page(
        TableItem.gsi5,
        tenant_key(org_id, "TICKETS"),
        org_id=org_id,
        scope="tickets:created",
        limit=limit,
        cursor=cursor,
        model=TicketItem,
        scan_index_forward=not newest_first,
    )
    return _tickets_of(page)


def list_department(
    org_id: str,
    department_id: str | None,
    *,
    unassigned: bool,
    oldest_first: bool,
    limit: int,
    cursor: str | None,
    updated_since: datetime | None = None,
) -> Page[Ticket]:
    """One page of one department's queue (None: tickets without a department; ``unassigned``: its
    unassigned tickets), newest update first: ONE Query on the entries' GSI5 partition
    ``ORG#o#DEPT#<d or NONE>[#UNASSIGNED]`` (``updated_since`` bounds its key), then ONE
    BatchGetItem for the page's tickets."""
    partition = department_partition(org_id, department_id, unassigned)
    sk = TableItem.GSI5SK
    page = query_page(
        TableItem.gsi5,
        partition,
        org_id=org_id,
        scope=f"tickets:department:{department_id or ''}:{unassigned}",
        limit=limit,
        cursor=cursor,
        model=TicketIndexEntryItem,
        range_key_condition=sk > iso(updated_since) if updated_since else None,
        scan_index_forward=oldest_first,
    )
    return _tickets_of(page)


def list_by_entry(
    org_id: str, order: str, *, descending: bool, limit: int, cursor: str | None, created_by: str | None = None
) -> Page[Ticket]:
    """One page of every live ticket in ``order`` (``priority``, ``sla_due_at``), or of the tickets
    ``created_by`` one user by creation time: ONE Query on the entries' GSI5 partition, then ONE
    BatchGetItem for the page's tickets."""
    if created_by is not None:
        partition, scope = tenant_key(org_id, "CREATEDBY", created_by), f"tickets:createdby:{created_by}"
    else:
        partition, scope = tenant_key(org_id, "TICKETS", ENTRY_ORDERS[order]), f"tickets:{order}"
    page = query_page(
        TableItem.gsi5,
        partition,
        org_id=org_id,
        scope=scope,
        limit=limit,
        cursor=cursor,
        model=TicketIndexEntryItem,
        scan_index_forward=not descending,
    )
    return _tickets_of(page)


def status_filter(status: Status) -> Condition:
    return TicketItem.status == status.value


def status_in(statuses: Sequence[Status]) -> Condition:
    return TicketItem.status.is_in(*[s.value for s in statuses])


def priority_filter(priority: str) -> Condition:
    return TicketItem.priority == priority


def requester_filter(customer_id: str) -> Condition:
    return TicketItem.customer_id == customer_id


def list_history(org_id: str, number: int, *, limit: int, cursor: str | None) -> Page[HistoryEntry]:
    page = query_page(
        None,
        ticket_pk(org_id, number),
        org_id=org_id,
        scope=f"history:{number}",
        limit=limit,
        cursor=cursor,
        model=HistoryItem,
        range_key_condition=HistoryItem.SK.startswith("HISTORY#"),
    )
    return Page([HistoryEntry.model_validate(i.data) for i in page.items], page.next_cursor)  # type: ignore[attr-defined]


def recent_history(org_id: str, number: int, limit: int) -> list[HistoryEntry]:
    """A ticket's newest ``limit`` history entries, newest first: ONE Query on its partition."""
    query = TableItem.query(
        ticket_pk(org_id, number), TableItem.SK.startswith("HISTORY#"), scan_index_forward=False, limit=limit
    )
    return [HistoryEntry.model_validate(item.data) for item in query if isinstance(item, HistoryItem)]


def recent_comments(org_id: str, number: int, limit: int) -> list[Comment]:
    """A ticket's newest ``limit`` comments, newest first: ONE Query on its partition."""
    query = TableItem.query(
        ticket_pk(org_id, number), TableItem.SK.startswith("TICKET#COMMENT#"), scan_index_forward=False, limit=limit
    )
    return [to_comment(item) for item in query if isinstance(item, CommentItem)]


def list_comments(
    org_id: str, number: int, *, limit: int, cursor: str | None, public_only: bool, merged_from: Sequence[str] = ()
) -> Page[Comment]:
    """Comments oldest first; ``public_only`` (customers) reads on past internal notes until the
    page is full. ``merged_from``: the ticket's merged sources (copies of other sources' comments,
    left by a merge that did not commit, are skipped: ``shown_on``)."""

    def keep(item: CommentItem) -> bool:
        comment = to_comment(item)
        if public_only and comment.comment_type is not CommentType.PUBLIC:
            return False
        return comment.merged_from is None or comment.merged_from in merged_from

    page = query_page(
        None,
        ticket_pk(org_id, number),
        org_id=org_id,
        scope=comments_scope(number, public_only),
        limit=limit,
        cursor=cursor,
        model=CommentItem,
        range_key_condition=CommentItem.SK.startswith("TICKET#COMMENT#"),
        keep=keep,
    )
    return Page([to_comment(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def parse_dt(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def staff_with_load(org_id: str, user_ids: Sequence[str]) -> list[tuple[Any, int]]:
    """Users and their active-ticket counts: ONE BatchGetItem (users + AgentLoad counters)."""
    from chalicelib.store.identity import UserItem, to_user, user_sk

    ids = list(dict.fromkeys(user_ids))
    keys = [(org_pk(org_id), user_sk(u)) for u in ids] + [(org_pk(org_id), f"AGENTLOAD#{u}") for u in ids]
    users: dict[str, Any] = {}
    loads: dict[str, int] = {}
    for item in TableItem.batch_get(keys):
        if isinstance(item, UserItem):
            user = to_user(item)
            users[user.id] = user
        elif isinstance(item, AgentLoadItem):
            loads[item.SK.split("#", 1)[1]] = int(item.open_tickets or 0)
    return [(users[u], loads.get(u, 0)) for u in ids if u in users]


def requested_by(org_id: str, user_id: str) -> list[int]:
    """Numbers of every ticket a person requested, deleted ones included (GSI3 ``ORG#o#REQUESTER#u``
    and ``...#DELETED``), all pages."""
    numbers = []
    for key in (tenant_key(org_id, "REQUESTER", user_id), tenant_key(org_id, "REQUESTER", user_id, "DELETED")):
        numbers += [int(i.number) for i in TicketItem.query(key, index_name="GSI3") if isinstance(i, TicketItem)]
    return numbers


# ---------------------------------------------------------------- filtered reads (saved views, search)


@dataclass(frozen=True)
class Source:
    """One ticket order to read from: a queue partition (``index`` gsi1-gsi4, sorted by
    ``<updated>#<n>``) or one of GSI5's orders (keys only: the tickets are fetched by key)."""

    index: str
    partition: str
    entries: bool = False


@dataclass
class Chunk:
    """What one Query request gave: the tickets with their sort keys, in the Query's order; the
    sort key of the last item DynamoDB evaluated (None: the partition has no more); the items read."""

    tickets: list[tuple[str, Ticket]]
    frontier: str | None
    read: int


def queue_source(org_id: str, queue: str, key: str | None) -> Source:
    """A queue partition as ``list_queue`` reads it (``status``, ``assignee``, ``requester``, ``all``)."""
    partition = {
        "status": lambda: tenant_key(org_id, "STATUS", key),
        "assignee": lambda: tenant_key(org_id, "ASSIGNEE", key or UNASSIGNED),
        "requester": lambda: tenant_key(org_id, "REQUESTER", key),
        "all": lambda: tenant_key(org_id, "TICKETS"),
    }[queue]()
    return Source(QUEUES[queue], partition)


def order_source(org_id: str, order: str) -> Source:
    """The whole organization's live tickets by ``created_at``, ``priority`` or ``sla_due_at`` (GSI5)."""
    if order == "created_at":
        return Source("gsi5", tenant_key(org_id, "TICKETS"), entries=True)
    return Source("gsi5", tenant_key(org_id, "TICKETS", ENTRY_ORDERS[order]), entries=True)


def _range(sk: Any, low: str | None, high: str | None) -> Condition | None:
    if low is not None and high is not None:
        return sk.between(low, high)  # type: ignore[no-any-return]
    if low is not None:
        return sk >= low  # type: ignore[no-any-return]
    if high is not None:
        return sk <= high  # type: ignore[no-any-return]
    return None


def read_chunk(
    source: Source,
    *,
    low: str | None,
    high: str | None,
    descending: bool,
    limit: int,
    filter_condition: Condition | None = None,
) -> Chunk:
    """ONE Query request on ``source`` within the sort keys ``low``..``high`` (inclusive), at most
    ``limit`` items evaluated (``filter_condition`` applies on queue partitions only); for GSI5's
    keys, then ONE BatchGetItem of the tickets. Deleted tickets have left every source."""
    index = getattr(TableItem, source.index)
    sk_name = f"GSI{source.index[-1]}SK"
    response = TableItem._get_connection().query(
        source.partition,
        range_key_condition=_range(getattr(TableItem, sk_name), low, high),
        filter_condition=None if source.entries else filter_condition,
        index_name=index.Meta.index_name,
        scan_index_forward=not descending,
        limit=limit,
    )
    raw = response.get("Items", [])
    last = response.get("LastEvaluatedKey")
    frontier = str(last[sk_name]["S"]) if last else None
    read = int(response.get("ScannedCount", len(raw)))
    items = [TableItem.from_raw_data(r) for r in raw]
    if not source.entries:
        tickets = [(str(getattr(i, sk_name)), to_ticket(i)) for i in items if isinstance(i, TicketItem)]
        return Chunk(tickets, frontier, read)
    keys = [(str(i.PK), "TICKET") for i in items]
    found: dict[str, TicketItem] = {}
    for start in range(0, len(keys), 100):
        found |= {str(t.PK): t for t in TicketItem.batch_get(keys[start : start + 100]) if isinstance(t, TicketItem)}
    tickets = [
        (str(i.GSI5SK), to_ticket(found[str(i.PK)]))
        for i in items
        if str(i.PK) in found and found[str(i.PK)].GSI5PK is not None
    ]
    return Chunk(tickets, frontier, read + len(found))


def priority_in(priorities: Sequence[str]) -> Condition:
    return TicketItem.priority.is_in(*priorities)
