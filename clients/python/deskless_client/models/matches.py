from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Matches")


@_attrs_define
class Matches:
    """
    Attributes:
        field (str):
        operator (Literal['matches']):
        value (str): a regular expression (bounded size and structure, checked before it is compiled; bounded run time)
    """

    field: str
    operator: Literal["matches"]
    value: str

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        operator = self.operator

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "field": field,
                "operator": operator,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        operator = cast(Literal["matches"], d.pop("operator"))
        if operator != "matches":
            raise ValueError(f"operator must match const 'matches', got '{operator}'")

        value = d.pop("value")

        matches = cls(
            field=field,
            operator=operator,
            value=value,
        )

        return matches
