from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="KBFeedbackCommand")


@_attrs_define
class KBFeedbackCommand:
    """
    Attributes:
        helpful (bool):
    """

    helpful: bool

    def to_dict(self) -> dict[str, Any]:
        helpful = self.helpful

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "helpful": helpful,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        helpful = d.pop("helpful")

        kb_feedback_command = cls(
            helpful=helpful,
        )

        return kb_feedback_command
