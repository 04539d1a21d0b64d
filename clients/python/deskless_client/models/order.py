from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.order_operator import OrderOperator, check_order_operator
from ..models.priority import Priority, check_priority

T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """
    Attributes:
        field (str):
        operator (OrderOperator):
        value (float | Priority): a number, or a priority (low < normal < high < urgent)
    """

    field: str
    operator: OrderOperator
    value: float | Priority

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        operator: str = self.operator

        value: float | str
        if isinstance(self.value, str):
            value = self.value
        else:
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

        operator = check_order_operator(d.pop("operator"))

        def _parse_value(data: object) -> float | Priority:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                value_type_1 = check_priority(data)

                return value_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | Priority, data)

        value = _parse_value(d.pop("value"))

        order = cls(
            field=field,
            operator=operator,
            value=value,
        )

        return order
