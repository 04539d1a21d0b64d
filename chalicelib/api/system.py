"""Platform routes: health and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output
from chalicelib.services import system

api = Api("platform", __name__)


class HealthOut(Output):
    status: str
    table: str


@api.route(
    "/health",
    "GET",
    summary="Liveness: the API answers and the table answers",
    response=HealthOut,
    public=True,
    errors=(503,),
)
def health(call: Call[None, NoQuery]) -> HealthOut:
    system.check_health()
    return HealthOut(status="ok", table="ok")


@api.route("/openapi.json", "GET", summary="This API's OpenAPI 3.1 document", response=dict, public=True)
def openapi(call: Call[None, NoQuery]) -> dict[str, Any]:
    from chalicelib.api.openapi import build_document

    return build_document()
