"""The request rate limit at the HTTP edge: whose budget a request spends, the 429, the headers.

``request_middleware`` (``chalicelib/api/http.py``) calls ``admit`` before the route runs: an
authenticated request (chalicelib.api.authorizer accepted its token) spends its organization's budget,
anything else its client address's (``viewer.client_address``: API Gateway's ``sourceIp``, or behind
the stack's CloudFront the viewer's address CloudFront states, never a header the client sets alone).
A refused request gets ``refusal`` (429 ``rate_limited``) without running the route; every
response the function answers, refused or not, gets the ``X-RateLimit-*`` headers. ``document``
adds those headers and the 429 to every operation of ``/openapi.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalice.app import Request, Response

from chalicelib.api import errors as api_errors
from chalicelib.api import viewer
from chalicelib.domain.identity import Principal
from chalicelib.domain.ratelimit import Decision
from chalicelib.observability import count
from chalicelib.services import ratelimit
from chalicelib.store import metering

CODE = "rate_limited"
HEADER_REF = "#/components/headers/{name}"
HEADERS: dict[str, dict[str, Any]] = {
    "X-RateLimit-Limit": {
        "description": "Requests a minute allowed to the budget this request spent: its organization's "
        "(by subscription tier) when authenticated, else its client address's.",
        "schema": {"type": "integer", "minimum": 1},
    },
    "X-RateLimit-Remaining": {
        "description": "Requests left in that budget until the minute ends (docs/api.md states the tolerance).",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-RateLimit-Reset": {
        "description": "Seconds until the minute ends and the budget is whole again.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 60},
    },
}
RETRY_AFTER: dict[str, Any] = {
    "description": "Seconds to wait before retrying; on 429 `rate_limited` it equals X-RateLimit-Reset.",
    "schema": {"type": "integer", "minimum": 1},
}


@dataclass(frozen=True)
class Admission:
    """The limiter's decision for one request and the DynamoDB calls it took (usually none)."""

    decision: Decision
    calls: list[metering.DynamoCall]


def bucket_of(request: Request, principal: Principal | None = None) -> ratelimit.Bucket:
    """The organization's bucket when the request was authenticated (``principal``), else the client address's."""
    if principal is not None:
        return ratelimit.organization_bucket(principal.org_id, principal.subscription_tier)
    return ratelimit.address_bucket(viewer.client_address(request))


def admit(request: Request, principal: Principal | None = None) -> Admission:
    """Admit or refuse ``request``; its calls are metered apart from the route's (amortised cost)."""
    with metering.apart() as calls:
        decision = ratelimit.admit(bucket_of(request, principal))
    if not decision.allowed:
        count("RateLimited", 1)
    return Admission(decision, calls)


def refusal(decision: Decision) -> Response:
    """429 ``rate_limited``: message, ``details[0].retry_after`` and ``Retry-After`` state one wait."""
    detail = {
        "field": None,
        "message": decision.message(),
        "type": CODE,
        "retry_after": decision.reset,
        "limit": decision.limit,
        "reason": decision.scope.value,
    }
    return api_errors.error_response(429, CODE, decision.message(), [detail], headers=decision.headers())


def stamp(response: Response, decision: Decision) -> None:
    """The ``X-RateLimit-*`` headers (and a refusal's ``Retry-After``) on any response."""
    response.headers.update(decision.headers())


def components() -> dict[str, Any]:
    """``components.headers`` of the OpenAPI document."""
    return {**HEADERS, "Retry-After": RETRY_AFTER}


def document(operation: dict[str, Any], error_schema: dict[str, Any]) -> dict[str, Any]:
    """Every response of ``operation`` with the rate-limit headers, and its 429 (any route may answer it)."""
    responses = operation["responses"]
    responses.setdefault(
        "429",
        {
            "description": "Too many requests: the rate limit, or a route's own throttle",
            "content": {"application/json": {"schema": error_schema}},
        },
    )
    for status, response in responses.items():
        headers = response.setdefault("headers", {})
        headers.update({name: {"$ref": HEADER_REF.format(name=name)} for name in HEADERS})
        if status == "429":
            headers["Retry-After"] = {"$ref": HEADER_REF.format(name="Retry-After")}
    operation["responses"] = dict(sorted(responses.items()))
    return operation
