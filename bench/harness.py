"""Measures API operations: DynamoDB calls and capacity units per request, handler CPU time.

Operations run through the real Chalice app (test client) against the local stack's database
server (moto behind the request lock), on loopback. Calls are counted by the store's botocore
event hooks (``chalicelib.store.metering``); CPU time is the handler thread's own (``thread_time``),
so the database server's work is not charged to the handler.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.store import metering


@dataclass
class Operation:
    """One API operation to measure. ``setup`` runs once; ``request`` runs ``repeat`` times."""

    name: str
    request: Callable[[Any, Any], Any]
    setup: Callable[[Any], Any] | None = None
    expected_status: int = 200
    repeat: int = 20


@dataclass
class Result:
    name: str
    calls: float
    capacity_units: float
    items_read: float
    operations: str
    cpu_ms_median: float
    wall_ms_median: float


OPERATIONS: list[Operation] = []


def operation(
    name: str, *, expected_status: int = 200, repeat: int = 20, setup: Callable[[Any], Any] | None = None
) -> Callable[[Callable[[Any, Any], Any]], Callable[[Any, Any], Any]]:
    def register(request: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        OPERATIONS.append(Operation(name, request, setup, expected_status, repeat))
        return request

    return register


def measure(client: Any, op: Operation) -> Result:
    state = op.setup(client) if op.setup else None
    calls_per_run: list[int] = []
    capacity: list[float] = []
    items: list[int] = []
    cpu: list[float] = []
    wall: list[float] = []
    names: set[str] = set()
    for _ in range(op.repeat):
        with metering.metered() as calls:
            cpu_start, wall_start = time.thread_time(), time.perf_counter()
            response = op.request(client, state)
            cpu.append((time.thread_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - wall_start) * 1000)
        if response.status_code != op.expected_status:
            raise AssertionError(f"{op.name}: status {response.status_code}: {response.body[:300]!r}")
        calls_per_run.append(len(calls))
        capacity.append(sum(c.capacity_units for c in calls))
        items.append(sum(c.items_read for c in calls))
        names.update(c.operation for c in calls)
    return Result(
        name=op.name,
        calls=statistics.mean(calls_per_run),
        capacity_units=round(statistics.mean(capacity), 2),
        items_read=statistics.mean(items),
        operations=", ".join(sorted(names)),
        cpu_ms_median=round(statistics.median(cpu), 2),
        wall_ms_median=round(statistics.median(wall), 2),
    )
