"""Automation rules: CRUD, execution on ticket events, time-based runs and dry runs.

Execution (``run``): the active rules of the event's trigger are read in execution order (one
Query), each is evaluated against the event as it happened (the ticket image of the change and
the one before it), and the actions of every matching rule are planned on the current ticket.
All of it (ticket, one history entry per change naming the rule, comments, notification and
webhook events, statistics, and a guard item keyed by the event id) is ONE transaction,
conditional on the ticket's version. So a redelivered event changes nothing, a concurrent
change makes the engine re-read and re-plan, and a rule that fails is counted as a failure
without stopping the others.

Loop safety: the write carries the rule chain (``domain.automation.Context``: originating event,
depth, rules fired). A rule fires at most once per ticket per originating event; changes made
by rules trigger rules again up to ``MAX_DEPTH``, then the chain stops with a warning.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from chalicelib.auth import policy
from chalicelib.domain import lifecycle
from chalicelib.domain.automation import (
    MAX_DEPTH,
    TICKET_FIELDS,
    WORK_ORDER_TRIGGERS,
    AddInternalNote,
    AddTags,
    AddTicketNote,
    ApplySLAPolicy,
    AssignTechnician,
    AssignTo,
    AutoDispatch,
    AutomationRule,
    CallWebhook,
    Context,
    CreateWorkOrder,
    Facts,
    Notify,
    ReferenceKind,
    RemoveTags,
    ReplyToRequester,
    SetCustomField,
    SetDepartment,
    SetPriority,
    SetStatus,
    SetWorkOrderStatus,
    Targets,
    TriggerType,
    broken_references,
    evaluate,
    references,
    render,
    ticket_facts,
    trigger_mismatches,
    work_order_facts,
)
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.commands import AutomationRuleCommand, AutomationRulePatch, WorkOrderCommand
from chalicelib.domain.errors import (
    Conflict,
    DesklessError,
    Invalid,
    NotFound,
    RuleViolation,
    require_version,
    validation_details,
)
from chalicelib.domain.fieldservice import JobAssignment, WorkOrder
from chalicelib.domain.identity import STAFF_ROLES, Availability, Principal, Role, User
from chalicelib.domain.macros import Macro
from chalicelib.domain.rule_schema import builder_schema
from chalicelib.domain.tickets import (
    TRACKED_FIELDS,
    Comment,
    CommentType,
    HistoryEntry,
    Status,
    Ticket,
    diff,
    parse_number,
    system_entries,
    validate_custom_fields,
)
from chalicelib.observability import count, logger
from chalicelib.services import audit, fieldservice
from chalicelib.services import sla as sla_service
from chalicelib.services import tickets as ticket_service
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import automation as store
from chalicelib.store import deadlines as deadline_store
from chalicelib.store import departments as department_store
from chalicelib.store import fieldservice as fieldservice_store
from chalicelib.store import identity as identity_store
from chalicelib.store import related
from chalicelib.store import sla as sla_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation, transact_write

ATTEMPTS = 3
TIME_CANDIDATES_PER_RULE = 200  # tickets one time-based rule acts on per run; the next run continues


# ---- CRUD -------------------------------------------------------------------------------------


def _build(data: dict[str, Any]) -> AutomationRule:
    """The whole rule validated; a bad part is a 422 naming its path (``actions.1.status``), and so is
    a condition or action its trigger does not know (a ticket action on a work order trigger)."""
    try:
        rule = AutomationRule.model_validate(data)
    except ValidationError as exc:
        details = validation_details(exc, root="rule")
        raise RuleViolation("The rule is not valid.", code="invalid_rule", details=details) from exc
    mismatches = trigger_mismatches(rule)
    if mismatches:
        raise RuleViolation(
            f"The rule asks for what its trigger {rule.trigger_type.value} does not know.",
            code="invalid_rule",
            details=mismatches,
        )
    return rule


Broken = list[dict[str, Any]]


def check_targets(org_id: str, rules: Sequence[AutomationRule | Macro]) -> dict[str, Broken]:
    """The broken references of each rule (or macro) (``domain.automation.broken_references``), the targets of
    every rule resolved with ONE BatchGetItem (+ the organization's custom field definitions in it)."""
    refs = {rule.id: references(rule) for rule in rules}
    every = [ref for found in refs.values() for ref in found]
    if not every:
        return {rule.id: [] for rule in rules}
    kinds: dict[ReferenceKind, list[str]] = {kind: [r.id for r in every if r.kind is kind] for kind in ReferenceKind}
    found = related.fetch(
        org_id,
        users=kinds[ReferenceKind.USER],
        departments=kinds[ReferenceKind.DEPARTMENT],
        policies=kinds[ReferenceKind.SLA_POLICY],
        organization=bool(kinds[ReferenceKind.CUSTOM_FIELD]),
    )
    technicians = {
        technician_id: technician
        for technician_id in dict.fromkeys(kinds[ReferenceKind.TECHNICIAN])
        if (technician := fieldservice_store.get_technician(org_id, technician_id)) is not None
    }
    targets = Targets(
        users=found.users,
        departments=found.departments,
        policies=found.policies,
        custom_fields=found.organization.settings.custom_fields if found.organization else [],
        technicians=technicians,
    )
    return {rule_id: broken_references(found_refs, targets) for rule_id, found_refs in refs.items()}


def refuse_broken(broken: Broken, what: str = "rule") -> None:
    """422 ``invalid_<what>`` (a rule's or a macro's), one detail per broken reference
    (``actions.2.user_id``, with its reason)."""
    if broken:
        details = [
            {"field": b["field"], "message": b["message"], "type": "broken_reference", "reason": b["reason"]}
            for b in broken
        ]
        raise RuleViolation(
            f"The {what} names things that do not exist or cannot be used.", code=f"invalid_{what}", details=details
        )


def list_rules(
    principal: Principal, deleted: bool, limit: int, cursor: str | None
) -> Page[tuple[AutomationRule, dict[str, Any], Broken]]:
    """A page of live rules in execution order with statistics and broken references (1 Query + 2
    BatchGetItems); ``deleted``: the trash (for those who may restore)."""
    policy.require(principal, "rules.write" if deleted else "rules.read")
    page = store.page_rules(principal.org_id, deleted=deleted, limit=limit, cursor=cursor)
    broken = check_targets(principal.org_id, [r for r, _ in page.items])
    return Page([(r, s, broken[r.id]) for r, s in page.items], page.next_cursor)


def get_rule(principal: Principal, rule_id: str) -> tuple[AutomationRule, dict[str, Any]]:
    policy.require(principal, "rules.read")
    rule, stats = store.get_rule(principal.org_id, rule_id) if len(rule_id) <= 40 else (None, {})
    if rule is None or rule.is_deleted:
        raise NotFound("Not found.")
    return rule, stats


def read_rule(principal: Principal, rule_id: str) -> tuple[AutomationRule, dict[str, Any], Broken]:
    """One rule with its statistics and its broken references."""
    rule, stats = get_rule(principal, rule_id)
    return rule, stats, check_targets(principal.org_id, [rule])[rule.id]


def create_rule(principal: Principal, command: AutomationRuleCommand) -> AutomationRule:
    """422 ``invalid_rule`` when an action names a user, department, SLA policy or custom field that
    does not exist (or cannot be used: deleted, deactivated, a customer for ``assign_to``)."""
    policy.require(principal, "rules.write")
    if store.count_rules(principal.org_id) >= store.MAX_RULES:
        raise RuleViolation(f"An organization has at most {store.MAX_RULES} rules.", code="too_many_rules")
    now = utcnow()
    rule = _build(
        {
            **command.model_dump(),
            "id": secrets.token_hex(10),
            "org_id": principal.org_id,
            "created_at": now,
            "updated_at": now,
        }
    )
    refuse_broken(check_targets(principal.org_id, [rule])[rule.id])
    with audit.recorded(principal, "automation_rule.created", "automation_rule", rule.id, {"name": rule.name}):
        return store.create_rule(rule)


@retry_on_conflict
def update_rule(
    principal: Principal, rule_id: str, patch: AutomationRulePatch, if_match: int | None
) -> tuple[AutomationRule, Broken]:
    """A change that sets ``actions`` or leaves the rule active must name only things that exist
    (422 ``invalid_rule``); switching a broken rule off is always possible. Returns the rule and the
    broken references it still has (an inactive rule may keep some)."""
    current, _ = get_rule(principal, rule_id)
    policy.require(principal, "rules.write")
    require_version("rule", current.version, if_match)
    changes = patch.changes()
    updated = _build({**current.model_dump(), **changes, "updated_at": utcnow()})
    broken = check_targets(principal.org_id, [updated])[updated.id]
    if "actions" in changes or updated.is_active:
        refuse_broken(broken)
    fields = {"fields": sorted(changes)}
    with audit.recorded(principal, "automation_rule.updated", "automation_rule", current.id, fields):
        return store.save_rule(updated, current), broken


@retry_on_conflict
def delete_rule(principal: Principal, rule_id: str) -> None:
    current, _ = get_rule(principal, rule_id)
    policy.require(principal, "rules.write")
    with audit.recorded(principal, "automation_rule.deleted", "automation_rule", current.id, {"name": current.name}):
        store.save_rule(lifecycle.soft_delete(current, utcnow()), current)


@retry_on_conflict
def restore_rule(principal: Principal, rule_id: str) -> AutomationRule:
    """A deleted rule back, active again, with its statistics; 422 ``invalid_rule`` while an action
    names something that no longer exists."""
    policy.require(principal, "rules.write")
    rule, _ = store.get_rule(principal.org_id, rule_id) if len(rule_id) <= 40 else (None, {})
    if rule is None:
        raise NotFound("Not found.")
    if not rule.is_deleted:
        return rule
    refuse_broken(check_targets(principal.org_id, [rule])[rule.id])
    with audit.recorded(principal, "automation_rule.restored", "automation_rule", rule.id, {"name": rule.name}):
        return store.save_rule(lifecycle.restore(rule, utcnow()), rule)


MAX_ORDERED = 95  # rules one reorder writes: one transaction, with the rule-set version and the audit entry


def reorder_rules(principal: Principal, ids: list[str], versions: list[int] | None) -> list[AutomationRule]:
    """Give the listed live rules ``execution_order`` 10, 20, 30... in this order, in ONE transaction
    conditional on each rule's version (``versions``: the ones the client saw, else the ones read).
    409 ``stale_version`` when one moved; 404 when an id is not a live rule of the organization."""
    policy.require(principal, "rules.write")
    found = store.get_rules(principal.org_id, ids)
    missing = [i for i in ids if i not in found or found[i].is_deleted]
    if missing:
        raise NotFound("Not found.", details=[{"field": "ids", "message": f"no live rule {i}"} for i in missing])
    if versions is not None:
        stale = [i for i, seen in zip(ids, versions, strict=True) if found[i].version != seen]
        if stale:
            details = [{"field": "versions", "message": f"rule {i} is at version {found[i].version}"} for i in stale]
            raise Conflict(
                "A rule was changed by someone else; reload the list.", code="stale_version", details=details
            )
    now = utcnow()
    changes = [
        (found[i].model_copy(update={"execution_order": (n + 1) * 10, "updated_at": now}), found[i])
        for n, i in enumerate(ids)
    ]
    with audit.recorded(principal, "automation_rule.reordered", "automation_rule", ids[0], {"ids": ids}):
        return store.save_rules(changes)


# ---- execution --------------------------------------------------------------------------------


@dataclass
class Event:
    """A ticket or work order event from the table stream (or the time-based run). ``number`` is the
    ticket's, or the work order's for the work order triggers."""

    org_id: str
    number: int
    trigger: TriggerType
    event_id: str
    current: Ticket | None = None  # the ticket as the change left it (None: read it)
    previous: Ticket | None = None  # before the change (ticket_updated)
    comment: Comment | None = None  # comment_added
    sla_target: str | None = None  # sla_warning / sla_breached
    chain: dict[str, Any] | None = None  # the rule chain the change belongs to, when a rule made it
    order: WorkOrder | None = None  # the work order as the change left it (work order triggers)
    previous_order: WorkOrder | None = None  # before the change (None: created, overdue)
    job: JobAssignment | None = None  # the job whose change it is (work_order_assigned, job_declined)


@dataclass
class Execution:
    rule: AutomationRule
    matched: bool
    ok: bool = True
    error: str | None = None
    elapsed_ms: float = 0.0
    actions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Plan:
    """What the matching rules (or a macro) do to one ticket: applied in one transaction by ``_commit``
    (a macro's by ``services.macros``). ``author_id`` writes the comments (``rule:<id>`` or the agent
    applying a macro); ``agent`` fills the ``agent.*`` placeholders (macros only)."""

    ticket: Ticket
    author_id: str = ""
    agent: User | None = None
    executions: list[Execution] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    events: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)  # (type, data, key)
    load: tuple[str, int | None] | None = None
    sla_applied: bool = False
    writes: list[Operation] = field(default_factory=list)  # other items to write with the ticket
    orders: list[WorkOrder] = field(default_factory=list)  # work orders a rule creates (written with the chain)

    @property
    def fired(self) -> list[str]:
        return [e.rule.id for e in self.executions if e.matched]


def run(event: Event, now: datetime | None = None) -> list[Execution]:
    """Run the event's rules once. Returns the executions (empty when nothing matched or ran already)."""
    rules = store.active_rules(event.org_id, event.trigger)
    if not rules:
        return []
    chain = Context.of(event.chain, event.event_id)
    if chain.depth >= MAX_DEPTH:
        logger.warning(
            "automation chain stopped at the depth limit",
            extra={"org_id": event.org_id, "ticket": event.number, "origin": chain.origin, "depth": chain.depth},
        )
        count("AutomationDepthLimit", 1)
        return []
    rules = [r for r in rules if r.id not in chain.fired]
    if event.trigger in WORK_ORDER_TRIGGERS:
        return _execute_work_order(event, rules, chain, now or utcnow())
    return _execute(event, rules, chain, now or utcnow())


def _execute(event: Event, rules: list[AutomationRule], chain: Context, now: datetime) -> list[Execution]:
    for _ in range(ATTEMPTS):
        ticket = ticket_store.get_ticket(event.org_id, event.number)
        if ticket is None or ticket.is_deleted or not rules:
            return []
        snapshot = event.current or ticket
        facts = Facts(
            current=ticket_facts(snapshot, event.comment, event.sla_target),
            previous=ticket_facts(event.previous) if event.previous is not None else None,
            now=now,
        )
        plan = _plan(rules, ticket, facts, now, dry_run=False)
        if not plan.executions:
            return []
        try:
            _commit(event, ticket, plan, chain, now)
        except Conflict as exc:
            if exc.code == "already_applied":
                return []
            if exc.code in ("stale_version", "rule_deleted"):
                if exc.code == "rule_deleted":
                    rules = store.active_rules(event.org_id, event.trigger)
                    rules = [r for r in rules if r.id not in chain.fired]
                continue
            raise
        except RuleViolation as exc:
            if exc.code not in ("agent_at_capacity", "invalid_department"):
                raise
            continue  # the chosen agent filled up (the department closed) meanwhile: plan again
        _counted(event, plan.executions)
        return plan.executions
    raise Conflict("The ticket kept changing while rules ran; the event is retried.", code="stale_version")


def _counted(event: Event, executions: list[Execution]) -> None:
    for execution in executions:
        count("AutomationRuleRuns", 1)
        if not execution.ok:
            count("AutomationRuleFailures", 1)
            logger.warning(
                "automation rule failed",
                extra={"org_id": event.org_id, "rule_id": execution.rule.id, "error": execution.error},
            )


def _failed(rule: AutomationRule, exc: Exception) -> Execution:
    """A rule whose action raised: counted as a failure with the reason (a bug is logged in full)."""
    if isinstance(exc, DesklessError):
        error = exc.message
    else:
        logger.exception("automation rule raised", extra={"rule_id": rule.id})
        error = f"{type(exc).__name__}: {exc}"
    return Execution(rule=rule, matched=True, ok=False, error=error)


def _plan(rules: list[AutomationRule], ticket: Ticket, facts: Facts, now: datetime, dry_run: bool) -> Plan:
    plan = Plan(ticket=ticket)
    for rule in rules:
        started = time.perf_counter()
        saved = (
            plan.ticket,
            len(plan.comments),
            len(plan.events),
            plan.load,
            plan.sla_applied,
            len(plan.writes),
            len(plan.orders),
        )
        try:
            if not evaluate(rule.trigger_conditions, facts).matched:
                continue
            execution = Execution(rule=rule, matched=True)
            plan.author_id = f"rule:{rule.id}"
            for action in rule.actions:
                execution.actions.append(apply_action(plan, action, now, dry_run, rule))
            plan.history += system_entries(
                plan.ticket, diff(saved[0], plan.ticket), now, "automation", "automation", rule.id
            )
        except Exception as exc:  # a rule must never take the others down with it: undo its part
            plan.ticket, plan.load, plan.sla_applied = saved[0], saved[3], saved[4]
            del plan.comments[saved[1] :], plan.events[saved[2] :], plan.writes[saved[5] :], plan.orders[saved[6] :]
            execution = _failed(rule, exc)
        execution.elapsed_ms = (time.perf_counter() - started) * 1000
        plan.executions.append(execution)
        if rule.stop_on_match and execution.ok:
            break
    return plan


def apply_action(
    plan: Plan, action: Any, now: datetime, dry_run: bool, rule: AutomationRule | None = None
) -> dict[str, Any]:
    """Apply one action to the plan (rules and macros alike); returns what it did. Notifications,
    webhooks and work orders belong to a ``rule``: without one they are ``unsupported_action``."""
    ticket = plan.ticket
    if isinstance(action, SetStatus):
        updates = ticket_service.apply_status(ticket, action.status, now) if action.status != ticket.status else {}
        plan.ticket = ticket.model_copy(update=updates)
        return {"type": action.type, "status": action.status.value}
    if isinstance(action, SetPriority):
        plan.ticket = ticket.model_copy(update={"priority": action.priority})
        return {"type": action.type, "priority": action.priority.value}
    if isinstance(action, AddTags | RemoveTags):
        tags = list(ticket.tags)
        if isinstance(action, AddTags):
            tags += [t for t in action.tags if t not in tags]
        else:
            tags = [t for t in tags if t not in action.tags]
        if len(tags) > 50:
            raise RuleViolation("A ticket has at most 50 tags.", code="too_many_tags")
        plan.ticket = ticket.model_copy(update={"tags": tags})
        return {"type": action.type, "tags": action.tags}
    if isinstance(action, SetCustomField):
        org = identity_store.get_organization(ticket.org_id)
        definitions = org.settings.custom_fields if org else []
        merged = validate_custom_fields(definitions, {**ticket.custom_fields, action.name: action.value})
        plan.ticket = ticket.model_copy(update={"custom_fields": merged})
        return {"type": action.type, "name": action.name, "value": action.value}
    if isinstance(action, AddInternalNote | ReplyToRequester):
        return _comment(plan, action, now)
    if isinstance(action, AssignTo):
        return _assign(plan, action, dry_run)
    if isinstance(action, SetDepartment):
        return _set_department(plan, action)
    if rule is None:
        raise RuleViolation(f"Unsupported action {getattr(action, 'type', action)!r}.", code="unsupported_action")
    if isinstance(action, ApplySLAPolicy):
        chosen = sla_store.get_policy(ticket.org_id, action.policy_id)
        if chosen is None or chosen.is_deleted:
            raise RuleViolation(f"SLA policy {action.policy_id} does not exist.", code="invalid_policy")
        plan.ticket = sla_service.stamp_with(ticket, chosen)
        plan.sla_applied = True
        return {"type": action.type, "policy_id": chosen.id}
    if isinstance(action, Notify):
        recipients = _recipients(ticket, action)
        data: dict[str, Any] = {
            "rule_id": rule.id,
            "recipients": recipients,
            "message": action.message,
            "reason": action.recipient,
        }
        plan.events.append(("notification", data, f"{rule.id}#{len(plan.events)}"))
        return {"type": action.type, "recipients": recipients}
    if isinstance(action, CreateWorkOrder):
        return _work_order(plan, rule, action, now, dry_run)
    if isinstance(action, CallWebhook):
        index = rule.actions.index(action)
        hook = {"rule_id": rule.id, "action": index, "url": str(action.url), "ticket_number": ticket.ticket_number}
        plan.events.append(("webhook", hook, f"{rule.id}#{index}"))
        return {"type": action.type, "url": str(action.url)}
    raise RuleViolation(f"Unsupported action {getattr(action, 'type', action)!r}.", code="unsupported_action")


def _name(user: User | None) -> str:
    return f"{user.first_name} {user.last_name}".strip() if user else ""


def _template_values(ticket: Ticket, agent: User | None = None) -> dict[str, str]:
    """What placeholders stand for; ``agent.*`` only when an agent applies a macro."""
    requester = identity_store.get_user(ticket.org_id, ticket.customer_id)
    return {
        "ticket.ticket_number": ticket.ticket_number,
        "ticket.subject": ticket.subject,
        "ticket.status": ticket.status.value,
        "ticket.priority": ticket.priority.value,
        "requester.first_name": requester.first_name if requester else "",
        "requester.name": _name(requester),
        "agent.first_name": agent.first_name if agent else "",
        "agent.name": _name(agent),
    }


def _comment(plan: Plan, action: AddInternalNote | ReplyToRequester, now: datetime) -> dict[str, Any]:
    ticket = plan.ticket
    if isinstance(action, AddInternalNote):
        content, kind = action.content, CommentType.INTERNAL
    else:
        content, kind = render(action.template, _template_values(ticket, plan.agent)), CommentType.PUBLIC
    comment = Comment(
        id=secrets.token_hex(8),
        org_id=ticket.org_id,
        ticket_number=ticket.number,
        author_id=plan.author_id,
        content=content,
        comment_type=kind,
        created_at=now + timedelta(microseconds=len(plan.comments)),
        updated_at=now,
    )
    plan.comments.append(comment)
    plan.ticket = ticket.model_copy(update={"updated_at": now})
    return {"type": action.type, "comment_id": comment.id, "comment_type": kind.value}


def _work_order(
    plan: Plan, rule: AutomationRule, action: CreateWorkOrder, now: datetime, dry_run: bool
) -> dict[str, Any]:
    """A work order for the ticket, written in the rules' ticket transaction (with the run guard, so a
    replayed event creates none); the ticket gets the link and an internal note."""
    ticket = plan.ticket
    values = _template_values(ticket)
    command = WorkOrderCommand(
        title=render(action.title, values)[:250] or ticket.subject[:250],
        description=render(action.description, values),
        priority=action.priority or ticket.priority,
        required_skills=action.required_skills,
        required_certifications=action.required_certifications,
        expected_duration_minutes=action.expected_duration_minutes,
    )
    order = fieldservice.order_for_ticket(ticket, command, f"rule:{rule.id}", now, allocate=not dry_run)
    if not dry_run:
        plan.orders.append(order)
        plan.ticket = ticket.model_copy(
            update={"work_order_numbers": [*ticket.work_order_numbers, order.work_order_number]}
        )
    note = AddInternalNote(
        type="add_internal_note", content=f"Work order {order.work_order_number} was created by rule {rule.name!r}."
    )
    _comment(plan, note, now)
    return {"type": action.type, "work_order_number": order.work_order_number, "title": order.title}


def _assign(plan: Plan, action: AssignTo, dry_run: bool) -> dict[str, Any]:
    ticket = plan.ticket
    if action.user_id is not None:
        candidates = ticket_store.staff_with_load(ticket.org_id, [action.user_id])
        if not candidates or not candidates[0][0].is_active or candidates[0][0].role not in STAFF_ROLES:
            raise RuleViolation("assign_to names no active agent of the organization.", code="invalid_assignee")
        chosen, _ = candidates[0]
    else:
        department, members = department_store.get_department_with_members(ticket.org_id, action.department_id or "")
        if department is None or not department.is_active:
            raise RuleViolation("assign_to names no active department.", code="invalid_department")
        eligible = [
            (user, load)
            for user, load in ticket_store.staff_with_load(ticket.org_id, sorted(members))
            if user.is_active
            and user.role in STAFF_ROLES
            and user.availability_status is Availability.AVAILABLE
            and (load < user.max_concurrent_tickets or user.id == ticket.assigned_agent_id)
        ]
        if not eligible:
            raise RuleViolation("No available agent of the department has capacity left.", code="no_agent_available")
        if action.strategy == "least_loaded":
            chosen = min(eligible, key=lambda pair: (pair[1], pair[0].id))[0]
        else:
            turn = (
                store.peek_turn(ticket.org_id, department.id)
                if dry_run
                else store.next_turn(ticket.org_id, department.id)
            )
            ordered = sorted(eligible, key=lambda pair: pair[0].id)
            chosen = ordered[(turn - 1) % len(ordered)][0]
    if chosen.id != ticket.assigned_agent_id:
        updates: dict[str, Any] = {"assigned_agent_id": chosen.id}
        if ticket.status is Status.NEW:
            updates.update(ticket_service.apply_status(ticket, Status.OPEN, ticket.updated_at))
        plan.ticket = ticket.model_copy(update=updates)
        plan.load = (chosen.id, chosen.max_concurrent_tickets)
    return {"type": action.type, "assigned_agent_id": chosen.id, "strategy": action.strategy}


def _set_department(plan: Plan, action: SetDepartment) -> dict[str, Any]:
    """Checked when planned (a read) and again as a condition of the ticket's transaction, so a
    department deactivated in between is refused, never written."""
    ticket = plan.ticket
    if action.department_id is not None and action.department_id != ticket.department_id:
        department = department_store.get_department(ticket.org_id, action.department_id)
        if department is None or not department.is_active or department.is_deleted:
            raise RuleViolation("set_department names no active department.", code="invalid_department")
        plan.writes.append(ticket_service.department_check(ticket.org_id, action.department_id))
    plan.ticket = ticket.model_copy(update={"department_id": action.department_id})
    return {"type": action.type, "department_id": action.department_id}


def _recipients(ticket: Ticket, action: Notify) -> list[str]:
    if action.recipient == "assignee":
        return [ticket.assigned_agent_id] if ticket.assigned_agent_id else []
    if action.recipient == "requester":
        return [ticket.customer_id]
    if action.recipient == "user":
        return [action.user_id] if action.user_id else []
    return _role_members(ticket.org_id, action.role or Role.MANAGER)


def _role_members(org_id: str, role: Role) -> list[str]:
    page = identity_store.list_users(org_id, role=role, limit=100, cursor=None)
    return [u.id for u in page.items if u.is_active]


def _commit(event: Event, ticket: Ticket, plan: Plan, chain: Context, now: datetime) -> None:
    fired = [e.rule.id for e in plan.executions]
    next_chain = Context(origin=chain.origin, depth=chain.depth + 1, fired=(*chain.fired, *fired)).to_json()
    operations: list[Operation] = [store.guard_put(ticket.org_id, ticket.number, event.event_id, fired, now)]
    operations += [
        store.stats_update(ticket.org_id, e.rule.id, e.ok, e.elapsed_ms, now, e.error) for e in plan.executions
    ]
    operations += [
        ticket_store.event_put(ticket.org_id, ticket.number, kind, now, {**data, "chain": next_chain}, key=key)
        for kind, data, key in plan.events
    ]
    operations += plan.writes
    # A work order a rule creates carries the chain, so rules on it continue it (and cannot loop back).
    operations += [fieldservice_store.order_put(order, None, automation=next_chain) for order in plan.orders]
    updated = plan.ticket
    if updated != ticket:
        updated = ticket_service.apply_sla(ticket.org_id, ticket, updated, now, rematch=not plan.sla_applied)
        updated = updated.model_copy(update={"updated_at": now})
    if updated == ticket and not plan.comments:
        transact_write(operations)
        return
    comments = [c.model_copy(update={"automation": next_chain}) for c in plan.comments]
    history = plan.history + system_entries(
        updated, [("comment", None, c.id) for c in comments], now, "commented", "automation", None
    )
    ticket_store.save_ticket(
        updated, ticket, history, comments=comments, load_limit=plan.load, extra=operations, automation=next_chain
    )


# ---- work order rules -------------------------------------------------------------------------


@dataclass
class OrderPlan:
    """What the matching rules do to one work order, applied in ONE transaction by
    ``_commit_work_order``: the order and its jobs (version-checked on the order), the slot and
    open-job counters, notification and webhook events, the notes for the linked ticket (then the
    ticket's version-checked write carries it all), the run guard and the statistics."""

    order: WorkOrder
    jobs: list[JobAssignment]
    operations: list[Operation] = field(default_factory=list)
    events: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)  # (type, data, key)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (rule id, content) for the linked ticket
    ticket: Ticket | None = None  # the linked ticket, read when a rule adds a note
    executions: list[Execution] = field(default_factory=list)


def _execute_work_order(event: Event, rules: list[AutomationRule], chain: Context, now: datetime) -> list[Execution]:
    for _ in range(ATTEMPTS):
        order, jobs = fieldservice_store.get_work_order(event.org_id, event.number)
        if order is None or not rules:
            return []
        facts = Facts(
            current=work_order_facts(event.order or order, event.job),
            previous=work_order_facts(event.previous_order) if event.previous_order is not None else None,
            now=now,
        )
        plan = _plan_work_order(rules, OrderPlan(order=order, jobs=list(jobs)), facts, now)
        if not plan.executions:
            return []
        try:
            _commit_work_order(event, order, jobs, plan, chain, now)
        except Conflict as exc:
            if exc.code == "already_applied":
                return []
            if exc.code in ("stale_version", "rule_deleted"):
                if exc.code == "rule_deleted":
                    rules = [r for r in store.active_rules(event.org_id, event.trigger) if r.id not in chain.fired]
                continue
            raise
        except RuleViolation as exc:
            if exc.code != "technician_fully_booked":
                raise
            continue  # the chosen technician's last slot went to another work order meanwhile: plan again
        _counted(event, plan.executions)
        return plan.executions
    raise Conflict("The work order kept changing while rules ran; the event is retried.", code="stale_version")


def _plan_work_order(rules: list[AutomationRule], plan: OrderPlan, facts: Facts, now: datetime) -> OrderPlan:
    for rule in rules:
        started = time.perf_counter()
        saved = (plan.order, list(plan.jobs), len(plan.operations), len(plan.events), len(plan.notes))
        try:
            if not evaluate(rule.trigger_conditions, facts).matched:
                continue
            execution = Execution(rule=rule, matched=True)
            for index, action in enumerate(rule.actions):
                execution.actions.append(_work_order_action(plan, rule, index, action, now))
        except Exception as exc:  # a rule must never take the others down with it: undo its part
            plan.order, plan.jobs = saved[0], saved[1]
            del plan.operations[saved[2] :], plan.events[saved[3] :], plan.notes[saved[4] :]
            execution = _failed(rule, exc)
        execution.elapsed_ms = (time.perf_counter() - started) * 1000
        plan.executions.append(execution)
        if rule.stop_on_match and execution.ok:
            break
    return plan


def _work_order_action(plan: OrderPlan, rule: AutomationRule, index: int, action: Any, now: datetime) -> dict[str, Any]:
    """Apply one action of a work order rule to the plan; returns what it did."""
    order = plan.order
    if isinstance(action, SetWorkOrderStatus | AssignTechnician | AutoDispatch):
        if isinstance(action, SetWorkOrderStatus):
            change = fieldservice.plan_status(order, plan.jobs, action.status, now)
        else:
            technician_id = action.technician_id if isinstance(action, AssignTechnician) else None
            change = fieldservice.plan_assignment(order, plan.jobs, technician_id, f"rule:{rule.id}", "", now)
        plan.order, plan.jobs = change.order, change.jobs
        plan.operations += change.operations
        if isinstance(action, SetWorkOrderStatus):
            return {"type": action.type, "status": change.order.status.value}
        job = change.jobs[-1]
        return {"type": action.type, "technician_id": job.technician_id, "job_id": job.id}
    if isinstance(action, AddTicketNote):
        if order.ticket_number is None:
            return {"type": action.type, "skipped": "the work order has no linked ticket"}
        if plan.ticket is None:
            try:
                number = parse_number(order.ticket_number)
            except Invalid:
                number = 0
            ticket = ticket_store.get_ticket(order.org_id, number) if number else None
            if ticket is None or ticket.is_deleted:
                raise RuleViolation("The linked ticket no longer exists.", code="ticket_not_found")
            plan.ticket = ticket
        plan.notes.append((rule.id, action.content))
        return {"type": action.type, "ticket_number": order.ticket_number}
    if isinstance(action, Notify):
        recipients = _order_recipients(order, action)
        data: dict[str, Any] = {
            "rule_id": rule.id,
            "recipients": recipients,
            "message": action.message,
            "reason": action.recipient,
            "work_order_number": order.work_order_number,
        }
        plan.events.append(("notification", data, f"{rule.id}#{len(plan.events)}"))
        return {"type": action.type, "recipients": recipients}
    if isinstance(action, CallWebhook):
        hook = {
            "rule_id": rule.id,
            "action": index,
            "url": str(action.url),
            "work_order_number": order.work_order_number,
        }
        plan.events.append(("webhook", hook, f"{rule.id}#{index}"))
        return {"type": action.type, "url": str(action.url)}
    raise RuleViolation(f"Unsupported action {getattr(action, 'type', action)!r}.", code="unsupported_action")


def _order_recipients(order: WorkOrder, action: Notify) -> list[str]:
    """``assignee``: the users of the technicians holding the work order; ``requester``: its customer."""
    if action.recipient == "assignee":
        return list(order.assigned_user_ids)
    if action.recipient == "requester":
        return [order.customer_id] if order.customer_id else []
    if action.recipient == "user":
        return [action.user_id] if action.user_id else []
    return _role_members(order.org_id, action.role or Role.MANAGER)


def _commit_work_order(
    event: Event, order: WorkOrder, jobs: list[JobAssignment], plan: OrderPlan, chain: Context, now: datetime
) -> None:
    fired = [e.rule.id for e in plan.executions]
    next_chain = Context(origin=chain.origin, depth=chain.depth + 1, fired=(*chain.fired, *fired)).to_json()
    org_id, number = order.org_id, order.number
    guard_pk = fieldservice_store.events_pk(org_id, number)
    operations: list[Operation] = [store.guard_put(org_id, number, event.event_id, fired, now, pk=guard_pk)]
    operations += [store.stats_update(org_id, e.rule.id, e.ok, e.elapsed_ms, now, e.error) for e in plan.executions]
    operations += [
        fieldservice_store.event_put(org_id, number, kind, now, {**data, "chain": next_chain}, key=key)
        for kind, data, key in plan.events
    ]
    before = {j.id: j for j in jobs}
    changed_jobs = [j for j in plan.jobs if before.get(j.id) != j]
    if plan.order != order or changed_jobs:
        scheduled = plan.order.scheduled_at.isoformat() if plan.order.scheduled_at else None
        operations.append(fieldservice_store.order_put(plan.order, order, automation=next_chain))
        operations += [fieldservice_store.job_put(j, scheduled, automation=next_chain) for j in changed_jobs]
        operations += plan.operations
    if plan.ticket is None or not plan.notes:
        transact_write(operations)
        return
    ticket = plan.ticket
    comments = [
        Comment(
            id=secrets.token_hex(8),
            org_id=org_id,
            ticket_number=ticket.number,
            author_id=f"rule:{rule_id}",
            content=content,
            comment_type=CommentType.INTERNAL,
            created_at=now + timedelta(microseconds=i),
            updated_at=now,
            automation=next_chain,
        )
        for i, (rule_id, content) in enumerate(plan.notes)
    ]
    updated = ticket.model_copy(update={"updated_at": now})
    history = system_entries(updated, [("comment", None, c.id) for c in comments], now, "commented", "automation")
    ticket_store.save_ticket(updated, ticket, history, comments=comments, extra=operations, automation=next_chain)


# ---- time-based rules -------------------------------------------------------------------------


@dataclass
class TimeReport:
    rules: int = 0
    candidates: int = 0
    fired: int = 0


def run_time_based(now: datetime) -> TimeReport:
    """Every active time-based rule over its indexed candidates: tickets in the rule's statuses
    not updated for its ``hours_since`` (GSI1 per status, or GSI4, oldest first)."""
    report = TimeReport()
    for rule in store.time_rules():
        report.rules += 1
        cutoff = now - timedelta(hours=rule.hours())
        statuses = rule.status_candidates()
        queues: list[tuple[str, str | None]] = (
            [("status", s.value) for s in statuses] if statuses is not None else [("all", None)]
        )
        budget = TIME_CANDIDATES_PER_RULE
        for queue, key in queues:
            cursor = None
            while budget > 0:
                page = ticket_store.list_queue(
                    rule.org_id, queue, key, limit=min(100, budget), cursor=cursor, updated_before=cutoff
                )
                for ticket in page.items:
                    budget -= 1
                    report.candidates += 1
                    event = Event(
                        org_id=rule.org_id,
                        number=ticket.number,
                        trigger=TriggerType.TIME_BASED,
                        event_id=f"time#{rule.id}#{iso(ticket.updated_at)}",
                        current=ticket,
                    )
                    chain = Context(origin=event.event_id)
                    if any(e.matched and e.ok for e in _execute(event, [rule], chain, now)):
                        report.fired += 1
                cursor = page.next_cursor
                if cursor is None:
                    break
    return report


# ---- overdue work orders ----------------------------------------------------------------------

OVERDUE_SWEEP = "WORKORDERS"  # the sweep's position item (store.deadlines)
OVERDUE_LOOKBACK = timedelta(hours=48)
OVERDUE_MAX_HOURS = 24 * 7


@dataclass
class OverdueReport:
    hours: int = 0
    partitions_read: int = 0
    read: int = 0
    fired: int = 0
    conflicts: int = 0


def sweep_overdue(now: datetime) -> OverdueReport:
    """Every open work order whose due time (scheduled start + expected duration) has passed gets
    ONE ``work_order_overdue`` event: the order marked ``overdue_for`` its due time and the event
    item in one version-checked transaction; the stream runs the rules. Reads only the due-hour
    partitions from the sweep's saved position to now (``store.fieldservice.overdue_in_hour``)."""
    report = OverdueReport()
    start, position_version = deadline_store.swept_from(now, OVERDUE_LOOKBACK, OVERDUE_SWEEP)
    hour = start
    current = now.replace(minute=0, second=0, microsecond=0)
    unfinished: datetime | None = None
    while hour <= current and report.hours < OVERDUE_MAX_HOURS:
        report.hours += 1
        for shard in range(deadline_store.SHARDS):
            report.partitions_read += 1
            for found in fieldservice_store.overdue_in_hour(deadline_store.hour_of(hour), shard, now):
                report.read += 1
                try:
                    report.fired += _mark_overdue(found.org_id, found.number, now)
                except Conflict:
                    report.conflicts += 1  # changed meanwhile: this hour is read again next run
                    unfinished = unfinished or hour
        hour += timedelta(hours=1)
    position = unfinished or min(hour, current)
    if position != start or position_version is None:  # an idle run leaves it in place: no write
        deadline_store.save_position(position, position_version, OVERDUE_SWEEP)
    return report


def _mark_overdue(org_id: str, number: int, now: datetime) -> int:
    """1 when the work order's overdue event was written now, 0 when it is not (or no longer) due."""
    order, _ = fieldservice_store.get_work_order(org_id, number)
    due = order.overdue_pending if order is not None else None
    if order is None or due is None or fieldservice_store.overdue_at(order) > now:
        return 0
    data = {
        "work_order_number": order.work_order_number,
        "due_at": iso(due),
        "scheduled_at": iso(order.scheduled_at) if order.scheduled_at else None,
        "status": order.status.value,
    }
    transact_write(
        [
            fieldservice_store.order_put(order.model_copy(update={"overdue_for": due}), order),
            fieldservice_store.event_put(org_id, number, "work_order_overdue", due, data),
        ]
    )
    logger.info("work order overdue", extra={"org_id": org_id, "work_order": order.work_order_number})
    return 1


# ---- dry run ----------------------------------------------------------------------------------


SIMULATED_FIELDS = frozenset(
    {"status", "priority", "channel", "category", "subcategory", "subject", "description", "tags", "custom_fields"}
    | {"assigned_agent_id", "sla_breach"}
)


def dry_run(
    principal: Principal, rule_id: str, ticket_number: str, changes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Which conditions hold for the ticket as it is now (or after the simulated ``changes``), which
    actions would apply, and the result. Nothing is written (round-robin peeks at the next turn)."""
    rule, _ = get_rule(principal, rule_id)
    if rule.trigger_type in WORK_ORDER_TRIGGERS:
        raise RuleViolation(
            "Dry runs try a rule on a ticket; this rule runs on work orders.",
            code="work_order_rule",
            details=[{"field": "rule_id", "message": f"trigger {rule.trigger_type.value}"}],
        )
    ticket = ticket_service.load_ticket(principal, ticket_number)
    now = utcnow()
    previous = None
    if changes:
        unknown = sorted(set(changes) - SIMULATED_FIELDS)
        if unknown:
            raise RuleViolation(
                "These fields cannot be simulated.",
                code="invalid_changes",
                details=[{"field": "changes", "fields": unknown}],
            )
        try:
            changed = Ticket.model_validate({**ticket.model_dump(), **changes})
        except ValidationError as exc:
            details = validation_details(exc, root="changes")
            raise RuleViolation(
                "The simulated changes are not valid.", code="invalid_changes", details=details
            ) from exc
        previous, ticket = ticket, changed
    facts = Facts(current=ticket_facts(ticket), previous=ticket_facts(previous) if previous else None, now=now)
    verdict = evaluate(rule.trigger_conditions, facts, explain=True)
    conditions = [
        {
            "path": path,
            "field": condition.field,
            "operator": condition.operator,
            "value": getattr(condition, "value", None),
            "actual": _jsonable(facts.current.get(condition.field)),
            "held": held,
        }
        for path, condition, held in verdict.results
    ]
    result: dict[str, Any] = {"matched": verdict.matched, "conditions": conditions, "actions": [], "ticket": ticket}
    if verdict.matched:
        plan = Plan(ticket=ticket)
        plan.author_id = f"rule:{rule.id}"
        for action in rule.actions:
            try:
                result["actions"].append({**apply_action(plan, action, now, True, rule), "would_apply": True})
            except DesklessError as exc:
                result["actions"].append({"type": action.type, "would_apply": False, "error": exc.message})
        result["ticket"] = plan.ticket
        result["changes"] = [{"field": f, "old": o, "new": n} for f, o, n in diff(ticket, plan.ticket)]
        result["comments"] = [{"comment_type": c.comment_type.value, "content": c.content} for c in plan.comments]
    return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.value if hasattr(value, "value") and not isinstance(value, int | float | str) else value


def rule_schema(principal: Principal) -> dict[str, Any]:
    """What the rule builder offers (``domain.rule_schema``), with the organization's custom fields (ONE GetItem)."""
    policy.require(principal, "rules.write")
    org = identity_store.get_organization(principal.org_id)
    return builder_schema(org.settings.custom_fields if org else [])


# ---- simulation -------------------------------------------------------------------------------

SIMULATE_MAX = 200  # tickets one simulation replays
SIMULATED_HISTORY = 20  # newest history entries read per ticket (to replay changes and rebuild earlier states)
SIMULATED_COMMENTS = 5  # newest comments replayed per ticket (comment_added rules)
REPLAYED_FIELDS = (TICKET_FIELDS | {"custom_fields"}) & set(TRACKED_FIELDS)  # what an earlier state is rebuilt for
CHANGE_TRIGGERS = frozenset({TriggerType.TICKET_UPDATED})
NOW_TRIGGERS = frozenset(
    {TriggerType.TIME_BASED, TriggerType.SLA_WARNING, TriggerType.SLA_BREACHED, TriggerType.TICKET_MERGED}
)


def _old_value(name: str, text: str | None) -> Any:
    """A history entry's old value back in the ticket's type (lists and maps are stored as JSON)."""
    if name in ("tags", "custom_fields"):
        return json.loads(text) if text else ([] if name == "tags" else {})
    if name == "sla_breach":
        return text == "True"
    return text


def _before(ticket: Ticket, entries: Sequence[HistoryEntry]) -> Ticket:
    """The ticket as it was before ``entries`` (newest first) were made; a value that no longer
    validates (a rule of an earlier version) keeps the later state."""
    data = ticket.model_dump()
    for entry in entries:
        if entry.field_name in REPLAYED_FIELDS:
            try:
                data[entry.field_name] = _old_value(entry.field_name, entry.old_value)
            except ValueError:
                continue
    try:
        return Ticket.model_validate(data)
    except ValidationError:
        return ticket


@dataclass
class Replayed:
    """One event of a ticket's recent history, as a rule would have seen it."""

    label: str
    at: datetime
    ticket: Ticket
    facts: Facts


def _replayed_events(rule: AutomationRule, ticket: Ticket, now: datetime) -> list[Replayed]:
    """The ticket's recent events of the rule's trigger, oldest first: its creation (the state rebuilt
    from the history), its last changes (one event per write: entries of one instant), its last
    comments; triggers without a history (time, SLA, merges): the ticket as it is now."""
    trigger = rule.trigger_type
    if trigger in NOW_TRIGGERS:
        return [Replayed("now", now, ticket, Facts(current=ticket_facts(ticket), now=now))]
    history = ticket_store.recent_history(ticket.org_id, ticket.number, SIMULATED_HISTORY)

    def state_at(moment: datetime) -> Ticket:
        return _before(ticket, [e for e in history if e.created_at > moment])

    if trigger is TriggerType.TICKET_CREATED:
        created = state_at(ticket.created_at)
        return [Replayed("created", ticket.created_at, created, Facts(ticket_facts(created), now=ticket.created_at))]
    if trigger is TriggerType.COMMENT_ADDED:
        comments = ticket_store.recent_comments(ticket.org_id, ticket.number, SIMULATED_COMMENTS)
        events = []
        for comment in reversed(comments):
            then = state_at(comment.created_at)
            facts = Facts(current=ticket_facts(then, comment=comment), now=comment.created_at)
            events.append(Replayed(f"comment {comment.comment_type.value}", comment.created_at, then, facts))
        return events
    events = []
    changes = [e for e in history if e.field_name in TRACKED_FIELDS and e.change_type != "created"]
    for moment in sorted({e.created_at for e in changes}):
        after = state_at(moment)
        before = _before(after, [e for e in changes if e.created_at == moment])
        fields = ", ".join(sorted({e.field_name for e in changes if e.created_at == moment}))
        facts = Facts(current=ticket_facts(after), previous=ticket_facts(before), now=moment)
        events.append(Replayed(f"changed {fields}", moment, after, facts))
    return events


def _describe(condition: Any) -> str:
    value = getattr(condition, "value", None)
    return f"{condition.field} {condition.operator}" + ("" if value is None else f" {value!r}")


def _planned(rule: AutomationRule, ticket: Ticket, now: datetime) -> list[dict[str, Any]]:
    """What the rule's actions would do to ``ticket``, planned as a dry run (nothing is written)."""
    plan = Plan(ticket=ticket)
    plan.author_id = f"rule:{rule.id}"
    planned = []
    for action in rule.actions:
        try:
            planned.append({**apply_action(plan, action, now, True, rule), "would_apply": True})
        except DesklessError as exc:
            planned.append({"type": action.type, "would_apply": False, "error": exc.message})
    return planned


def simulate(
    principal: Principal, command: AutomationRuleCommand | None, rule_id: str | None, last: int
) -> dict[str, Any]:
    """What a rule (saved, or as it would be POSTed) would have done to the organization's last ``last``
    tickets, replayed over their recent history (``_replayed_events``). Nothing is written. Reads: ONE
    Query + ONE BatchGetItem for the newest tickets, then per ticket at most two Queries of its
    partition (``SIMULATED_HISTORY`` entries, ``SIMULATED_COMMENTS`` comments), and what planning a
    matching ticket's actions reads (as a dry run)."""
    policy.require(principal, "rules.write")
    now = utcnow()
    if rule_id is not None:
        rule, _ = get_rule(principal, rule_id)
    else:
        assert command is not None  # the request model asks for exactly one of them
        data = {**command.model_dump(), "id": "simulated", "org_id": principal.org_id}
        rule = _build({**data, "created_at": now, "updated_at": now})
    if rule.trigger_type in WORK_ORDER_TRIGGERS:
        raise RuleViolation(
            "Simulations replay a rule over tickets; this rule runs on work orders.",
            code="work_order_rule",
            details=[{"field": "rule.trigger_type", "message": f"trigger {rule.trigger_type.value}"}],
        )
    tickets = ticket_store.list_by_created(
        principal.org_id, newest_first=True, limit=min(last, SIMULATE_MAX), cursor=None
    ).items
    results = []
    for ticket in tickets:
        events = _replayed_events(rule, ticket, now)
        verdicts = [(event, evaluate(rule.trigger_conditions, event.facts, explain=True)) for event in events]
        hit = next((event for event, verdict in verdicts if verdict.matched), None)
        if hit is not None:
            reason = f"matched on {hit.label} at {iso(hit.at)}"
            would = _planned(rule, hit.ticket, now)
        elif verdicts:
            failed = [c for path, c, held in verdicts[-1][1].results if not held]
            reason = "no event matched; on the last one " + "; ".join(f"{_describe(c)} did not hold" for c in failed)
            would = []
        else:
            reason = f"no {rule.trigger_type.value} event in the ticket's recent history"
            would = []
        results.append(
            {
                "ticket_number": ticket.ticket_number,
                "subject": ticket.subject,
                "events_checked": len(events),
                "matched": hit is not None,
                "would": would,
                "reason": reason,
            }
        )
    return {
        "rule_id": rule_id,
        "trigger_type": rule.trigger_type.value,
        "tickets": len(results),
        "matched": sum(1 for r in results if r["matched"]),
        "events_checked": sum(r["events_checked"] for r in results),
        "items": results,
    }


# ---- webhook deliveries -----------------------------------------------------------------------


def queue_webhook(org_id: str, number: int, data: dict[str, Any], event_id: str) -> bool:
    """Queue a rule's webhook event for the sender (``services.webhooks``), which POSTs it signed
    with the action's secret: one attempt, a failure recorded on the rule (last_error) and counted.
    No request is made here (the stream handler). Receivers dedupe on ``X-Deskless-Delivery``."""
    from chalicelib.services import webhooks

    rule, _ = store.get_rule(org_id, str(data.get("rule_id", "")))
    index = int(data.get("action", -1))
    action = rule.actions[index] if rule is not None and 0 <= index < len(rule.actions) else None
    if rule is None or not isinstance(action, CallWebhook):
        return False  # the rule or its webhook was removed since
    if "work_order_number" in data:  # a work order rule's: the payload carries the work order
        order, _ = fieldservice_store.get_work_order(org_id, number)
        return webhooks.queue_rule_webhook(org_id, rule.id, rule.name, index, None, event_id, work_order=order)
    ticket = ticket_store.get_ticket(org_id, number)
    return webhooks.queue_rule_webhook(org_id, rule.id, rule.name, index, ticket, event_id)
