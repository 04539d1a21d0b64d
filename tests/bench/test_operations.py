"""The bench cannot rot: every registered operation runs once and answers its expected status, and
together they cover every route of the API."""

from __future__ import annotations

from chalice.test import Client

from bench import operations
from bench.harness import OPERATIONS, measure
from chalicelib.api.http import ROUTES


def test_every_route_is_measured() -> None:
    import app  # noqa: F401  (registers the routes)

    operations.load()
    assert {op.route for op in OPERATIONS} == {(r.method, r.path) for r in ROUTES}


def test_every_operation_runs(bench_client: Client) -> None:
    operations.load()
    failures = []
    for op in OPERATIONS:
        try:
            result = measure(bench_client, op, repeat=1)
        except Exception as exc:  # report every broken operation at once
            failures.append(f"{op.name}: {exc!r}"[:600])
            continue
        assert result.repeat == 1
    assert not failures, "\n".join(failures)
