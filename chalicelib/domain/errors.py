"""Typed errors raised by the service layer.

One mapping (``chalicelib.api.errors``) turns them into an HTTP status and the JSON body
``{"error": {"code", "message", "details"}}``. The code is stable snake_case for programs,
the message is for people. Each detail is an object with ``field`` (null: the whole request),
``message`` and ``type``, plus extras (``retry_after``, ``allowed``...); the mapping fills in
whichever of the three a raise site leaves out.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class DesklessError(Exception):
    """Base of every error a client may legitimately cause."""

    default_code = "error"

    def __init__(self, message: str, *, code: str | None = None, details: list[Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.details: list[Any] = details or []


class Invalid(DesklessError):
    """Input that cannot be parsed (400): malformed JSON, not an object, nested too deep, a malformed
    header (If-Match, Idempotency-Key), a bad cursor."""

    default_code = "malformed_request"


class InvalidInput(DesklessError):
    """A well-formed request whose fields are not valid (422): wrong types, unknown or missing fields,
    values out of range, in the body, the query string or a path value that is not an id."""

    default_code = "invalid_request"


class Unauthenticated(DesklessError):
    """No session, or an expired or revoked one."""

    default_code = "unauthenticated"


class Forbidden(DesklessError):
    """The caller may see the object but its role does not allow the action."""

    default_code = "forbidden"


class NotFound(DesklessError):
    """Missing, or not the caller's: the two are indistinguishable on purpose."""

    default_code = "not_found"


class Conflict(DesklessError):
    """A duplicate, a version lost to a concurrent writer, or an invalid state transition."""

    default_code = "conflict"


class PreconditionFailed(DesklessError):
    """The caller's ``If-Match`` names a version the resource is no longer at (412)."""

    default_code = "precondition_failed"


class RequestInProgress(Conflict):
    """The same ``Idempotency-Key`` is still being served; ``retry_after`` seconds is the Retry-After."""

    default_code = "idempotency_in_progress"

    def __init__(self, message: str, *, retry_after: int = 1, details: list[Any] | None = None) -> None:
        super().__init__(message, details=details)
        self.retry_after = max(1, int(retry_after))


class Gone(DesklessError):
    """Something that existed and can no longer be used (410): a used, expired or revoked link."""

    default_code = "gone"


class PayloadTooLarge(DesklessError):
    default_code = "payload_too_large"


class UnsupportedMediaType(DesklessError):
    default_code = "unsupported_media_type"


class RuleViolation(DesklessError):
    """Well-formed input that breaks a business rule."""

    default_code = "rule_violation"


class Throttled(DesklessError):
    """Too many requests; ``retry_after`` is the real wait in whole seconds (the Retry-After header)."""

    default_code = "throttled"

    def __init__(
        self, message: str, *, code: str | None = None, details: list[Any] | None = None, retry_after: int = 1
    ) -> None:
        super().__init__(message, code=code, details=details)
        self.retry_after = max(1, int(retry_after))


class Unavailable(DesklessError):
    """A dependency (the table, S3) did not answer; safe to retry."""

    default_code = "unavailable"


def require_version(noun: str, current: int, if_match: int | None) -> None:
    """``If-Match`` check: 412 ``precondition_failed`` unless the client saw the current version.

    >>> require_version("ticket", 3, None)  # no If-Match: the write is still version-conditional
    """
    if if_match is not None and if_match != current:
        raise PreconditionFailed(
            f"The {noun} is at version {current}, not {if_match}.",
            details=[{"field": "If-Match", "message": f"current version: {current}", "type": "version_mismatch"}],
        )


def validation_details(exc: ValidationError, root: str | None = None) -> list[dict[str, Any]]:
    """Field (dotted path; ``root`` for the whole object), message and error type of each problem;
    never the input (it may be a password)."""
    return [
        {"field": ".".join(str(part) for part in err["loc"]) or root, "message": err["msg"], "type": err["type"]}
        for err in exc.errors(include_url=False, include_input=False, include_context=False)
    ]
