from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MacroApplyCommand")


@_attrs_define
class MacroApplyCommand:
    """
    Attributes:
        ticket_numbers (list[str]): 1 to 100 tickets; each is changed in its own transaction
    """

    ticket_numbers: list[str]

    def to_dict(self) -> dict[str, Any]:
        ticket_numbers = self.ticket_numbers

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket_numbers": ticket_numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticket_numbers = cast(list[str], d.pop("ticket_numbers"))

        macro_apply_command = cls(
            ticket_numbers=ticket_numbers,
        )

        return macro_apply_command
