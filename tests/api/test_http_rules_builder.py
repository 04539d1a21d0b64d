"""The rule builder's API: the schema route and the simulation over the last tickets (nothing written)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant, signup_admin, stored_items

REFUND = {
    "name": "Refunds",
    "trigger_type": "ticket_created",
    "trigger_conditions": {"all": [{"field": "subject", "operator": "contains", "value": "refund"}]},
    "actions": [{"type": "add_tags", "tags": ["refund"]}, {"type": "set_priority", "priority": "high"}],
}


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, acme: Tenant, subject: str) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def simulate(api: Client, acme: Tenant, body: dict[str, Any], role: str = "manager") -> Any:
    return call(api, "POST", "/automation-rules/simulate", acme.token(role), body)


def test_the_schema_offers_triggers_fields_and_actions_with_the_custom_fields(api: Client, acme: Tenant) -> None:
    field = {"name": "plan", "type": "choice", "choices": ["basic", "pro"]}
    patched = call(api, "PATCH", "/organization", acme.token("admin"), {"settings": {"custom_fields": [field]}})
    assert patched.status == 200, patched.body
    reply = call(api, "GET", "/automation-rules/schema", acme.token("manager"))
    assert reply.status == 200, reply.body
    created = next(t for t in reply.body["triggers"] if t["type"] == "ticket_created")
    fields = {f["name"]: f for f in created["fields"]}
    assert fields["custom_fields.plan"]["choices"] == ["basic", "pro"]
    assert "contains" in {o["operator"] for o in fields["subject"]["operators"]}
    assert "changed" not in {o["operator"] for o in fields["subject"]["operators"]}  # no "before" on creation
    assert "add_tags" in created["actions"]
    assert "auto_dispatch" not in created["actions"]
    actions = {a["type"]: a for a in reply.body["actions"]}
    assert actions["set_priority"]["parameters"][0]["choices"] == ["low", "normal", "high", "urgent"]


def test_agents_and_customers_may_not_read_the_schema_or_simulate(api: Client, acme: Tenant) -> None:
    for role in ("agent", "customer"):
        assert call(api, "GET", "/automation-rules/schema", acme.token(role)).status == 403
        assert simulate(api, acme, {"rule": REFUND}, role).status == 403


def test_simulating_an_unsaved_rule_says_what_it_would_do_and_writes_nothing(api: Client, acme: Tenant) -> None:
    refund = open_ticket(api, acme, "Please refund my order")
    other = open_ticket(api, acme, "Printer jam")
    before = stored_items()
    reply = simulate(api, acme, {"rule": REFUND, "last": 10})
    assert reply.status == 200, reply.body
    assert stored_items() == before  # no rule, no ticket change, no history, no statistics
    rows = {r["ticket_number"]: r for r in reply.body["items"]}
    assert rows[refund]["matched"] is True
    assert [a["type"] for a in rows[refund]["would"]] == ["add_tags", "set_priority"]
    assert rows[refund]["reason"].startswith("matched on created")
    assert rows[other]["matched"] is False
    assert "subject contains 'refund' did not hold" in rows[other]["reason"]
    assert (reply.body["tickets"], reply.body["matched"]) == (2, 1)


def test_simulation_replays_the_last_changes_of_the_history(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme, "Slow laptop")
    changed = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"priority": "urgent"})
    assert changed.status == 200, changed.body
    rule = {
        **REFUND,
        "trigger_type": "ticket_updated",
        "trigger_conditions": {"all": [{"field": "priority", "operator": "changed_to", "value": "urgent"}]},
    }
    row = simulate(api, acme, {"rule": rule}).body["items"][0]
    assert (row["ticket_number"], row["matched"]) == (number, True)
    assert row["reason"].startswith("matched on changed priority")
    later = {**rule, "trigger_conditions": {"all": [{"field": "priority", "operator": "changed_from", "value": "low"}]}}
    assert simulate(api, acme, {"rule": later}).body["items"][0]["matched"] is False


def test_the_created_state_is_rebuilt_from_the_history(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme, "A refund please")
    renamed = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"subject": "Billing question"})
    assert renamed.status == 200, renamed.body
    row = simulate(api, acme, {"rule": REFUND}).body["items"][0]
    assert row["matched"] is True  # as created, the subject said refund


def test_a_saved_rule_is_simulated_by_id_and_another_organizations_is_not_found(api: Client, acme: Tenant) -> None:
    open_ticket(api, acme, "refund")
    saved = call(api, "POST", "/automation-rules", acme.token("manager"), REFUND)
    assert saved.status == 201, saved.body
    reply = simulate(api, acme, {"rule_id": saved.body["id"]})
    assert (reply.status, reply.body["matched"]) == (200, 1)
    globex = make_tenant(api, "globex")
    foreign = simulate(api, globex, {"rule_id": saved.body["id"]})
    assert (foreign.status, foreign.body["error"]["code"]) == (404, "not_found")


def test_a_simulation_needs_exactly_one_valid_ticket_rule(api: Client, acme: Tenant) -> None:
    both = simulate(api, acme, {"rule": REFUND, "rule_id": "x"})
    assert both.status == 422
    neither = simulate(api, acme, {"last": 5})
    assert neither.status == 422
    too_many = simulate(api, acme, {"rule": REFUND, "last": 201})
    assert too_many.status == 422
    bad = simulate(api, acme, {"rule": {**REFUND, "actions": [{"type": "set_status", "status": "gone"}]}})
    assert bad.status == 422
    assert any("rule.actions.0" in d["field"] for d in bad.body["error"]["details"])
    orders = {**REFUND, "trigger_type": "work_order_created", "trigger_conditions": {}}
    orders["actions"] = [{"type": "auto_dispatch"}]
    work = simulate(api, acme, {"rule": orders})
    assert (work.status, work.body["error"]["code"]) == (422, "work_order_rule")


def _rules(api: Client, acme: Tenant, *names: str) -> list[dict[str, Any]]:
    made = []
    for name in names:
        reply = call(api, "POST", "/automation-rules", acme.token("manager"), {**REFUND, "name": name})
        assert reply.status == 201, reply.body
        made.append(reply.body)
    return made


def _listed(api: Client, acme: Tenant) -> list[tuple[str, int]]:
    items = call(api, "GET", "/automation-rules", acme.token("manager")).body["items"]
    return [(r["name"], r["execution_order"]) for r in items]


def test_reordering_writes_every_listed_rule_in_one_versioned_change(api: Client, acme: Tenant) -> None:
    a, b, c = _rules(api, acme, "A", "B", "C")
    body = {"ids": [c["id"], a["id"], b["id"]], "versions": [c["version"], a["version"], b["version"]]}
    reply = call(api, "POST", "/automation-rules/order", acme.token("manager"), body)
    assert reply.status == 200, reply.body
    assert [(r["name"], r["execution_order"], r["version"]) for r in reply.body["items"]] == [
        ("C", 10, 2),
        ("A", 20, 2),
        ("B", 30, 2),
    ]
    assert _listed(api, acme) == [("C", 10), ("A", 20), ("B", 30)]


def test_a_reorder_from_a_stale_list_is_409_and_moves_nothing(api: Client, acme: Tenant) -> None:
    a, b = _rules(api, acme, "A", "B")
    moved = call(api, "PATCH", f"/automation-rules/{a['id']}", acme.token("admin"), {"description": "meanwhile"})
    assert moved.status == 200, moved.body
    body = {"ids": [b["id"], a["id"]], "versions": [b["version"], a["version"]]}
    reply = call(api, "POST", "/automation-rules/order", acme.token("manager"), body)
    assert (reply.status, reply.body["error"]["code"]) == (409, "stale_version")
    assert _listed(api, acme) == [("A", 0), ("B", 0)]


def test_a_reorder_naming_another_organizations_rule_is_404_and_moves_nothing(api: Client, acme: Tenant) -> None:
    (a,) = _rules(api, acme, "A")
    globex = make_tenant(api, "globex")
    (theirs,) = _rules(api, globex, "Theirs")
    reply = call(api, "POST", "/automation-rules/order", acme.token("manager"), {"ids": [theirs["id"], a["id"]]})
    assert reply.status == 404
    assert _listed(api, globex) == [("Theirs", 0)]
    assert _listed(api, acme) == [("A", 0)]


def test_agents_may_not_reorder_and_each_rule_is_listed_once(api: Client, acme: Tenant) -> None:
    (a,) = _rules(api, acme, "A")
    assert call(api, "POST", "/automation-rules/order", acme.token("agent"), {"ids": [a["id"]]}).status == 403
    twice = call(api, "POST", "/automation-rules/order", acme.token("manager"), {"ids": [a["id"], a["id"]]})
    assert twice.status == 422


def test_concurrent_reorders_from_one_list_have_one_winner(server_table: str) -> None:
    from chalicelib.domain.commands import AutomationRuleCommand
    from chalicelib.domain.errors import Conflict
    from chalicelib.services import automation

    boss = signup_admin("order-race")
    rules = [automation.create_rule(boss, AutomationRuleCommand.model_validate({**REFUND, "name": n})) for n in "ABC"]
    versions = [r.version for r in rules]
    orders = [[r.id for r in rules], [r.id for r in reversed(rules)]] * 3
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(ids: list[str]) -> None:
        try:
            automation.reorder_rules(boss, ids, versions)
            result = "won"
        except Conflict as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(ids,)) for ids in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["stale_version"] * 5 + ["won"]
    listed = automation.list_rules(boss, False, 10, None).items
    assert [rule.version for rule, _, _ in listed] == [2, 2, 2]  # every rule moved once, by the winner
