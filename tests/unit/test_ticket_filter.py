"""The shared ticket filter (saved views, search): each criterion, and how they combine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from chalicelib.domain.ticket_filter import TicketFilter
from chalicelib.domain.tickets import Priority, Status, Ticket

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _ticket(**changes: Any) -> Ticket:
    base = Ticket(
        org_id="o",
        number=1,
        ticket_number="T-1",
        subject="Printer",
        customer_id="c1",
        created_by_id="c1",
        created_at=NOW - timedelta(days=3),
        updated_at=NOW - timedelta(hours=50),
        status=Status.PENDING,
        priority=Priority.HIGH,
        assigned_agent_id="a1",
        department_id="d1",
        tags=["VIP", "printer"],
        custom_fields={"plan": "Gold", "seats": 5},
        first_response_at=NOW - timedelta(days=2),
        resolution_due=NOW + timedelta(minutes=30),
    )
    return base.model_copy(update=changes)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, True),
        ({"status": ["open", "pending"]}, True),
        ({"status": ["open"]}, False),
        ({"priority": ["urgent"]}, False),
        ({"assignee": ["me"]}, True),
        ({"assignee": ["none"]}, False),
        ({"assignee": ["a2", "a1"]}, True),
        ({"department_id": ["none"]}, False),
        ({"department_id": ["d1"]}, True),
        ({"tags": ["vip", "printer"]}, True),
        ({"tags": ["vip", "billing"]}, False),
        ({"exclude_tags": ["printer"]}, False),
        ({"requester_id": "c2"}, False),
        ({"created_after": NOW - timedelta(days=4), "created_before": NOW}, True),
        ({"created_after": NOW - timedelta(days=1)}, False),
        ({"updated_hours_ago": 48}, True),
        ({"updated_hours_ago": 72}, False),
        ({"custom_fields": {"plan": "gold", "seats": 5}}, True),
        ({"custom_fields": {"plan": "silver"}}, False),
        ({"sla_due_within_minutes": 60}, True),
        ({"sla_due_within_minutes": 10}, False),
        ({"sla_breached": True}, False),
        ({"solved_within_hours": 24}, False),
    ],
)
def test_each_criterion_decides_alone(criteria: dict[str, Any], expected: bool) -> None:
    assert TicketFilter.model_validate(criteria).matches(_ticket(), "a1", NOW) is expected


def test_every_criterion_must_hold() -> None:
    both = TicketFilter(status=[Status.PENDING], priority=[Priority.LOW])
    assert not both.matches(_ticket(), "a1", NOW)


def test_recently_solved_counts_from_the_resolution() -> None:
    solved = _ticket(status=Status.SOLVED, resolved_at=NOW - timedelta(hours=3))
    assert TicketFilter(solved_within_hours=24).matches(solved, "a1", NOW)
    assert not TicketFilter(solved_within_hours=2).matches(solved, "a1", NOW)


def test_unknown_criteria_are_refused() -> None:
    with pytest.raises(ValidationError):
        TicketFilter.model_validate({"colour": "red"})
    assert TicketFilter().is_empty
    assert not TicketFilter(tags=["x"]).is_empty
