from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.compare_operator import CompareOperator, check_compare_operator

T = TypeVar("T", bound="Compare")


@_attrs_define
class Compare:
    """
    Attributes:
        field (str):
        operator (CompareOperator):
        value (bool | float | int | None | str): a string, number, boolean or null
    """

    field: str
    operator: CompareOperator
    value: bool | float | int | None | str

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        operator: str = self.operator

        value: bool | float | int | None | str
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

        operator = check_compare_operator(d.pop("operator"))

        def _parse_value(data: object) -> bool | float | int | None | str:
            if data is None:
                return data
            return cast(bool | float | int | None | str, data)

        value = _parse_value(d.pop("value"))

        compare = cls(
            field=field,
            operator=operator,
            value=value,
        )

        return compare
