"""PATCH is a JSON Merge Patch (RFC 7396): a field left out keeps its value, ``null`` clears a
clearable field, and ``null`` on a field that cannot be cleared is a 422 naming it (it used to be
ignored silently, or to fail later)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_fieldservice import assign, technician, work_order


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def ok(reply: Any) -> dict[str, Any]:
    assert reply.status in (200, 201), reply.body
    body: dict[str, Any] = reply.body
    return body


def _ticket(api: Client, acme: Tenant) -> str:
    body = {"subject": "Printer offline", "category": "hardware", "subcategory": "printers", "tags": ["printer"]}
    return str(ok(call(api, "POST", "/tickets", acme.token("customer"), body))["ticket_number"])


def test_null_clears_a_tickets_category_subcategory_and_tags(api: Client, acme: Tenant) -> None:
    number = _ticket(api, acme)
    body = {"category": None, "subcategory": None, "tags": None}
    patched = ok(call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), body))
    assert (patched["category"], patched["subcategory"], patched["tags"]) == (None, None, [])
    stored = ok(call(api, "GET", f"/tickets/{number}", acme.token("agent")))
    assert (stored["category"], stored["subcategory"], stored["tags"]) == (None, None, [])


def test_a_field_left_out_keeps_its_value(api: Client, acme: Tenant) -> None:
    number = _ticket(api, acme)
    ok(call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"priority": "high"}))
    stored = ok(call(api, "GET", f"/tickets/{number}", acme.token("agent")))
    assert (stored["category"], stored["tags"], stored["priority"]) == ("hardware", ["printer"], "high")


def test_null_on_a_field_that_cannot_be_cleared_is_422_naming_it_and_changes_nothing(api: Client, acme: Tenant) -> None:
    number = _ticket(api, acme)
    before = ok(call(api, "GET", f"/tickets/{number}", acme.token("agent")))
    reply = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"subject": None, "category": None})
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_request"
    assert reply.body["error"]["details"] == [
        {"field": "subject", "message": "subject cannot be cleared.", "type": "not_clearable"}
    ]
    after = ok(call(api, "GET", f"/tickets/{number}", acme.token("agent")))
    assert (after["subject"], after["category"], after["version"]) == (
        before["subject"],
        before["category"],
        before["version"],
    )


def test_null_inside_a_nested_patch_names_the_nested_field(api: Client, acme: Tenant) -> None:
    reply = call(api, "PATCH", "/organization", acme.token("admin"), {"settings": {"timezone": None}})
    assert reply.status == 422, reply.body
    assert [d["field"] for d in reply.body["error"]["details"]] == ["settings.timezone"]
    assert ok(call(api, "GET", "/organization", acme.token("admin")))["settings"]["timezone"] is not None


# Each PATCH route family: (path of a fresh thing, who patches it, a field null cannot clear,
# a clearable field with a value to set first, and what the field reads once cleared).
Target = Callable[[Client, Tenant], str]


def _user(api: Client, acme: Tenant) -> str:
    return f"/users/{acme.user_id('agent')}"


def _department(api: Client, acme: Tenant) -> str:
    return f"/departments/{ok(call(api, 'POST', '/departments', acme.token('admin'), {'name': 'Support'}))['id']}"


def _customer(api: Client, acme: Tenant) -> str:
    return f"/customers/{ok(call(api, 'POST', '/customers', acme.token('admin'), {'company': 'Initech'}))['id']}"


def _policy(api: Client, acme: Tenant) -> str:
    body = {"name": "Gold", "first_response_hours": 1, "resolution_hours": 8}
    return f"/sla-policies/{ok(call(api, 'POST', '/sla-policies', acme.token('manager'), body))['id']}"


def _rule(api: Client, acme: Tenant) -> str:
    body = {"name": "Tag", "trigger_type": "ticket_created", "actions": [{"type": "add_tags", "tags": ["x"]}]}
    return f"/automation-rules/{ok(call(api, 'POST', '/automation-rules', acme.token('manager'), body))['id']}"


def _subscription(api: Client, acme: Tenant) -> str:
    body = {"url": "https://hooks.example.com/in", "events": ["ticket.created"]}
    reply = ok(call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body))
    return f"/webhook-subscriptions/{reply['id']}"


def _category(api: Client, acme: Tenant) -> str:
    category = ok(call(api, "POST", "/kb/categories", acme.token("manager"), {"name": "Printers"}))
    return f"/kb/categories/{category['id']}"


def _article(api: Client, acme: Tenant) -> str:
    category = ok(call(api, "POST", "/kb/categories", acme.token("manager"), {"name": "Printers"}))["id"]
    body = {"category_id": category, "title": "Paper jams", "content": "Open tray 2."}
    return f"/kb/articles/{ok(call(api, 'POST', '/kb/articles', acme.token('manager'), body))['id']}"


def _technician(api: Client, acme: Tenant) -> str:
    return f"/technicians/{technician(api, acme)['id']}"


def _work_order(api: Client, acme: Tenant) -> str:
    return f"/work-orders/{work_order(api, acme)['work_order_number']}"


def _assignment(api: Client, acme: Tenant) -> str:
    number = work_order(api, acme, scheduled_at="2030-01-02T10:00:00Z")["work_order_number"]
    job = assign(api, acme, number, technician(api, acme)["id"])
    assert job.status == 201, job.body
    return f"/work-orders/{number}/assignments/{job.body['assignment']['id']}"


FAMILIES: dict[str, tuple[Target, str, str, tuple[str, Any, Any] | None]] = {
    "users": (_user, "admin", "first_name", ("phone", "+14155550100", None)),
    "departments": (_department, "admin", "name", ("description", "Front line", "")),
    "customers": (_customer, "admin", "lifetime_value", ("tags", ["vip"], [])),
    "sla policies": (_policy, "manager", "first_response_hours", ("description", "Top tier", "")),
    "automation rules": (_rule, "manager", "actions", ("description", "Tags it", "")),
    "webhook subscriptions": (_subscription, "admin", "url", ("description", "CRM", "")),
    "kb categories": (_category, "manager", "name", ("description", "Ink and paper", "")),
    "kb articles": (_article, "manager", "title", ("tags", ["paper"], [])),
    "technicians": (_technician, "manager", "max_jobs_per_day", ("skills", ["boilers"], [])),
    "work orders": (_work_order, "manager", "title", ("required_skills", ["boilers"], [])),
    "assignments": (_assignment, "manager", "status", ("notes", "gate code 1234", "")),
    "organization": (lambda api, acme: "/organization", "admin", "name", ("domain", "acme.example", None)),
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_patch_route_refuses_null_on_a_field_it_cannot_clear(api: Client, acme: Tenant, family: str) -> None:
    target, role, fixed, _ = FAMILIES[family]
    path = target(api, acme)
    reply = call(api, "PATCH", path, acme.token(role), {fixed: None})
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_request"
    assert [d["field"] for d in reply.body["error"]["details"]] == [fixed]


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_patch_route_clears_a_clearable_field_with_null(api: Client, acme: Tenant, family: str) -> None:
    target, role, _, clearable = FAMILIES[family]
    assert clearable is not None
    field, value, cleared = clearable
    path = target(api, acme)
    assert _read(ok(call(api, "PATCH", path, acme.token(role), {field: value})), field) == value
    assert _read(ok(call(api, "PATCH", path, acme.token(role), {field: None})), field) == cleared


def _read(body: dict[str, Any], field: str) -> Any:
    """A field of the patched thing (an assignment answers with its work order alongside)."""
    return body["assignment"][field] if "assignment" in body else body[field]
