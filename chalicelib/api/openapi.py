"""OpenAPI 3.1 document built from the registered routes and their pydantic models."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chalicelib.api.http import ROUTES, RouteSpec
from chalicelib.api.models import ErrorResponse

REF = "#/components/schemas/{model}"
_PATH_PARAM = re.compile(r"{([^}]+)}")

ERROR_TEXT = {
    400: "Malformed JSON, wrong types, unknown fields or a bad cursor",
    401: "No session, or an expired one",
    403: "The caller's role does not allow this",
    404: "Not found, or not visible to the caller",
    409: "Duplicate, stale version or invalid state transition",
    413: "Body too large",
    415: "Body is not JSON",
    422: "Well-formed but breaks a business rule",
    429: "Throttled",
}


def _models() -> list[type[BaseModel]]:
    seen: dict[str, type[BaseModel]] = {"ErrorResponse": ErrorResponse}
    for spec in ROUTES:
        for model in (spec.request, spec.response, spec.query):
            if isinstance(model, type) and issubclass(model, BaseModel):
                seen[model.__name__] = model
    return list(seen.values())


def _query_parameters(spec: RouteSpec, schemas: dict[str, Any]) -> list[dict[str, Any]]:
    params = []
    schema = spec.query.model_json_schema(ref_template=REF)
    for name, prop in schema.get("properties", {}).items():
        params.append(
            {
                "name": name,
                "in": "query",
                "required": name in schema.get("required", []),
                "schema": {k: v for k, v in prop.items() if k not in ("title", "description")},
                "description": prop.get("description", ""),
            }
        )
    for name, definition in schema.get("$defs", {}).items():
        schemas.setdefault(name, definition)
    return params


def _operation(spec: RouteSpec, schemas: dict[str, Any]) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _PATH_PARAM.findall(spec.path)
    ]
    parameters += _query_parameters(spec, schemas)
    responses: dict[str, Any] = {}
    if spec.response is None:
        responses[str(spec.status if spec.status != 200 else 204)] = {"description": "Done"}
    elif spec.response is dict:
        responses[str(spec.status)] = {
            "description": "Success",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    else:
        responses[str(spec.status)] = {
            "description": "Success",
            "content": {"application/json": {"schema": {"$ref": REF.format(model=spec.response.__name__)}}},
        }
    error_codes = {400, *spec.errors}
    if spec.request is not None:
        error_codes |= {413, 415}
    if not spec.public:
        error_codes |= {401, 403}
    for code in sorted(error_codes):
        responses[str(code)] = {
            "description": ERROR_TEXT.get(code, "Error"),
            "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorResponse")}}},
        }
    operation: dict[str, Any] = {
        "operationId": spec.name,
        "summary": spec.summary,
        "tags": [spec.tag],
        "parameters": parameters,
        "responses": responses,
    }
    if spec.description:
        operation["description"] = spec.description
    if spec.request is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=spec.request.__name__)}}},
        }
    operation["security"] = [] if spec.public else [{"bearer": []}]
    return operation


def build_document(version: str = "1.0.0") -> dict[str, Any]:
    """The OpenAPI 3.1 document for every route declared through ``Api.route``."""
    models = _models()
    _, top = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    paths: dict[str, dict[str, Any]] = {}
    for spec in ROUTES:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Deskless API",
            "version": version,
            "description": "Multi-tenant helpdesk and field service. See docs/api.md for conventions.",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
