from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_field_out_kind import RuleFieldOutKind, check_rule_field_out_kind

if TYPE_CHECKING:
    from ..models.rule_operator_out import RuleOperatorOut


T = TypeVar("T", bound="RuleFieldOut")


@_attrs_define
class RuleFieldOut:
    """
    Attributes:
        name (str): the condition's `field`
        kind (RuleFieldOutKind):
        choices (list[str]): the values a choice field takes
        operators (list[RuleOperatorOut]): the operators offered for this field and trigger
    """

    name: str
    kind: RuleFieldOutKind
    choices: list[str]
    operators: list[RuleOperatorOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind: str = self.kind

        choices = self.choices

        operators = []
        for operators_item_data in self.operators:
            operators_item = operators_item_data.to_dict()
            operators.append(operators_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "choices": choices,
                "operators": operators,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_operator_out import RuleOperatorOut  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        kind = check_rule_field_out_kind(d.pop("kind"))

        choices = cast(list[str], d.pop("choices"))

        operators = []
        _operators = d.pop("operators")
        for operators_item_data in _operators:
            operators_item = RuleOperatorOut.from_dict(operators_item_data)

            operators.append(operators_item)

        rule_field_out = cls(
            name=name,
            kind=kind,
            choices=choices,
            operators=operators,
        )

        rule_field_out.additional_properties = d
        return rule_field_out

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
