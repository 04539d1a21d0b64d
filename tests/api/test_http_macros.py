"""Macros through HTTP: CRUD per role, preview writes nothing, apply = one transaction per ticket with
the history naming the macro, placeholders rendered, usage counted, rules share the action model."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant, stored_items


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


REPLY = {
    "type": "reply_to_requester",
    "template": "Hi {{requester.first_name}} ({{requester.name}}), about {{ticket.ticket_number}}: "
    "{{ticket.subject}}. {{agent.first_name}} / {{agent.name}}",
}


def macro(api: Client, tenant: Tenant, actions: list[dict[str, Any]], who: str = "agent", **more: Any) -> Any:
    return call(
        api, "POST", "/macros", tenant.token(who), {"name": more.pop("name", "Macro"), "actions": actions, **more}
    )


def ticket(api: Client, tenant: Tenant, who: str = "customer", subject: str = "Printer jam") -> dict[str, Any]:
    reply = call(api, "POST", "/tickets", tenant.token(who), {"subject": subject, "description": "It jams."})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def apply(api: Client, tenant: Tenant, macro_id: str, numbers: list[str], who: str = "agent", **headers: str) -> Any:
    return call(
        api, "POST", f"/macros/{macro_id}/apply", tenant.token(who), {"ticket_numbers": numbers}, headers=headers
    )


def read(api: Client, tenant: Tenant, number: str, who: str = "agent") -> Any:
    return call(api, "GET", f"/tickets/{number}", tenant.token(who))


def test_an_agent_keeps_personal_macros_and_sees_shared_ones_in_position_order(api: Client, acme: Tenant) -> None:
    mine = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], name="Zeta", position=1)
    assert mine.status == 201, mine.body
    assert mine.headers["Location"].endswith(f"/macros/{mine.body['id']}")
    assert (mine.body["scope"], mine.body["owner_id"], mine.body["usage_count"]) == (
        "personal",
        acme.user_id("agent"),
        0,
    )
    shared = macro(
        api, acme, [{"type": "set_priority", "priority": "high"}], "manager", name="Alpha", scope="organization"
    )
    assert (shared.status, shared.body["owner_id"]) == (201, None)
    theirs = macro(api, acme, [{"type": "add_tags", "tags": ["y"]}], "agent2", name="Theirs")
    assert theirs.status == 201
    listed = call(api, "GET", "/macros", acme.token("agent"))
    assert listed.status == 200
    assert [m["name"] for m in listed.body["items"]] == ["Alpha", "Zeta"]
    assert listed.body["next_cursor"] is None
    # Someone else's personal macro does not exist for the agent.
    for method, body in (("GET", None), ("PATCH", {"name": "Mine now"}), ("DELETE", None)):
        hidden = call(api, method, f"/macros/{theirs.body['id']}", acme.token("agent"), body)
        assert (hidden.status, hidden.body["error"]["code"]) == (404, "not_found"), method
    assert apply(api, acme, theirs.body["id"], ["T-1"]).status == 404


def test_only_managers_and_admins_create_or_change_organization_macros(api: Client, acme: Tenant) -> None:
    refused = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], scope="organization")
    assert (refused.status, refused.body["error"]["code"]) == (403, "forbidden")
    shared = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], "admin", scope="organization")
    path = f"/macros/{shared.body['id']}"
    assert call(api, "GET", path, acme.token("agent")).status == 200
    assert call(api, "PATCH", path, acme.token("agent"), {"name": "Mine"}).status == 403
    assert call(api, "DELETE", path, acme.token("agent")).status == 403
    renamed = call(api, "PATCH", path, acme.token("manager"), {"name": "Tagger"}, headers={"If-Match": '"1"'})
    assert (renamed.status, renamed.body["name"], renamed.body["version"]) == (200, "Tagger", 2)
    stale = call(api, "PATCH", path, acme.token("manager"), {"name": "Again"}, headers={"If-Match": '"1"'})
    assert stale.status == 412
    assert call(api, "DELETE", path, acme.token("manager")).status == 204
    assert call(api, "GET", path, acme.token("manager")).status == 404


def test_customers_have_no_macros(api: Client, acme: Tenant) -> None:
    assert call(api, "GET", "/macros", acme.token("customer")).status == 403
    assert macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], "customer").status == 403


@pytest.mark.parametrize(
    "action",
    [
        {"type": "notify", "recipient": "assignee"},
        {"type": "call_webhook", "url": "https://hooks.example.com/x", "secret": "s" * 20},
        {"type": "apply_sla_policy", "policy_id": "p1"},
        {"type": "create_work_order"},
    ],
)
def test_actions_only_rules_take_are_refused_at_save(api: Client, acme: Tenant, action: dict[str, Any]) -> None:
    refused = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}, action])
    assert (refused.status, refused.body["error"]["code"]) == (422, "unsupported_action")
    assert refused.body["error"]["details"][0]["field"] == "actions.1.type"


def test_a_macro_naming_a_missing_department_is_refused(api: Client, acme: Tenant) -> None:
    refused = macro(api, acme, [{"type": "set_department", "department_id": "d" * 20}])
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_macro")
    assert refused.body["error"]["details"][0]["field"] == "actions.0.department_id"


def test_a_rule_using_agent_placeholders_is_refused_at_save(api: Client, acme: Tenant) -> None:
    rule = {
        "name": "Greets",
        "trigger_type": "ticket_created",
        "actions": [{"type": "reply_to_requester", "template": "Hello, I am {{agent.first_name}}"}],
    }
    refused = call(api, "POST", "/automation-rules", acme.token("admin"), rule)
    assert (refused.status, refused.body["error"]["code"]) == (422, "invalid_rule")
    assert "agent.first_name" in str(refused.body["error"]["details"])


def test_preview_shows_the_result_and_writes_nothing(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    m = macro(
        api, acme, [REPLY, {"type": "set_status", "status": "pending"}, {"type": "add_tags", "tags": ["waiting"]}]
    )
    before = stored_items()
    preview = call(
        api, "POST", f"/macros/{m.body['id']}/preview", acme.token("agent"), {"ticket_number": t["ticket_number"]}
    )
    assert preview.status == 200, preview.body
    assert stored_items() == before
    assert (preview.body["ticket"]["status"], preview.body["ticket"]["tags"]) == ("pending", ["waiting"])
    assert {"field": "status", "old_value": "new", "new_value": "pending"} in preview.body["changes"]
    [comment] = preview.body["comments"]
    assert comment == {
        "comment_type": "public",
        "content": f"Hi Customer (Customer User), about {t['ticket_number']}: Printer jam. Agent / Agent User",
    }
    assert {"user_id": acme.user_id("customer"), "kind": "reply"} in [
        {k: n[k] for k in ("user_id", "kind")} for n in preview.body["notifications"]
    ]
    assert read(api, acme, t["ticket_number"]).body["status"] == "new"


def test_apply_changes_the_ticket_as_the_agent_with_history_naming_the_macro(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    m = macro(
        api,
        acme,
        [
            REPLY,
            {"type": "add_internal_note", "content": "Asked for a photo."},
            {"type": "set_priority", "priority": "high"},
            {"type": "assign_to", "user_id": acme.user_id("agent")},
        ],
        name="Ask for a photo",
    )
    done = apply(api, acme, m.body["id"], [t["ticket_number"]])
    assert done.status == 200, done.body
    assert (done.body["applied"], done.body["failed"]) == (1, 0)
    [result] = done.body["results"]
    assert (result["status"], result["error"]) == ("applied", None)
    assert (result["ticket"]["priority"], result["ticket"]["assigned_agent_id"]) == ("high", acme.user_id("agent"))
    assert result["ticket"]["first_response_at"] is not None
    shown = read(api, acme, t["ticket_number"]).body
    authors = {c["comment_type"]: c["author_id"] for c in shown["comments"] if c["id"] != "description"}
    assert authors == {"public": acme.user_id("agent"), "internal": acme.user_id("agent")}
    history = call(api, "GET", f"/tickets/{t['ticket_number']}/history", acme.token("agent")).body["items"]
    by_macro = [h for h in history if h["source"] == "macro"]
    assert {h["field_name"] for h in by_macro} >= {"priority", "assigned_agent_id", "comment"}
    assert {(h["macro_id"], h["macro_name"], h["user_id"]) for h in by_macro} == {
        (m.body["id"], "Ask for a photo", acme.user_id("agent"))
    }
    assert call(api, "GET", f"/macros/{m.body['id']}", acme.token("agent")).body["usage_count"] == 1


def test_a_failing_part_leaves_nothing_written(api: Client, acme: Tenant) -> None:
    t = ticket(api, acme)
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Billing"}).body["id"]
    m = macro(
        api,
        acme,
        [REPLY, {"type": "add_tags", "tags": ["billing"]}, {"type": "set_department", "department_id": department}],
    )
    assert m.status == 201, m.body
    assert call(api, "DELETE", f"/departments/{department}", acme.token("admin")).status == 204
    before = stored_items()
    done = apply(api, acme, m.body["id"], [t["ticket_number"]])
    assert done.status == 200
    [result] = done.body["results"]
    assert (result["status"], result["error"]["code"], result["ticket"]) == ("failed", "invalid_department", None)
    assert stored_items() == before
    assert call(api, "GET", f"/macros/{m.body['id']}", acme.token("agent")).body["usage_count"] == 0


def test_apply_reports_each_ticket_closed_invisible_and_invalid_transition(api: Client, acme: Tenant) -> None:
    fine, closed, theirs, solved = (ticket(api, acme) for _ in range(4))
    admin = acme.token("admin")
    for t, steps in ((closed, ["solved", "closed"]), (solved, ["solved"])):
        for status in steps:
            assert call(api, "PATCH", f"/tickets/{t['ticket_number']}", admin, {"status": status}).status == 200
    assigned = {"assigned_agent_id": acme.user_id("agent2")}
    assert call(api, "PATCH", f"/tickets/{theirs['ticket_number']}", admin, assigned).status == 200
    m = macro(api, acme, [{"type": "set_status", "status": "pending"}])
    numbers = [
        fine["ticket_number"],
        closed["ticket_number"],
        theirs["ticket_number"],
        solved["ticket_number"],
        "T-999",
    ]
    done = apply(api, acme, m.body["id"], numbers)
    got = {r["ticket_number"]: (r["status"], (r["error"] or {}).get("code")) for r in done.body["results"]}
    assert got == {
        fine["ticket_number"]: ("applied", None),
        closed["ticket_number"]: ("failed", "ticket_closed"),
        theirs["ticket_number"]: ("failed", "not_found"),
        solved["ticket_number"]: ("failed", "invalid_transition"),
        "T-999": ("failed", "not_found"),
    }
    assert (done.body["applied"], done.body["failed"]) == (1, 4)


def test_a_retried_apply_with_the_same_key_posts_no_second_reply(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = ticket(api, acme), ticket(api, acme)
    m = macro(api, acme, [REPLY])
    numbers = [first["ticket_number"], second["ticket_number"]]
    # The first request dies after the first ticket's transaction (a timeout): no answer is kept.
    from chalicelib.store import tickets as ticket_store

    real, calls = ticket_store.save_ticket, []

    def dies_on_the_second(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise TimeoutError("the function ran out of time")
        return real(*args, **kwargs)

    monkeypatch.setattr(ticket_store, "save_ticket", dies_on_the_second)
    assert apply(api, acme, m.body["id"], numbers, **{"Idempotency-Key": "k-1"}).status == 500
    monkeypatch.setattr(ticket_store, "save_ticket", real)
    again = apply(api, acme, m.body["id"], numbers, **{"Idempotency-Key": "k-1"})
    assert again.status == 200, again.body
    assert [r["status"] for r in again.body["results"]] == ["unchanged", "applied"]
    for number in numbers:
        comments = read(api, acme, number).body["comments"]
        assert len([c for c in comments if c["comment_type"] == "public" and c["id"] != "description"]) == 1
    assert call(api, "GET", f"/macros/{m.body['id']}", acme.token("agent")).body["usage_count"] == 2
    # A finished request replays its answer; a new key applies again (a deliberate second use).
    replay = apply(api, acme, m.body["id"], numbers, **{"Idempotency-Key": "k-1"})
    assert (replay.headers.get("Idempotent-Replayed"), replay.body) == ("true", again.body)


def test_another_organizations_macro_and_tickets_are_not_found(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", email_domain="globex.example")
    theirs = macro(api, globex, [{"type": "add_tags", "tags": ["x"]}], "admin", scope="organization")
    their_ticket = ticket(api, globex)
    assert call(api, "GET", f"/macros/{theirs.body['id']}", acme.token("admin")).status == 404
    assert apply(api, acme, theirs.body["id"], ["T-1"], "admin").status == 404
    mine = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], "admin")
    done = apply(api, acme, mine.body["id"], [their_ticket["ticket_number"]], "admin")
    [result] = done.body["results"]
    assert (result["status"], result["error"]["code"]) == ("failed", "not_found")
    assert read(api, globex, their_ticket["ticket_number"], "admin").body["tags"] == []


def test_a_rule_can_set_the_department(api: Client, acme: Tenant, stream: Any) -> None:
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Hardware"}).body["id"]
    rule = {
        "name": "Printers to hardware",
        "trigger_type": "ticket_created",
        "actions": [{"type": "set_department", "department_id": department}],
    }
    assert call(api, "POST", "/automation-rules", acme.token("admin"), rule).status == 201
    t = ticket(api, acme)
    stream.drain()
    assert read(api, acme, t["ticket_number"]).body["department_id"] == department


def test_a_department_deactivated_after_planning_is_refused_by_the_transaction(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = ticket(api, acme)
    department = call(api, "POST", "/departments", acme.token("admin"), {"name": "Billing"}).body["id"]
    m = macro(api, acme, [REPLY, {"type": "set_department", "department_id": department}])
    from chalicelib.store import departments

    planned = departments.get_department(acme.org_id, department)
    assert call(api, "DELETE", f"/departments/{department}", acme.token("admin")).status == 204
    # The plan still sees the department active (read before the deactivation landed).
    monkeypatch.setattr(departments, "get_department", lambda org_id, department_id: planned)
    before = stored_items()
    [result] = apply(api, acme, m.body["id"], [t["ticket_number"]]).body["results"]
    assert (result["status"], result["error"]["code"]) == ("failed", "invalid_department")
    assert stored_items() == before


def test_apply_and_bulk_cost_a_fixed_number_of_dynamodb_calls_per_ticket(api: Client, acme: Tenant) -> None:
    from chalicelib.store import metering

    m = macro(api, acme, [REPLY, {"type": "set_status", "status": "pending"}, {"type": "add_tags", "tags": ["x"]}])
    numbers = [ticket(api, acme)["ticket_number"] for _ in range(4)]

    def calls(path: str, body: dict[str, Any]) -> int:
        with metering.metered() as made:
            reply = call(api, "POST", path, acme.token("agent"), body)
        assert reply.body["applied"] == len(body["ticket_numbers"]), reply.body
        return len(made)

    apply_path = f"/macros/{m.body['id']}/apply"
    one, three = calls(apply_path, {"ticket_numbers": numbers[:1]}), calls(apply_path, {"ticket_numbers": numbers[1:]})
    assert (three - one) / 2 <= 5  # GetItem ticket, requester (x2: template, SLA re-match), Query policies, write
    changes = {"priority": "high", "add_tags": ["y"]}
    one = calls("/tickets/bulk", {"ticket_numbers": numbers[:1], "changes": changes})
    three = calls("/tickets/bulk", {"ticket_numbers": numbers[1:], "changes": changes})
    assert (three - one) / 2 <= 4  # GetItem ticket, requester (SLA re-match), Query policies, write


def test_changes_to_organization_macros_are_audited_and_personal_ones_are_not(api: Client, acme: Tenant) -> None:
    shared = macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], "manager", scope="organization", name="Shared")
    path = f"/macros/{shared.body['id']}"
    assert call(api, "PATCH", path, acme.token("manager"), {"position": 3}).status == 200
    assert call(api, "DELETE", path, acme.token("manager")).status == 204
    assert macro(api, acme, [{"type": "add_tags", "tags": ["x"]}], "manager", name="Mine").status == 201
    log = call(api, "GET", "/audit-log", acme.token("admin")).body["items"]
    entries = [(e["action"], e["target_id"], e["actor_id"]) for e in log if e["action"].startswith("macro.")]
    manager = acme.user_id("manager")
    assert sorted(entries) == sorted(
        (f"macro.{verb}", shared.body["id"], manager) for verb in ("created", "updated", "deleted")
    )
