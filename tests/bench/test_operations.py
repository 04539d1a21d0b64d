"""The bench cannot rot: every registered operation runs once and answers its expected status, and
together they cover every route of the API.

The operations run area by area (one test per ``bench/ops`` module, each on fresh tables), so
pytest-xdist spreads them over its workers; an area's shared setups are built once, in its test."""

from __future__ import annotations

import pytest
from chalice.test import Client

from bench import operations
from bench.harness import OPERATIONS, measure
from chalicelib.api.http import ROUTES


def test_every_route_is_measured() -> None:
    import app  # noqa: F401  (registers the routes)
    from chalicelib.api import routes

    routes.load_all()

    operations.load()
    assert {op.route for op in OPERATIONS} == {(r.method, r.path) for r in ROUTES}
    # Each operation belongs to an area below, so one of the area tests runs it.
    assert [op.name for op in OPERATIONS if op.area not in operations.AREAS] == []


@pytest.mark.parametrize("area", operations.AREAS)
def test_every_operation_of_an_area_runs(bench_client: Client, area: str) -> None:
    operations.load()
    ops = [op for op in OPERATIONS if op.area == area]
    assert ops, f"bench/ops/{area}.py registers no operation"
    failures = []
    for op in ops:
        try:
            result = measure(bench_client, op, repeat=1)
        except Exception as exc:  # report every broken operation at once
            failures.append(f"{op.name}: {exc!r}"[:600])
            continue
        assert result.repeat == 1
    assert not failures, "\n".join(failures)
