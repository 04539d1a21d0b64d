from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.presence_state import PresenceState, check_presence_state

T = TypeVar("T", bound="PresenceCommand")


@_attrs_define
class PresenceCommand:
    """
    Attributes:
        state (PresenceState):
    """

    state: PresenceState

    def to_dict(self) -> dict[str, Any]:
        state: str = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        state = check_presence_state(d.pop("state"))

        presence_command = cls(
            state=state,
        )

        return presence_command
