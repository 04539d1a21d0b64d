"""Customer satisfaction (CSAT): what a rating counts for in the report counters. Pure.

A rating is a score 1-5 (the one-click links map ``good`` to 5 and ``bad`` to 1). The report calls
4-5 good, 1-2 bad and 3 neutral; CSAT % is good / count.

Each rating adds, in the transaction that records it, to counter rows of its UTC day: one for the
organization, one for the assignee at rating time (``-`` when unassigned) and one per department
that assignee belongs to at rating time (tickets have no department of their own). Day rows make
any day range exact; weeks (ISO, Monday first) are sums of days.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from chalicelib.domain.base import Model

GOOD_SCORE = 5  # what the "good" link records
BAD_SCORE = 1  # what the "bad" link records
UNASSIGNED = "-"  # the agent row of tickets rated while unassigned
# A ticket counts for at most this many of its assignee's departments (in id order): the rating's
# transaction stays well inside DynamoDB's 100 items.
MAX_DEPARTMENTS_COUNTED = 25


class QuickRating(StrEnum):
    GOOD = "good"
    BAD = "bad"


class Dimension(StrEnum):
    ORG = "ORG"
    AGENT = "AGENT"
    DEPARTMENT = "DEPT"


def score_of(rating: QuickRating) -> int:
    return GOOD_SCORE if rating is QuickRating.GOOD else BAD_SCORE


def label(score: int) -> str:
    """``good`` (4-5), ``neutral`` (3) or ``bad`` (1-2)."""
    return "good" if score >= 4 else "bad" if score <= 2 else "neutral"


def increments(score: int) -> dict[str, int]:
    """The counter attributes one rating adds: count, sum of scores, good, bad."""
    return {"n": 1, "sum": score, "good": int(score >= 4), "bad": int(score <= 2)}


def rows(day: date, agent_id: str | None, department_ids: list[str]) -> list[tuple[Dimension, date, str]]:
    """The counter rows a rating on ``day`` adds to."""
    departments = sorted(set(department_ids))[:MAX_DEPARTMENTS_COUNTED]
    return [
        (Dimension.ORG, day, ""),
        (Dimension.AGENT, day, agent_id or UNASSIGNED),
        *((Dimension.DEPARTMENT, day, d) for d in departments),
    ]


def week_of(day: date) -> tuple[str, date]:
    """ISO week label (``2026-W48``) and its Monday."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}", day - timedelta(days=day.weekday())


class Totals(Model):
    """Summed counters of one group of the report."""

    count: int = 0
    score_sum: int = 0
    good: int = 0
    bad: int = 0

    def add(self, values: dict[str, int]) -> None:
        self.count += values.get("n", 0)
        self.score_sum += values.get("sum", 0)
        self.good += values.get("good", 0)
        self.bad += values.get("bad", 0)

    def figures(self) -> dict[str, int | float | None]:
        return {
            "count": self.count,
            "average_score": round(self.score_sum / self.count, 2) if self.count else None,
            "csat_percent": round(100 * self.good / self.count, 1) if self.count else None,
            "good": self.good,
            "bad": self.bad,
        }
