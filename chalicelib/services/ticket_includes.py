"""``?include=`` on the ticket list and detail: the users, customer records and SLA policies a page of
tickets names, each ticket's SLA status and the inbox's queue counts, read together so a queue
page (and the inbox's poll) renders from one request.

Cost, whatever the page size: ONE BatchGetItem (per 100 keys) for the users (requesters,
assignees, creators), the SLA policies (for ``sla_policy`` and ``sla``), the ``CUSTOMERUSER#u``
guards that name each requester's customer record and the caller's queue counters, then, with
``customers``, ONE BatchGetItem for those records; ``counts`` first reads the caller's
departments (ONE Query: see ``_CountPlan``). Every object is filtered by the same policy as
its own GET: a customer sees only themselves and their own record, never staff users, SLA
policies or queue counts (``GET /tickets/counts`` is staff only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chalicelib.auth import policy
from chalicelib.auth.policy import Target
from chalicelib.domain import queue_counts
from chalicelib.domain.clock import utcnow
from chalicelib.domain.identity import Customer, Department, Principal, User
from chalicelib.domain.sla import SLAPolicy
from chalicelib.domain.tickets import Ticket
from chalicelib.services import sla, ticket_scope
from chalicelib.store import departments as departments_store
from chalicelib.store import related

INCLUDES = ("users", "customers", "sla_policy", "sla", "counts")


@dataclass
class DepartmentCount:
    """One department's queue: its unassigned live tickets and all of them."""

    department_id: str
    name: str
    unassigned: queue_counts.QueueCount
    total: queue_counts.QueueCount


@dataclass
class TicketCounts:
    """The inbox's queues: the caller's, the unassigned one, (``tickets.view_all``) every ticket,
    and the caller's departments'."""

    mine: queue_counts.QueueCount
    unassigned: queue_counts.QueueCount
    all: queue_counts.QueueCount | None
    as_of: datetime
    departments: list[DepartmentCount] = field(default_factory=list)


@dataclass
class _CountPlan:
    """What the caller's counts are read from. Staff with ``tickets.view_all``: every department
    (read first: ONE Query) and the organization's counters. Others: their departments (ONE Query
    of their memberships); the departments, the organization (its ``unassigned_visibility``) and
    every counter either setting could need ride the counters' BatchGetItem."""

    departments: list[Department] | None  # read already (view_all); None: ``memberships`` are fetched
    memberships: list[str]

    def counters(self, principal: Principal) -> list[str]:
        names = [queue_counts.agent_counter(principal.user_id), queue_counts.UNASSIGNED]
        if policy.holds(principal, "tickets.view_all"):
            names.append(queue_counts.ALL)
        ids = [d.id for d in self.departments] if self.departments is not None else self.memberships
        for d in ids:
            names += [queue_counts.department_counter(d), queue_counts.department_counter(d, unassigned=True)]
        if self.departments is None:
            names.append(queue_counts.department_counter(None, unassigned=True))
        return list(dict.fromkeys(names))


def _plan(principal: Principal) -> _CountPlan:
    if policy.holds(principal, "tickets.view_all"):
        return _CountPlan(departments_store.all_departments(principal.org_id), [])
    return _CountPlan(None, departments_store.department_ids_of_user(principal.org_id, principal.user_id))


def _counts_of(principal: Principal, plan: _CountPlan, found: related.Related, as_of: datetime) -> TicketCounts:
    values = found.queue_counts

    def count(name: str) -> queue_counts.QueueCount:
        return queue_counts.QueueCount.of(values.get(name))

    if plan.departments is not None:
        departments = plan.departments
    else:
        departments = sorted(found.departments.values(), key=lambda d: (d.name.lower(), d.id))
    departments = [d for d in departments if d.is_active]
    unassigned_counters = [queue_counts.UNASSIGNED]
    org = found.organization
    restricted = ticket_scope.reader(principal).restricted
    if restricted and org is not None and org.settings.unassigned_visibility == "own_departments":
        # The agent's departments' unassigned tickets and those without a department (ticket_scope).
        unassigned_counters = [
            *(queue_counts.department_counter(d, unassigned=True) for d in plan.memberships),
            queue_counts.department_counter(None, unassigned=True),
        ]
    unassigned: dict[str, int] = {}
    for name in dict.fromkeys(unassigned_counters):
        for attribute, value in values.get(name, {}).items():
            unassigned[attribute] = unassigned.get(attribute, 0) + value
    return TicketCounts(
        mine=count(queue_counts.agent_counter(principal.user_id)),
        unassigned=queue_counts.QueueCount.of(unassigned),
        all=count(queue_counts.ALL) if policy.holds(principal, "tickets.view_all") else None,
        as_of=as_of,
        departments=[
            DepartmentCount(
                department_id=d.id,
                name=d.name,
                unassigned=count(queue_counts.department_counter(d.id, unassigned=True)),
                total=count(queue_counts.department_counter(d.id)),
            )
            for d in departments
        ],
    )


def ticket_counts(principal: Principal) -> TicketCounts:
    """``GET /tickets/counts`` (staff): ONE Query for the caller's departments (``_CountPlan``),
    then ONE BatchGetItem of the counter items (per 100 keys)."""
    policy.require(principal, "tickets.counts")
    as_of = utcnow()
    plan = _plan(principal)
    found = related.fetch(
        principal.org_id,
        departments=plan.memberships,
        organization=plan.departments is None,
        queue_counters=plan.counters(principal),
    )
    return _counts_of(principal, plan, found, as_of)


@dataclass
class Included:
    """What ``include`` asked for; a kind not asked for stays ``None``."""

    users: list[User] | None = None
    customers: list[Customer] | None = None
    sla_policies: list[SLAPolicy] | None = field(default=None)
    sla: dict[int, dict[str, Any]] | None = None  # ticket number -> its SLA status (``sla.badge``)
    counts: TicketCounts | None = None


def included(principal: Principal, tickets: Sequence[Ticket], include: frozenset[str]) -> Included:
    """The related objects of ``tickets`` the caller may see, for the kinds in ``include``."""
    if not include:
        return Included()
    want_users = "users" in include
    want_customers = "customers" in include
    show_policies = "sla_policy" in include and policy.holds(principal, "sla.read")
    # The SLA status needs each policy's calendar, also for a customer who may not see the policy.
    want_policies = show_policies or "sla" in include
    want_counts = "counts" in include and policy.allowed(principal, "tickets.counts")
    plan = _plan(principal) if want_counts else None
    user_ids = [i for t in tickets for i in (t.customer_id, t.assigned_agent_id, t.created_by_id)]
    as_of = utcnow()
    found = related.fetch(
        principal.org_id,
        users=user_ids if want_users else (),
        policies=[t.sla_policy_id for t in tickets] if want_policies else (),
        customer_users=[t.customer_id for t in tickets] if want_customers else (),
        departments=plan.memberships if plan is not None else (),
        organization=plan is not None and plan.departments is None,
        queue_counters=plan.counters(principal) if plan is not None else (),
    )
    result = Included()
    if want_users:
        result.users = sorted(
            (
                u
                for u in found.users.values()
                if u.is_active and policy.allowed(principal, "users.read", Target(owner_id=u.id, role=u.role))
            ),
            key=lambda u: u.id,
        )
    if want_customers:
        records = related.customers(principal.org_id, found.customer_of_user.values())
        result.customers = sorted(
            (
                c
                for c in records.values()
                if c.is_active and policy.allowed(principal, "customers.read", Target(owner_id=c.user_id))
            ),
            key=lambda c: c.id,
        )
    if "sla_policy" in include:
        result.sla_policies = sorted(found.policies.values(), key=lambda p: p.id) if show_policies else []
    if "sla" in include:
        result.sla = {
            t.number: sla.badge(t, found.policies.get(t.sla_policy_id) if t.sla_policy_id else None, as_of)
            for t in tickets
        }
    if plan is not None:
        result.counts = _counts_of(principal, plan, found, as_of)
    return result
