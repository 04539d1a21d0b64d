"""The one retry mechanism for writes without If-Match (services/retry.py): bounded, never with
If-Match, only on lost races, never multiplied by nesting."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, PreconditionFailed
from chalicelib.services import retry
from chalicelib.services.retry import retry_on_conflict


class Clock:
    """Fake ``time``: sleeping advances the monotonic clock."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(retry, "time", fake)
    return fake


def losing(times: int, code: str = "stale_version") -> tuple[list[int | None], object]:
    calls: list[int | None] = []

    @retry_on_conflict
    def write(name: str, if_match: int | None = None) -> str:
        calls.append(if_match)
        if len(calls) <= times:
            raise Conflict("lost", code=code)
        return f"wrote {name}"

    return calls, write


def test_a_lost_race_without_if_match_is_run_again_until_it_lands(clock: Clock) -> None:
    calls, write = losing(3)
    assert write("x") == "wrote x"  # type: ignore[operator]
    assert len(calls) == 4
    assert len(clock.sleeps) == 3
    assert all(0 <= s <= retry.BASE_DELAY * 2 ** (n + 1) for n, s in enumerate(clock.sleeps))


def test_with_if_match_a_lost_race_is_the_answer_as_a_failed_precondition(clock: Clock) -> None:
    calls, write = losing(2)
    with pytest.raises(PreconditionFailed) as error:
        write("x", 3)  # type: ignore[operator]
    assert error.value.code == "precondition_failed"
    with pytest.raises(PreconditionFailed):
        write("x", if_match=3)  # type: ignore[operator]
    assert (calls, clock.sleeps) == ([3, 3], [])


@pytest.mark.parametrize("code", ["invalid_transition", "ticket_closed", "duplicate_delivery"])
def test_other_conflicts_are_not_retried(clock: Clock, code: str) -> None:
    calls, write = losing(1, code)
    with pytest.raises(Conflict) as error:
        write("x")  # type: ignore[operator]
    assert (error.value.code, len(calls)) == (code, 1)


def test_a_transaction_cancelled_by_a_concurrent_one_is_retried(clock: Clock) -> None:
    calls, write = losing(2, "transaction_conflict")
    assert write("x") == "wrote x"  # type: ignore[operator]
    assert len(calls) == 3


def test_attempts_are_bounded(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "BUDGET", 10_000.0)
    calls, write = losing(10_000)
    with pytest.raises(Conflict) as error:
        write("x")  # type: ignore[operator]
    assert error.value.code == "stale_version"
    assert len(calls) == retry.ATTEMPTS


def test_no_pause_starts_past_the_time_budget(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "BUDGET", 1.0)
    monkeypatch.setattr(retry, "pause", lambda attempt: 0.3)
    calls, write = losing(10_000)
    with pytest.raises(Conflict):
        write("x")  # type: ignore[operator]
    assert len(calls) == 4
    assert clock.now == pytest.approx(0.9)


def test_a_retried_write_inside_another_is_retried_once_by_the_outer_one(clock: Clock) -> None:
    inner_calls, inner = losing(10_000)
    outer_calls: list[int] = []

    @retry_on_conflict
    def outer() -> str:
        outer_calls.append(1)
        return inner("y")  # type: ignore[operator,no-any-return]

    with pytest.raises(Conflict):
        outer()
    assert len(inner_calls) == len(outer_calls) <= retry.ATTEMPTS
