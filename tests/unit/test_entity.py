"""Stored entities are validated whenever they change (chalicelib/domain/entity.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain.errors import RuleViolation
from chalicelib.domain.identity import Role, User
from chalicelib.domain.tickets import Priority, Ticket
from chalicelib.domain.webhooks import WebhookSubscription

NOW = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)


def ticket() -> Ticket:
    return Ticket(
        org_id="o",
        number=1,
        ticket_number="T-1",
        subject="Valid",
        customer_id="c",
        created_by_id="c",
        created_at=NOW,
        updated_at=NOW,
    )


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"subject": "x" * 251}, "subject"),
        ({"subject": ""}, "subject"),
        ({"priority": "whenever"}, "priority"),
        ({"tags": ["t"] * 51}, "tags"),
        ({"customer_satisfaction_score": 6}, "customer_satisfaction_score"),
        ({"customer_id": None}, "customer_id"),
        ({"updated_at": "not a time"}, "updated_at"),
    ],
)
def test_an_invalid_change_is_refused_naming_the_field(update: dict[str, Any], field: str) -> None:
    original = ticket()
    with pytest.raises(RuleViolation) as refused:
        original.model_copy(update=update)
    assert refused.value.code == "invalid_change"
    assert [d["field"] for d in refused.value.details] == [field]
    assert original == ticket()


def test_a_valid_change_is_applied_and_coerced_like_a_new_entity() -> None:
    changed = ticket().model_copy(update={"priority": "high", "tags": ["a"]})
    assert (changed.priority, changed.tags) == (Priority.HIGH, ["a"])


def test_assignment_is_validated_too() -> None:
    user = User(
        id="u", org_id="o", email="a@b.example", username="a", first_name="A", last_name="B", role=Role.AGENT,
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    with pytest.raises(RuleViolation) as refused:
        user.max_concurrent_tickets = -1
    assert refused.value.details[0]["field"] == "max_concurrent_tickets"
    assert user.max_concurrent_tickets == 10


def test_fields_outside_the_schema_ride_along_on_a_change() -> None:
    subscription = WebhookSubscription(id="s", updated_at=NOW, url="https://x.example/hook", events=["a"])
    changed = subscription.model_copy(update={"is_active": False})
    assert changed.model_dump()["url"] == "https://x.example/hook"
    assert changed.is_active is False


def test_a_deep_copy_shares_nothing_with_the_original() -> None:
    original = ticket().model_copy(update={"tags": ["a"]})
    copied = original.model_copy(update={"subject": "Other"}, deep=True)
    copied.tags.append("b")
    assert original.tags == ["a"]
