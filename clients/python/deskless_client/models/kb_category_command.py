from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="KBCategoryCommand")


@_attrs_define
class KBCategoryCommand:
    """
    Attributes:
        name (str):
        description (str | Unset):  Default: ''.
        parent_id (None | str | Unset):
        sort_order (int | Unset):  Default: 0.
        is_active (bool | Unset):  Default: True.
    """

    name: str
    description: str | Unset = ""
    parent_id: None | str | Unset = UNSET
    sort_order: int | Unset = 0
    is_active: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        sort_order = self.sort_order

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if sort_order is not UNSET:
            field_dict["sort_order"] = sort_order
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        sort_order = d.pop("sort_order", UNSET)

        is_active = d.pop("is_active", UNSET)

        kb_category_command = cls(
            name=name,
            description=description,
            parent_id=parent_id,
            sort_order=sort_order,
            is_active=is_active,
        )

        return kb_category_command
