"""Base classes for the HTTP API's pydantic input and output models."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import ConfigDict, Field, SerializerFunctionWrapHandler, StringConstraints, field_serializer

from chalicelib.domain.base import Model
from chalicelib.domain.clock import iso
from chalicelib.domain.commands import Command


class Input(Command):
    """A request body or query string: unknown fields are a 400, not silently dropped."""


def _times(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {key: _times(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_times(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_times(item) for item in value)
    return value


class Output(Model):
    """A response body. Every timestamp in it, at any depth, is written one way: RFC 3339 in UTC
    with 6 fractional digits and ``Z`` (``2026-11-29T19:10:37.926949Z``, ``clock.iso``).

    A model with a ``version`` is sent with ``ETag: "<version>"``. ``outside_version`` names the
    fields that change without the version moving (counters, activity times, embedded children):
    such a representation is never answered 304 Not Modified, since its ETag does not cover them.
    """

    model_config = ConfigDict(extra="ignore")
    outside_version: ClassVar[tuple[str, ...]] = ()

    # No return annotation on purpose: pydantic documents a serialized field by the serializer's
    # return type when it has one (``Any`` would blank every field in /openapi.json), else by the
    # field's own type, which is what a timestamp still is after this serializer (an ISO string).
    @field_serializer("*", mode="wrap", when_used="json")
    def _rfc3339(self, value: Any, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        if isinstance(value, datetime):
            return iso(value)
        if isinstance(value, dict | list | tuple):
            return handler(_times(value))
        return handler(value)


# An id given in the query string (``?customer_id=``): the characters ids are made of, never empty
# (an empty or unusable value is a 400 naming the parameter, not a lookup).
QueryId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:@+-]{1,40}$")]


class NoQuery(Input):
    """A route that takes no query parameters."""


class ListQuery(Input):
    limit: int = Field(50, ge=1, le=100, description="Page size (default 50, at most 100).")
    cursor: str | None = Field(None, max_length=2048, description="`next_cursor` of the previous page.")


class TrashQuery(ListQuery):
    """A list of things that can be deleted and restored: ``?deleted=true`` is its trash view."""

    deleted: bool = Field(
        False, description="true: only deleted ones (the trash), for those who may restore them; default: live ones"
    )


T = TypeVar("T")


def next_cursor_field() -> Any:
    """``next_cursor`` of a page, documented the same way on every list."""
    return Field(None, description="Pass as `cursor` for the next page; null on the last one.")


class Page(Output, Generic[T]):
    items: list[T]
    next_cursor: str | None = next_cursor_field()


class ErrorDetail(Model):
    """One problem: the field it concerns (a dotted path in the body or query, a header name; null for
    the whole request), what is wrong, and a stable type; some carry extras (``retry_after``, ...)."""

    model_config = ConfigDict(extra="allow")

    field: str | None
    message: str
    type: str


class ErrorBody(Output):
    code: str = Field(description="Stable snake_case code, e.g. `not_found`, `precondition_failed`.")
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(Output):
    error: ErrorBody
