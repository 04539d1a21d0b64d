from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.status import Status, check_status

T = TypeVar("T", bound="SetStatus")


@_attrs_define
class SetStatus:
    """
    Attributes:
        type_ (Literal['set_status']):
        status (Status):
    """

    type_: Literal["set_status"]
    status: Status

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        status: str = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["set_status"], d.pop("type"))
        if type_ != "set_status":
            raise ValueError(f"type must match const 'set_status', got '{type_}'")

        status = check_status(d.pop("status"))

        set_status = cls(
            type_=type_,
            status=status,
        )

        return set_status
