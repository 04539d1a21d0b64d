"""Automation rules cannot point at nothing: an action's user, department, SLA policy or custom
field must exist when the rule is written (422 naming the part), and a rule whose target goes away
later says so (``broken_references``) and is counted in the rule list."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant

MISSING = "0" * 20  # the shape of an id, held by nothing


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def create(api: Client, acme: Tenant, actions: list[dict[str, Any]], **fields: Any) -> Any:
    body = {"name": "Route", "trigger_type": "ticket_created", "actions": actions, **fields}
    return call(api, "POST", "/automation-rules", acme.token("manager"), body)


def department(api: Client, acme: Tenant) -> str:
    reply = call(api, "POST", "/departments", acme.token("admin"), {"name": "Support"})
    assert reply.status == 201, reply.body
    return str(reply.body["id"])


def sla_policy(api: Client, acme: Tenant) -> str:
    body = {"name": "Gold", "first_response_hours": 1, "resolution_hours": 8}
    reply = call(api, "POST", "/sla-policies", acme.token("admin"), body)
    assert reply.status == 201, reply.body
    return str(reply.body["id"])


def define_custom_fields(api: Client, acme: Tenant, fields: list[dict[str, Any]]) -> None:
    reply = call(api, "PATCH", "/organization", acme.token("admin"), {"settings": {"custom_fields": fields}})
    assert reply.status == 200, reply.body


def rule_list(api: Client, acme: Tenant) -> dict[str, Any]:
    reply = call(api, "GET", "/automation-rules", acme.token("admin"))
    assert reply.status == 200, reply.body
    result: dict[str, Any] = reply.body
    return result


def refused_fields(reply: Any) -> dict[str, str]:
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_rule"
    details = reply.body["error"]["details"]
    assert all({"field", "message", "type"} <= set(d) for d in details), details
    return {d["field"]: d["reason"] for d in details if d["type"] == "broken_reference"}


# ---- refused when written ---------------------------------------------------------------------


def test_a_rule_pointing_at_targets_that_do_not_exist_is_422_naming_each_part(api: Client, acme: Tenant) -> None:
    define_custom_fields(api, acme, [{"name": "plan", "type": "choice", "choices": ["basic", "pro"]}])
    reply = create(
        api,
        acme,
        [
            {"type": "add_tags", "tags": ["fine"]},
            {"type": "assign_to", "user_id": MISSING},
            {"type": "assign_to", "department_id": MISSING},
            {"type": "apply_sla_policy", "policy_id": MISSING},
            {"type": "set_custom_field", "name": "colour", "value": "red"},
            {"type": "set_custom_field", "name": "plan", "value": "platinum"},
            {"type": "notify", "recipient": "user", "user_id": "not-an-id"},
        ],
    )
    assert refused_fields(reply) == {
        "actions.1.user_id": "missing",
        "actions.2.department_id": "missing",
        "actions.3.policy_id": "missing",
        "actions.4.name": "missing",
        "actions.5.value": "invalid_value",
        "actions.6.user_id": "missing",
    }
    assert rule_list(api, acme)["items"] == [], "nothing was stored"


def test_assign_to_needs_an_active_staff_user(api: Client, acme: Tenant) -> None:
    customer = create(api, acme, [{"type": "assign_to", "user_id": acme.user_id("customer")}])
    assert refused_fields(customer) == {"actions.0.user_id": "not_staff"}
    assert call(api, "DELETE", f"/users/{acme.user_id('agent2')}", acme.token("admin")).status in (200, 204)
    gone = create(api, acme, [{"type": "assign_to", "user_id": acme.user_id("agent2")}])
    assert refused_fields(gone) == {"actions.0.user_id": "deleted"}
    assert create(api, acme, [{"type": "assign_to", "user_id": acme.user_id("agent")}]).status == 201


def test_a_deleted_department_or_policy_cannot_be_named(api: Client, acme: Tenant) -> None:
    team, policy = department(api, acme), sla_policy(api, acme)
    assert call(api, "DELETE", f"/departments/{team}", acme.token("admin")).status in (200, 204)
    assert call(api, "DELETE", f"/sla-policies/{policy}", acme.token("admin")).status == 204
    reply = create(
        api,
        acme,
        [{"type": "assign_to", "department_id": team}, {"type": "apply_sla_policy", "policy_id": policy}],
    )
    assert refused_fields(reply) == {"actions.0.department_id": "inactive", "actions.1.policy_id": "deleted"}


def test_another_organizations_targets_do_not_exist_here(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    theirs = call(api, "POST", "/departments", globex.token("admin"), {"name": "Theirs"}).body["id"]
    reply = create(
        api,
        acme,
        [{"type": "assign_to", "user_id": globex.user_id("agent")}, {"type": "assign_to", "department_id": theirs}],
    )
    assert refused_fields(reply) == {"actions.0.user_id": "missing", "actions.1.department_id": "missing"}


def test_changing_actions_to_a_missing_target_is_422_and_changes_nothing(api: Client, acme: Tenant) -> None:
    created = create(api, acme, [{"type": "assign_to", "user_id": acme.user_id("agent")}])
    assert created.status == 201, created.body
    path = f"/automation-rules/{created.body['id']}"
    reply = call(api, "PATCH", path, acme.token("admin"), {"actions": [{"type": "assign_to", "user_id": MISSING}]})
    assert refused_fields(reply) == {"actions.0.user_id": "missing"}
    stored = call(api, "GET", path, acme.token("admin")).body
    assert stored["actions"][0]["user_id"] == acme.user_id("agent")
    assert stored["version"] == 1


# ---- broken later -----------------------------------------------------------------------------


def test_rules_whose_targets_go_away_are_marked_and_counted(api: Client, acme: Tenant) -> None:
    define_custom_fields(api, acme, [{"name": "plan", "type": "text"}])
    team, policy = department(api, acme), sla_policy(api, acme)
    healthy = create(api, acme, [{"type": "add_tags", "tags": ["x"]}], name="Healthy").body
    routing = create(
        api,
        acme,
        [
            {"type": "assign_to", "user_id": acme.user_id("agent2")},
            {"type": "assign_to", "department_id": team},
            {"type": "apply_sla_policy", "policy_id": policy},
            {"type": "set_custom_field", "name": "plan", "value": "gold"},
            {"type": "notify", "recipient": "user", "user_id": acme.user_id("manager")},
        ],
        name="Routing",
    )
    assert routing.status == 201, routing.body
    assert routing.body["broken_references"] == []
    assert rule_list(api, acme)["broken_rules"] == 0

    call(api, "DELETE", f"/users/{acme.user_id('agent2')}", acme.token("admin"))
    call(api, "DELETE", f"/departments/{team}", acme.token("admin"))
    call(api, "DELETE", f"/sla-policies/{policy}", acme.token("admin"))
    define_custom_fields(api, acme, [])

    listed = rule_list(api, acme)
    assert listed["broken_rules"] == 1
    by_name = {r["name"]: r for r in listed["items"]}
    assert by_name["Healthy"]["broken_references"] == []
    broken = {(b["field"], b["kind"], b["reason"]) for b in by_name["Routing"]["broken_references"]}
    assert broken == {
        ("actions.0.user_id", "user", "deleted"),
        ("actions.1.department_id", "department", "inactive"),
        ("actions.2.policy_id", "sla_policy", "deleted"),
        ("actions.3.name", "custom_field", "missing"),
    }
    one = call(api, "GET", f"/automation-rules/{routing.body['id']}", acme.token("admin")).body
    assert {b["field"] for b in one["broken_references"]} == {f for f, _, _ in broken}
    assert healthy["broken_references"] == []

    # Bringing a target back mends that part.
    call(api, "POST", f"/users/{acme.user_id('agent2')}/restore", acme.token("admin"))
    mended = call(api, "GET", f"/automation-rules/{routing.body['id']}", acme.token("admin")).body
    assert "actions.0.user_id" not in {b["field"] for b in mended["broken_references"]}


def test_a_broken_rule_can_be_switched_off_but_not_kept_on_or_restored(api: Client, acme: Tenant) -> None:
    created = create(api, acme, [{"type": "assign_to", "user_id": acme.user_id("agent2")}]).body
    path = f"/automation-rules/{created['id']}"
    call(api, "DELETE", f"/users/{acme.user_id('agent2')}", acme.token("admin"))

    renamed = call(api, "PATCH", path, acme.token("admin"), {"name": "Still on"})
    assert refused_fields(renamed) == {"actions.0.user_id": "deleted"}
    off = call(api, "PATCH", path, acme.token("admin"), {"is_active": False})
    assert off.status == 200, off.body
    assert off.body["is_active"] is False
    assert [b["field"] for b in off.body["broken_references"]] == ["actions.0.user_id"]
    assert refused_fields(call(api, "PATCH", path, acme.token("admin"), {"is_active": True})) == {
        "actions.0.user_id": "deleted"
    }

    assert call(api, "DELETE", path, acme.token("admin")).status == 204
    restored = call(api, "POST", f"{path}/restore", acme.token("admin"))
    assert refused_fields(restored) == {"actions.0.user_id": "deleted"}
    assert call(api, "GET", path, acme.token("admin")).status == 404, "still deleted"


def test_a_rule_never_applies_a_deleted_sla_policy(api: Client, acme: Tenant, stream: Any) -> None:
    policy = sla_policy(api, acme)
    created = create(api, acme, [{"type": "apply_sla_policy", "policy_id": policy}]).body
    call(api, "DELETE", f"/sla-policies/{policy}", acme.token("admin"))
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Help"}).body["ticket_number"]
    stream.drain()
    assert call(api, "GET", f"/tickets/{number}", acme.token("admin")).body["sla_policy_id"] is None
    stats = call(api, "GET", f"/automation-rules/{created['id']}", acme.token("admin")).body["statistics"]
    assert (stats["execution_count"], stats["failure_count"]) == (1, 1)


def test_the_rule_list_resolves_every_target_with_one_batch_read(api: Client, acme: Tenant) -> None:
    team, policy = department(api, acme), sla_policy(api, acme)
    define_custom_fields(api, acme, [{"name": "plan", "type": "text"}])
    for name in ("agent", "agent2", "manager", "admin"):
        actions = [
            {"type": "assign_to", "user_id": acme.user_id(name)},
            {"type": "assign_to", "department_id": team},
            {"type": "apply_sla_policy", "policy_id": policy},
            {"type": "set_custom_field", "name": "plan", "value": name},
        ]
        assert create(api, acme, actions, name=f"Rule {name}").status == 201
    with metering.metered() as calls:
        listed = rule_list(api, acme)
    assert len(listed["items"]) == 4
    # The authorizer's BatchGetItem, the page of rules (one Query) and their statistics (one
    # BatchGetItem), and one BatchGetItem for every target of every rule plus the organization
    # (custom fields).
    assert sorted(c.operation for c in calls) == ["BatchGetItem", "BatchGetItem", "BatchGetItem", "Query"]
