from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="UpdateSupportAddress")


@_attrs_define
class UpdateSupportAddress:
    """
    Attributes:
        department_id (None | str): an active department for new tickets from mail to the address; null: none
    """

    department_id: None | str

    def to_dict(self) -> dict[str, Any]:
        department_id: None | str
        department_id = self.department_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "department_id": department_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        update_support_address = cls(
            department_id=department_id,
        )

        return update_support_address
