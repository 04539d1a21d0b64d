from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rule_parameter_out import RuleParameterOut


T = TypeVar("T", bound="RuleActionSchemaOut")


@_attrs_define
class RuleActionSchemaOut:
    """
    Attributes:
        type_ (str):
        description (str):
        parameters (list[RuleParameterOut]):
    """

    type_: str
    description: str
    parameters: list[RuleParameterOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        description = self.description

        parameters = []
        for parameters_item_data in self.parameters:
            parameters_item = parameters_item_data.to_dict()
            parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "description": description,
                "parameters": parameters,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_parameter_out import RuleParameterOut  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        description = d.pop("description")

        parameters = []
        _parameters = d.pop("parameters")
        for parameters_item_data in _parameters:
            parameters_item = RuleParameterOut.from_dict(parameters_item_data)

            parameters.append(parameters_item)

        rule_action_schema_out = cls(
            type_=type_,
            description=description,
            parameters=parameters,
        )

        rule_action_schema_out.additional_properties = d
        return rule_action_schema_out

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
