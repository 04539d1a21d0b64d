"""The seed step of ``make run``: idempotent demo data for a fresh local stack.

Each seeder checks whether its data exists before writing, so a restart with restored data
seeds nothing twice. The identity module registers the demo organization here.
"""

from __future__ import annotations

from collections.abc import Callable

Seeder = Callable[[], list[str]]

SEEDERS: list[Seeder] = []


def run() -> list[str]:
    """Run every seeder; returns the lines they report (credentials to try, ...)."""
    lines: list[str] = []
    for seeder in SEEDERS:
        lines.extend(seeder())
    return lines
