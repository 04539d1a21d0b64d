"""Base classes for the HTTP API's pydantic input and output models."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chalicelib.domain.commands import Command


class Input(Command):
    """A request body or query string: unknown fields are a 400, not silently dropped."""


class Output(BaseModel):
    model_config = ConfigDict(extra="ignore")


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


class ErrorBody(Output):
    code: str = Field(description="Stable snake_case code, e.g. `not_found`, `stale_version`.")
    message: str
    details: list[object] = Field(default_factory=list)


class ErrorResponse(Output):
    error: ErrorBody
