"""The role x action matrix, driven by ``auth.policy.MATRIX`` itself, exercised through HTTP.

For every action and role the matrix allows, the route succeeds; for every one it does not, the
route answers 403 or 404 and the object is unchanged. Scope OWN is checked on the caller's own
object (allowed) and on another user's (denied).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

import pytest
from chalice.test import Client

from chalicelib.auth.policy import MATRIX, Scope
from chalicelib.domain.identity import Role
from tests.api.helpers import PASSWORD, Reply, Tenant, call, make_tenant

_unique = count()


@dataclass
class Probe:
    """Performs ``action`` as ``role`` on an object owned by ``owner`` (a tenant user key)."""

    run: Callable[[Client, Tenant, str, str], Reply]
    other: str = "customer2"  # the object acted on when it is not the caller's own


def user_probe(
    method: str, suffix: str = "", body: Callable[[], object] | None = None
) -> Callable[[Client, Tenant, str, str], Reply]:
    def run(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
        return call(
            client, method, f"/users/{tenant.user_id(owner)}{suffix}", tenant.token(role), body() if body else None
        )

    return run


def create_user(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    n = next(_unique)
    return call(
        client,
        "POST",
        "/users",
        tenant.token(role),
        {
            "email": f"probe{n}@example.com",
            "first_name": "P",
            "last_name": "Q",
            "role": "customer",
            "password": PASSWORD,
        },
    )


def delete_then_restore(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    call(client, "DELETE", f"/users/{tenant.user_id(owner)}", tenant.token("admin"))
    reply = call(client, "POST", f"/users/{tenant.user_id(owner)}/restore", tenant.token(role))
    call(client, "POST", f"/users/{tenant.user_id(owner)}/restore", tenant.token("admin"))
    return reply


def delete_user(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    reply = call(client, "DELETE", f"/users/{tenant.user_id(owner)}", tenant.token(role))
    call(client, "POST", f"/users/{tenant.user_id(owner)}/restore", tenant.token("admin"))
    return reply


def revoke(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    target = tenant.user_id(owner)
    call(client, "POST", f"/users/{target}/permissions", tenant.token("admin"), {"permission": "tickets.view_all"})
    return call(client, "DELETE", f"/users/{target}/permissions/tickets.view_all", tenant.token(role))


def simple(method: str, path: str, body: object = None) -> Callable[[Client, Tenant, str, str], Reply]:
    def run(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
        return call(client, method, path, tenant.token(role), body)

    return run


def end_session(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    from tests.api.helpers import login

    spare = login(client, tenant.slug, f"{owner}@example.com")
    sessions = call(client, "GET", "/auth/sessions", spare).body["items"]
    target = next(s["id"] for s in sessions if s["current"])
    return call(client, "DELETE", f"/auth/sessions/{target}", tenant.token(role))


def create_department(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    return call(client, "POST", "/departments", tenant.token(role), {"name": f"Dept {next(_unique)}"})


def log_time(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    """Log time on the customer's unassigned ticket (every staff member sees it)."""
    body = {"subject": "Probe", "description": "x"}
    number = call(client, "POST", "/tickets", tenant.token("customer"), body).body["ticket_number"]
    return call(client, "POST", f"/tickets/{number}/time-entries", tenant.token(role), {"minutes": 5})


def delete_others_time(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    """Delete the time agent2 logged on the customer's unassigned ticket."""
    body = {"subject": "Probe", "description": "x"}
    number = call(client, "POST", "/tickets", tenant.token("customer"), body).body["ticket_number"]
    entry = call(client, "POST", f"/tickets/{number}/time-entries", tenant.token("agent2"), {"minutes": 5}).body
    return call(client, "DELETE", f"/tickets/{number}/time-entries/{entry['id']}", tenant.token(role))


def create_customer(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    return call(client, "POST", "/customers", tenant.token(role), {"company": f"Co {next(_unique)}"})


def read_customer(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    """Read the customer record linked to ``owner`` (created on first use by the admin)."""
    key = f"customer-record-{owner}"
    if key not in tenant.users:
        created = call(
            client, "POST", "/customers", tenant.token("admin"), {"user_id": tenant.user_id(owner), "company": owner}
        )
        assert created.status == 201, created.body
        tenant.users[key] = created.body
    return call(client, "GET", f"/customers/{tenant.users[key]['id']}", tenant.token(role))


def delete_org(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    reply = call(client, "DELETE", "/organization", tenant.token(role))
    if reply.status == 200:
        call(client, "POST", "/organization/restore", tenant.token(role))
    return reply


ALL_DAY = {"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "23:59"}


def technician_of(client: Client, tenant: Tenant, owner: str) -> dict[str, object]:
    """The technician record of ``owner`` (a staff user), created by the admin on first use."""
    key = f"technician-{owner}"
    if key not in tenant.users:
        body = {"user_id": tenant.user_id(owner), "employee_id": f"E-{owner}", "working_hours": ALL_DAY}
        created = call(client, "POST", "/technicians", tenant.token("admin"), body)
        assert created.status == 201, created.body
        tenant.users[key] = created.body
    return tenant.users[key]


def work_order_of(client: Client, tenant: Tenant, owner: str) -> dict[str, object]:
    """A scheduled work order owned by ``owner``: a customer's own, or assigned to a staff user's technician."""
    from datetime import UTC, datetime, timedelta

    key = f"work-order-{owner}"
    if key not in tenant.users:
        admin = tenant.token("admin")
        when = (datetime.now(UTC) + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
        body: dict[str, object] = {"title": f"Visit for {owner}", "scheduled_at": when.isoformat()}
        if owner.startswith("customer"):
            body["customer_id"] = tenant.user_id(owner)
        order = call(client, "POST", "/work-orders", admin, body)
        assert order.status == 201, order.body
        record: dict[str, object] = {"number": order.body["work_order_number"]}
        if not owner.startswith("customer"):
            technician = technician_of(client, tenant, owner)
            job = call(
                client,
                "POST",
                f"/work-orders/{record['number']}/assignments",
                admin,
                {"technician_id": technician["id"]},
            )
            assert job.status == 201, job.body
            record["assignment"] = job.body["assignment"]["id"]
        tenant.users[key] = record
    return tenant.users[key]


def read_technician(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    return call(client, "GET", f"/technicians/{technician_of(client, tenant, owner)['id']}", tenant.token(role))


def patch_technician(body: dict[str, object]) -> Callable[[Client, Tenant, str, str], Reply]:
    def run(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
        technician = technician_of(client, tenant, owner)
        return call(client, "PATCH", f"/technicians/{technician['id']}", tenant.token(role), body)

    return run


def read_work_order(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    return call(client, "GET", f"/work-orders/{work_order_of(client, tenant, owner)['number']}", tenant.token(role))


def suggest(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    number = work_order_of(client, tenant, owner)["number"]
    return call(client, "GET", f"/work-orders/{number}/dispatch-suggestions", tenant.token(role))


def update_job(client: Client, tenant: Tenant, role: str, owner: str) -> Reply:
    order = work_order_of(client, tenant, owner)
    path = f"/work-orders/{order['number']}/assignments/{order['assignment']}"
    return call(client, "PATCH", path, tenant.token(role), {"notes": f"by {role}"})


PROBES: dict[str, Probe] = {
    "organization.read": Probe(simple("GET", "/organization")),
    "organization.update": Probe(simple("PATCH", "/organization", {"name": "Renamed Inc"})),
    "organization.delete": Probe(delete_org),
    "organization.restore": Probe(simple("POST", "/organization/restore")),
    "users.list": Probe(simple("GET", "/users")),
    "users.read": Probe(user_probe("GET")),
    "users.create": Probe(create_user),
    "users.update": Probe(user_probe("PATCH", body=lambda: {"first_name": "Changed"})),
    "users.change_role": Probe(user_probe("PATCH", body=lambda: {"role": "agent"})),
    "users.delete": Probe(delete_user),
    "users.restore": Probe(delete_then_restore),
    "permissions.read": Probe(user_probe("GET", "/permissions")),
    "permissions.grant": Probe(
        user_probe("POST", "/permissions", lambda: {"permission": "tickets.view_all"}), other="agent2"
    ),
    "permissions.revoke": Probe(revoke, other="agent2"),
    "sessions.manage": Probe(end_session),
    "departments.read": Probe(simple("GET", "/departments")),
    "departments.write": Probe(create_department),
    "customers.read": Probe(read_customer),
    "customers.write": Probe(create_customer),
    "sla.read": Probe(simple("GET", "/sla-policies")),
    "sla.write": Probe(
        simple("POST", "/sla-policies", {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24})
    ),
    "reports.read": Probe(simple("GET", "/reports/sla")),
    "reports.time": Probe(simple("GET", "/reports/time?group_by=agent")),
    "time.log": Probe(log_time),
    "time.manage": Probe(delete_others_time),
    "rules.read": Probe(simple("GET", "/automation-rules")),
    "webhooks.manage": Probe(simple("GET", "/webhook-subscriptions")),
    "api_tokens.manage": Probe(simple("POST", "/organization/api-tokens", {"name": "Probe", "role": "agent"})),
    "kb.read": Probe(simple("GET", "/kb/categories")),
    "kb.write": Probe(simple("POST", "/kb/categories", {"name": "Probe"})),
    "technicians.read": Probe(read_technician, other="agent2"),
    "technicians.write": Probe(patch_technician({"max_jobs_per_day": 5}), other="agent2"),
    "technicians.availability": Probe(patch_technician({"availability_status": "busy"}), other="agent2"),
    "workorders.read": Probe(read_work_order),
    "workorders.write": Probe(simple("POST", "/work-orders", {"title": "Probe"})),
    "workorders.dispatch": Probe(suggest),
    "jobs.update": Probe(update_job, other="agent2"),
    "audit.read": Probe(simple("GET", "/audit-log")),
    "organization.export": Probe(simple("POST", "/organization/exports")),
    "search.reindex": Probe(simple("POST", "/organization/search/reindex")),
    "users.export": Probe(user_probe("POST", "/export")),
    "users.anonymize": Probe(user_probe("POST", "/anonymize")),
    "users.reset_2fa": Probe(user_probe("POST", "/2fa/reset"), other="agent2"),
    "users.sessions": Probe(user_probe("GET", "/sessions"), other="agent2"),
    "retention.read": Probe(simple("GET", "/retention-policies")),
    "invitations.manage": Probe(simple("GET", "/invitations")),
    "views.read": Probe(simple("GET", "/views")),
    "views.manage_shared": Probe(simple("POST", "/views", {"name": "Shared", "filter": {}, "scope": "organization"})),
    "retention.write": Probe(
        simple("PUT", "/retention-policies/kb_views", {"retention_period_days": 90, "archive_before_delete": False})
    ),
    "rules.write": Probe(
        simple(
            "POST",
            "/automation-rules",
            {"name": "Tag", "trigger_type": "ticket_created", "actions": [{"type": "add_tags", "tags": ["x"]}]},
        )
    ),
    "macros.use": Probe(simple("GET", "/macros")),
    "macros.manage_shared": Probe(
        simple(
            "POST",
            "/macros",
            {"name": "Shared", "scope": "organization", "actions": [{"type": "add_tags", "tags": ["x"]}]},
        )
    ),
    "sso.manage": Probe(
        simple(
            "PUT",
            "/organization/sso",
            {
                "issuer": "https://login.example.com",
                "client_id": "deskless",
                "client_secret": "probe-secret",
                "allowed_email_domains": ["example.com"],
            },
        )
    ),
}

# Ticket actions depend on the ticket's requester and assignee: tests/api/test_tickets*.py cover them.
LATER = {a for a in MATRIX if a.startswith("tickets.")}  # tests/api/test_tickets*.py

ROLE_USER = {Role.ADMIN: "admin", Role.MANAGER: "manager", Role.AGENT: "agent", Role.CUSTOMER: "customer"}


def test_every_action_of_the_matrix_has_a_probe() -> None:
    assert set(MATRIX) - set(PROBES) <= LATER


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, Role]]:
    return [(action, role) for action in PROBES for role in Role]


@pytest.mark.parametrize("action", sorted(PROBES))
def test_matrix(api: Client, action: str) -> None:
    tenant = make_tenant(api, f"matrix-{next(_unique)}")
    probe = PROBES[action]
    for role in (Role.CUSTOMER, Role.AGENT, Role.MANAGER, Role.ADMIN):
        user = ROLE_USER[role]
        scope = MATRIX[action].get(role, Scope.NONE)
        reply = probe.run(api, tenant, user, probe.other)
        if scope is Scope.ALL:
            assert reply.status < 300, (action, role, reply.body)
        else:
            assert reply.status in (403, 404), (action, role, reply.status, reply.body)
        if scope is Scope.OWN:
            own = probe.run(api, tenant, user, user)
            assert own.status < 300, (action, role, "own", own.body)
