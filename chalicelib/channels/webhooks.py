"""Inbound webhook payloads: a new ticket, or a comment on an existing one (discriminated on ``type``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from chalicelib.domain.base import Model, Root
from chalicelib.domain.tickets import Priority


class _Payload(Model):
    model_config = ConfigDict(extra="forbid")


class TicketPayload(_Payload):
    type: Literal["ticket"]
    subject: str = Field(min_length=1, max_length=250)
    description: str = Field("", max_length=60_000)
    priority: Priority = Priority.NORMAL
    category: str | None = Field(None, max_length=100)
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(default_factory=list, max_length=30)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    customer_email: str = Field(max_length=254, description="the requester; a new customer when unknown")
    customer_name: str | None = Field(None, max_length=200)
    external_id: str | None = Field(None, max_length=200, description="the sender's own id, kept as the source")


class CommentPayload(_Payload):
    type: Literal["comment"]
    ticket_number: str = Field(min_length=1, max_length=40)
    content: str = Field(min_length=1, max_length=60_000)
    author_email: str = Field(max_length=254, description="an existing user allowed to write on the ticket")


class WebhookPayload(Root[Annotated[TicketPayload | CommentPayload, Field(discriminator="type")]]):
    """``{"type": "ticket", ...}`` or ``{"type": "comment", ...}``."""
