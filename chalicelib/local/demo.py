"""The demo organization ``make run`` seeds: one of each role, a department, two customers, an SLA
policy, a small knowledge base, two tickets, two technicians and a work order from a ticket.

Idempotent: when the slug ``demo`` exists (restored from the snapshot) nothing is written.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.commands import (
    CommentCommand,
    CreateTicketCommand,
    CreateUserCommand,
    CustomerCommand,
    DepartmentCommand,
    KBArticleCommand,
    KBCategoryCommand,
    OrganizationPatch,
    SignupCommand,
    SLAPolicyCommand,
    TechnicianCommand,
    WorkOrderCommand,
)
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.kb import ArticleStatus
from chalicelib.domain.tickets import Channel, Priority
from chalicelib.local import seed
from chalicelib.store import identity as identity_store

SLUG = "demo"
PASSWORD = "deskless-demo-2026"  # noqa: S105 (the documented local demo password)
DOMAIN = "demo.example.com"
PEOPLE = [
    ("manager", "Morgan", "Manager", Role.MANAGER),
    ("agent", "Alex", "Agent", Role.AGENT),
    ("agent2", "Sam", "Support", Role.AGENT),
    ("customer", "Casey", "Customer", Role.CUSTOMER),
    ("customer2", "Jordan", "Client", Role.CUSTOMER),
]


def credentials() -> list[str]:
    lines = [f"Demo organization '{SLUG}' (password for everyone: {PASSWORD}):"]
    lines.append(f"  admin      admin@{DOMAIN}")
    lines += [f"  {role.value:<10} {name}@{DOMAIN}" for name, _, _, role in PEOPLE]
    return lines


def seed_demo() -> list[str]:
    if identity_store.org_id_for_slug(SLUG) is not None:
        return credentials()
    from chalicelib.services import customers, departments, identity, sla, tickets, users

    org, admin, _ = identity.signup(
        SignupCommand(
            name="Demo Support Co",
            slug=SLUG,
            admin_email=f"admin@{DOMAIN}",
            admin_password=PASSWORD,
            admin_first_name="Ada",
            admin_last_name="Admin",
        ),
        None,
        "seed",
    )
    principal = Principal(org_id=org.id, user_id=admin.id, role=Role.ADMIN, session_id="seed")
    created = {}
    for name, first, last, role in PEOPLE:
        fields: dict[str, object] = {"email": f"{name}@{DOMAIN}", "first_name": first, "last_name": last}
        if role is Role.AGENT:
            fields["skills"] = ["billing", "hardware"]
        command = CreateUserCommand.model_validate({**fields, "role": role, "password": PASSWORD})
        created[name] = users.create_user(principal, command)
    department = departments.create_department(
        principal,
        DepartmentCommand(name="Customer Support", description="Front line", manager_id=created["manager"].id),
    )
    for name in ("agent", "agent2"):
        departments.add_member(principal, department.id, created[name].id)
    # New tickets from customers (mail, portal) go to the front line: its queue shows in the inbox.
    routes = {channel: department.id for channel in ("email", "portal")}
    identity.update_organization(
        principal, OrganizationPatch.model_validate({"settings": {"channel_departments": routes}}), None
    )
    customers.create_customer(
        principal, CustomerCommand(user_id=created["customer"].id, company="Acme Corp", tags=["vip"])
    )
    customers.create_customer(principal, CustomerCommand(user_id=created["customer2"].id, company="Globex"))
    sla.create_policy(
        principal,
        SLAPolicyCommand.model_validate(
            {
                "name": "Standard support",
                "description": "Weekday business hours (London); urgent tickets: 1 h first response, 4 h resolution.",
                "first_response_hours": 4,
                "resolution_hours": 24,
                "priority_overrides": {"urgent": {"first_response_hours": 1, "resolution_hours": 4}},
                "calendar": {
                    "timezone": "Europe/London",
                    "hours": [{"day": d, "start": "09:00", "end": "17:30"} for d in range(5)],
                },
                "escalation_rules": [
                    {
                        "target": "resolution",
                        "when": "before_breach",
                        "percent": 75,
                        "actions": [{"type": "notify", "notify": "assignee"}],
                    },
                    {
                        "target": "resolution",
                        "when": "after_breach",
                        "minutes": 60,
                        "actions": [{"type": "raise_priority"}, {"type": "add_tag", "tag": "escalated"}],
                    },
                ],
            }
        ),
    )
    _seed_kb(principal)
    _seed_agent_tools(principal)
    actor = tickets.Actor(principal, None, "seed")
    tickets.create_ticket(
        principal,
        CreateTicketCommand(
            subject="Cannot log in to the portal",
            description="It says my password is wrong.",
            customer_id=created["customer"].id,
            channel=Channel.EMAIL,
        ),
        actor,
    )
    assigned = tickets.create_ticket(
        principal,
        CreateTicketCommand(
            subject="Invoice shows the wrong VAT",
            priority=Priority.HIGH,
            customer_id=created["customer2"].id,
            assigned_agent_id=created["agent"].id,
        ),
        actor,
    )
    tickets.add_comment(
        principal, assigned.ticket_number, CommentCommand(content="Thanks, we are checking the invoice."), actor
    )
    broken = tickets.create_ticket(
        principal,
        CreateTicketCommand(
            subject="Office printer jams on every page",
            description="The big printer on the 2nd floor jams constantly.",
            customer_id=created["customer"].id,
        ),
        actor,
    )
    _seed_field_service(principal, created, broken.ticket_number, actor)
    return credentials()


def _seed_agent_tools(principal: Principal) -> None:
    """One shared macro and one shared view, so the workspace's macros menu and views sidebar show
    what they are for on a first run."""
    from chalicelib.domain.commands import MacroCommand
    from chalicelib.domain.ticket_filter import TicketFilter
    from chalicelib.domain.views import ViewScope
    from chalicelib.services import macros, views

    macros.create_macro(
        principal,
        MacroCommand.model_validate(
            {
                "name": "Ask for a screenshot",
                "description": "Ask the requester for a screenshot and wait for their answer.",
                "scope": "organization",
                "actions": [
                    {
                        "type": "reply_to_requester",
                        "template": "Hi {{requester.first_name}}, could you send us a screenshot of what you see? "
                        "Thank you, {{agent.first_name}}",
                    },
                    {"type": "set_status", "status": "pending"},
                ],
            }
        ),
    )
    views.create_view(
        principal,
        name="High and urgent, still open",
        f=TicketFilter.model_validate({"status": ["new", "open"], "priority": ["high", "urgent"]}),
        sort="-updated_at",
        columns=["ticket_number", "subject", "requester", "status", "priority", "assignee", "sla", "updated_at"],
        scope=ViewScope.ORGANIZATION,
        department_id=None,
        position=0,
    )


def _seed_field_service(principal: Principal, created: dict[str, Any], ticket_number: str, actor: Any) -> None:
    """Alex and Sam are London technicians; a work order made from the printer ticket for tomorrow."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from chalicelib.domain.clock import utcnow
    from chalicelib.services import fieldservice

    week = {"days": [0, 1, 2, 3, 4, 5, 6], "start": "08:00", "end": "18:00"}
    areas = [
        {
            "name": "Central London",
            "postal_codes": ["EC*", "WC*"],
            "center": {"lat": 51.5155, "lon": -0.0922},
            "radius_km": 15,
        }
    ]
    for name, employee, skills in (
        ("agent", "LDN-001", ["printers", "hardware"]),
        ("agent2", "LDN-002", ["networking"]),
    ):
        fieldservice.create_technician(
            principal,
            TechnicianCommand.model_validate(
                {
                    "user_id": created[name].id,
                    "employee_id": employee,
                    "skills": skills,
                    "certifications": [{"name": "electrical-safety", "expires_on": "2028-12-31"}],
                    "service_areas": areas,
                    "working_hours": week,
                    "timezone": "Europe/London",
                    "max_jobs_per_day": 6,
                }
            ),
        )
    tomorrow = (utcnow().astimezone(ZoneInfo("Europe/London")) + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    fieldservice.create_work_order(
        principal,
        WorkOrderCommand.model_validate(
            {
                "title": "Repair the 2nd floor printer",
                "ticket_number": ticket_number,
                "location": {"address": "1 Poultry, London", "postal_code": "EC2R 8EJ", "lat": 51.5134, "lon": -0.0904},
                "scheduled_at": tomorrow,
                "required_skills": ["printers"],
                "required_certifications": ["electrical-safety"],
            }
        ),
        actor,
    )


def _seed_kb(principal: Principal) -> None:
    from chalicelib.services import kb

    billing = kb.create_category(principal, KBCategoryCommand(name="Billing", description="Invoices and payments"))
    accounts = kb.create_category(principal, KBCategoryCommand(name="Accounts", description="Signing in"))
    for category_id, title, content, status in (
        (
            billing.id,
            "Why does my invoice show the wrong VAT?",
            "Invoices use the VAT rate of the **billing address**.\n\n1. Open *Settings > Billing*\n"
            "2. Correct the address\n3. Ask us to reissue the invoice",
            ArticleStatus.PUBLISHED,
        ),
        (
            accounts.id,
            "Resetting a forgotten password",
            "Use *Forgot password* on the sign-in page; the link is valid for 30 minutes.",
            ArticleStatus.PUBLISHED,
        ),
        (accounts.id, "Single sign-on (coming soon)", "Draft: not visible to customers.", ArticleStatus.DRAFT),
    ):
        kb.create_article(
            principal,
            KBArticleCommand(category_id=category_id, title=title, content=content, status=status, tags=[]),
        )


seed.SEEDERS.append(seed_demo)
