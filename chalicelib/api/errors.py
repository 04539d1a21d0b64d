"""The one mapping from errors to HTTP responses.

Typed service errors become their status and ``{"error": {"code", "message", "details"}}``;
Chalice's own error bodies (405, 415, ...) are rewritten to the same shape; anything else is
a 500 that names the request id, logged with its stack. Every detail leaves here as an object
with ``field``, ``message`` and ``type`` (``details``), whatever shape the raise site gave it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from chalice.app import Response

from chalicelib.domain import errors
from chalicelib.observability import logger

STATUS: dict[type[errors.DesklessError], int] = {
    errors.Invalid: 400,
    errors.InvalidInput: 422,
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PreconditionFailed: 412,
    errors.Gone: 410,
    errors.PayloadTooLarge: 413,
    errors.UnsupportedMediaType: 415,
    errors.RuleViolation: 422,
    errors.Throttled: 429,
    errors.Unavailable: 503,
}

JSON_HEADERS = {"Content-Type": "application/json"}


def status_of(error: errors.DesklessError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]  # type: ignore[index]
    return 400


def detail(item: Any, code: str, message: str) -> dict[str, Any]:
    """One detail as ``{"field", "message", "type", ...extras}``: a bare value becomes the message, and
    what a raise site left out is filled in (``field`` null: the whole request; ``type``: the code).

    >>> detail({"field": "email"}, "email_taken", "That email is taken.")
    {'field': 'email', 'message': 'That email is taken.', 'type': 'email_taken'}
    """
    if not isinstance(item, dict):
        return {"field": None, "message": str(item), "type": code}
    return {"field": None, "message": message, "type": code, **item}


def details(items: list[Any] | None, code: str, message: str) -> list[dict[str, Any]]:
    return [detail(item, code, message) for item in items or []]


def error_body(code: str, message: str, details_: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details(details_, code, message)}}


def error_response(
    status: int, code: str, message: str, details_: list[Any] | None = None, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        body=json.dumps(error_body(code, message, details_)),
        status_code=status,
        headers={**JSON_HEADERS, **(headers or {})},
    )


def from_error(error: errors.DesklessError) -> Response:
    headers = None
    if isinstance(error, errors.Throttled | errors.RequestInProgress):
        headers = {"Retry-After": str(error.retry_after)}
    elif isinstance(error, errors.Unavailable):
        headers = {"Retry-After": "1"}
    return error_response(status_of(error), error.code, error.message, error.details, headers)


def unexpected(request_id: str) -> Response:
    logger.exception("unhandled error")
    return error_response(
        500,
        "internal_error",
        f"Something went wrong on our side. Quote request id {request_id} when reporting it.",
        [{"request_id": request_id}],
    )


def _snake(name: str) -> str:
    name = re.sub(r"Error$", "", name) or name
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def normalise(response: Response) -> Response:
    """Rewrite Chalice's built-in error bodies (``{"Code", "Message"}``) to the project's shape."""
    body = response.body
    if response.status_code < 400 or not isinstance(body, dict) or "Code" not in body:
        return response
    code = _snake(str(body.get("Code", "error")))
    message = str(body.get("Message", ""))
    if response.status_code == 500:
        code, message = "internal_error", "Something went wrong on our side."
    headers = {k: str(v) for k, v in response.headers.items() if k.lower() != "content-type"}
    return error_response(response.status_code, code, message, headers=headers)
