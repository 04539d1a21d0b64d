"""Saved views (personal, department, organization, built-in) and the filtered ticket list they run.

Authorization through ``auth.policy`` only: staff use views (``views.read``; customers 403),
shared ones are managed by ``views.manage_shared`` (managers, admins), personal ones by their
owner alone (another user's is 404: its key is built from the caller's id, see store/views.py).

``list_filtered`` is the engine (search's filter-only queries call it too). It reads the
narrowest source the filter and the reader allow (see ``_plan``), pushes status, priority and
requester into the FilterExpression of queue partitions, checks everything with
``TicketFilter.matches`` and ``policy.can_see_ticket``, and reads at most ``READ_BUDGET`` items
per request: a page may then hold fewer tickets than asked for, with a cursor to go on.
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pynamodb.expressions.condition import Condition

from chalicelib.auth import policy
from chalicelib.domain import queue_counts
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.errors import Forbidden, NotFound, RuleViolation, require_version
from chalicelib.domain.identity import Principal
from chalicelib.domain.ticket_filter import TicketFilter
from chalicelib.domain.tickets import PRIORITY_RANK, Status, Ticket
from chalicelib.domain.views import (
    SHARED_SCOPES,
    View,
    ViewScope,
    builtin,
    builtin_views,
    listing_order,
    time_problems,
)
from chalicelib.services import ticket_scope, tickets
from chalicelib.services.identity import new_id
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import departments as departments_store
from chalicelib.store import queue_counts as counter_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store import views as store
from chalicelib.store.keys import is_safe_part
from chalicelib.store.pagination import Page, position_after, position_cursor

READ_BUDGET = 300  # items one list request reads at most (tickets evaluated by DynamoDB + fetched by key)
COUNT_BUDGET = 300  # the same for one view's bounded count
COUNT_CAP = 100  # counts stop here (``count_capped``)
CHUNK = 100  # items one Query request evaluates at most


# ---------------------------------------------------------------- the engine


@dataclass
class Plan:
    """How a filter is read: the sources (merged in one order), the sort-key range (inclusive) and
    the FilterExpression for queue partitions."""

    sources: list[ticket_store.Source]
    descending: bool
    low: str | None = None
    high: str | None = None
    condition: Condition | None = None


def _invalid_sort(message: str) -> RuleViolation:
    return RuleViolation(message, code="invalid_query", details=[{"field": "sort", "message": message, "type": "sort"}])


def _allowed_assignees(principal: Principal, f: TicketFilter) -> list[str | None] | None:
    """The assignee partitions the reader reads (None: no assignee restriction). Agents without
    ``tickets.view_all`` read only their own and the unassigned queue."""
    # A value that cannot be part of a key is no user id: it matches no ticket.
    wanted = {a for a in f.assignees(principal.user_id) if a is None or is_safe_part(a)} if f.assignee else None
    if policy.holds(principal, "tickets.view_all"):
        return sorted(wanted, key=lambda a: a or "") if wanted is not None else None
    allowed: set[str | None] = {principal.user_id, None}
    chosen = allowed if wanted is None else wanted & allowed
    return sorted(chosen, key=lambda a: a or "")


def _and(a: Condition | None, b: Condition | None) -> Condition | None:
    if a is None:
        return b
    return a if b is None else a & b


def _plan(principal: Principal, f: TicketFilter, sort: str, now: datetime) -> Plan:
    """The narrowest read the filter and the reader allow."""
    org = principal.org_id
    order, descending = sort.lstrip("-"), sort.startswith("-")
    plan = Plan(sources=[], descending=descending)
    if not principal.is_staff or principal.ticket_number is not None:
        # Customers (and ticket-link sessions): their own requests, by update time.
        if order != "updated_at":
            raise _invalid_sort("Customers' lists are sorted by updated_at.")
        if f.requester_id in (None, principal.user_id):
            plan.sources = [ticket_store.queue_source(org, "requester", principal.user_id)]
    elif order == "updated_at":
        assignees = _allowed_assignees(principal, f)
        if assignees is not None:
            plan.sources = [ticket_store.queue_source(org, "assignee", a) for a in assignees]
        elif f.requester_id is not None:
            usable = is_safe_part(f.requester_id)
            plan.sources = [ticket_store.queue_source(org, "requester", f.requester_id)] if usable else []
        elif f.status and len(set(f.status)) < len(Status):
            plan.sources = [ticket_store.queue_source(org, "status", s.value) for s in dict.fromkeys(f.status)]
        else:
            plan.sources = [ticket_store.queue_source(org, "all", None)]
    else:
        # One of GSI5's whole-organization orders; what the reader may not see is dropped in code.
        plan.sources = [ticket_store.order_source(org, order)]
    if plan.sources and plan.sources[0].entries:
        if order == "created_at":
            plan.low = iso(f.created_after) if f.created_after else None
            plan.high = iso(f.created_before) if f.created_before else None
        elif order == "sla_due_at" and f.sla_due_within_minutes is not None:
            plan.high = iso(now + timedelta(minutes=f.sla_due_within_minutes)) + "#~"
        elif order == "priority" and f.priority:
            ranks = sorted(PRIORITY_RANK[p] for p in f.priority)
            plan.low, plan.high = str(ranks[0]), f"{ranks[-1]}#~"
        return plan
    lows = [iso(t) for t in (f.updated_after,) if t is not None]
    highs = [iso(t) for t in (f.updated_before,) if t is not None]
    if f.updated_hours_ago is not None:
        highs.append(iso(now - timedelta(hours=f.updated_hours_ago)))
    if f.solved_within_hours is not None:
        lows.append(iso(now - timedelta(hours=f.solved_within_hours)))  # solved then, so updated since
    plan.low, plan.high = (max(lows) if lows else None), (min(highs) if highs else None)
    queues = {s.partition.split("#")[2] for s in plan.sources}
    if f.status and "STATUS" not in queues:
        plan.condition = ticket_store.status_in(f.status)
    if f.priority:
        plan.condition = _and(plan.condition, ticket_store.priority_in([p.value for p in f.priority]))
    if f.requester_id is not None and "REQUESTER" not in queues:
        plan.condition = _and(plan.condition, ticket_store.requester_filter(f.requester_id))
    return plan


@dataclass
class _Reader:
    source: ticket_store.Source
    frontier: str | None  # sort key of the last item evaluated (None before the first read)
    started: bool = False
    done: bool = False
    buffer: deque[tuple[str, Ticket]] = field(default_factory=deque)


@dataclass
class Run:
    tickets: list[Ticket]
    position: str | None  # the sort key the next page starts after
    exhausted: bool  # every source was read to its end
    read: int


def _narrowed(low: str | None, high: str | None, since: str | None, descending: bool) -> tuple[str | None, str | None]:
    """The key range left after ``since`` (inclusive: the item at ``since`` itself is skipped by the caller)."""
    if since is None:
        return low, high
    if descending:
        return low, since if high is None or since < high else high
    return (since if low is None or since > low else low), high


def _run(
    principal: Principal, f: TicketFilter, plan: Plan, now: datetime, after: str | None, want: int, budget: int
) -> Run:
    """Merge the plan's sources in order from ``after`` until ``want`` tickets pass (or ``budget``
    items were read once every source has been read once, or every source ends)."""

    def before(a: str, b: str) -> bool:  # a comes before b in the list's order
        return a > b if plan.descending else a < b

    viewer = ticket_scope.reader(principal)
    low, high = plan.low, plan.high
    readers = [_Reader(s, after) for s in plan.sources]
    found: list[Ticket] = []
    position, read = after, 0
    chunk = max(25, min(CHUNK, want + 1))
    while True:
        heads = [r for r in readers if r.buffer]
        candidate = None
        for r in heads:
            if candidate is None or before(r.buffer[0][0], candidate.buffer[0][0]):
                candidate = r
        head = candidate.buffer[0][0] if candidate is not None else None
        blockers = [
            r
            for r in readers
            if not r.buffer
            and not r.done
            and (not r.started or head is None or r.frontier is None or before(r.frontier, head))
        ]
        if blockers:
            unstarted = [r for r in blockers if not r.started]
            if not unstarted and read >= budget:
                # Out of budget: go on next time from the least advanced source (all before it is read).
                least: str | None = None
                for r in blockers:
                    if r.frontier is not None and (least is None or before(r.frontier, least)):
                        least = r.frontier
                position = least or position
                return Run(found, position, False, read)
            reader = unstarted[0] if unstarted else blockers[0]
            since = reader.frontier
            r_low, r_high = _narrowed(low, high, since, plan.descending)
            if r_low is not None and r_high is not None and r_low > r_high:
                reader.started, reader.done = True, True
                continue
            result = ticket_store.read_chunk(
                reader.source,
                low=r_low,
                high=r_high,
                descending=plan.descending,
                limit=chunk,
                filter_condition=plan.condition,
            )
            read += result.read
            reader.started = True
            reader.buffer.extend(t for t in result.tickets if t[0] != since)
            reader.frontier = result.frontier
            reader.done = result.frontier is None
            continue
        if candidate is None:
            return Run(found, position, True, read)
        key, ticket = candidate.buffer.popleft()
        position = key
        if viewer.sees(ticket) and f.matches(ticket, principal.user_id, now):
            found.append(ticket)
            if len(found) >= want:
                exhausted = all(r.done and not r.buffer for r in readers)
                return Run(found, position, exhausted, read)


def _scope(principal: Principal, f: TicketFilter, sort: str) -> str:
    digest = hashlib.sha256(f"{principal.user_id}|{sort}|{f.model_dump_json()}".encode()).hexdigest()[:24]
    return f"filtered:{digest}"


def _refuse_incomparable(principal: Principal, f: TicketFilter) -> None:
    """Times a ticket's cannot be compared with are refused (422). A customer filters only on the
    custom fields they may see: filtering on an internal one would tell its value from which of
    their tickets match (422, as when they set one)."""
    times = time_problems(f)
    if times:
        raise RuleViolation(
            "The filter's times need an offset and a year from 1970.", code="invalid_query", details=times
        )
    if principal.is_staff or not f.custom_fields:
        return
    shown = tickets.visible_custom_fields(principal) or frozenset()
    hidden = sorted(name for name in f.custom_fields if name not in shown)
    if hidden:
        raise RuleViolation(
            "Filter on the custom fields you can see.",
            code="invalid_query",
            details=[
                {"field": f"custom_fields.{name}", "message": "not a field you can see", "type": "unknown_field"}
                for name in hidden
            ],
        )


def list_filtered(principal: Principal, f: TicketFilter, sort: str, limit: int, cursor: str | None) -> Page[Ticket]:
    """One page of the tickets ``f`` matches that the reader may see, in ``sort`` order (see the
    module's docstring). Reads at most ``READ_BUDGET`` items; the cursor goes on from there."""
    if not principal.org_active:
        raise NotFound("Not found.")
    _refuse_incomparable(principal, f)
    scope = _scope(principal, f, sort)
    after = position_after(principal.org_id, scope, cursor)
    now = utcnow()
    plan = _plan(principal, f, sort, now)
    run = _run(principal, f, plan, now, after, limit, READ_BUDGET)
    more = not run.exhausted and run.position is not None
    next_cursor = position_cursor(principal.org_id, scope, run.position) if more and run.position else None
    return Page(run.tickets, next_cursor)


# ---------------------------------------------------------------- counts


def _exact_counters(principal: Principal, f: TicketFilter) -> tuple[list[str], list[str]] | None:
    """(counters, attributes) whose sum is exactly the filter's count, when the filter is one the
    queue counters keep: statuses that are counted (never closed), optionally by assignee."""
    if not principal.is_staff or not f.status or f.model_dump(exclude_defaults=True).keys() - {"status", "assignee"}:
        return None
    if not set(f.status) <= set(queue_counts.COUNTED_STATUSES):
        return None
    assignees = _allowed_assignees(principal, f)
    if assignees is None:
        counters = [queue_counts.ALL]
    else:
        unassigned = _unassigned_counters(principal)
        counters = [c for a in assignees for c in ([queue_counts.agent_counter(a)] if a else unassigned)]
    return counters, [f"status_{s.value}" for s in dict.fromkeys(f.status)]


def _unassigned_counters(principal: Principal) -> list[str]:
    """The counters whose sum is the unassigned tickets the reader sees: the organization's, or
    (``unassigned_visibility`` own_departments) those of the agent's departments and of none."""
    departments = ticket_scope.reader(principal).departments
    if departments is None:
        return [queue_counts.UNASSIGNED]
    named = [queue_counts.department_counter(d, unassigned=True) for d in sorted(departments)]
    return [*named, queue_counts.department_counter(None, unassigned=True)]


@dataclass
class Counted:
    count: int
    capped: bool


def _count_order(principal: Principal, f: TicketFilter) -> str:
    """A due-soon filter is counted on the SLA due order's key range (staff who see every ticket);
    anything else in the narrowest queue."""
    if f.sla_due_within_minutes is not None and policy.holds(principal, "tickets.view_all"):
        return "sla_due_at"
    return "-updated_at"


def _bounded_count(principal: Principal, f: TicketFilter, now: datetime) -> Counted:
    plan = _plan(principal, f, _count_order(principal, f), now)
    run = _run(principal, f, plan, now, None, COUNT_CAP + 1, COUNT_BUDGET)
    if len(run.tickets) > COUNT_CAP:
        return Counted(COUNT_CAP, True)
    return Counted(len(run.tickets), not run.exhausted)


def count_views(principal: Principal, views: list[View]) -> dict[str, Counted]:
    """Each view's count: exact from the queue counters where the view is one (ONE BatchGetItem
    for all of them), else counted up to ``COUNT_CAP`` by a bounded read."""
    now = utcnow()
    exact = {v.id: _exact_counters(principal, v.filter) for v in views}
    names = sorted({c for plan in exact.values() if plan is not None for c in plan[0]})
    values = counter_store.read_counters(principal.org_id, names) if names else {}
    result: dict[str, Counted] = {}
    for view in views:
        plan = exact[view.id]
        if plan is None:
            result[view.id] = _bounded_count(principal, view.filter, now)
            continue
        counters, attributes = plan
        total = sum(values.get(c, {}).get(a, 0) for c in counters for a in attributes)
        result[view.id] = Counted(min(total, COUNT_CAP), total > COUNT_CAP)
    return result


# ---------------------------------------------------------------- views


def _not_found() -> NotFound:
    return NotFound("Not found.")


def _may_manage(principal: Principal, view: View) -> bool:
    if view.scope is ViewScope.PERSONAL:
        return view.owner_id == principal.user_id
    return policy.allowed(principal, "views.manage_shared")


def _visible(principal: Principal, view: View, departments: list[str] | None = None) -> bool:
    """Personal: the owner. Department: its members (and who manages shared views). Organization: staff."""
    if view.scope is ViewScope.PERSONAL:
        return view.owner_id == principal.user_id
    if view.scope is ViewScope.DEPARTMENT:
        if policy.allowed(principal, "views.manage_shared"):
            return True
        if departments is None:
            departments = departments_store.department_ids_of_user(principal.org_id, principal.user_id)
        return view.department_id in departments
    return True


def _read(principal: Principal, view_id: str) -> View:
    policy.require(principal, "views.read")
    found = builtin(view_id, principal.org_id) or store.get_view(principal.org_id, view_id, principal.user_id)
    if found is None or not _visible(principal, found):
        raise _not_found()
    return found


def list_views(principal: Principal) -> list[View]:
    """Built-ins, then organization, department (the reader's departments) and personal views,
    each by position then name: ONE Query for the reader's departments, TWO for the views."""
    policy.require(principal, "views.read")
    departments = departments_store.department_ids_of_user(principal.org_id, principal.user_id)
    stored = [
        v
        for v in store.list_views(principal.org_id, principal.user_id)
        if v.scope is not ViewScope.DEPARTMENT or v.department_id in departments
    ]
    stored = [v for v in stored if v.scope is not ViewScope.PERSONAL or v.owner_id == principal.user_id]
    builtins = [v.model_copy(update={"org_id": principal.org_id}) for v in builtin_views()]
    return sorted([*builtins, *stored], key=listing_order)


def get_view(principal: Principal, view_id: str) -> View:
    return _read(principal, view_id)


def _builtin_is_read_only() -> Forbidden:
    return Forbidden("Built-in views cannot be changed or deleted; save a copy as your own.", code="builtin_view")


def create_view(
    principal: Principal,
    *,
    name: str,
    f: TicketFilter,
    sort: str,
    columns: list[str],
    scope: ViewScope,
    department_id: str | None,
    position: int,
) -> View:
    """422 ``too_many_views`` past the caps; 422 ``invalid_department`` for a department view
    whose department is not active; shared scopes need ``views.manage_shared``."""
    policy.require(principal, "views.read")
    if scope in SHARED_SCOPES:
        policy.require(principal, "views.manage_shared")
    now = utcnow()
    view = View.model_validate(
        {
            "id": new_id(),
            "org_id": principal.org_id,
            "name": name,
            "scope": scope,
            "department_id": department_id if scope is ViewScope.DEPARTMENT else None,
            "owner_id": principal.user_id if scope is ViewScope.PERSONAL else None,
            "filter": f,
            "sort": sort,
            "columns": columns,
            "position": position,
            "created_at": now,
            "updated_at": now,
        }
    )
    return store.create_view(view)


@retry_on_conflict
def update_view(principal: Principal, view_id: str, changes: dict[str, object], if_match: int | None) -> View:
    view = _read(principal, view_id)
    if view.is_builtin:
        raise _builtin_is_read_only()
    if not _may_manage(principal, view):
        raise Forbidden("Managers and admins manage shared views.", code="forbidden")
    require_version("view", view.version, if_match)
    updated = view.model_copy(update={**changes, "updated_at": utcnow()})
    return store.save_view(updated, view)


@retry_on_conflict
def delete_view(principal: Principal, view_id: str) -> None:
    view = _read(principal, view_id)
    if view.is_builtin:
        raise _builtin_is_read_only()
    if not _may_manage(principal, view):
        raise Forbidden("Managers and admins manage shared views.", code="forbidden")
    store.delete_view(view)


def view_tickets(principal: Principal, view_id: str, limit: int, cursor: str | None) -> Page[Ticket]:
    """The view's tickets in its sort, as the reader may see them."""
    view = _read(principal, view_id)
    return list_filtered(principal, view.filter, view.sort, limit, cursor)
