"""SLA policies and their application to tickets (due times in business time, pauses)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from chalicelib.auth import policy
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import SLAPolicyCommand, SLAPolicyPatch, SLAPreviewCommand
from chalicelib.domain.errors import InvalidInput, NotFound, require_version, validation_details
from chalicelib.domain.identity import Principal
from chalicelib.domain.sla import (
    SLAPolicy,
    add_business_time,
    business_time_between,
    due_times,
    select_policy,
)
from chalicelib.domain.tickets import Priority, Status, Ticket
from chalicelib.services import audit
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import sla as store
from chalicelib.store.pagination import Page

MATCHED_FIELDS = ("priority", "channel", "category", "tags")

# Per container: organization -> (SLA policy version, its policies). Used only while the version a
# request read (the ticket counter item's ``sla_version``) is the cached one; every policy write
# adds one to it in its own transaction, so a stale entry is never applied.
_POLICIES_AT: dict[str, tuple[int, list[SLAPolicy]]] = {}
CACHED_ORGANIZATIONS = 1024


def policies_at(org_id: str, version: int) -> list[SLAPolicy]:
    """The organization's policies at SLA policy version ``version`` (no read when this container
    holds that version; else one strongly consistent Query, kept for the next request)."""
    cached = _POLICIES_AT.get(org_id)
    if cached is not None and cached[0] == version:
        return cached[1]
    # Consistent: what is read is at least ``version`` (a newer list is never older than asked for).
    policies = store.list_policies(org_id, consistent=True)
    if len(_POLICIES_AT) >= CACHED_ORGANIZATIONS:
        _POLICIES_AT.clear()  # bounded memory; the next requests read again
    _POLICIES_AT[org_id] = (version, policies)
    return policies


def forget_cached_policies() -> None:
    """A container's start: no policy list held (tests start each one so)."""
    _POLICIES_AT.clear()


def depends_on_tier(policies: list[SLAPolicy]) -> bool:
    """Whether the requester's customer tier can change which policy a ticket gets."""
    return any(p.is_active and p.conditions.customer_tier for p in policies)


def list_policies(principal: Principal, deleted: bool, limit: int, cursor: str | None) -> Page[SLAPolicy]:
    """Live policies in the order they are tried; ``deleted``: the trash (for those who may restore)."""
    policy.require(principal, "sla.write" if deleted else "sla.read")
    return store.page_policies(principal.org_id, deleted=deleted, limit=limit, cursor=cursor)


def get_policy(principal: Principal, policy_id: str) -> SLAPolicy:
    policy.require(principal, "sla.read")
    found = store.get_policy(principal.org_id, policy_id) if len(policy_id) <= 40 else None
    if found is None or found.is_deleted:
        raise NotFound("Not found.")
    return found


def create_policy(principal: Principal, command: SLAPolicyCommand) -> SLAPolicy:
    policy.require(principal, "sla.write")
    now = utcnow()
    data = {**command.model_dump(), "id": secrets.token_hex(10), "org_id": principal.org_id}
    created = _build({**data, "created_at": now, "updated_at": now})
    with audit.recorded(principal, "sla_policy.created", "sla_policy", created.id, {"name": created.name}):
        return store.create_policy(created)


def _build(data: dict[str, Any]) -> SLAPolicy:
    """Validate the whole policy (cross-field rules such as pause statuses) as a 422, not a 500."""
    try:
        return SLAPolicy.model_validate(data)
    except ValidationError as exc:
        details = validation_details(exc, root="policy")
        raise InvalidInput("The policy is not valid.", code="invalid_request", details=details) from exc


@retry_on_conflict
def update_policy(principal: Principal, policy_id: str, patch: SLAPolicyPatch, if_match: int | None) -> SLAPolicy:
    current = get_policy(principal, policy_id)
    policy.require(principal, "sla.write")
    require_version("policy", current.version, if_match)
    changes = patch.changes()
    updated = _build({**current.model_dump(), **changes, "updated_at": utcnow()})
    with audit.recorded(principal, "sla_policy.updated", "sla_policy", current.id, {"fields": sorted(changes)}):
        return store.save_policy(updated, current)


@retry_on_conflict
def delete_policy(principal: Principal, policy_id: str) -> None:
    """Tickets keep the due times they were given; new and re-matched tickets stop using it."""
    current = get_policy(principal, policy_id)
    policy.require(principal, "sla.write")
    with audit.recorded(principal, "sla_policy.deleted", "sla_policy", current.id, {"name": current.name}):
        store.save_policy(lifecycle.soft_delete(current, utcnow()), current)


@retry_on_conflict
def restore_policy(principal: Principal, policy_id: str) -> SLAPolicy:
    """A deleted policy back, active again (new and re-matched tickets use it from now on)."""
    policy.require(principal, "sla.write")
    found = store.get_policy(principal.org_id, policy_id) if len(policy_id) <= 40 else None
    if found is None:
        raise NotFound("Not found.")
    if not found.is_deleted:
        return found
    with audit.recorded(principal, "sla_policy.restored", "sla_policy", found.id, {"name": found.name}):
        return store.save_policy(lifecycle.restore(found, utcnow()), found)


PREVIEW_YEARS = 5  # a preview's created_at is at most this far from now (dates near year 9999 overflow)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def preview(principal: Principal, command: SLAPreviewCommand) -> dict[str, Any]:
    """The due times a ticket of ``command.priority`` created at ``created_at`` (default now) would
    get, computed by ``due_times`` as stamping does; writes nothing.

    An unsaved policy is validated exactly as a create would (422 naming ``policy.<field>``)."""
    policy.require(principal, "sla.write")
    now = utcnow()
    start = command.created_at or now
    if abs(start - now) > timedelta(days=366 * PREVIEW_YEARS):
        details = [{"field": "created_at", "message": f"within {PREVIEW_YEARS} years of now", "type": "value_error"}]
        raise InvalidInput("The preview is not valid.", code="invalid_request", details=details)
    if command.policy_id is not None:
        chosen = get_policy(principal, command.policy_id)
    else:
        assert command.policy is not None  # the command requires exactly one of them
        data = {**command.policy.model_dump(), "id": "preview", "org_id": principal.org_id}
        try:
            chosen = _build({**data, "created_at": now, "updated_at": now})
        except InvalidInput as exc:
            # The same rules as a create, named where the preview's body has them.
            details = [
                {**d, "field": f"policy.{d['field']}" if d["field"] != "policy" else "policy"} for d in exc.details
            ]
            raise InvalidInput(exc.message, code="invalid_request", details=details) from exc
    try:
        first, resolution = due_times(chosen, start, command.priority)
    except (ValueError, OverflowError) as exc:
        # A calendar with almost no working time ends the search (three years) before the target.
        details = [{"field": "policy.calendar", "message": str(exc), "type": "value_error"}]
        raise InvalidInput("The calendar cannot reach the target.", code="invalid_request", details=details) from exc
    calendar = chosen.calendar
    holidays = sorted(day for day in calendar.holidays if start.date() <= day <= resolution.date())
    return {
        "policy_id": command.policy_id,
        "policy_name": chosen.name,
        "priority": command.priority,
        "created_at": start,
        "first_response_due": first,
        "resolution_due": resolution,
        "business_hours_used": {
            "timezone": calendar.timezone,
            "always_open": calendar.always_open,
            "hours": [block.model_dump(mode="json") for block in calendar.hours],
            "holidays_in_range": holidays,
        },
        "explanation": _explain(chosen, command.priority, len(holidays)),
    }


def _explain(chosen: SLAPolicy, priority: Priority, holidays: int) -> str:
    """One sentence: the targets used and the time they are counted in."""
    targets = chosen.targets_for(priority)
    source = "its override for" if priority in chosen.priority_overrides else "its default targets for"
    calendar = chosen.calendar
    if calendar.always_open:
        counted = "counted around the clock (24x7)"
    else:
        blocks = ", ".join(
            f"{WEEKDAYS[b.day]} {b.start:%H:%M}-{b.end:%H:%M}"
            for b in sorted(calendar.hours, key=lambda b: (b.day, b.start))
        )
        counted = f"counted in business hours ({blocks}, {calendar.timezone})"
        if holidays:
            counted += f", closed on {holidays} holiday{'s' if holidays != 1 else ''} in between"
    return (
        f"Policy {chosen.name!r}, {source} {priority.value} priority: first response within "
        f"{targets.first_response_hours:g} h and resolution within {targets.resolution_hours:g} h, {counted}."
    )


def facts_of(ticket: Ticket, customer_tier: str | None) -> dict[str, Any]:
    return {
        "priority": ticket.priority.value,
        "channel": ticket.channel.value,
        "category": ticket.category,
        "tags": ticket.tags,
        "customer_tier": customer_tier,
    }


def stamp(ticket: Ticket, policies: list[SLAPolicy], customer_tier: str | None) -> Ticket:
    """The ticket with its policy and due times, counted from creation in the policy's business time.

    The resolution clock adds the business time already spent paused, so a re-match (priority
    change) keeps earlier pauses.
    """
    chosen = select_policy(policies, facts_of(ticket, customer_tier))
    if chosen is None:
        if ticket.sla_policy_id is None and ticket.first_response_due is None and ticket.resolution_due is None:
            return ticket  # nothing to clear (a new ticket no policy matches): no copy to validate
        return ticket.model_copy(update={"sla_policy_id": None, "first_response_due": None, "resolution_due": None})
    return stamp_with(ticket, chosen)


def stamp_with(ticket: Ticket, chosen: SLAPolicy) -> Ticket:
    """The ticket under ``chosen`` (an automation rule's apply_sla_policy, or the matched policy)."""
    targets = chosen.targets_for(ticket.priority)
    first = add_business_time(chosen.calendar, ticket.created_at, timedelta(hours=targets.first_response_hours))
    resolution = add_business_time(
        chosen.calendar, ticket.created_at, timedelta(hours=targets.resolution_hours, seconds=ticket.sla_paused_seconds)
    )
    return ticket.model_copy(
        update={"sla_policy_id": chosen.id, "first_response_due": first, "resolution_due": resolution}
    )


def track_pause(before: Ticket, after: Ticket, policy_: SLAPolicy | None, now: datetime) -> Ticket:
    """Stop the resolution clock on entering a pause status; on leaving it, move the due time on."""
    if policy_ is None:
        return after
    pausing = set(policy_.pause_statuses)
    was, now_paused = before.status in pausing, after.status in pausing
    if not was and now_paused:
        return after.model_copy(update={"sla_paused_at": now})
    if was and not now_paused and before.sla_paused_at is not None:
        spent = business_time_between(policy_.calendar, before.sla_paused_at, now).total_seconds()
        total = before.sla_paused_seconds + max(spent, 0.0)
        resolution = after.resolution_due
        if resolution is not None and after.status is not Status.CLOSED:
            targets = policy_.targets_for(after.priority)
            resolution = add_business_time(
                policy_.calendar, after.created_at, timedelta(hours=targets.resolution_hours, seconds=total)
            )
        return after.model_copy(
            update={"sla_paused_at": None, "sla_paused_seconds": total, "resolution_due": resolution}
        )
    return after


def measure(ticket: Ticket, policy_: SLAPolicy | None) -> Ticket:
    """Business-time metrics of completed targets: set once on completion, cleared on reopen.

    Resolution counts the resolution clock (business time paused excluded).
    """
    updates: dict[str, Any] = {}
    for done, name, paused in (
        (ticket.first_response_at, "business_time_to_first_response", 0.0),
        (ticket.resolved_at, "business_time_to_resolution", ticket.sla_paused_seconds),
    ):
        current = getattr(ticket, name)
        if done is None and current is not None:
            updates[name] = None
        elif done is not None and current is None and policy_ is not None:
            spent = business_time_between(policy_.calendar, ticket.created_at, done).total_seconds() - paused
            updates[name] = max(round(spent, 1), 0.0)
    return ticket.model_copy(update=updates) if updates else ticket


def needs_measuring(ticket: Ticket) -> bool:
    return (ticket.first_response_at is not None and ticket.business_time_to_first_response is None) or (
        ticket.resolved_at is not None and ticket.business_time_to_resolution is None
    )


def status_of(ticket: Ticket, policy_: SLAPolicy | None, now: datetime) -> dict[str, Any]:
    """Each target's due time, remaining (negative: overrun) business seconds, and state."""
    targets: dict[str, Any] = {}
    for name, due, done in (
        ("first_response", ticket.first_response_due, ticket.first_response_at),
        ("resolution", ticket.resolution_due, ticket.resolved_at),
    ):
        if due is None:
            continue
        paused = name == "resolution" and ticket.sla_paused_at is not None and done is None
        end: datetime = done or (ticket.sla_paused_at if paused and ticket.sla_paused_at else now)
        remaining = business_time_between(policy_.calendar, end, due) if policy_ else due - end
        recorded = any(key.startswith(f"{name}:breach:") for key in ticket.sla_fired)
        if done is not None:
            state = "met" if done <= due and not recorded else "breached"
        else:
            state = "breached" if recorded or end > due else ("paused" if paused else "running")
        targets[name] = {
            "due": due,
            "remaining_seconds": remaining.total_seconds(),
            "state": state,
            "completed_at": done,
        }
    return {
        "policy_id": ticket.sla_policy_id,
        "policy_name": policy_.name if policy_ else None,
        "breached": any(t["state"] == "breached" for t in targets.values()) or ticket.sla_breach,
        "targets": targets,
    }


WARNING_SHARE = 0.25  # without a before_breach step, a target warns in its last quarter


def warning_share(policy_: SLAPolicy | None, target: str) -> float:
    """The share of a target left when it warns: what the policy's first ``before_breach`` step of
    that target leaves (a step at 80 % elapsed warns with 20 % left), else a quarter."""
    for step in policy_.escalation_rules if policy_ else ():
        if step.when == "before_breach" and step.percent is not None and step.target.value == target:
            return 1 - step.percent / 100
    return WARNING_SHARE


def badge(ticket: Ticket, policy_: SLAPolicy | None, now: datetime) -> dict[str, Any]:
    """One ticket's SLA at a glance (``include=sla``): the pending target (first response until
    answered, then resolution; the last one once both are done), its due time, remaining business
    seconds as ``status_of`` computes them, and a state where ``warning`` is a running target
    inside its warning share (``warning_share``) of the target's length."""
    targets = status_of(ticket, policy_, now)["targets"]
    pending = [name for name, t in targets.items() if t["completed_at"] is None]
    name = pending[0] if pending else (list(targets)[-1] if targets else None)
    if name is None:
        return {"target": None, "due": None, "remaining_seconds": None, "state": "none"}
    target = targets[name]
    state = target["state"]
    if state == "running":
        if policy_ is not None:
            hours = getattr(policy_.targets_for(ticket.priority), f"{name}_hours")
            length = hours * 3600
        else:
            length = (target["due"] - ticket.created_at).total_seconds()
        if target["remaining_seconds"] < length * warning_share(policy_, name):
            state = "warning"
    return {"target": name, "due": target["due"], "remaining_seconds": target["remaining_seconds"], "state": state}
