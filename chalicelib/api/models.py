"""Base classes for the HTTP API's pydantic input and output models."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

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
    limit: int = Field(25, ge=1, le=100, description="Page size (default 25, at most 100).")
    cursor: str | None = Field(None, max_length=2048, description="`next_cursor` of the previous page.")


T = TypeVar("T")


class Page(Output, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last one.")


class ErrorBody(Output):
    code: str = Field(description="Stable snake_case code, e.g. `not_found`, `stale_version`.")
    message: str
    details: list[object] = Field(default_factory=list)


class ErrorResponse(Output):
    error: ErrorBody
