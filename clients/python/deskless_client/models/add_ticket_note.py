from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddTicketNote")


@_attrs_define
class AddTicketNote:
    """An internal note on the ticket the work order is linked to (nothing when it has none).

    Attributes:
        type_ (Literal['add_ticket_note']):
        content (str):
    """

    type_: Literal["add_ticket_note"]
    content: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        content = self.content

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["add_ticket_note"], d.pop("type"))
        if type_ != "add_ticket_note":
            raise ValueError(f"type must match const 'add_ticket_note', got '{type_}'")

        content = d.pop("content")

        add_ticket_note = cls(
            type_=type_,
            content=content,
        )

        return add_ticket_note
