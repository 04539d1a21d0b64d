from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CommentPayload")


@_attrs_define
class CommentPayload:
    """
    Attributes:
        type_ (Literal['comment']):
        ticket_number (str):
        content (str):
        author_email (str): an existing user allowed to write on the ticket
    """

    type_: Literal["comment"]
    ticket_number: str
    content: str
    author_email: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        ticket_number = self.ticket_number

        content = self.content

        author_email = self.author_email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "ticket_number": ticket_number,
                "content": content,
                "author_email": author_email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["comment"], d.pop("type"))
        if type_ != "comment":
            raise ValueError(f"type must match const 'comment', got '{type_}'")

        ticket_number = d.pop("ticket_number")

        content = d.pop("content")

        author_email = d.pop("author_email")

        comment_payload = cls(
            type_=type_,
            ticket_number=ticket_number,
            content=content,
            author_email=author_email,
        )

        return comment_payload
