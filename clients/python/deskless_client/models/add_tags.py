from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddTags")


@_attrs_define
class AddTags:
    """
    Attributes:
        type_ (Literal['add_tags']):
        tags (list[str]):
    """

    type_: Literal["add_tags"]
    tags: list[str]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["add_tags"], d.pop("type"))
        if type_ != "add_tags":
            raise ValueError(f"type must match const 'add_tags', got '{type_}'")

        tags = cast(list[str], d.pop("tags"))

        add_tags = cls(
            type_=type_,
            tags=tags,
        )

        return add_tags
