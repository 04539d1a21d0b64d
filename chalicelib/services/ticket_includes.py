"""``?include=`` on the ticket list and detail: the users, customer records and SLA policies a page of
tickets names, each ticket's SLA status and the inbox's queue counts, read together so a queue
page (and the inbox's poll) renders from one request.

Cost, whatever the page size: ONE BatchGetItem (per 100 keys) for the users (requesters,
assignees, creators), the SLA policies (for ``sla_policy`` and ``sla``), the ``CUSTOMERUSER#u``
guards that name each requester's customer record and the caller's queue counters, then, with
``customers``, ONE BatchGetItem for those records. Every object is filtered by the same policy as
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
from chalicelib.domain.identity import Customer, Principal, User
from chalicelib.domain.sla import SLAPolicy
from chalicelib.domain.tickets import Ticket
from chalicelib.services import sla
from chalicelib.store import queue_counts as counter_store
from chalicelib.store import related

INCLUDES = ("users", "customers", "sla_policy", "sla", "counts")


@dataclass
class TicketCounts:
    """The inbox's queues: the caller's, the unassigned one and (``tickets.view_all``) every ticket."""

    mine: queue_counts.QueueCount
    unassigned: queue_counts.QueueCount
    all: queue_counts.QueueCount | None
    as_of: datetime


def _counters(principal: Principal) -> list[str]:
    """The counters the caller's counts are made of."""
    names = [queue_counts.agent_counter(principal.user_id), queue_counts.UNASSIGNED]
    if policy.holds(principal, "tickets.view_all"):
        names.append(queue_counts.ALL)
    return names


def _counts_of(principal: Principal, values: dict[str, dict[str, int]], as_of: datetime) -> TicketCounts:
    def count(name: str) -> queue_counts.QueueCount:
        return queue_counts.QueueCount.of(values.get(name))

    return TicketCounts(
        mine=count(queue_counts.agent_counter(principal.user_id)),
        unassigned=count(queue_counts.UNASSIGNED),
        all=count(queue_counts.ALL) if policy.holds(principal, "tickets.view_all") else None,
        as_of=as_of,
    )


def ticket_counts(principal: Principal) -> TicketCounts:
    """``GET /tickets/counts`` (staff): ONE BatchGetItem of two or three counter items."""
    policy.require(principal, "tickets.counts")
    as_of = utcnow()
    return _counts_of(principal, counter_store.read_counters(principal.org_id, _counters(principal)), as_of)


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
    user_ids = [i for t in tickets for i in (t.customer_id, t.assigned_agent_id, t.created_by_id)]
    as_of = utcnow()
    found = related.fetch(
        principal.org_id,
        users=user_ids if want_users else (),
        policies=[t.sla_policy_id for t in tickets] if want_policies else (),
        customer_users=[t.customer_id for t in tickets] if want_customers else (),
        queue_counters=_counters(principal) if want_counts else (),
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
    if want_counts:
        result.counts = _counts_of(principal, found.queue_counts, as_of)
    return result
