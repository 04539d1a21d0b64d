from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConditionResult")


@_attrs_define
class ConditionResult:
    """
    Attributes:
        path (str):
        field (str):
        operator (str):
        value (Any):
        actual (Any):
        held (bool):
    """

    path: str
    field: str
    operator: str
    value: Any
    actual: Any
    held: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        field = self.field

        operator = self.operator

        value = self.value

        actual = self.actual

        held = self.held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "field": field,
                "operator": operator,
                "value": value,
                "actual": actual,
                "held": held,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        field = d.pop("field")

        operator = d.pop("operator")

        value = d.pop("value")

        actual = d.pop("actual")

        held = d.pop("held")

        condition_result = cls(
            path=path,
            field=field,
            operator=operator,
            value=value,
            actual=actual,
            held=held,
        )

        condition_result.additional_properties = d
        return condition_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
