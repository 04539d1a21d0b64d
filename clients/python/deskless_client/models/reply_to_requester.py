from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReplyToRequester")


@_attrs_define
class ReplyToRequester:
    """A public reply from a template; ``{{ticket.ticket_number}}``-style placeholders.

    Attributes:
        type_ (Literal['reply_to_requester']):
        template (str):
    """

    type_: Literal["reply_to_requester"]
    template: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        template = self.template

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "template": template,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["reply_to_requester"], d.pop("type"))
        if type_ != "reply_to_requester":
            raise ValueError(f"type must match const 'reply_to_requester', got '{type_}'")

        template = d.pop("template")

        reply_to_requester = cls(
            type_=type_,
            template=template,
        )

        return reply_to_requester
