"""State machines: one check for every lifecycle table (tickets, work orders, jobs)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from chalicelib.domain.errors import Conflict

S = TypeVar("S", bound=StrEnum)


def check_transition(table: Mapping[S, frozenset[S]], current: S, wanted: S, noun: str) -> None:
    """Raise 409 ``invalid_transition`` (the allowed targets in details) unless ``current -> wanted``
    is in ``table``; staying put is always allowed."""
    if wanted == current:
        return
    allowed = table[current]
    if wanted not in allowed:
        raise Conflict(
            f"A {noun} that is {current.value} cannot become {wanted.value}.",
            code="invalid_transition",
            details=[{"field": "status", "from": current.value, "allowed": sorted(s.value for s in allowed)}],
        )
