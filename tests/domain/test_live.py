"""The live-update filter and protocol parsing (domain/live.py), without I/O."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import live
from chalicelib.domain.identity import Role
from chalicelib.domain.live import AuthMessage, Connection, LiveError, TicketFacts, WatchMessage

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def reader(role: Role, user: str = "u1", **fields: object) -> Connection:
    base: dict[str, object] = {
        "connection_id": "c1",
        "org_id": "o1",
        "user_id": user,
        "role": role,
        "credential_id": "s1",
        "kind": "session",
        "permissions": frozenset(),
        "allowed_actions": None,
        "ticket_number": None,
        "departments": None,
        "valid_until": NOW + timedelta(minutes=5),
        "topics": ("inbox",),
    }
    return Connection(**{**base, **fields})  # type: ignore[arg-type]


def ticket(
    number: int = 7, customer: str = "cust", assignee: str | None = None, department: str | None = None
) -> TicketFacts:
    return TicketFacts(number, f"T-{number}", customer, assignee, department)


def test_a_ticket_links_session_sees_its_one_ticket_only() -> None:
    link = reader(Role.CUSTOMER, "cust", ticket_number=7)
    assert live.sees_ticket(link, ticket(7))
    assert not live.sees_ticket(link, ticket(8))
    assert not live.is_staff(link)


def test_an_agent_restricted_to_their_departments_sees_unassigned_tickets_of_those_only() -> None:
    agent = reader(Role.AGENT, departments=frozenset({"d1"}))
    assert live.sees_ticket(agent, ticket(department="d1"))
    assert not live.sees_ticket(agent, ticket(department="d2"))
    assert live.sees_ticket(agent, ticket(department=None))
    assert not live.sees_ticket(agent, ticket(assignee="someone-else", department="d1"))


def test_a_connection_past_its_validity_is_no_recipient() -> None:
    event = live.Event({"type": "ticket.changed"}, ("inbox",), lambda c: True)
    fresh, stale = reader(Role.ADMIN), reader(Role.ADMIN, valid_until=NOW - timedelta(seconds=1))
    assert event.recipients([fresh, stale], NOW) == [fresh]


def test_only_a_customer_visible_field_change_concerns_customers() -> None:
    assert not live.customer_visible_change({"tags": []}, {"tags": ["vip"]})
    assert live.customer_visible_change({"status": "open"}, {"status": "solved"})
    assert live.customer_visible_change({}, {"status": "new"})


@pytest.mark.parametrize(
    "body",
    [None, "[]", '{"action": "auth"}', '{"action": "watch", "topics": ["inbox", "tickets"]}', "x" * 20_000],
)
def test_malformed_messages_are_refused(body: str | None) -> None:
    with pytest.raises(LiveError) as refused:
        live.parse_message(body)
    assert refused.value.code == "invalid_message"


def test_well_formed_messages_are_parsed() -> None:
    assert live.parse_message('{"action": "auth", "token": "dl_x"}') == AuthMessage("dl_x")
    watched = live.parse_message('{"action": "watch", "topics": ["inbox", "ticket:T-4", "inbox"]}')
    assert watched == WatchMessage(("inbox", "ticket:T-4"))
