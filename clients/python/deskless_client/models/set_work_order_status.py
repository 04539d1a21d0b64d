from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.work_order_status import WorkOrderStatus, check_work_order_status

T = TypeVar("T", bound="SetWorkOrderStatus")


@_attrs_define
class SetWorkOrderStatus:
    """Move the work order along its transition table (as a dispatcher's PATCH would).

    Attributes:
        type_ (Literal['set_work_order_status']):
        status (WorkOrderStatus):
    """

    type_: Literal["set_work_order_status"]
    status: WorkOrderStatus

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
        type_ = cast(Literal["set_work_order_status"], d.pop("type"))
        if type_ != "set_work_order_status":
            raise ValueError(f"type must match const 'set_work_order_status', got '{type_}'")

        status = check_work_order_status(d.pop("status"))

        set_work_order_status = cls(
            type_=type_,
            status=status,
        )

        return set_work_order_status
