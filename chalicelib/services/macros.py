"""Macros and bulk changes: an agent's reusable bundles of actions, applied by hand to tickets.

A macro's actions are the automation engine's, planned by the same code as rules
(``services.automation.Plan`` / ``apply_action``), but applied as the agent: the comments are the
agent's, a public reply counts as the first response, every change needs the permission the agent
would need to make it by hand, and the history names the macro. Each ticket is ONE transaction
(ticket, comments, history, the macro's usage counter, the department check, and a guard item
per (request, ticket) when the request has an ``Idempotency-Key``), conditional on the version
read: a failing part leaves nothing, a retried request changes nothing twice.

``POST /tickets/bulk`` applies the rules of ``PATCH /tickets/{number}`` (``change_ticket``) to each
ticket in its own transaction, with the same guard.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from chalicelib.auth import policy
from chalicelib.auth.policy import Target
from chalicelib.domain.automation import AddInternalNote, ReplyToRequester
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import BulkUpdateCommand, MacroCommand, MacroPatch, UpdateTicketCommand
from chalicelib.domain.errors import (
    Conflict,
    DesklessError,
    Forbidden,
    Invalid,
    NotFound,
    RuleViolation,
    require_version,
    validation_details,
)
from chalicelib.domain.identity import Principal, User
from chalicelib.domain.macros import FIELD_ACTIONS, Macro, MacroScope, unsupported_actions
from chalicelib.domain.tickets import Comment, CommentType, HistoryEntry, Status, Ticket, diff, parse_number
from chalicelib.services import audit, automation, notifications
from chalicelib.services import tickets as ticket_service
from chalicelib.services.retry import pause, retry_on_conflict
from chalicelib.services.tickets import Actor
from chalicelib.store import identity as identity_store
from chalicelib.store import macros as store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.transactions import Operation

ATTEMPTS = 5  # version races one ticket of an apply may lose before it is reported as failed
RETRYABLE = frozenset({"stale_version", "transaction_conflict"})
Usage = dict[str, Any]


# ---- CRUD -------------------------------------------------------------------------------------


def _build(data: dict[str, Any]) -> Macro:
    """The whole macro validated: 422 ``invalid_macro`` naming the bad part, 422 ``unsupported_action``
    for an action only rules may take (notify, call_webhook, apply_sla_policy, create_work_order)."""
    try:
        macro = Macro.model_validate(data)
    except ValidationError as exc:
        raise RuleViolation(
            "The macro is not valid.", code="invalid_macro", details=validation_details(exc, root="macro")
        ) from exc
    unsupported = unsupported_actions(macro.actions)
    if unsupported:
        raise RuleViolation("Macros cannot take some of these actions.", code="unsupported_action", details=unsupported)
    return macro


def _refuse_broken(org_id: str, macro: Macro) -> None:
    """422 ``invalid_macro`` when an action names a user, department or custom field that cannot be used."""
    automation.refuse_broken(automation.check_targets(org_id, [macro])[macro.id], "macro")


def _visible(principal: Principal, macro: Macro | None) -> Macro:
    """Organization macros are everyone's; a personal one only its owner's (others get 404)."""
    if macro is None or (macro.scope is MacroScope.PERSONAL and macro.owner_id != principal.user_id):
        raise NotFound("Not found.")
    return macro


def _audited(principal: Principal, macro: Macro, verb: str, details: dict[str, Any]) -> AbstractContextManager[Any]:
    """Organization macros' changes are audited (every agent applies them); personal ones are not."""
    if macro.scope is not MacroScope.ORGANIZATION:
        return nullcontext()
    return audit.recorded(principal, f"macro.{verb}", "macro", macro.id, details)


def _may_change(principal: Principal, macro: Macro) -> None:
    if macro.scope is MacroScope.ORGANIZATION:
        policy.require(principal, "macros.manage_shared")


def list_macros(principal: Principal) -> list[tuple[Macro, Usage]]:
    """The reader's usable macros (the organization's and their own), by position then name."""
    policy.require(principal, "macros.use")
    return store.list_macros(principal.org_id, principal.user_id)


def get_macro(principal: Principal, macro_id: str) -> tuple[Macro, Usage]:
    policy.require(principal, "macros.use")
    macro, usage = store.get_macro(principal.org_id, macro_id) if store_id(macro_id) else (None, {})
    return _visible(principal, macro), usage


def store_id(macro_id: str) -> bool:
    """Whether a path value can be a macro id at all (anything else is simply not found)."""
    return 0 < len(macro_id) <= 40 and macro_id.isalnum()


def create_macro(principal: Principal, command: MacroCommand) -> tuple[Macro, Usage]:
    """A personal macro (its owner: the caller) or, for managers and admins, an organization one."""
    policy.require(principal, "macros.use")
    if command.scope is MacroScope.ORGANIZATION:
        policy.require(principal, "macros.manage_shared")
    now = utcnow()
    macro = _build(
        {
            **command.model_dump(),
            "id": secrets.token_hex(10),
            "org_id": principal.org_id,
            "owner_id": principal.user_id if command.scope is MacroScope.PERSONAL else None,
            "created_at": now,
            "updated_at": now,
        }
    )
    _refuse_broken(principal.org_id, macro)
    with _audited(principal, macro, "created", {"name": macro.name}):
        return store.create_macro(macro), store.usage_of(None)


@retry_on_conflict
def update_macro(principal: Principal, macro_id: str, patch: MacroPatch, if_match: int | None) -> tuple[Macro, Usage]:
    current, usage = get_macro(principal, macro_id)
    _may_change(principal, current)
    require_version("macro", current.version, if_match)
    changes = patch.changes()
    updated = _build({**current.model_dump(), **changes, "updated_at": utcnow()})
    _refuse_broken(principal.org_id, updated)
    with _audited(principal, updated, "updated", {"fields": sorted(changes)}):
        return store.save_macro(updated, current), usage


@retry_on_conflict
def delete_macro(principal: Principal, macro_id: str) -> None:
    current, _ = get_macro(principal, macro_id)
    _may_change(principal, current)
    with _audited(principal, current, "deleted", {"name": current.name}):
        store.delete_macro(current)


# ---- preview and apply ------------------------------------------------------------------------


def _required(principal: Principal, macro: Macro, ticket: Ticket) -> None:
    """What the agent would need to make the macro's changes by hand on this ticket."""
    if any(isinstance(a, FIELD_ACTIONS) for a in macro.actions):
        policy.require(principal, "tickets.update")
    if any(isinstance(a, ReplyToRequester | AddInternalNote) for a in macro.actions):
        policy.require(principal, "tickets.comment", Target(owner_id=ticket.customer_id))
    if any(isinstance(a, AddInternalNote) for a in macro.actions):
        policy.require(principal, "tickets.internal_notes")
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")


def _plan(
    principal: Principal, macro: Macro, ticket: Ticket, agent: User | None, now: datetime, dry_run: bool
) -> automation.Plan:
    """The macro's actions planned on the ticket as the agent; the assignment rules checked on the result."""
    _required(principal, macro, ticket)
    plan = automation.Plan(ticket=ticket, author_id=principal.user_id, agent=agent)
    for action in macro.actions:
        automation.apply_action(plan, action, now, dry_run)
    assignee = plan.ticket.assigned_agent_id
    moved = assignee is not None and assignee != ticket.assigned_agent_id
    if moved and not policy.allowed(principal, "tickets.assign", Target(owner_id=assignee)):
        raise Forbidden("Agents assign tickets to themselves only.", code="forbidden")
    return plan


def _result_ticket(principal: Principal, ticket: Ticket, plan: automation.Plan, now: datetime) -> Ticket:
    """The ticket as the plan leaves it: a public reply is the first response, the SLA follows."""
    updated = plan.ticket
    if updated == ticket and not plan.comments:
        return ticket
    public = next((c for c in plan.comments if c.comment_type is CommentType.PUBLIC), None)
    if public is not None and principal.is_staff and updated.first_response_at is None:
        updated = updated.model_copy(
            update={"first_response_at": now, "time_to_first_response": (now - ticket.created_at).total_seconds()}
        )
    updated = ticket_service.apply_sla(ticket.org_id, ticket, updated, now)
    return updated.model_copy(update={"updated_at": now})


def preview(principal: Principal, macro_id: str, ticket_number: str) -> dict[str, Any]:
    """What the macro would do to the ticket: the ticket as it would be, the field changes, the
    comments and the notifications they would send. Nothing is written (round-robin peeks).
    An action that cannot apply answers its error (e.g. 409 ``invalid_transition``)."""
    macro, _ = get_macro(principal, macro_id)
    ticket = ticket_service.load_ticket(principal, ticket_number)
    now = utcnow()
    agent = identity_store.get_user(principal.org_id, principal.user_id)
    plan = _plan(principal, macro, ticket, agent, now, dry_run=True)
    updated = _result_ticket(principal, ticket, plan, now)
    notices = notifications.for_ticket_change(ticket, updated) if updated != ticket else []
    for comment in plan.comments:
        notices += notifications.for_comment(updated, comment)
    return {
        "ticket": updated,
        "changes": [
            {"field": f, "old_value": o, "new_value": n} for f, o, n in diff(ticket, updated) if f != "updated_at"
        ],
        "comments": [{"comment_type": c.comment_type.value, "content": c.content} for c in plan.comments],
        "notifications": [{"user_id": n.user_id, "kind": n.kind, "subject": n.subject} for n in notices],
    }


@dataclass
class Result:
    ticket_number: str
    status: str  # applied | unchanged | failed
    ticket: Ticket | None = None
    error: dict[str, str] | None = None


def request_key(principal: Principal, what: str, idempotency_key: str | None) -> str | None:
    """The guard key of a request that carries an ``Idempotency-Key``: the same caller, the same
    operation and key give the same guard (so a retry finds it); None without a key."""
    if idempotency_key is None:
        return None
    raw = f"{principal.org_id}/{principal.user_id}/{what}/{idempotency_key}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def _distinct(numbers: list[str]) -> list[str]:
    """Each ticket once (``T-42`` and ``42`` are the same ticket), in the order given."""
    seen: set[object] = set()
    kept = []
    for text in numbers:
        try:
            identity: object = parse_number(text)
        except Invalid:
            identity = text
        if identity not in seen:
            seen.add(identity)
            kept.append(text)
    return kept


def _each(numbers: list[str], once: Callable[[str], Result]) -> dict[str, Any]:
    """Run ``once`` per ticket (retrying lost version races), one result each; a typed error fails that
    ticket only."""
    results: list[Result] = []
    for number in _distinct(numbers):
        result: Result | None = None
        for attempt in range(1, ATTEMPTS + 1):
            try:
                result = once(number)
                break
            except DesklessError as exc:
                if isinstance(exc, Conflict) and exc.code in RETRYABLE and attempt < ATTEMPTS:
                    time.sleep(pause(attempt))
                    continue
                result = Result(number, "failed", error={"code": exc.code, "message": exc.message})
                break
        assert result is not None
        results.append(result)
    return {
        "results": results,
        "applied": sum(1 for r in results if r.status == "applied"),
        "failed": sum(1 for r in results if r.status == "failed"),
    }


def _named(entries: list[HistoryEntry], macro: Macro) -> list[HistoryEntry]:
    return [e.model_copy(update={"source": "macro", "macro_id": macro.id, "macro_name": macro.name}) for e in entries]


def apply(
    principal: Principal, macro_id: str, numbers: list[str], actor: Actor, idempotency_key: str | None = None
) -> dict[str, Any]:
    """Apply the macro to each ticket in its own transaction; per-ticket results (``applied``,
    ``unchanged``, ``failed`` with the error; a ticket the caller cannot see is ``not_found``)."""
    macro, _ = get_macro(principal, macro_id)
    key = request_key(principal, f"macro/{macro.id}", idempotency_key)
    agent = identity_store.get_user(principal.org_id, principal.user_id)

    def once(number: str) -> Result:
        ticket = ticket_service.load_ticket(principal, number)
        now = utcnow()
        plan = _plan(principal, macro, ticket, agent, now, dry_run=False)
        updated = _result_ticket(principal, ticket, plan, now)
        if updated == ticket:
            return Result(ticket.ticket_number, "unchanged", ticket)
        history = ticket_service.history_entries(actor, updated, diff(ticket, updated), now)
        history += ticket_service.history_entries(
            actor, updated, [("comment", None, c.id) for c in plan.comments], now, "commented"
        )
        extra: list[Operation] = [store.used(ticket.org_id, macro.id, now), *plan.writes]
        if key is not None:
            extra.append(store.guard_put(ticket.org_id, ticket.number, key, macro.id, now))
        comments: list[Comment] = plan.comments
        try:
            saved = ticket_store.save_ticket(
                updated, ticket, _named(history, macro), comments=comments, load_limit=plan.load, extra=extra
            )
        except Conflict as exc:
            if exc.code == "already_applied":
                return Result(ticket.ticket_number, "unchanged", ticket)
            raise
        return Result(saved.ticket_number, "applied", saved)

    return _each(numbers, once)


def bulk_update(
    principal: Principal, command: BulkUpdateCommand, actor: Actor, idempotency_key: str | None = None
) -> dict[str, Any]:
    """The same change on each ticket, by the rules of ``PATCH /tickets/{number}`` (transitions,
    assignment and capacity, closed tickets, the department check), each in its own transaction."""
    policy.require(principal, "tickets.update")
    change = UpdateTicketCommand.model_validate(command.changes.model_dump(exclude_unset=True))
    key = request_key(principal, "bulk", idempotency_key)

    def once(number: str) -> Result:
        ticket = ticket_service.load_ticket(principal, number)
        now = utcnow()
        guard = [store.guard_put(ticket.org_id, ticket.number, key, "bulk", now)] if key is not None else []
        try:
            saved, changed = ticket_service.change_ticket(principal, ticket, change, None, actor, extra=guard)
        except Conflict as exc:
            if exc.code == "already_applied":
                return Result(ticket.ticket_number, "unchanged", ticket)
            raise
        return Result(saved.ticket_number, "applied" if changed else "unchanged", saved)

    return _each(command.ticket_numbers, once)
