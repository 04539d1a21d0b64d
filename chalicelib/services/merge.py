"""Merge duplicate tickets into one; split a comment off into a new ticket.

Each source is merged by its own bounded sequence of transactions (``store.merge.write_merge``):
copies of its comments and attachment records first when they do not all fit, then ONE
transaction closing the source and updating the target, conditional on both versions read. A
comment added to a source (or an edit of the target) meanwhile fails that transaction; the
source's merge then runs again from fresh reads (``retry_on_conflict``), copying the new comment
too, or answers 409 after its attempts. A comment arriving after the merge lands on the target
(``tickets.merge_target``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from chalicelib.auth import policy
from chalicelib.domain import merge as rules
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import CreateTicketCommand, MergeCommand, SplitCommand
from chalicelib.domain.errors import Conflict, Invalid, NotFound
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.tickets import Comment, CommentType, Ticket, diff, history_text, parse_number
from chalicelib.services import tickets
from chalicelib.services.retry import retry_on_conflict
from chalicelib.services.tickets import Actor, history_entries
from chalicelib.store import identity as identity_store
from chalicelib.store import merge as store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.transactions import Operation


@dataclass(frozen=True)
class MergePreview:
    """What ``POST /tickets/{number}/merge`` would do (nothing written)."""

    target: Ticket
    sources: list[Ticket]
    comments: int
    attachments: int
    cc_emails: list[str]
    warnings: list[rules.MergeWarning]


def _ticket(principal: Principal, number: str) -> Ticket:
    """A ticket the caller sees, deleted ones included (a deleted source is 422, not 404)."""
    try:
        n: int | None = parse_number(number)
    except Invalid:
        n = None
    found = ticket_store.get_ticket(principal.org_id, n) if n is not None else None
    if found is None or not policy.can_see_ticket(principal, found.customer_id, found.assigned_agent_id, found.number):
        raise NotFound(
            f"No ticket {number}.",
            code="ticket_not_found",
            details=[
                {"field": "source_numbers", "message": "no such ticket", "type": "not_found", "ticket_number": number}
            ],
        )
    return found


def _load(principal: Principal, number: str, command: MergeCommand) -> tuple[Ticket, list[Ticket], list[Ticket]]:
    """The target, every source (each checked: the whole request is refused before anything is
    written) and those of them still to merge."""
    target = tickets.load_ticket(principal, number)
    policy.require(principal, "tickets.merge")
    rules.check_target(target)
    sources: list[Ticket] = []
    for source_number in dict.fromkeys(s.strip().upper() for s in command.source_numbers):
        source = _ticket(principal, source_number)
        if all(s.number != source.number for s in sources):
            sources.append(source)
    pending = [s for s in sources if rules.check_source(target, s)]
    return target, sources, pending


def _requester_emails(org_id: str, ticket_list: list[Ticket]) -> dict[str, str]:
    """The requesters' addresses (one BatchGetItem; deactivated or deleted ones are left out)."""
    ids = list(dict.fromkeys(t.customer_id for t in ticket_list))
    return {u.id: u.email for u in identity_store.get_users(org_id, ids).values() if u.is_active and not u.is_deleted}


def preview(principal: Principal, number: str, command: MergeCommand) -> MergePreview:
    """The merge's outcome: what moves, the target's CCs afterwards, what to look out for."""
    target, sources, pending = _load(principal, number, command)
    comments = attachments = 0
    for source in pending:
        found = ticket_store.read_ticket_collection(principal.org_id, source.number, limit=None)
        moved, files = rules.copied_items(source, target, found.comments.items, found.attachments)
        comments, attachments = comments + len(moved), attachments + len(files)
    emails = _requester_emails(principal.org_id, [target, *pending])
    return MergePreview(
        target=target,
        sources=sources,
        comments=comments,
        attachments=attachments,
        cc_emails=rules.united_ccs(target, pending, emails),
        warnings=rules.warnings(target, pending),
    )


def merge(principal: Principal, number: str, command: MergeCommand, actor: Actor) -> tuple[Ticket, list[str]]:
    """Merge every source into the target (each in its own bounded sequence of transactions);
    returns the target and the sources now merged into it. A source merged into it already is
    not copied again (a retried request answers the same)."""
    target, sources, pending = _load(principal, number, command)
    for source in pending:
        target = _merge_one(principal, target.ticket_number, source.ticket_number, command.note, actor)
    return target, [s.ticket_number for s in sources]


def _note(ticket: Ticket, author_id: str, text: str, now: datetime) -> Comment:
    return Comment(
        id=secrets.token_hex(8),
        org_id=ticket.org_id,
        ticket_number=ticket.number,
        author_id=author_id,
        content=text,
        comment_type=CommentType.INTERNAL,
        created_at=now,
        updated_at=now,
    )


@retry_on_conflict
def _merge_one(principal: Principal, target_number: str, source_number: str, note: str | None, actor: Actor) -> Ticket:
    """Merge one source, from fresh reads of both tickets (a lost version race re-runs it all)."""
    target = tickets.load_ticket(principal, target_number)
    rules.check_target(target)
    source = _ticket(principal, source_number)
    if not rules.check_source(target, source):
        return target
    org_id = principal.org_id
    found = ticket_store.read_ticket_collection(org_id, source.number, limit=None)
    moved, files = rules.copied_items(source, target, found.comments.items, found.attachments)
    now = utcnow()
    closed = rules.closed_source(source, target, now)
    emails = _requester_emails(org_id, [target, source])
    updated = rules.merged_target(target, source, rules.united_ccs(target, [source], emails), now)
    source_note = _note(closed, principal.user_id, rules.merge_note(f"Merged into {target.ticket_number}.", note), now)
    target_note = _note(
        updated, principal.user_id, rules.merge_note(f"{source.ticket_number} was merged into this ticket.", note), now
    )
    source_history = history_entries(actor, closed, diff(source, closed), now)
    source_history += history_entries(actor, closed, [("merged_into", None, target.ticket_number)], now, "merged")
    source_history += history_entries(actor, closed, [("comment", None, source_note.id)], now, "commented")
    changes = [
        (field, history_text(getattr(target, field)), history_text(getattr(updated, field)))
        for field in ("merged_from", "cc_emails", "follower_ids")
        if getattr(target, field) != getattr(updated, field)
    ]
    target_history = history_entries(actor, updated, changes, now, "merged")
    target_history += history_entries(actor, updated, [("comment", None, target_note.id)], now, "commented")
    event = ticket_store.event_put(
        org_id, target.number, "ticket_merged", now, {"merged": [source.ticket_number]}, key=str(source.number)
    )
    final: list[Operation] = [
        *ticket_store.save_operations(closed, source, source_history, [source_note]),
        *ticket_store.save_operations(updated, target, target_history, [target_note]),
        event,
    ]
    store.write_merge(final, store.copy_operations(moved, files))
    return updated.model_copy(update={"version": target.version + 1, "automation": None})


def _requester_of(principal: Principal, original: Ticket, comment: Comment) -> str:
    """The new ticket's requester: the comment's author when a customer wrote it (and still is an
    active one), else the original's requester."""
    if comment.author_id == original.customer_id:
        return original.customer_id
    author = identity_store.get_user(principal.org_id, comment.author_id)
    if author is not None and author.role is Role.CUSTOMER and author.is_active and not author.is_deleted:
        return author.id
    return original.customer_id


@retry_on_conflict
def split(
    principal: Principal, number: str, comment_id: str, command: SplitCommand, actor: Actor
) -> tuple[Ticket, bool]:
    """Open a ticket from one comment of ``number`` (its attachments too); returns it and whether it
    is new. Splitting the same comment again answers the ticket it became."""
    original = tickets.load_ticket(principal, number)
    policy.require(principal, "tickets.split")
    done = store.split_of(principal.org_id, original.number, comment_id) if len(comment_id) <= 64 else None
    if done is not None:
        existing = ticket_store.get_ticket(principal.org_id, done)
        if existing is not None:
            return existing, False
    found = ticket_store.read_ticket_collection(principal.org_id, original.number, limit=None)
    comment = next((c for c in found.comments.items if c.id == comment_id), None)
    if comment is None:
        raise NotFound("Not found.", code="comment_not_found")
    rules.check_split(original)
    internal = comment.comment_type is CommentType.INTERNAL
    create = CreateTicketCommand(
        subject=rules.split_subject(original, command.subject),
        # An internal note never becomes a description the requester reads: it stays an internal note.
        description=f"Split from an internal note of {original.ticket_number}." if internal else comment.content,
        priority=original.priority,
        channel=original.channel,
        category=original.category,
        subcategory=original.subcategory,
        custom_fields=original.custom_fields,
        customer_id=_requester_of(principal, original, comment),
    )
    files = [a for a in found.attachments if a.comment_id == comment.id]
    now = utcnow()

    def operations(ticket: Ticket) -> list[Operation]:
        """Written with the new ticket: the guard, the files, the note, and the original's link."""
        note = None
        if internal:
            note = comment.model_copy(
                update={"id": secrets.token_hex(8), "ticket_number": ticket.number, "merged_from": None}
            )
        copies = [
            a.model_copy(
                update={"ticket_number": ticket.number, "comment_id": note.id if note else None, "download_count": 0}
            )
            for a in files
        ]
        linked = original.model_copy(
            update={"split_into": [*original.split_into, ticket.ticket_number], "updated_at": now, "automation": None}
        )
        history = history_entries(
            actor,
            linked,
            [("split_into", history_text(original.split_into), history_text(linked.split_into))],
            now,
            "split",
        )
        return [
            store.split_guard_put(principal.org_id, original.number, comment.id, ticket.number),
            *ticket_store.save_operations(linked, original, history),
            *store.copy_operations([note] if note else [], copies),
        ]

    try:
        created = tickets.create_ticket(principal, create, actor, operations, split_from=original.ticket_number)
    except Conflict as exc:
        if exc.code != "already_split":
            raise
        # Split by a concurrent request meanwhile: that one's ticket is the answer.
        number_split = store.split_of(principal.org_id, original.number, comment_id)
        existing = ticket_store.get_ticket(principal.org_id, number_split) if number_split else None
        if existing is None:
            raise
        return existing, False
    return created, True
