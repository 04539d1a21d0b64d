from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AddSupportAddress")


@_attrs_define
class AddSupportAddress:
    """
    Attributes:
        address (str): e.g. help@acme.example
        department_id (None | str | Unset): an active department: new tickets from mail to the address go there
    """

    address: str
    department_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        department_id: None | str | Unset
        if isinstance(self.department_id, Unset):
            department_id = UNSET
        else:
            department_id = self.department_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
            }
        )
        if department_id is not UNSET:
            field_dict["department_id"] = department_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        def _parse_department_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department_id = _parse_department_id(d.pop("department_id", UNSET))

        add_support_address = cls(
            address=address,
            department_id=department_id,
        )

        return add_support_address
