from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConfirmCommand")


@_attrs_define
class ConfirmCommand:
    """
    Attributes:
        confirmation_token (str):
    """

    confirmation_token: str

    def to_dict(self) -> dict[str, Any]:
        confirmation_token = self.confirmation_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "confirmation_token": confirmation_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confirmation_token = d.pop("confirmation_token")

        confirm_command = cls(
            confirmation_token=confirmation_token,
        )

        return confirm_command
