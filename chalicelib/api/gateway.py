"""What the gateway answers itself, before any function runs, in the API's error shape.

API Gateway answers some requests without invoking a function: no ``Authorization`` header on
a route that needs one (MISSING_AUTHORIZATION: the request validator's required header;
UNAUTHORIZED stays for an authorizer, of which there is none), a method or path no route has
(MISSING_AUTHENTICATION_TOKEN), throttling, a body over its limit, a timed-out integration. By
default those bodies are ``{"message": ...}``. The deployed API overrides them with gateway
responses generated from this table into its definition
(``x-amazon-apigateway-gateway-responses``, infra/build_merge_template.py), and the local
stack's gateway sends the same bodies (chalicelib/local/gateway.py), so a client sees
``{"error": {"code", "message", "details"}}`` for every 4xx and 5xx wherever it comes from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class GatewayResponse:
    response_type: str  # API Gateway's name for the situation
    status: int
    code: str
    message: str

    def body(self) -> dict[str, object]:
        return {"error": {"code": self.code, "message": self.message, "details": []}}

    def body_bytes(self) -> bytes:
        return json.dumps(self.body()).encode()


UNAUTHORIZED = GatewayResponse(
    "UNAUTHORIZED", 401, "unauthenticated", "Send Authorization: Bearer <token> from POST /auth/login."
)
# The request validator of every route that needs a principal: its one required parameter is the
# Authorization header, so a request without it is this 401, the same body the handler answers.
MISSING_AUTHORIZATION = GatewayResponse(
    "BAD_REQUEST_PARAMETERS", 401, "unauthenticated", "Send Authorization: Bearer <token> from POST /auth/login."
)
NO_ROUTE = GatewayResponse(
    # API Gateway's default is a 403 "Missing Authentication Token"; the truth is that no route has
    # this method and path.
    "MISSING_AUTHENTICATION_TOKEN",
    404,
    "no_route",
    "No route has this method and path; see GET /openapi.json.",
)
ACCESS_DENIED = GatewayResponse("ACCESS_DENIED", 403, "forbidden", "Access denied.")
THROTTLED = GatewayResponse("THROTTLED", 429, "throttled", "Too many requests; retry in a moment.")
TOO_LARGE = GatewayResponse("REQUEST_TOO_LARGE", 413, "payload_too_large", "The request is too large.")
TIMEOUT = GatewayResponse("INTEGRATION_TIMEOUT", 504, "timeout", "The request took too long; retry it.")
DEFAULT_4XX = GatewayResponse("DEFAULT_4XX", 400, "bad_request", "The gateway could not accept the request.")
DEFAULT_5XX = GatewayResponse("DEFAULT_5XX", 500, "internal_error", "Something went wrong on our side.")

GATEWAY_RESPONSES: tuple[GatewayResponse, ...] = (
    UNAUTHORIZED,
    MISSING_AUTHORIZATION,
    NO_ROUTE,
    ACCESS_DENIED,
    THROTTLED,
    TOO_LARGE,
    TIMEOUT,
    DEFAULT_4XX,
    DEFAULT_5XX,
)
