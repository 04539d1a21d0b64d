from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConditionResult")


@_attrs_define
class ConditionResult:
    """
    Attributes:
        path (str):
        field (str):
        operator (str):
        held (bool):
        value (Any | Unset):
        actual (Any | Unset):
    """

    path: str
    field: str
    operator: str
    held: bool
    value: Any | Unset = UNSET
    actual: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        field = self.field

        operator = self.operator

        held = self.held

        value = self.value

        actual = self.actual

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "field": field,
                "operator": operator,
                "held": held,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if actual is not UNSET:
            field_dict["actual"] = actual

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        field = d.pop("field")

        operator = d.pop("operator")

        held = d.pop("held")

        value = d.pop("value", UNSET)

        actual = d.pop("actual", UNSET)

        condition_result = cls(
            path=path,
            field=field,
            operator=operator,
            held=held,
            value=value,
            actual=actual,
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
