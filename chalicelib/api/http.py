"""Route registration for the HTTP API: parsing, error handling and OpenAPI metadata in one place.

Handlers are declared with ``Api.route``; the decorator parses the JSON body and query string
into pydantic models (400 when they cannot be parsed, 422 when their fields are not valid,
413/415), calls the handler with a ``Call``, turns the returned model into JSON, and turns typed
service errors into the JSON error body. Every route declared this way is recorded in ``ROUTES``,
from which ``/openapi.json`` is built.

The HTTP conventions live here too, once for every route: ``ETag: "<version>"`` on every response
whose body has a ``version``; ``If-None-Match`` on such a GET answers 304; ``If-Match`` on the
routes that declare ``if_match=True`` (and a 400 elsewhere, never silently ignored); ``Location``
on every 201 (``location=`` template, required); ``Idempotency-Key`` on every creating POST
(``chalicelib.api.idempotency``); 204 with no body for handlers that return nothing.

>>> api = Api("tickets", __name__)
>>> @api.route("/tickets/{number}", "GET", summary="Read a ticket", response=TicketOut)
... def get_ticket(call: Call[None, NoQuery], number: str) -> TicketOut: ...
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from chalice.app import Blueprint, Request, Response
from pydantic import BaseModel, ValidationError

from chalicelib.api import errors as api_errors
from chalicelib.api import idempotency, ratelimit, viewer
from chalicelib.api.models import NoQuery, Output
from chalicelib.domain.errors import (
    DesklessError,
    Invalid,
    InvalidInput,
    PayloadTooLarge,
    RuleViolation,
    Unauthenticated,
    Unavailable,
    UnsupportedMediaType,
    validation_details,
)
from chalicelib.domain.jsondepth import check_json_depth
from chalicelib.observability import count, logger
from chalicelib.origin import Origin, reset_origin, set_origin
from chalicelib.store import metering

MAX_BODY_BYTES = 256 * 1024
REQUEST_ID_HEADER = "X-Request-Id"

B = TypeVar("B")
Q = TypeVar("Q")

_context = threading.local()


def current_request_id() -> str:
    return str(getattr(_context, "request_id", "") or "unknown")


# An entity tag as the API writes it ("3"), weak (W/"3") or bare (3): the version number inside.
_ENTITY_TAG = re.compile(r'^(?:W/)?(?:"(\d{1,18})"|(\d{1,18}))$')


def parse_version_tag(raw: str, header: str) -> int | None:
    """The version an ``If-Match`` / ``If-None-Match`` value names; None for ``*`` (any version).

    >>> parse_version_tag('W/"3"', "If-Match")
    3
    """
    text = raw.strip()
    if text == "*":
        return None
    match = _ENTITY_TAG.match(text)
    if match is None:
        raise Invalid(
            f'{header} must be one entity tag from an ETag, e.g. "3" (or W/"3", or the version 3), or *.',
            code="invalid_" + header.lower().replace("-", "_"),
            details=[{"field": header, "message": 'one entity tag such as "3"', "type": "entity_tag"}],
        )
    return int(match.group(1) or match.group(2))


@dataclass
class Call(Generic[B, Q]):
    """What a handler gets: the parsed body and query, the raw request, the request id."""

    request: Request
    body: B
    query: Q
    request_id: str
    principal: Any = None
    conditional: bool = False  # the route takes If-Match (``Api.route(if_match=True)``)

    @property
    def client_ip(self) -> str | None:
        """The caller's address (``viewer.client_address``: the viewer's behind the stack's CloudFront)."""
        return viewer.client_address(self.request)

    def header(self, name: str) -> str | None:
        value = self.request.headers.get(name)
        return str(value) if value is not None else None

    def if_match(self) -> int | None:
        """The version in ``If-Match`` (``"3"``, ``W/"3"`` or ``3``), or None when absent or ``*``."""
        if not self.conditional:
            raise TypeError("this route does not declare if_match=True")
        raw = self.header("If-Match")
        return None if raw is None else parse_version_tag(raw, "If-Match")


@dataclass(frozen=True)
class Link:
    """An OpenAPI link from a route's success response: ``parameters`` of operation ``operation``
    (a handler's name) come from runtime expressions such as ``$response.body#/ticket_number``.
    Schemathesis's stateful mode follows them; generators and readers see which calls chain."""

    operation: str
    parameters: Mapping[str, str]


def links_to(*operations: str, **parameters: str) -> tuple[Link, ...]:
    """The same parameters fed to several operations, e.g.
    ``links_to("get_ticket", "add_comment", number="$response.body#/ticket_number")``."""
    return tuple(Link(operation, dict(parameters)) for operation in operations)


@dataclass(frozen=True)
class RouteSpec:
    path: str
    method: str
    name: str
    summary: str
    tag: str
    request: type[BaseModel] | None
    response: Any
    status: int
    query: type[BaseModel]
    public: bool
    description: str = ""
    errors: tuple[int, ...] = field(default_factory=tuple)
    media_types: tuple[str, ...] = field(default_factory=tuple)
    location: str | None = None
    idempotent: bool = False
    if_match: bool = False
    links: tuple[Link, ...] = field(default_factory=tuple)

    @property
    def versioned(self) -> bool:
        """The success body has a ``version``: its responses carry an ETag."""
        return (
            isinstance(self.response, type)
            and issubclass(self.response, Output)
            and "version" in (self.response.model_fields)
        )

    @property
    def revalidated(self) -> bool:
        """A GET answered 304 when ``If-None-Match`` names the current version."""
        return self.method == "GET" and self.versioned and not self.response.outside_version


ROUTES: list[RouteSpec] = []

# (path template, method) of every route that needs a principal (all but ``public=True``), documented
# or not: the middleware authenticates exactly these, the gateway requires their Authorization header.
PRIVATE_ROUTES: set[tuple[str, str]] = set()
# (path template, method) -> what authentication's BatchGetItem reads beside the credential for
# that route (``Api.route(reads=...)``, e.g. "ticket_counter" on the routes that create tickets).
ROUTE_READS: dict[tuple[str, str], frozenset[str]] = {}

_authenticator: Callable[[str | None, frozenset[str]], Any] | None = None


def set_authenticator(authenticator: Callable[[str | None, frozenset[str]], Any]) -> None:
    """How an ``Authorization`` header value (and the route's extra reads) becomes a principal
    (chalicelib.api.authorizer registers it)."""
    global _authenticator
    _authenticator = authenticator


def declare(path: str, method: str, *, public: bool, reads: tuple[str, ...] | frozenset[str] = ()) -> None:
    """Record whether ``method path`` needs a principal (and what its authentication reads): by
    ``Api.route`` when a route module is imported, and by the lazy route table
    (chalicelib/api/routes.py) for every route before any module is, so that no route is ever
    taken for public because its module is not loaded yet."""
    key = (path, method.upper())
    if public:
        return
    PRIVATE_ROUTES.add(key)
    if reads:
        ROUTE_READS[key] = frozenset(reads)


def requires_authorization(path: str, method: str) -> bool:
    """Whether the route ``method path`` (its template, e.g. ``/tickets/{number}``) needs a principal."""
    return (path, method.upper()) in PRIVATE_ROUTES


def parse_body(
    request: Request, model: type[BaseModel], max_bytes: int = MAX_BODY_BYTES, invalid_code: str | None = None
) -> BaseModel:
    """The JSON body as ``model``. What cannot be parsed is 400 (``malformed_json``, ``not_an_object``,
    ``too_deep``, ``missing_body``); field errors are 422 ``invalid_request``, or ``invalid_code``
    (e.g. ``invalid_rule``) where a route names its own."""
    raw = request.raw_body or b""
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"The request body is larger than {max_bytes} bytes.")
    content_type = (request.headers.get("content-type") or "application/json").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise UnsupportedMediaType("Send the request body as application/json.")
    if not raw.strip():
        raise Invalid("This request needs a JSON body.", code="missing_body")
    check_json_depth(raw)  # before the parser recurses into it
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid(
            "The request body is not valid JSON.",
            code="malformed_json",
            details=[{"field": None, "message": str(exc), "type": "json_invalid"}],
        ) from exc
    if not isinstance(data, dict):
        raise Invalid("The request body must be a JSON object.", code="not_an_object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = validation_details(exc)
        if invalid_code is not None:
            raise RuleViolation(
                "The request is well-formed but not valid; each detail names a bad part.",
                code=invalid_code,
                details=details,
            ) from exc
        raise InvalidInput("The request body has invalid fields.", code="invalid_request", details=details) from exc


def parse_query(request: Request, model: type[BaseModel]) -> BaseModel:
    """The query string as ``model``; an unknown or invalid parameter is 422 ``invalid_query``."""
    params = dict(request.query_params or {})
    try:
        return model.model_validate(params)
    except ValidationError as exc:
        raise InvalidInput(
            "The query string has invalid parameters.", code="invalid_query", details=validation_details(exc)
        ) from exc


def etag(version: int) -> str:
    """The strong entity tag of a resource at ``version``: ``"3"``."""
    return f'"{version}"'


def _version_of(result: Any) -> int | None:
    version = getattr(result, "version", None) if isinstance(result, Output) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _not_modified(request: Request, version: int) -> bool:
    """``If-None-Match`` names ``version`` (or is ``*``): a comma-separated list, weak tags compared weakly."""
    raw = request.headers.get("If-None-Match")
    if raw is None:
        return False
    tags = [parse_version_tag(tag, "If-None-Match") for tag in str(raw).split(",") if tag.strip()]
    return any(tag is None or tag == version for tag in tags)


def _stage_prefix(request: Request, path: str) -> str:
    """What precedes the route's path in the URL the client used (``/dev`` on API Gateway's own
    domain, a custom domain's base path; nothing locally), so a Location resolves where it should."""
    full = str((request.context or {}).get("path") or path)
    return full[: -len(path)] if path and full.endswith(path) and full != path else ""


class _LocationFields(dict[str, Any]):
    """Path parameters first, then the response body's attributes (``{assignment.id}`` works)."""

    def __init__(self, path_params: dict[str, str], result: Any) -> None:
        super().__init__(path_params)
        self.result = result

    def __missing__(self, key: str) -> Any:
        return getattr(self.result, key)


def location_of(request: Request, path: str, target: str) -> str:
    """``target`` (a path of this API, or an absolute URL) as the client should follow it."""
    return target if not target.startswith("/") else _stage_prefix(request, path) + target


def _to_response(result: Any, spec: RouteSpec, request: Request, path_params: dict[str, str]) -> Response:
    if isinstance(result, Response):
        return result
    if result is None:
        return Response(body="", status_code=spec.status if spec.status != 200 else 204)
    body = result.model_dump_json(by_alias=True) if isinstance(result, BaseModel) else json.dumps(result)
    headers: dict[str, str | list[str]] = dict(api_errors.JSON_HEADERS)
    version = _version_of(result)
    if version is not None:
        headers["ETag"] = etag(version)
        if spec.revalidated and _not_modified(request, version):
            return Response(body="", status_code=304, headers={"ETag": etag(version)})
    if spec.location is not None:
        path = _fill(spec.path, path_params)
        headers["Location"] = location_of(request, path, spec.location.format_map(_LocationFields(path_params, result)))
    return Response(body=body, status_code=spec.status, headers=headers)


def _fill(template: str, path_params: dict[str, str]) -> str:
    """The request's own path (without the stage): the route's template with its parameters."""
    return re.sub(r"{([^}]+)}", lambda m: str(path_params.get(m.group(1), m.group(0))), template)


def _refuse_if_match(request: Request) -> None:
    if request.headers.get("If-Match") is not None:
        raise Invalid(
            "This operation does not take If-Match (see GET /openapi.json for the ones that do).",
            code="if_match_not_supported",
            details=[{"field": "If-Match", "message": "not taken by this operation", "type": "unsupported_header"}],
        )


def _serve(handler: Callable[..., Any], call: Call[Any, Any], spec: RouteSpec, path_params: dict[str, str]) -> Response:
    try:
        return _to_response(handler(call, **path_params), spec, call.request, path_params)
    except DesklessError as exc:
        return api_errors.from_error(exc)
    except Exception:
        return api_errors.unexpected(current_request_id())


@dataclass(frozen=True)
class Declared:
    """A route as its module declared it: the view Chalice calls, public or not, its extra reads."""

    view: Callable[..., Response]
    public: bool
    reads: frozenset[str]


class Api:
    """A Chalice blueprint whose routes are parsed, error-mapped and documented the same way.

    ``views``: every route declared here, by (path, method). The API serves them through the lazy
    route table (chalicelib/api/routes.py), which ``bind``s this Api to the app when it imports the
    module; the blueprint itself registers them eagerly (the route table's generator, other apps)."""

    def __init__(self, tag: str, import_name: str, *, documented: bool = True) -> None:
        self.tag = tag
        self.documented = documented
        self.blueprint = Blueprint(import_name)
        self.views: dict[tuple[str, str], Declared] = {}
        self.app: Any = None

    def bind(self, app: Any) -> None:
        """Serve this Api's views in ``app`` (whose routes point at them) without registering the blueprint."""
        self.app = app

    def current_request(self) -> Request:
        """The request being served: the bound app's, else the app the blueprint is registered in."""
        if self.app is not None:
            request: Request = self.app.current_request
            return request
        return self.blueprint.current_request

    def route(
        self,
        path: str,
        method: str,
        *,
        summary: str,
        response: Any = None,
        request: type[BaseModel] | None = None,
        query: type[BaseModel] = NoQuery,
        status: int = 200,
        public: bool = False,
        description: str = "",
        errors: tuple[int, ...] = (),
        max_body: int = MAX_BODY_BYTES,
        invalid_code: str | None = None,
        parse: bool = True,
        media_types: tuple[str, ...] = (),
        location: str | None = None,
        idempotent: bool | None = None,
        if_match: bool = False,
        links: tuple[Link, ...] = (),
        reads: tuple[str, ...] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """``parse=False``: ``request`` only documents the body; the handler reads ``call.request.raw_body``
        (signed webhooks verify the exact bytes before anything is parsed). ``media_types``: the handler
        returns a ``Response`` of one of these content types (a page, a script), documented as text.
        ``links``: operations the success response feeds (``links_to``), checked when the document is built.

        ``location``: where the created thing is, a template filled from the path parameters and the
        response body (``"/tickets/{ticket_number}"``, ``"{url}"``); every 201 must have one.
        ``idempotent``: the route takes ``Idempotency-Key`` (default: a POST answering 201 or 202).
        ``if_match``: the handler passes ``call.if_match()`` to its service; other routes refuse the header.
        ``reads``: items authentication's one BatchGetItem reads beside the credential for this route
        and hands to the service on the principal (``"ticket_counter"``: the routes that create tickets).

        The handler's name is the operation's ``operationId``: a second documented route with a name
        already in use is refused here, at import, so client generators never see two operations
        under one id."""
        if query.model_config.get("extra") != "forbid":
            raise TypeError("query models must forbid unknown parameters (subclass api.models.Input)")
        if status == 201 and location is None:
            raise TypeError(f"{method} {path} answers 201: declare where the created thing is (location=)")
        if idempotent is None:
            idempotent = method == "POST" and status in (201, 202)

        def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
            blueprint = self.blueprint
            current_request = self.current_request
            if self.documented:
                taken = next((spec for spec in ROUTES if spec.name == handler.__name__), None)
                if taken is not None:
                    raise ValueError(
                        f"{method} {path}: the operation name {handler.__name__!r} is already "
                        f"{taken.method} {taken.path}; name the handler for what it does"
                    )

            spec = RouteSpec(
                path=path,
                method=method,
                name=handler.__name__,
                summary=summary,
                tag=self.tag,
                request=request,
                response=response,
                status=status,
                query=query,
                public=public,
                description=description or (handler.__doc__ or "").strip(),
                errors=errors,
                media_types=media_types,
                location=location,
                idempotent=idempotent,
                if_match=if_match,
                links=links,
            )

            @functools.wraps(handler)
            def view(**path_params: str) -> Response:
                chalice_request = current_request()
                try:
                    # Who is calling is settled before the input is looked at: no token, no 400 hints.
                    principal = None if public else _principal_of(chalice_request)
                    parsed = request is not None and parse
                    body = parse_body(chalice_request, request, max_body, invalid_code) if parsed else None  # type: ignore[arg-type]
                    parsed_query = parse_query(chalice_request, query)
                    call: Call[Any, Any] = Call(
                        chalice_request, body, parsed_query, current_request_id(), principal, conditional=if_match
                    )
                    if if_match:
                        call.if_match()  # a malformed header is a 400 before anything runs
                    else:
                        _refuse_if_match(chalice_request)
                    key = idempotency.key_of(call) if spec.idempotent else None
                    if key is None:
                        return _serve(handler, call, spec, path_params)
                    own_path = _fill(path, path_params)
                    return idempotency.serve_once(call, key, own_path, lambda: _serve(handler, call, spec, path_params))
                except DesklessError as exc:
                    return api_errors.from_error(exc)
                except Exception:
                    return api_errors.unexpected(current_request_id())

            if not public and _authenticator is None:
                raise RuntimeError(f"{method} {path} needs the authenticator; import chalicelib.api.authorizer first")
            declare(path, method, public=public, reads=reads)
            self.views[(path, method.upper())] = Declared(view, public, frozenset(reads))
            blueprint.route(path, methods=[method])(view)
            if not self.documented:
                return view
            ROUTES.append(spec)
            return view

        return decorate


@dataclass(frozen=True)
class Authentication:
    """The outcome of authenticating one request: a principal, or the refusal to answer with."""

    principal: Any = None
    error: DesklessError | None = None


def authenticate_request(request: Request) -> Authentication | None:
    """Authenticate ``request`` if its route needs a principal (None for public and unknown routes).

    Called once per request by ``request_middleware``, before the rate limit and the handler."""
    context = request.context or {}
    route = (str(context.get("resourcePath")), str(request.method).upper())
    if route not in PRIVATE_ROUTES:
        return None
    header = request.headers.get("authorization") if request.headers else None
    reads = ROUTE_READS.get(route, frozenset())
    try:
        return Authentication(principal=_the_authenticator()(None if header is None else str(header), reads))
    except DesklessError as exc:  # 401 with its reason (or a typed failure of the read)
        return Authentication(error=exc)
    except Exception:
        # The credential could not be checked (the table failed): 503, never a 500, never let through.
        logger.exception("authentication failed")
        return Authentication(error=Unavailable("The credentials could not be checked; retry.", code="unavailable"))


def _the_authenticator() -> Callable[[str | None, frozenset[str]], Any]:
    """The registered authenticator, imported on the first private request when no route module
    has imported it yet (the route table loads modules on first use); never skipped."""
    if _authenticator is None:
        importlib.import_module("chalicelib.api.authorizer")
    if _authenticator is None:
        raise RuntimeError("chalicelib.api.authorizer registered no authenticator")
    return _authenticator


def _principal_of(request: Request) -> Any:
    """The request's principal (authenticated by the middleware; here when a handler runs without it)."""
    outcome: Authentication | None = getattr(_context, "authentication", None)
    if outcome is None:
        outcome = authenticate_request(request)
    if outcome is None or outcome.principal is None:
        raise (outcome.error if outcome is not None and outcome.error is not None else _missing_token())
    return outcome.principal


def _missing_token() -> Unauthenticated:
    return Unauthenticated("Send Authorization: Bearer <token> from POST /auth/login.", code="unauthenticated")


def _request_id_of(request: Request) -> str:
    context = request.context or {}
    request_id = context.get("requestId")
    if not request_id:
        lambda_context = getattr(request, "lambda_context", None)
        request_id = getattr(lambda_context, "aws_request_id", None)
    return str(request_id or uuid.uuid4())


def request_middleware(event: Request, get_response: Callable[[Request], Response]) -> Response:
    """Request id, per-request log keys, the rate limit, DynamoDB call counting, error-shape normalisation."""
    request_id = _request_id_of(event)
    _context.request_id = request_id
    logger.append_keys(request_id=request_id, org_id=None, user_id=None)
    started = time.perf_counter()
    user_agent = event.headers.get("user-agent") if event.headers else None
    address = viewer.client_address(event)
    token = set_origin(Origin(request_id, address, str(user_agent)[:512] if user_agent else None))
    try:
        with metering.metered() as calls:
            # Who is calling, in this process (no authorizer function): before the rate limit, which
            # spends the caller's organization's budget, and before any handler.
            authentication = authenticate_request(event)
            _context.authentication = authentication
            principal = authentication.principal if authentication is not None else None
            admission = ratelimit.admit(event, principal)  # before the route: a refused request runs nothing
            response = get_response(event) if admission.decision.allowed else ratelimit.refusal(admission.decision)
    finally:
        _context.authentication = None
        reset_origin(token)
    response = api_errors.normalise(response)
    response.headers[REQUEST_ID_HEADER] = request_id
    ratelimit.stamp(response, admission.decision)
    elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
    logger.info(
        "request served",
        extra={
            "method": event.method,
            "path": event.context.get("resourcePath") if event.context else None,
            "status": response.status_code,
            "duration_ms": elapsed_ms,
            "dynamodb_calls": len(calls),
            "dynamodb_capacity_units": round(sum(c.capacity_units for c in calls), 2),
            "rate_limit_dynamodb_calls": len(admission.calls),
            "rate_limit_remaining": admission.decision.remaining,
        },
    )
    count("Requests", 1)
    if response.status_code >= 500:
        count("ServerErrors", 1)
    _context.request_id = None
    return response


def install_middleware(app: Any) -> None:
    """Powertools (logger, tracer, metrics) on every handler, then the request middleware on HTTP."""
    from chalicelib import observability

    observability.install_middleware(app)
    app.register_middleware(request_middleware, "http")
