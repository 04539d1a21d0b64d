"""Linked tickets: link, unlink, list, and solve a parent's children (rules: ``domain/ticket_links.py``).

Linking writes both sides of the link, both tickets (``parent_number`` / ``child_count`` when a
parent is involved, else a check that each is still at the version read) and a history entry on
each, in ONE transaction; every ticket read while refusing a cycle is checked at its version in
the same transaction, so two concurrent links cannot close a cycle or lose a child count.
Staff only (``tickets.link``), and only between tickets the caller can see.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import UpdateTicketCommand
from chalicelib.domain.errors import Conflict, DesklessError, Invalid, NotFound, RuleViolation
from chalicelib.domain.identity import Principal
from chalicelib.domain.ticket_links import (
    MAX_DEPTH,
    LinkKind,
    SolveChildrenCommand,
    TicketLink,
    TicketLinkCommand,
    derived_links,
)
from chalicelib.domain.tickets import ACTIVE, Comment, CommentType, HistoryEntry, Status, Ticket, parse_number
from chalicelib.services import tickets as ticket_service
from chalicelib.services.retry import retry_on_conflict
from chalicelib.services.tickets import Actor, history_entries
from chalicelib.store import ticket_links as store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation, Put, transact_write


@dataclass(frozen=True)
class LinkView:
    """One link as the API shows it: what the other ticket is to this one, and that ticket now."""

    kind: str
    ticket: Ticket
    created_at: datetime | None = None
    created_by_id: str | None = None


def _other(principal: Principal, number: str) -> Ticket:
    """The ticket the body names: 404 ``ticket_not_found`` when missing or not visible to the caller."""
    try:
        return ticket_service.load_ticket(principal, number)
    except NotFound as exc:
        raise NotFound("No ticket with this number that you can see.", code="ticket_not_found") from exc


def _linked_or_deleted(principal: Principal, number: str) -> Ticket:
    """The other ticket of a link being removed: one the caller sees, or one in the trash (its
    link must not pin the surviving ticket to it); 404 ``ticket_not_found`` otherwise."""
    try:
        found = ticket_store.get_ticket(principal.org_id, parse_number(number))
    except Invalid:
        found = None
    if found is not None and found.is_deleted:
        return found
    return _other(principal, number)


def _invalid(message: str) -> RuleViolation:
    return RuleViolation(
        message,
        code="invalid_ticket_link",
        details=[{"field": "ticket_number", "message": message, "type": "invalid_ticket_link"}],
    )


def _ancestors(parent: Ticket, child: Ticket) -> list[Ticket]:
    """The tickets above ``parent`` (read one GetItem each, at most ``MAX_DEPTH``); 422 when
    ``child`` is among them (a cycle) or the chain is deeper than ``MAX_DEPTH``."""
    above: list[Ticket] = []
    current = parent
    while current.parent_number is not None:
        if len(above) >= MAX_DEPTH:
            raise _invalid(f"Parent chains are at most {MAX_DEPTH} tickets deep.")
        try:
            number = parse_number(current.parent_number)
        except Invalid:
            return above
        if number == child.number:
            raise _invalid("The link would make a ticket its own ancestor.")
        found = ticket_store.get_ticket(parent.org_id, number)
        if found is None:
            return above
        above.append(found)
        current = found
    return above


def _side(before: Ticket, after: Ticket, history: list[HistoryEntry]) -> list[Operation]:
    """One ticket's part of a link's transaction: the ticket itself when a field changed, else a
    check that it is still at the version read; its history entry either way."""
    if after == before:
        return [store.unchanged(before), *(Put(ticket_store.history_item(h)) for h in history)]
    return ticket_store.save_operations(after, before, history)


def _entry(actor: Actor, ticket: Ticket, link: TicketLink, now: datetime, removed: bool) -> list[HistoryEntry]:
    value = f"{link.kind.value} {link.other_ticket_number}"
    change = ("link", value, None) if removed else ("link", None, value)
    return history_entries(actor, ticket, [change], now, "unlinked" if removed else "linked")


@retry_on_conflict
def create_link(principal: Principal, number: str, command: TicketLinkCommand, actor: Actor) -> LinkView:
    """Link ``command.ticket_number`` to the ticket as its parent, child or related ticket.

    409 ``parent_exists`` (the child has a parent), 409 ``ticket_link_exists`` (the pair is linked),
    422 ``invalid_ticket_link`` (itself, a cycle, a chain too deep)."""
    ticket = ticket_service.load_ticket(principal, number)
    policy.require(principal, "tickets.link")
    other = _other(principal, command.ticket_number)
    if other.number == ticket.number:
        raise _invalid("A ticket cannot be linked to itself.")
    now = utcnow()
    link = TicketLink(
        org_id=ticket.org_id,
        number=ticket.number,
        kind=command.kind,
        other_number=other.number,
        other_ticket_number=other.ticket_number,
        created_at=now,
        created_by_id=principal.user_id,
    )
    mirror = link.mirror(ticket.ticket_number)
    checks: list[Operation] = []
    new_ticket, new_other = ticket, other
    if command.kind is not LinkKind.RELATED:
        child, parent = (ticket, other) if command.kind is LinkKind.PARENT else (other, ticket)
        if child.parent_number is not None:
            raise Conflict(
                f"{child.ticket_number} already has a parent ({child.parent_number}); unlink it first.",
                code="parent_exists",
                details=[{"field": "ticket_number", "message": child.parent_number, "type": "parent_exists"}],
            )
        checks = [store.unchanged(t) for t in _ancestors(parent, child)]
        new_child = child.model_copy(update={"parent_number": parent.ticket_number, "updated_at": now})
        new_parent = parent.model_copy(update={"child_count": parent.child_count + 1, "updated_at": now})
        new_ticket, new_other = (new_child, new_parent) if child is ticket else (new_parent, new_child)
    transact_write(
        [
            *store.link_puts(link, mirror),
            *_side(ticket, new_ticket, _entry(actor, new_ticket, link, now, removed=False)),
            *_side(other, new_other, _entry(actor, new_other, mirror, now, removed=False)),
            *checks,
        ]
    )
    return LinkView(link.kind.value, new_other, link.created_at, link.created_by_id)


@retry_on_conflict
def delete_link(principal: Principal, number: str, kind: str, other_number: str, actor: Actor) -> None:
    """Remove a link (both sides; the child's ``parent_number`` and the parent's ``child_count``
    with it). 404 when the ticket has no such link the caller can see."""
    ticket = ticket_service.load_ticket(principal, number)
    policy.require(principal, "tickets.link")
    other = _linked_or_deleted(principal, other_number)
    link = store.get_link(ticket.org_id, ticket.number, other.number)
    if link is None or link.kind.value != kind:
        raise NotFound("This ticket has no such link.", code="not_found")
    mirror = link.mirror(ticket.ticket_number)  # the other side's key; its delete requires it exists
    now = utcnow()
    new_ticket, new_other = ticket, other
    if link.kind is not LinkKind.RELATED:
        child, parent = (ticket, other) if link.kind is LinkKind.PARENT else (other, ticket)
        new_child = child.model_copy(update={"parent_number": None, "updated_at": now})
        new_parent = parent.model_copy(update={"child_count": max(0, parent.child_count - 1), "updated_at": now})
        new_ticket, new_other = (new_child, new_parent) if child is ticket else (new_parent, new_child)
    transact_write(
        [
            *store.link_deletes(link, mirror),
            *_side(ticket, new_ticket, _entry(actor, new_ticket, link, now, removed=True)),
            *_side(other, new_other, _entry(actor, new_other, mirror, now, removed=True)),
        ]
    )


def _kind_of(text: str) -> str:
    if text not in {k.value for k in LinkKind}:
        raise NotFound("This ticket has no such link.", code="not_found")
    return text


def remove_link(principal: Principal, number: str, kind: str, other_number: str, actor: Actor) -> None:
    """``DELETE /tickets/{number}/links/{kind}/{other_number}`` (merge and split links are read-only: 404)."""
    delete_link(principal, number, _kind_of(kind), other_number, actor)


def list_links(principal: Principal, number: str, limit: int, cursor: str | None) -> Page[LinkView]:
    """The ticket's links (staff): one Query for a page of stored links, and on the first page the
    merge and split links its fields record; then ONE BatchGetItem (per 100) for the linked
    tickets. A linked ticket the caller cannot see (or a deleted one) is left out."""
    ticket = ticket_service.load_ticket(principal, number)
    policy.require(principal, "tickets.link")
    page = store.list_links(ticket.org_id, ticket.number, limit=limit, cursor=cursor)
    derived: list[tuple[str, int]] = []
    if cursor is None:
        for kind, shown in derived_links(ticket):
            try:
                derived.append((kind, parse_number(shown)))
            except Invalid:
                continue
    found = store.tickets_by_number(ticket.org_id, [n for _, n in derived] + [link.other_number for link in page.items])

    def visible(n: int) -> Ticket | None:
        t = found.get(n)
        if t is None or t.is_deleted:
            return None
        return t if policy.can_see_ticket(principal, t.customer_id, t.assigned_agent_id, t.number) else None

    views: list[LinkView] = []
    for kind, n in derived:
        if (t := visible(n)) is not None:
            views.append(LinkView(kind, t))
    for link in page.items:
        if (t := visible(link.other_number)) is not None:
            views.append(LinkView(link.kind.value, t, link.created_at, link.created_by_id))
    return Page(views, page.next_cursor)


@dataclass(frozen=True)
class ChildResult:
    ticket_number: str
    outcome: str  # solved | skipped | failed
    error: dict[str, Any] | None = None


@retry_on_conflict
def _solve_child(principal: Principal, number: str, reply: str | None, actor: Actor) -> str:
    """One child, by the rules of ``PATCH /tickets/{number}`` (``change_ticket``), with the reply
    as a public comment in the same transaction: ``solved``, or ``skipped`` when not active."""
    child = ticket_service.load_ticket(principal, number)
    if child.status not in ACTIVE:
        return "skipped"
    now = utcnow()
    comments = []
    if reply is not None:
        comments.append(
            Comment(
                id=secrets.token_hex(8),
                org_id=child.org_id,
                ticket_number=child.number,
                author_id=principal.user_id,
                content=reply,
                comment_type=CommentType.PUBLIC,
                created_at=now,
                updated_at=now,
            )
        )
    command = UpdateTicketCommand(status=Status.SOLVED)
    ticket_service.change_ticket(principal, child, command, None, actor, comments=comments)
    return "solved"


def solve_children(principal: Principal, number: str, command: SolveChildrenCommand, actor: Actor) -> list[ChildResult]:
    """Solve each active child of the ticket, each in its own transaction (a failure fails that
    child only); children already solved or closed are skipped, so a repeated request changes
    nothing twice."""
    parent = ticket_service.load_ticket(principal, number)
    policy.require(principal, "tickets.link")
    policy.require(principal, "tickets.update")
    results: list[ChildResult] = []
    children = sorted(store.links_of_kind(parent.org_id, parent.number, LinkKind.CHILD), key=lambda c: c.other_number)
    for link in children:
        try:
            outcome = _solve_child(principal, link.other_ticket_number, command.reply, actor)
            results.append(ChildResult(link.other_ticket_number, outcome))
        except DesklessError as exc:
            error = {"code": exc.code, "message": exc.message, "details": exc.details}
            results.append(ChildResult(link.other_ticket_number, "failed", error))
    return results
