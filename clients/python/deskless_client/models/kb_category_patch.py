from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="KBCategoryPatch")


@_attrs_define
class KBCategoryPatch:
    """
    Attributes:
        name (str | Unset):
        description (None | str | Unset):
        parent_id (None | str | Unset): null moves the category to the top level
        sort_order (int | Unset):
        is_active (bool | Unset):
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    parent_id: None | str | Unset = UNSET
    sort_order: int | Unset = UNSET
    is_active: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        sort_order = self.sort_order

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
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
        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        sort_order = d.pop("sort_order", UNSET)

        is_active = d.pop("is_active", UNSET)

        kb_category_patch = cls(
            name=name,
            description=description,
            parent_id=parent_id,
            sort_order=sort_order,
            is_active=is_active,
        )

        return kb_category_patch
