"""SLA report accounting: contributions, deltas and histogram medians (pure)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from chalicelib.domain.lifecycle import soft_delete
from chalicelib.domain.sla import Target
from chalicelib.domain.sla_report import BUCKETS, Counts, bucket_of, contributions, deltas, median, summary
from chalicelib.domain.tickets import Priority, Ticket

T0 = datetime.fromisoformat("2026-03-02T23:30:00+00:00")


def ticket(**fields: object) -> Ticket:
    base: dict[str, object] = {
        "org_id": "o1",
        "number": 1,
        "ticket_number": "T-1",
        "subject": "s",
        "customer_id": "c",
        "created_by_id": "c",
        "created_at": T0,
        "updated_at": T0,
        "sla_policy_id": "p1",
        "first_response_due": T0 + timedelta(hours=1),
        "resolution_due": T0 + timedelta(hours=8),
    }
    return Ticket.model_validate({**base, **fields})


def test_an_open_ticket_contributes_nothing_until_a_target_is_decided() -> None:
    assert contributions(ticket()) == []
    assert deltas(None, ticket()) == {}
    assert contributions(ticket(sla_policy_id=None)) == []


def test_a_met_first_response_counts_on_the_day_it_happened() -> None:
    answered = ticket(first_response_at=T0 + timedelta(minutes=40), time_to_first_response=2400.0)
    change = deltas(ticket(), answered)
    key = (date(2026, 3, 3), "p1", Priority.NORMAL, Target.FIRST_RESPONSE, None)
    assert change == {
        key: {"met": 1, "completed": 1, "sec": 2400, "bsec": 2400, "c3": 1, "cs3": 2400, "b3": 1, "bs3": 2400}
    }


def test_a_breach_counts_on_the_due_day_and_only_once() -> None:
    fired = ["first_response:breach:None@2026-03-03T00:30:00+00:00"]
    breached = ticket(sla_fired=fired)
    due_day = (date(2026, 3, 3), "p1", Priority.NORMAL, Target.FIRST_RESPONSE, None)
    assert deltas(ticket(), breached) == {due_day: {"breached": 1}}
    late = breached.model_copy(update={"first_response_at": T0 + timedelta(hours=3), "time_to_first_response": 10800.0})
    assert deltas(breached, late) == {
        due_day: {"completed": 1, "sec": 10800, "bsec": 10800, "c5": 1, "cs5": 10800, "b5": 1, "bs5": 10800}
    }


def test_reopen_and_delete_take_back_exactly_what_was_added() -> None:
    solved = ticket(resolved_at=T0 + timedelta(hours=2), time_to_resolution=7200.0, business_time_to_resolution=3600.0)
    added = deltas(ticket(), solved)
    removed = deltas(solved, ticket())
    assert removed == {k: {a: -v for a, v in row.items()} for k, row in added.items()}
    assert deltas(solved, soft_delete(solved, T0 + timedelta(hours=3))) == removed
    assert deltas(solved, solved.model_copy(update={"subject": "renamed"})) == {}


def test_a_priority_change_after_the_outcome_moves_it_between_rows() -> None:
    solved = ticket(resolved_at=T0 + timedelta(hours=2), time_to_resolution=7200.0)
    moved = deltas(solved, solved.model_copy(update={"priority": Priority.URGENT}))
    assert {key[2]: row["met"] for key, row in moved.items()} == {Priority.NORMAL: -1, Priority.URGENT: 1}


@pytest.mark.parametrize(
    ("seconds", "bucket"), [(0, 0), (300, 0), (301, 1), (3600, 3), (86400, 8), (10**9, len(BUCKETS) - 1)]
)
def test_buckets(seconds: int, bucket: int) -> None:
    assert bucket_of(seconds) == bucket


def test_median_is_the_mean_of_the_bucket_holding_the_middle_value() -> None:
    empty = [0] * len(BUCKETS)
    assert median(empty, empty) is None
    histogram, sums = [0] * len(BUCKETS), [0] * len(BUCKETS)
    for seconds in (100, 2000, 2600, 7000):  # 2000 and 2600 share the (30 min, 1 h] bucket
        histogram[bucket_of(seconds)] += 1
        sums[bucket_of(seconds)] += seconds
    assert median(histogram, sums) == 2300
    histogram[bucket_of(7000)] += 3
    sums[bucket_of(7000)] += 3 * 7000
    assert median(histogram, sums) == 7000


def test_summary_rates() -> None:
    counts = Counts()
    counts.add(
        {"met": 3, "breached": 1, "completed": 2, "sec": 100, "bsec": 50, "c0": 2, "cs0": 100, "b0": 2, "bs0": 50}
    )
    result = summary(counts)
    assert (result["met_rate"], result["breach_rate"], result["mean_seconds"]) == (0.75, 0.25, 50.0)
    assert (result["median_seconds"], result["median_business_seconds"]) == (50.0, 25.0)
    assert summary(Counts())["met_rate"] is None
