from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Changed")


@_attrs_define
class Changed:
    """
    Attributes:
        field (str):
        operator (Literal['changed']):
    """

    field: str
    operator: Literal["changed"]

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        operator = self.operator

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "field": field,
                "operator": operator,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        operator = cast(Literal["changed"], d.pop("operator"))
        if operator != "changed":
            raise ValueError(f"operator must match const 'changed', got '{operator}'")

        changed = cls(
            field=field,
            operator=operator,
        )

        return changed
