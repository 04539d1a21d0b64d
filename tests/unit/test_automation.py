"""Rule conditions: every operator, as a table (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from chalicelib.domain.automation import Condition, Conditions, Facts, evaluate, holds, render

NOW = datetime(2026, 3, 5, 12, tzinfo=UTC)
CURRENT: dict[str, Any] = {
    "status": "pending",
    "priority": "high",
    "subject": "Printer on FIRE in room 4",
    "tags": ["vip", "hardware"],
    "assigned_agent_id": None,
    "sla_breach": False,
    "custom_fields.seats": 12,
    "updated_at": NOW - timedelta(hours=50),
    "created_at": NOW - timedelta(hours=10),
}
PREVIOUS: dict[str, Any] = {**CURRENT, "status": "open", "tags": ["vip"]}
FACTS = Facts(current=CURRENT, previous=PREVIOUS, now=NOW)
parse = TypeAdapter(Condition).validate_python


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"field": "status", "operator": "is", "value": "pending"}, True),
        ({"field": "status", "operator": "is", "value": "open"}, False),
        ({"field": "status", "operator": "is_not", "value": "open"}, True),
        ({"field": "assigned_agent_id", "operator": "is", "value": None}, True),
        ({"field": "sla_breach", "operator": "is", "value": False}, True),
        ({"field": "custom_fields.seats", "operator": "is", "value": 12}, True),
        ({"field": "tags", "operator": "is", "value": "vip"}, True),
        ({"field": "status", "operator": "in", "value": ["open", "pending"]}, True),
        ({"field": "status", "operator": "not_in", "value": ["open", "pending"]}, False),
        ({"field": "subject", "operator": "contains", "value": "fire"}, True),
        ({"field": "subject", "operator": "not_contains", "value": "flood"}, True),
        ({"field": "tags", "operator": "contains", "value": "hardware"}, True),
        ({"field": "tags", "operator": "not_contains", "value": "hardware"}, False),
        ({"field": "subject", "operator": "starts_with", "value": "printer"}, True),
        ({"field": "priority", "operator": "gt", "value": "normal"}, True),
        ({"field": "priority", "operator": "lt", "value": "high"}, False),
        ({"field": "custom_fields.seats", "operator": "gt", "value": 10}, True),
        ({"field": "custom_fields.seats", "operator": "lt", "value": 10}, False),
        ({"field": "subject", "operator": "gt", "value": 3}, False),  # text is not ordered
        ({"field": "status", "operator": "changed"}, True),
        ({"field": "priority", "operator": "changed"}, False),
        ({"field": "status", "operator": "changed_to", "value": "pending"}, True),
        ({"field": "status", "operator": "changed_from", "value": "open"}, True),
        ({"field": "status", "operator": "changed_from", "value": "new"}, False),
        ({"field": "tags", "operator": "changed"}, True),
        ({"field": "subject", "operator": "matches", "value": r"room \d+$"}, True),
        ({"field": "subject", "operator": "matches", "value": r"^fire"}, False),
        ({"field": "updated_at", "operator": "hours_since", "value": 48}, True),
        ({"field": "created_at", "operator": "hours_since", "value": 48}, False),
    ],
)
def test_operators(condition: dict[str, Any], expected: bool) -> None:
    assert holds(parse(condition), FACTS) is expected


def test_change_operators_never_hold_without_a_previous_state() -> None:
    assert holds(parse({"field": "status", "operator": "changed"}), Facts(current=CURRENT)) is False


def test_a_runaway_regex_is_cut_off_not_hung() -> None:
    # Alternatives that overlap pass the structural limits (domain/patterns.py); the timeout stops them.
    evil = parse({"field": "subject", "operator": "matches", "value": r"(a|aa)+$"})
    facts = Facts(current={"subject": "a" * 5000 + "!"})
    assert holds(evil, facts) is False


def test_all_and_any() -> None:
    yes = {"field": "status", "operator": "is", "value": "pending"}
    no = {"field": "status", "operator": "is", "value": "open"}
    assert evaluate(Conditions.model_validate({"all": [yes], "any": [no, yes]}), FACTS).matched
    assert not evaluate(Conditions.model_validate({"all": [yes], "any": [no]}), FACTS).matched
    assert not evaluate(Conditions.model_validate({"all": [yes, no]}), FACTS).matched
    assert evaluate(Conditions.model_validate({}), FACTS).matched
    explained = evaluate(Conditions.model_validate({"all": [yes], "any": [no]}), FACTS, explain=True)
    assert [(path, held) for path, _, held in explained.results] == [("all[0]", True), ("any[0]", False)]


@pytest.mark.parametrize(
    "condition",
    [
        {"field": "nope", "operator": "is", "value": 1},
        {"field": "status", "operator": "resembles", "value": 1},
        {"field": "status", "operator": "in", "value": []},
        {"field": "status", "operator": "hours_since", "value": 5},
        {"field": "subject", "operator": "matches", "value": "x" * 201},
        {"field": "custom_fields.Bad Name", "operator": "is", "value": 1},
    ],
)
def test_invalid_conditions_are_refused(condition: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        parse(condition)


def test_templates_fill_known_placeholders() -> None:
    assert (
        render(
            "Hi {{ requester.first_name }}, {{ticket.ticket_number}}",
            {
                "requester.first_name": "Ana",
                "ticket.ticket_number": "T-9",
            },
        )
        == "Hi Ana, T-9"
    )
