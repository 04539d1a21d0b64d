"""The one place that decides who may do what (role x action x ownership, plus grants).

``MATRIX`` is the policy: for each action, the scope each role has. ``ALL`` means any object
in the caller's organization, ``OWN`` only objects the caller owns (themselves, their sessions,
their customer record), absent means none. A ``UserPermission`` grant gives its holder ``ALL``
for that one action until it expires or is revoked.

Denials (docs/security.md, "The policy"): an object the caller may not even see is ``NotFound``
(indistinguishable from a missing one); an action on a visible object is ``Forbidden``.
docs/security.md renders this table; tests/api/test_policy_matrix.py is driven by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import Principal, Role


class Scope(StrEnum):
    ALL = "all"
    OWN = "own"
    NONE = "none"


A, M, G, C = Role.ADMIN, Role.MANAGER, Role.AGENT, Role.CUSTOMER
ALL, OWN = Scope.ALL, Scope.OWN

MATRIX: dict[str, dict[Role, Scope]] = {
    "organization.read": {A: ALL, M: ALL},
    "organization.update": {A: ALL},
    "organization.delete": {A: ALL},
    "organization.restore": {A: ALL},
    "organization.export": {A: ALL},
    "users.list": {A: ALL, M: ALL, G: ALL},
    "users.read": {A: ALL, M: ALL, G: ALL, C: OWN},
    "users.create": {A: ALL, M: ALL},
    "users.update": {A: ALL, M: ALL, G: OWN, C: OWN},
    "users.change_role": {A: ALL, M: ALL},
    "users.delete": {A: ALL, M: ALL},
    "users.restore": {A: ALL, M: ALL},
    "users.export": {A: ALL, M: OWN, G: OWN, C: OWN},
    "users.anonymize": {A: ALL},
    "users.reset_2fa": {A: ALL},
    "users.sessions": {A: ALL},
    "permissions.read": {A: ALL, M: ALL, G: OWN, C: OWN},
    "permissions.grant": {A: ALL},
    "permissions.revoke": {A: ALL},
    "departments.read": {A: ALL, M: ALL, G: ALL},
    "departments.write": {A: ALL, M: ALL},
    "customers.read": {A: ALL, M: ALL, G: ALL, C: OWN},
    "customers.write": {A: ALL, M: ALL},
    "sessions.manage": {A: OWN, M: OWN, G: OWN, C: OWN},
    "sla.read": {A: ALL, M: ALL, G: ALL},
    "sla.write": {A: ALL, M: ALL},
    "reports.read": {A: ALL, M: ALL},
    "rules.read": {A: ALL, M: ALL},
    "rules.write": {A: ALL, M: ALL},
    "webhooks.manage": {A: ALL},
    "audit.read": {A: ALL},
    "retention.read": {A: ALL},
    "retention.write": {A: ALL},
    "kb.read": {A: ALL, M: ALL, G: ALL, C: ALL},
    "kb.write": {A: ALL, M: ALL, G: ALL},
    "technicians.read": {A: ALL, M: ALL, G: OWN},
    "technicians.write": {A: ALL, M: ALL},
    "technicians.availability": {A: ALL, M: ALL, G: OWN},
    "workorders.read": {A: ALL, M: ALL, G: OWN, C: OWN},
    "workorders.write": {A: ALL, M: ALL},
    "workorders.dispatch": {A: ALL, M: ALL},
    "jobs.update": {A: ALL, M: ALL, G: OWN},
    "tickets.view_all": {A: ALL, M: ALL},
    "tickets.counts": {A: ALL, M: ALL, G: ALL},  # issue 22: the inbox's queue counts
    "tickets.create": {A: ALL, M: ALL, G: ALL, C: OWN},
    "tickets.update": {A: ALL, M: ALL, G: ALL},
    "tickets.assign": {A: ALL, M: ALL, G: OWN},
    "tickets.delete": {A: ALL, M: ALL},
    "tickets.comment": {A: ALL, M: ALL, G: ALL, C: OWN},
    "tickets.internal_notes": {A: ALL, M: ALL, G: ALL},
    "tickets.rate": {C: OWN},
    "tickets.presence": {A: ALL, M: ALL, G: ALL},  # issue 23: who else is viewing or replying
    "api_tokens.manage": {A: ALL},
    "invitations.manage": {A: ALL, M: ALL},  # issue 21: invite, list, resend, revoke
    "sso.manage": {A: ALL},
    "macros.use": {A: ALL, M: ALL, G: ALL},  # issue 23: list, apply and keep one's own macros
    "macros.manage_shared": {A: ALL, M: ALL},  # issue 23: the organization's macros
    "tickets.search": {A: ALL, M: ALL, G: ALL, C: OWN},  # issue 23: full-text search (what each may list)
    "search.reindex": {A: ALL},  # issue 23: rebuild the organization's search index
    "views.read": {A: ALL, M: ALL, G: ALL},  # issue 23: saved views (personal ones: their owner's)
    "views.manage_shared": {A: ALL, M: ALL},  # issue 23: department and organization views
    "tickets.ccs": {A: ALL, M: ALL, G: ALL, C: OWN},  # issue 24: CCs (staff, and the ticket's requester)
    "tickets.follow": {A: ALL, M: ALL, G: ALL},  # issue 24: follow a ticket (others' follows: tickets.update)
    "tickets.link": {A: ALL, M: ALL, G: ALL},  # issue 24: parent/child/related links, solving children
    "time.log": {A: ALL, M: ALL, G: ALL},  # issue 24: read a ticket's time entries, log and edit one's own
    "time.manage": {A: ALL, M: ALL},  # issue 24: change or delete others' time entries
    "reports.time": {A: ALL, M: ALL},  # issue 24: the time report
    "tickets.merge": {A: ALL, M: ALL, G: ALL},  # issue 24: merge tickets the caller sees into one
    "tickets.split": {A: ALL, M: ALL, G: ALL},  # issue 24: split a comment off into a new ticket
}

# The action whose scope decides whether a denied object is visible (403) or hidden (404).
READ_ACTION: dict[str, str] = {
    "users.update": "users.read",
    "users.change_role": "users.read",
    "users.delete": "users.read",
    "users.restore": "users.read",
    "users.export": "users.read",
    "users.anonymize": "users.read",
    "users.reset_2fa": "users.read",
    "users.sessions": "users.read",
    "permissions.grant": "users.read",
    "permissions.revoke": "users.read",
    "permissions.read": "users.read",
    "departments.write": "departments.read",
    "customers.write": "customers.read",
    "organization.update": "organization.read",
    "organization.delete": "organization.read",
}

# Actions on a user that only an admin may take when the user is (or would become) an admin.
ADMIN_GUARDED = frozenset(
    {
        "users.create",
        "users.update",
        "users.change_role",
        "users.delete",
        "users.restore",
        "users.reset_2fa",
        "permissions.grant",
    }
)

# What a session opened by a ticket's link may do (besides reading that one ticket): comment on it
# publicly, rate it, read the knowledge base. Nothing else, whatever the role allows.
TICKET_LINK_ACTIONS = frozenset({"tickets.comment", "tickets.rate", "kb.read"})

# Permissions an admin may grant: every action of the matrix.
GRANTABLE = frozenset(MATRIX)


@dataclass(frozen=True)
class Target:
    """The object acted on: who owns it and, for users, their role."""

    owner_id: str | None = None
    role: Role | None = None


def scope_of(principal: Principal, action: str) -> Scope:
    if principal.allowed_actions is not None and action not in principal.allowed_actions:
        return Scope.NONE  # a restricted credential (API token scope, ticket link) never reaches past its list
    if action in principal.permissions:
        return Scope.ALL
    return MATRIX.get(action, {}).get(principal.role, Scope.NONE)


def allowed(principal: Principal, action: str, target: Target | None = None) -> bool:
    """True when ``principal`` may take ``action`` on ``target`` (no target: the action at all)."""
    if not principal.org_active and action not in ("organization.restore", "organization.read"):
        return False
    scope = scope_of(principal, action)
    if scope is Scope.NONE:
        return False
    if scope is Scope.OWN and target is not None and target.owner_id != principal.user_id:
        return False
    if action in ADMIN_GUARDED and principal.role is not Role.ADMIN and target is not None:
        return target.role is not Role.ADMIN
    return True


def require(principal: Principal, action: str, target: Target | None = None) -> None:
    """Raise ``NotFound`` or ``Forbidden`` unless ``principal`` may take ``action`` on ``target``."""
    if allowed(principal, action, target):
        return
    if not principal.org_active:
        raise NotFound("The organization is deactivated.", code="organization_inactive")
    read = READ_ACTION.get(action)
    if target is not None and target.owner_id is not None and read is not None and not allowed(principal, read, target):
        raise NotFound("Not found.")
    if target is not None and target.owner_id is not None and read is None and scope_of(principal, action) is Scope.OWN:
        raise NotFound("Not found.")
    raise Forbidden(f"Your role ({principal.role.value}) does not allow {action}.", code="forbidden")


def can_see_ticket(
    principal: Principal,
    requester_id: str,
    assignee_id: str | None,
    number: int | None,
    department_id: str | None = None,
    departments: frozenset[str] | None = None,
) -> bool:
    """Customers: tickets they requested. Agents: assigned to them or unassigned (more with
    ``tickets.view_all``); with ``departments`` (the organization's ``unassigned_visibility`` is
    ``own_departments``: the agent's departments) only unassigned ones of those departments or of
    none. Managers and admins: all. A ticket link's session: its one ticket."""
    if not principal.org_active:
        return False
    if principal.ticket_number is not None and number != principal.ticket_number:
        return False
    if holds(principal, "tickets.view_all"):
        return True
    if principal.role is Role.CUSTOMER:
        return requester_id == principal.user_id
    if principal.role is Role.AGENT:
        if assignee_id is not None:
            return assignee_id == principal.user_id
        return departments is None or department_id is None or department_id in departments
    return False


def can_see_work_order(principal: Principal, customer_id: str | None, assigned_user_ids: list[str]) -> bool:
    """Managers and admins: all. Technicians (agents): work orders they hold a job on. Customers:
    their own. A ticket link's session: none."""
    if not principal.org_active or principal.ticket_number is not None:
        return False
    if holds(principal, "workorders.read"):
        return True
    if principal.role is Role.CUSTOMER:
        return customer_id == principal.user_id
    if principal.role is Role.AGENT:
        return principal.user_id in assigned_user_ids
    return False


def require_role_assignment(principal: Principal, role: Role, target_id: str | None = None) -> None:
    """Creating a user with ``role`` or changing a user to ``role``: no escalation, no self-promotion."""
    if target_id is not None and target_id == principal.user_id:
        raise Forbidden("You cannot change your own role.", code="self_role_change")
    if role is Role.ADMIN and principal.role is not Role.ADMIN:
        raise Forbidden("Only an admin can create or promote admins.", code="privilege_escalation")


def holds(principal: Principal, permission: str) -> bool:
    """Whether the principal has ``permission`` with full scope (by role or by grant)."""
    return scope_of(principal, permission) is Scope.ALL


def require_grantable(principal: Principal, permission: str) -> None:
    if not holds(principal, permission):
        raise Forbidden("You cannot grant a permission you do not hold.", code="privilege_escalation")


def markdown_matrix() -> str:
    """The policy as the markdown table in docs/security.md (a test keeps the two identical)."""
    roles = [Role.ADMIN, Role.MANAGER, Role.AGENT, Role.CUSTOMER]
    lines = ["| action | " + " | ".join(r.value for r in roles) + " |", "|---" * (len(roles) + 1) + "|"]
    for action in sorted(MATRIX):
        cells = [MATRIX[action].get(role, Scope.NONE).value if MATRIX[action].get(role) else "-" for role in roles]
        lines.append(f"| `{action}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_matrix())
