"""``make test`` ends with a summary per area of the suite (tests/api, tests/unit, ...)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.areas import area_of, summary_lines

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class FakeReport:
    nodeid: str
    when: str = "call"


def test_areas_are_the_folders_under_tests() -> None:
    assert area_of("tests/api/test_tickets.py::test_x[a/b]") == "tests/api"
    assert area_of("tests/conftest.py::x") == "tests"
    assert area_of("other/test_x.py::y") == "other"


def test_the_summary_counts_each_outcome_per_area_in_a_fixed_order() -> None:
    passed = ["tests/unit/test_a.py::t1", "tests/api/test_b.py::t2", "tests/api/test_b.py::t3"]
    stats: dict[str, list[Any]] = {
        "passed": [FakeReport(nodeid) for nodeid in passed],
        "failed": [FakeReport("tests/api/test_b.py::t4")],
        "error": [FakeReport("tests/local/test_c.py::t5", when="setup")],
        "skipped": [FakeReport("tests/unit/test_a.py::t6", when="setup")],
        "xfailed": [FakeReport("tests/unit/test_a.py::t7")],
        "warnings": ["not a report"],
        "": [FakeReport("tests/unit/test_a.py::t1", when="setup")],
    }
    assert summary_lines(stats) == [
        "tests/api    2 passed, 1 failed",
        "tests/unit   1 passed, 1 skipped, 1 xfailed",
        "tests/local  1 error",
    ]


def test_nothing_run_gives_no_summary() -> None:
    assert summary_lines({}) == []


@pytest.mark.slow
def test_the_summary_is_printed_at_the_end_of_a_parallel_run() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "-p",
            "no:randomly",
            "tests/unit/test_keys.py",
            "tests/unit/test_scheduler.py",
            "tests/local/test_area_summary.py::test_areas_are_the_folders_under_tests",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if "per area" in line)
    unit = sum(1 for line in lines if line.startswith("tests/unit/") and "PASSED" in line)
    assert lines[heading + 1].startswith("tests/unit   ")
    assert lines[heading + 1].endswith(" passed")
    assert lines[heading + 2] == "tests/local  1 passed"
    assert unit == 0, "quiet mode: the areas are counted, not the tests listed"
    assert " passed" in lines[-1], "pytest's own total stays the last line"
