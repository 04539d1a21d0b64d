from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MacroPreviewCommand")


@_attrs_define
class MacroPreviewCommand:
    """
    Attributes:
        ticket_number (str):
    """

    ticket_number: str

    def to_dict(self) -> dict[str, Any]:
        ticket_number = self.ticket_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket_number": ticket_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        macro_preview_command = cls(
            ticket_number=ticket_number,
        )

        return macro_preview_command
