from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_operator_out_value import RuleOperatorOutValue, check_rule_operator_out_value

T = TypeVar("T", bound="RuleOperatorOut")


@_attrs_define
class RuleOperatorOut:
    """
    Attributes:
        operator (str):
        value (RuleOperatorOutValue): what the condition's value is: none (no value), a list, a number, text (a
            pattern), a scalar
    """

    operator: str
    value: RuleOperatorOutValue
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operator = self.operator

        value: str = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "operator": operator,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        operator = d.pop("operator")

        value = check_rule_operator_out_value(d.pop("value"))

        rule_operator_out = cls(
            operator=operator,
            value=value,
        )

        rule_operator_out.additional_properties = d
        return rule_operator_out

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
