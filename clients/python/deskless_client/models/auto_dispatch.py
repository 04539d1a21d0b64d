from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AutoDispatch")


@_attrs_define
class AutoDispatch:
    """Assign the best technician of the dispatch suggestions (the work order must be scheduled).

    Attributes:
        type_ (Literal['auto_dispatch']):
    """

    type_: Literal["auto_dispatch"]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["auto_dispatch"], d.pop("type"))
        if type_ != "auto_dispatch":
            raise ValueError(f"type must match const 'auto_dispatch', got '{type_}'")

        auto_dispatch = cls(
            type_=type_,
        )

        return auto_dispatch
