from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="HoursSince")


@_attrs_define
class HoursSince:
    """
    Attributes:
        field (str):
        operator (Literal['hours_since']):
        value (float): at least this many hours have passed since the field
    """

    field: str
    operator: Literal["hours_since"]
    value: float

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

        operator = cast(Literal["hours_since"], d.pop("operator"))
        if operator != "hours_since":
            raise ValueError(f"operator must match const 'hours_since', got '{operator}'")

        value = d.pop("value")

        hours_since = cls(
            field=field,
            operator=operator,
            value=value,
        )

        return hours_since
