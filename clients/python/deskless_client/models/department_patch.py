from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DepartmentPatch")


@_attrs_define
class DepartmentPatch:
    """
    Attributes:
        name (str | Unset):
        description (None | str | Unset):
        manager_id (None | str | Unset):
        is_active (bool | Unset):
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    manager_id: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        manager_id: None | str | Unset
        if isinstance(self.manager_id, Unset):
            manager_id = UNSET
        else:
            manager_id = self.manager_id

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
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
        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_manager_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        manager_id = _parse_manager_id(d.pop("manager_id", UNSET))

        is_active = d.pop("is_active", UNSET)

        department_patch = cls(
            name=name,
            description=description,
            manager_id=manager_id,
            is_active=is_active,
        )

        return department_patch
