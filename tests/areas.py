"""The per-area summary at the end of a test run (``pytest_terminal_summary`` in conftest.py).

pytest's terminal reporter keeps every report by outcome in ``stats``; under pytest-xdist the
controller receives the workers' reports, so the summary covers a parallel run too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

# The suite's areas in the order a reader looks for them; any other folder follows, by name.
AREAS = ("tests/api", "tests/unit", "tests/local", "tests/fuzz", "tests/bench", "tests/infra", "tests/store")
# pytest's outcome categories, in its own order; "" (passed setup/teardown phases), "warnings"
# and "deselected" are not test outcomes.
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


def area_of(nodeid: str) -> str:
    """The folder a test lives in, up to ``tests/<area>``.

    >>> area_of("tests/api/test_tickets.py::test_create")
    'tests/api'
    """
    folders = nodeid.split("::", 1)[0].split("/")[:-1]
    return "/".join(folders[:2]) or "."


def summary_lines(stats: Mapping[str, Sequence[Any]]) -> list[str]:
    """One line per area: ``tests/api    812 passed, 1 skipped``."""
    counts: dict[str, Counter[str]] = {}
    for outcome in OUTCOMES:
        for report in stats.get(outcome, ()):
            nodeid = getattr(report, "nodeid", None)
            if isinstance(nodeid, str):
                counts.setdefault(area_of(nodeid), Counter())[outcome] += 1
    if not counts:
        return []
    order = sorted(counts, key=lambda area: (AREAS.index(area) if area in AREAS else len(AREAS), area))
    width = max(len(area) for area in order) + 2
    return [
        area.ljust(width) + ", ".join(f"{counts[area][o]} {o}" for o in OUTCOMES if counts[area][o]) for area in order
    ]
