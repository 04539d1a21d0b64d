"""``python -m bench --profile``: an operation's handler CPU charged to the layers it goes through,
and botocore's per-call floor replayed without a network (figures are not asserted: only that the
profile covers the request and leaves the libraries as they were)."""

from __future__ import annotations

import botocore.client
import pynamodb.models
from chalice.test import Client

from bench import operations, profile
from bench.harness import OPERATIONS


def _create_op() -> object:
    operations.load()
    return next(op for op in OPERATIONS if op.name == "POST /tickets (by an agent for a customer)")


def test_a_create_is_charged_to_authentication_botocore_and_pynamodb_and_its_two_calls_are_replayed(
    bench_client: Client,
) -> None:
    result = profile.cpu_profile(bench_client, _create_op(), runs=3, warmup=1)  # type: ignore[arg-type]

    layers = {row["name"] for row in result["layers"]}
    assert {"authentication (app code)", "botocore: SigV4 signing", "botocore: response parsing"} <= layers
    assert "PynamoDB (model <-> attributes, expressions)" in layers
    assert [row["operation"] for row in result["botocore_floor"]] == ["BatchGetItem", "TransactWriteItems"]
    assert all(row["ms_per_call"] > 0 for row in result["botocore_floor"])


def test_the_probes_are_removed_after_a_profile(bench_client: Client) -> None:
    before = (botocore.client.BaseClient._make_api_call, pynamodb.models.Model.from_raw_data)

    profile.cpu_profile(bench_client, _create_op(), runs=1, warmup=0)  # type: ignore[arg-type]

    assert (botocore.client.BaseClient._make_api_call, pynamodb.models.Model.from_raw_data) == before
