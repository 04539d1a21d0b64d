"""The rule builder's schema is generated from the rule model: nothing in the model is missing from it,
and everything it offers is accepted by the model."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, get_args

from chalicelib.domain.automation import Action, AutomationRule, Condition, Conditions, TriggerType, trigger_mismatches
from chalicelib.domain.identity import CustomFieldDefinition, CustomFieldType
from chalicelib.domain.rule_schema import builder_schema

CUSTOM = [
    CustomFieldDefinition(name="plan", type=CustomFieldType.CHOICE, choices=["basic", "pro"]),
    CustomFieldDefinition(name="seats", type=CustomFieldType.NUMBER),
]
BASE_ACTION = {"ticket": {"type": "add_tags", "tags": ["x"]}, "work_order": {"type": "auto_dispatch"}}


def _members(union: Any) -> list[Any]:
    return list(get_args(get_args(union)[0]))


def _sample(field: dict[str, Any], kind: str) -> Any:
    one = field["choices"][0] if field["choices"] else {"number": 1, "boolean": True}.get(field["kind"], "x")
    if kind == "list":
        return [one]
    if kind == "number":
        return 1 if field["kind"] != "choice" else one
    return one


def test_every_condition_operator_and_action_class_is_in_the_schema() -> None:
    schema = builder_schema(CUSTOM)
    operators = {o["operator"] for o in schema["operators"]}
    for model in _members(Condition):
        assert set(get_args(model.model_fields["operator"].annotation)) <= operators, model
    offered = {o["operator"] for t in schema["triggers"] for f in t["fields"] for o in f["operators"]}
    assert offered == operators  # every operator is offered on some field
    types = {a["type"] for a in schema["actions"]}
    assert types == {get_args(m.model_fields["type"].annotation)[0] for m in _members(Action)}
    assert {t["type"] for t in schema["triggers"]} == {t.value for t in TriggerType}
    assert set().union(*(t["actions"] for t in schema["triggers"])) == types


def test_the_custom_fields_of_the_organization_are_offered_with_their_choices() -> None:
    created = next(t for t in builder_schema(CUSTOM)["triggers"] if t["type"] == "ticket_created")
    plan = next(f for f in created["fields"] if f["name"] == "custom_fields.plan")
    assert (plan["kind"], plan["choices"]) == ("choice", ["basic", "pro"])
    seats = next(f for f in created["fields"] if f["name"] == "custom_fields.seats")
    assert {o["operator"] for o in seats["operators"]} >= {"gt", "lt"}


def test_every_field_and_operator_offered_for_a_trigger_makes_a_valid_rule() -> None:
    for trigger in builder_schema(CUSTOM)["triggers"]:
        base: dict[str, Any] = {"all": [], "any": []}
        if trigger["type"] == "time_based":
            base["all"] = [{"field": "updated_at", "operator": "hours_since", "value": 2}]
        for field in trigger["fields"]:
            for operator in field["operators"]:
                condition: dict[str, Any] = {"field": field["name"], "operator": operator["operator"]}
                if operator["value"] != "none":
                    condition["value"] = _sample(field, operator["value"])
                if operator["operator"] == "hours_since" and trigger["type"] == "time_based":
                    continue  # a time-based rule has exactly one timer: the base's
                rule = AutomationRule.model_validate(
                    {
                        "id": "r",
                        "org_id": "o",
                        "name": "n",
                        "trigger_type": trigger["type"],
                        "trigger_conditions": {**base, "any": [condition]},
                        "actions": [BASE_ACTION[trigger["subject"]]],
                        "created_at": "2026-11-30T10:00:00Z",
                        "updated_at": "2026-11-30T10:00:00Z",
                    }
                )
                assert trigger_mismatches(rule) == [], (trigger["type"], condition)


def test_the_actions_of_a_trigger_are_the_ones_its_rules_may_take() -> None:
    for trigger in builder_schema([])["triggers"]:
        for action_type in trigger["actions"]:
            shaped = SimpleNamespace(
                trigger_type=TriggerType(trigger["type"]),
                trigger_conditions=Conditions(),
                actions=[SimpleNamespace(type=action_type)],
            )
            assert trigger_mismatches(shaped) == [], (trigger["type"], action_type)  # type: ignore[arg-type]


def test_action_parameters_carry_their_enums_and_required_flags() -> None:
    actions = {a["type"]: a for a in builder_schema([])["actions"]}
    status = actions["set_status"]["parameters"][0]
    assert (status["name"], status["kind"], status["required"]) == ("status", "choice", True)
    assert "solved" in status["choices"]
    url = next(p for p in actions["call_webhook"]["parameters"] if p["name"] == "url")
    assert (url["kind"], url["required"]) == ("url", True)
    value = next(p for p in actions["set_custom_field"]["parameters"] if p["name"] == "value")
    assert value["kind"] == "scalar"
