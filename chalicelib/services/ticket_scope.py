"""Which tickets a reader sees: ``policy.can_see_ticket`` plus the organization's
``unassigned_visibility``. With ``own_departments``, an agent without ``tickets.view_all`` sees
unassigned tickets only of their own departments (and those with no department); every read of
tickets (the ticket, lists, views, counts, search) asks a ``Reader``.

What the rule needs is read lazily, once per request and only when it can matter (an agent
without ``tickets.view_all`` meeting an unassigned ticket of a department): the organization
(ONE GetItem), then, with ``own_departments``, the agent's departments (ONE Query on GSI1
``ORG#o#USER#u#DEPTS``).
"""

from __future__ import annotations

from chalicelib.auth import policy
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.tickets import Ticket
from chalicelib.store import departments as departments_store
from chalicelib.store import identity as identity_store

_UNREAD = object()


class Reader:
    """One request's reader of tickets."""

    def __init__(self, principal: Principal, memberships: list[str] | None = None) -> None:
        self.principal = principal
        self._departments: object = _UNREAD
        self._memberships = memberships  # the agent's departments when the caller read them already

    @property
    def restricted(self) -> bool:
        """Whether the department rule can apply to this reader at all (no read)."""
        return self.principal.role is Role.AGENT and not policy.holds(self.principal, "tickets.view_all")

    @property
    def departments(self) -> frozenset[str] | None:
        """The departments whose unassigned tickets the reader sees; None: every department's."""
        if self._departments is _UNREAD:
            self._departments = None
            if self.restricted:
                org = identity_store.get_organization(self.principal.org_id)
                if org is not None and org.settings.unassigned_visibility == "own_departments":
                    ids = self._memberships
                    if ids is None:
                        ids = departments_store.department_ids_of_user(self.principal.org_id, self.principal.user_id)
                    self._departments = frozenset(ids)
        return self._departments  # type: ignore[return-value]

    def sees(self, ticket: Ticket) -> bool:
        """Whether the reader may see ``ticket`` (deleted ones are for the callers to refuse)."""
        p = self.principal
        if not policy.can_see_ticket(p, ticket.customer_id, ticket.assigned_agent_id, ticket.number):
            return False
        if ticket.assigned_agent_id is not None or ticket.department_id is None or not self.restricted:
            return True
        departments = self.departments
        return policy.can_see_ticket(
            p, ticket.customer_id, None, ticket.number, department_id=ticket.department_id, departments=departments
        )


def reader(principal: Principal, memberships: list[str] | None = None) -> Reader:
    """The reader ``principal`` is (``memberships``: their departments, if already read)."""
    return Reader(principal, memberships)
