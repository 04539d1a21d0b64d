"""The cost model's arithmetic: measured work times list prices, scaled per function."""

from __future__ import annotations

import pytest

from bench import cost
from bench.cost import PRICES, Function, Tally


def test_a_bill_prices_each_measured_unit_and_scales_it_to_the_month() -> None:
    tally = Tally(
        functions={
            "api_handler": Function(invocations=2, cpu_ms=10.0, calls=4, rru=1.0, wru=8.0),
            "send_webhook": Function(invocations=1, cpu_ms=2.0, calls=1, other_ms=100.0, wru=2.0, emails=3),
        },
        api_requests=2,
        sqs_requests=3,
        stored_bytes=1_000,
    )
    bill = cost._bill(tally, lambda name: 10.0, 10.0, memory_gb=1.0, idle=False)
    usd = bill["USD"]
    billed_seconds = (10.0 + 4 * cost.DYNAMODB_CALL_MS + 2.0 + cost.DYNAMODB_CALL_MS + 100.0) * 10 / 1000
    assert usd["Lambda requests"] == pytest.approx(30 * PRICES["lambda_request"], abs=1e-4)
    assert bill["usage"]["Lambda GB-s"] == pytest.approx(billed_seconds, abs=0.1)
    assert usd["API Gateway (REST)"] == pytest.approx(20 * PRICES["api_gateway_rest_request"], abs=1e-4)
    assert bill["usage"]["WRU"] == 100
    assert bill["usage"]["emails (recipients)"] == 30
    assert bill["usage"]["SQS requests"] == 30
    assert usd["total"] == pytest.approx(sum(v for k, v in usd.items() if k != "total"), abs=1e-3)
    assert bill["per function"]["send_webhook"]["invocations"] == 10


def test_an_idle_bill_adds_the_event_sources_polling_of_the_empty_queue() -> None:
    empty = Tally(functions={"sla_sweep_job": Function(invocations=1, cpu_ms=1.0, calls=5, rru=2.5)})
    busy = cost._bill(empty, lambda name: 43_200, 0.0, memory_gb=1.0, idle=False)
    idle = cost._bill(empty, lambda name: 43_200, 0.0, memory_gb=1.0, idle=True)
    polls = cost.SQS_IDLE_POLLERS * cost.MONTH_SECONDS / cost.SQS_LONG_POLL_SECONDS
    assert idle["usage"]["SQS requests"] - busy["usage"]["SQS requests"] == round(polls)
    assert idle["usage"]["RRU"] == 108_000
    assert idle["USD"]["DynamoDB writes (WRU)"] == 0.0


def test_the_stream_figures_scale_what_the_consumers_filter_kept_out() -> None:
    tally = Tally(
        functions={"on_table_change": Function(invocations=3)},
        stream_records=40,
        stream_filtered=30,
        stream_batches_filtered=5,
    )
    figures = cost.stream_figures(tally, 10.0)
    assert figures == {
        "records written": 400,
        "records filtered out (not billed)": 300,
        "records delivered": 100,
        "invocations": 30,
        "invocations saved (batches filtered out whole)": 50,
    }
