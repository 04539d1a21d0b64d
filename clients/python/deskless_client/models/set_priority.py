from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority

T = TypeVar("T", bound="SetPriority")


@_attrs_define
class SetPriority:
    """
    Attributes:
        type_ (Literal['set_priority']):
        priority (Priority):
    """

    type_: Literal["set_priority"]
    priority: Priority

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        priority: str = self.priority

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "priority": priority,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["set_priority"], d.pop("type"))
        if type_ != "set_priority":
            raise ValueError(f"type must match const 'set_priority', got '{type_}'")

        priority = check_priority(d.pop("priority"))

        set_priority = cls(
            type_=type_,
            priority=priority,
        )

        return set_priority
