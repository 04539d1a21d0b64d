"""bench/invocations.py: invocations are counted per request, and the cost arithmetic."""

from __future__ import annotations

import pytest
from chalice.test import Client

from bench.invocations import PRICES, billed_ms, cost_per_million, counted_invocations
from tests.api.helpers import call, make_tenant


def test_an_api_request_invokes_one_function_and_no_authorizer(api: Client) -> None:
    acme = make_tenant(api, "acme")
    with counted_invocations(api) as counts:
        assert call(api, "GET", "/auth/me", acme.token("admin")).status == 200
        assert call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Help"}).status == 201
        assert call(api, "GET", "/health").status == 200
    assert counts == {"handler": 3, "authorizer": 0}


def test_billed_duration_rounds_up_to_the_millisecond() -> None:
    assert billed_ms(2.1, 1) == 9  # 1 ms runtime + 2.1 ms CPU + 5 ms for the call, rounded up
    assert billed_ms(0.0, 0) == 1


def test_cost_per_million_requests_adds_gateway_requests_and_duration() -> None:
    cost = cost_per_million(2, 20, 1.0)
    assert cost["api_gateway"] == PRICES["api_gateway_rest_per_million_requests"]
    assert cost["lambda_requests"] == pytest.approx(2 * PRICES["lambda_per_million_requests"])
    assert cost["lambda_gb_s"] == pytest.approx(0.02 * PRICES["lambda_per_gb_second"] * 1_000_000, abs=1e-4)
    assert cost["total"] == pytest.approx(cost["api_gateway"] + cost["lambda_requests"] + cost["lambda_gb_s"])
