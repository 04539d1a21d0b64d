from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.membership_operator import MembershipOperator, check_membership_operator

T = TypeVar("T", bound="Membership")


@_attrs_define
class Membership:
    """
    Attributes:
        field (str):
        operator (MembershipOperator):
        value (list[bool | float | int | None | str]):
    """

    field: str
    operator: MembershipOperator
    value: list[bool | float | int | None | str]

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        operator: str = self.operator

        value = []
        for value_item_data in self.value:
            value_item: bool | float | int | None | str
            value_item = value_item_data
            value.append(value_item)

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

        operator = check_membership_operator(d.pop("operator"))

        value = []
        _value = d.pop("value")
        for value_item_data in _value:

            def _parse_value_item(data: object) -> bool | float | int | None | str:
                if data is None:
                    return data
                return cast(bool | float | int | None | str, data)

            value_item = _parse_value_item(value_item_data)

            value.append(value_item)

        membership = cls(
            field=field,
            operator=operator,
            value=value,
        )

        return membership
