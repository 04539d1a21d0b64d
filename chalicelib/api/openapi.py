"""OpenAPI 3.1 document built from the registered routes and their pydantic models."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal, cast

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, models_json_schema
from pydantic_core import core_schema

from chalicelib.api import ratelimit, routes
from chalicelib.api.http import ROUTES, RouteSpec
from chalicelib.api.models import ErrorResponse

REF = "#/components/schemas/{model}"
_PATH_PARAM = re.compile(r"{([^}]+)}")
# pydantic's names for models it must tell apart: ``pkg__module__Class`` (two classes of one name)
# and ``Class-Input``/``Class-Output`` (one class documented differently in each mode).
_QUALIFIED = re.compile(r"^(?:[A-Za-z0-9_]+__)*(?P<module>[A-Za-z0-9_]+)__(?P<name>[A-Za-z0-9_]+)$")
_MODE_SUFFIX = re.compile(r"-(Input|Output)$")

ERROR_TEXT = {
    400: "Cannot be parsed: malformed JSON, not an object, nested too deep, a malformed header, a bad cursor",
    401: "No session, or an expired one",
    403: "The caller's role does not allow this",
    404: "Not found, or not visible to the caller",
    409: "Duplicate, invalid state transition, or this Idempotency-Key is still being served (Retry-After)",
    410: "The link was already used, has expired or was withdrawn: ask for a new one",
    412: "If-Match names a version the resource is no longer at",
    413: "Body too large",
    415: "Body is not JSON",
    422: "Fields not valid (body, query, path values that are not ids), or well-formed but breaks a business rule",
    429: "Too many requests: the rate limit, or a route's own throttle",
    503: "A dependency did not answer; retry after Retry-After seconds",
}

_TAG = r'(W/)?"[0-9]{1,18}"|[0-9]{1,18}'
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": 'Only if the resource is still at this version: its ETag ("3"; W/"3" and 3 are accepted). '
    "412 precondition_failed otherwise. Without it the change applies to the current state.",
    "schema": {"type": "string", "pattern": rf"^(\*|{_TAG})$"},
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "ETags the caller holds (comma-separated): 304 with no body when one is the current version.",
    "schema": {"type": "string", "pattern": rf"^(\*|({_TAG})(\s*,\s*({_TAG}))*)$"},
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A new unique value (e.g. a UUID) per create: a retry with the same key and the same request "
    "within 24 hours gets the first answer back and creates nothing; with another request it is 422 "
    "idempotency_key_reused.",
    "schema": {"type": "string", "pattern": r"^[\x21-\x7e]{1,255}$"},
}
ETAG_HEADER = {
    "description": 'The resource\'s version as a strong entity tag ("3"): send it as If-Match or If-None-Match.',
    "required": True,
    "schema": {"type": "string", "pattern": r'^"[0-9]+"$'},
}
LOCATION_HEADER = {
    "description": "Where the created resource is.",
    "required": True,
    "schema": {"type": "string", "format": "uri-reference"},
}
REPLAYED_HEADER = {
    "description": "true when this is the first answer to this Idempotency-Key, replayed.",
    "required": False,
    "schema": {"type": "string", "enum": ["true"]},
}
RETRY_AFTER_HEADER = {"description": "Seconds to wait before retrying.", "schema": {"type": "string"}}


Mode = Literal["validation", "serialization"]
Refs = dict[tuple[type[BaseModel], Mode], dict[str, Any]]
# JSON Schema's "time" format is RFC 3339's full-time, which requires an offset; the API's times are
# local wall-clock times ("09:00", "17:30:00"), so they are documented by a pattern instead.
LOCAL_TIME = {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"}


class _SchemaGenerator(GenerateJsonSchema):
    """A response always carries every field it declares (handlers serialise whole models), so in
    serialisation mode every field is required: generated clients then type ``next_cursor`` as
    ``str | None``, not as possibly absent. Request bodies keep their defaults optional.

    A class name two documented classes share (``Conditions``: automation's and SLA's) is always
    qualified by its module, in both modes, so one class keeps one family of names."""

    shared_names: frozenset[str] = frozenset()

    def get_defs_ref(self, core_mode_ref: Any) -> Any:
        defs_ref = super().get_defs_ref(core_mode_ref)
        if _class_name(core_mode_ref[0]) in self.shared_names:
            # pydantic tries [Name, Name-Mode, module__Name, ...] in order: start at the module's.
            self._prioritized_defsref_choices[defs_ref] = self._prioritized_defsref_choices[defs_ref][2:]
        return defs_ref

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        if self.mode == "serialization":
            return not field.get("serialization_exclude")
        return super().field_is_required(field, total)


def _class_name(core_ref: str) -> str:
    return core_ref.rsplit(":", 1)[0].rsplit(".", 1)[-1]


def _core_refs(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if isinstance(node.get("ref"), str) and node.get("type") in ("model", "dataclass", "typed-dict"):
            found.add(node["ref"].rsplit(":", 1)[0])
        for value in node.values():
            _core_refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _core_refs(value, found)
    return found


def _shared_class_names(models: Iterable[type[BaseModel]]) -> frozenset[str]:
    """Class names more than one class reachable from ``models`` has, e.g. ``{"Conditions"}``."""
    qualified: set[str] = set()
    for model in models:
        if not model.__pydantic_complete__:
            model.model_rebuild()  # built on first use (domain.base.Model): its core schema is a stand-in until then
        _core_refs(model.__pydantic_core_schema__, qualified)
    names = [name.rsplit(".", 1)[-1] for name in qualified]
    return frozenset(name for name in names if names.count(name) > 1)


def _model_modes() -> list[tuple[type[BaseModel], Mode]]:
    """Request bodies are documented as pydantic validates them, responses as it serialises them."""
    pairs: dict[tuple[type[BaseModel], Mode], None] = {(ErrorResponse, "serialization"): None}
    for spec in ROUTES:
        for model, mode in ((spec.request, "validation"), (spec.response, "serialization")):
            if isinstance(model, type) and issubclass(model, BaseModel):
                pairs[(model, cast(Mode, mode))] = None
    return list(pairs)


def _local_times(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("format") == "time" and node.get("type") == "string":
            return {**{k: v for k, v in node.items() if k != "format"}, **LOCAL_TIME}
        return {key: _local_times(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_local_times(value) for value in node]
    return node


def _component_name(name: str) -> str:
    """An identifier generators can name a class after: ``chalicelib__domain__sla__Conditions`` ->
    ``SlaConditions``, ``Conditions-Output`` -> ``ConditionsOutput``."""
    mode = _MODE_SUFFIX.search(name)
    base = name[: mode.start()] if mode else name
    qualified = _QUALIFIED.match(base)
    if qualified:
        module = "".join(part.capitalize() for part in qualified["module"].split("_"))
        base = module + qualified["name"]
    return base.replace("-", "") + (mode[1] if mode else "")


def _rename_refs(node: Any, renamed: dict[str, str]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            target = ref.removeprefix("#/components/schemas/")
            node = {**node, "$ref": REF.format(model=renamed.get(target, target))}
        return {key: _rename_refs(value, renamed) for key, value in node.items()}
    if isinstance(node, list):
        return [_rename_refs(value, renamed) for value in node]
    return node


def clean_component_names(schemas: dict[str, Any], paths: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Component schemas named by identifiers, each titled by its own name (openapi-python-client
    names classes by title: two ``Conditions`` models made it drop both and every operation using
    them), with every reference rewritten. A rename onto a name in use is refused."""
    renamed = {name: _component_name(name) for name in schemas}
    taken: dict[str, str] = {}
    for old, new in renamed.items():
        if new in taken:
            raise ValueError(f"the schemas {taken[new]!r} and {old!r} would both be named {new!r}")
        taken[new] = old
    cleaned = {renamed[name]: {**schema, "title": renamed[name]} for name, schema in schemas.items()}
    return _rename_refs(cleaned, renamed), _rename_refs(paths, renamed)


def check_links(routes: Iterable[RouteSpec]) -> None:
    """Every link names a documented operation and fills exactly that operation's path parameters:
    a wrong name would leave the stateful fuzzer (and a client's reader) a dead end."""
    routes = list(routes)
    paths = {spec.name: spec.path for spec in routes}
    for spec in routes:
        for link in spec.links:
            where = f"{spec.method} {spec.path} links to {link.operation!r}"
            if link.operation not in paths:
                raise ValueError(f"{where}, which is no documented operation")
            needed = set(_PATH_PARAM.findall(paths[link.operation]))
            if set(link.parameters) != needed:
                raise ValueError(f"{where} with parameters {sorted(link.parameters)}; it takes {sorted(needed)}")


def _links(spec: RouteSpec) -> dict[str, Any]:
    return {link.operation: {"operationId": link.operation, "parameters": dict(link.parameters)} for link in spec.links}


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


def _operation(spec: RouteSpec, schemas: dict[str, Any], refs: Refs) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _PATH_PARAM.findall(spec.path)
    ]
    parameters += _query_parameters(spec, schemas)
    if spec.if_match:
        parameters.append(IF_MATCH)
    if spec.revalidated:
        parameters.append(IF_NONE_MATCH)
    if spec.idempotent:
        parameters.append(IDEMPOTENCY_KEY)
    responses: dict[str, Any] = {}
    if spec.media_types:
        responses[str(spec.status)] = {
            "description": "Success",
            "content": {media_type: {"schema": {"type": "string"}} for media_type in spec.media_types},
        }
    elif spec.response is None:
        responses[str(spec.status if spec.status != 200 else 204)] = {"description": "Done"}
    elif spec.response is dict:
        responses[str(spec.status)] = {
            "description": "Success",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    else:
        responses[str(spec.status)] = {
            "description": "Success",
            "content": {"application/json": {"schema": refs[(spec.response, "serialization")]}},
        }
    success = next(iter(responses.values()))  # the one success status, documented just above
    headers: dict[str, Any] = {}
    if spec.versioned:
        headers["ETag"] = ETAG_HEADER
    if spec.location is not None:
        headers["Location"] = LOCATION_HEADER
    if spec.idempotent:
        headers["Idempotent-Replayed"] = REPLAYED_HEADER
    if headers:
        success["headers"] = headers
    if spec.links:
        success["links"] = _links(spec)
    if spec.revalidated:
        responses["304"] = {
            "description": "Not modified: If-None-Match names the current version",
            "headers": {"ETag": ETAG_HEADER},
        }
    # 400: a malformed header or cursor; 422: an unknown query parameter is refused on every route.
    error_codes = {400, 422, *spec.errors}
    if _PATH_PARAM.search(spec.path):
        error_codes.add(404)  # whatever the path names may not exist, or not for this caller
    if spec.request is not None:
        error_codes |= {413, 415}
    if not spec.public:
        error_codes |= {401, 403}
    if spec.if_match:
        error_codes.add(412)
    if spec.idempotent:
        error_codes |= {409, 503}  # the same key still being served; the records table did not answer
    for code in sorted(error_codes):
        responses[str(code)] = {
            "description": ERROR_TEXT.get(code, "Error"),
            "content": {"application/json": {"schema": refs[(ErrorResponse, "serialization")]}},
        }
        if code in (409, 429, 503):
            responses[str(code)]["headers"] = {"Retry-After": RETRY_AFTER_HEADER}
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
        body: dict[str, Any] = {"schema": refs[(spec.request, "validation")]}
        examples = spec.request.model_json_schema(ref_template=REF).get("examples")
        if examples:
            body["example"] = examples[0]  # what "Try it out" fills in; the schema keeps them all
        operation["requestBody"] = {"required": True, "content": {"application/json": body}}
    operation["security"] = [] if spec.public else [{"bearer": []}]
    return operation


def build_document(version: str = "1.0.0") -> dict[str, Any]:
    """The OpenAPI 3.1 document for every route declared through ``Api.route`` (every route module loaded)."""
    routes.load_all()
    check_links(ROUTES)
    modes = _model_modes()
    shared = _shared_class_names(model for model, _ in modes)
    generator = type("SchemaGenerator", (_SchemaGenerator,), {"shared_names": shared})
    refs, top = models_json_schema(modes, ref_template=REF, schema_generator=generator)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    paths: dict[str, dict[str, Any]] = {}
    error = cast(Refs, refs)[(ErrorResponse, "serialization")]
    for spec in ROUTES:
        operation = ratelimit.document(_operation(spec, schemas, cast(Refs, refs)), error)
        paths.setdefault(spec.path, {})[spec.method.lower()] = operation
    schemas, paths = clean_component_names(schemas, dict(sorted(paths.items())))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Deskless API",
            "version": version,
            "description": "Multi-tenant helpdesk and field service. See docs/api.md for conventions.",
        },
        "paths": _local_times(paths),
        "components": {
            "schemas": _local_times(schemas),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "headers": ratelimit.components(),
        },
    }
