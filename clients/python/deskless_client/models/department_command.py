from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DepartmentCommand")


@_attrs_define
class DepartmentCommand:
    """
    Attributes:
        name (str):
        description (str | Unset):  Default: ''.
        manager_id (None | str | Unset):
        is_active (bool | Unset):  Default: True.
    """

    name: str
    description: str | Unset = ""
    manager_id: None | str | Unset = UNSET
    is_active: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        manager_id: None | str | Unset
        if isinstance(self.manager_id, Unset):
            manager_id = UNSET
        else:
            manager_id = self.manager_id

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if manager_id is not UNSET:
            field_dict["manager_id"] = manager_id
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        def _parse_manager_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        manager_id = _parse_manager_id(d.pop("manager_id", UNSET))

        is_active = d.pop("is_active", UNSET)

        department_command = cls(
            name=name,
            description=description,
            manager_id=manager_id,
            is_active=is_active,
        )

        return department_command
