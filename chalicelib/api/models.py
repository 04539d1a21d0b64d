"""Base classes for the HTTP API's pydantic input and output models."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.commands import Command


class Input(Command):
    """A request body or query string: unknown fields are a 400, not silently dropped."""


class Output(BaseModel):
    model_config = ConfigDict(extra="ignore")


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
