from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AssignTechnician")


@_attrs_define
class AssignTechnician:
    """Assign a named technician (eligible for the work order, with a free slot that day).

    Attributes:
        type_ (Literal['assign_technician']):
        technician_id (str):
    """

    type_: Literal["assign_technician"]
    technician_id: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        technician_id = self.technician_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "technician_id": technician_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["assign_technician"], d.pop("type"))
        if type_ != "assign_technician":
            raise ValueError(f"type must match const 'assign_technician', got '{type_}'")

        technician_id = d.pop("technician_id")

        assign_technician = cls(
            type_=type_,
            technician_id=technician_id,
        )

        return assign_technician
