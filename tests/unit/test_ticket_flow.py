"""The ticket flow counters' accounting (domain/ticket_flow.py): what a ticket contributes and the
differences its writes ADD."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from chalicelib.domain import ticket_flow
from chalicelib.domain.tickets import Status, Ticket

CREATED = datetime.fromisoformat("2026-03-02T23:30:00+00:00")
SOLVED = datetime.fromisoformat("2026-03-04T08:00:00+00:00")


def ticket(**fields: object) -> Ticket:
    base = {
        "org_id": "o1",
        "number": 7,
        "ticket_number": "T-7",
        "subject": "Help",
        "customer_id": "c1",
        "created_by_id": "c1",
        "created_at": CREATED,
        "updated_at": CREATED,
    }
    return Ticket.model_validate({**base, **fields})


def test_a_new_ticket_counts_created_and_open_on_its_creation_day() -> None:
    assert ticket_flow.deltas(None, ticket()) == {date(2026, 3, 2): {"created": 1, "open": 1}}


def test_solving_moves_open_to_solved_on_the_solve_day_and_closing_changes_nothing() -> None:
    new = ticket()
    solved = ticket(status=Status.SOLVED, resolved_at=SOLVED)
    assert ticket_flow.deltas(new, solved) == {date(2026, 3, 2): {"open": -1}, date(2026, 3, 4): {"solved": 1}}
    assert ticket_flow.deltas(solved, ticket(status=Status.CLOSED, resolved_at=SOLVED)) == {}


def test_deleting_takes_back_everything_the_ticket_added() -> None:
    solved = ticket(status=Status.SOLVED, resolved_at=SOLVED)
    assert ticket_flow.deltas(solved, ticket(status=Status.SOLVED, resolved_at=SOLVED, deleted_at=SOLVED)) == {
        date(2026, 3, 2): {"created": -1},
        date(2026, 3, 4): {"solved": -1},
    }


@pytest.mark.parametrize(
    ("age", "bucket"),
    [(0, "lt_1d"), (1, "1_3d"), (2, "1_3d"), (3, "3_7d"), (6, "3_7d"), (7, "7_30d"), (29, "7_30d"), (30, "gt_30d")],
)
def test_backlog_buckets_by_whole_days_of_age(age: int, bucket: str) -> None:
    assert ticket_flow.age_bucket(age) == bucket
