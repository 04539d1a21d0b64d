from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetDepartment")


@_attrs_define
class SetDepartment:
    """Move the ticket to an active department of the organization (null: no department).

    Attributes:
        type_ (Literal['set_department']):
        department_id (None | str): an active department's id; null clears it
    """

    type_: Literal["set_department"]
    department_id: None | str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        department_id: None | str
        department_id = self.department_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "department_id": department_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["set_department"], d.pop("type"))
        if type_ != "set_department":
            raise ValueError(f"type must match const 'set_department', got '{type_}'")

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        set_department = cls(
            type_=type_,
            department_id=department_id,
        )

        return set_department
