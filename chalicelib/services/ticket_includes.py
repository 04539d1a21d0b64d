"""``?include=`` on the ticket list and detail: the users, customer records and SLA policies a page of
tickets names, read together so a queue page renders from one request.

Cost, whatever the page size: ONE BatchGetItem (per 100 keys) for the users (requesters,
assignees, creators), the SLA policies and the ``CUSTOMERUSER#u`` guards that name each requester's
customer record, then, with ``customers``, ONE BatchGetItem for those records. Every object is
filtered by the same policy as its own GET: a customer sees only themselves and their own record,
never staff users or SLA policies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chalicelib.auth import policy
from chalicelib.auth.policy import Target
from chalicelib.domain.identity import Customer, Principal, User
from chalicelib.domain.sla import SLAPolicy
from chalicelib.domain.tickets import Ticket
from chalicelib.store import related

INCLUDES = ("users", "customers", "sla_policy")


@dataclass
class Included:
    """What ``include`` asked for; a kind not asked for stays ``None``."""

    users: list[User] | None = None
    customers: list[Customer] | None = None
    sla_policies: list[SLAPolicy] | None = field(default=None)


def included(principal: Principal, tickets: Sequence[Ticket], include: frozenset[str]) -> Included:
    """The related objects of ``tickets`` the caller may see, for the kinds in ``include``."""
    if not include:
        return Included()
    want_users = "users" in include
    want_customers = "customers" in include
    want_policies = "sla_policy" in include and policy.holds(principal, "sla.read")
    user_ids = [i for t in tickets for i in (t.customer_id, t.assigned_agent_id, t.created_by_id)]
    found = related.fetch(
        principal.org_id,
        users=user_ids if want_users else (),
        policies=[t.sla_policy_id for t in tickets] if want_policies else (),
        customer_users=[t.customer_id for t in tickets] if want_customers else (),
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
        result.sla_policies = sorted(found.policies.values(), key=lambda p: p.id)
    return result
