from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rule_action_schema_out import RuleActionSchemaOut
    from ..models.rule_operator_out import RuleOperatorOut
    from ..models.rule_trigger_out import RuleTriggerOut


T = TypeVar("T", bound="RuleSchemaOut")


@_attrs_define
class RuleSchemaOut:
    """
    Attributes:
        triggers (list[RuleTriggerOut]):
        operators (list[RuleOperatorOut]):
        actions (list[RuleActionSchemaOut]):
    """

    triggers: list[RuleTriggerOut]
    operators: list[RuleOperatorOut]
    actions: list[RuleActionSchemaOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        triggers = []
        for triggers_item_data in self.triggers:
            triggers_item = triggers_item_data.to_dict()
            triggers.append(triggers_item)

        operators = []
        for operators_item_data in self.operators:
            operators_item = operators_item_data.to_dict()
            operators.append(operators_item)

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "triggers": triggers,
                "operators": operators,
                "actions": actions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_action_schema_out import RuleActionSchemaOut  # noqa: PLC0415
        from ..models.rule_operator_out import RuleOperatorOut  # noqa: PLC0415
        from ..models.rule_trigger_out import RuleTriggerOut  # noqa: PLC0415

        d = dict(src_dict)
        triggers = []
        _triggers = d.pop("triggers")
        for triggers_item_data in _triggers:
            triggers_item = RuleTriggerOut.from_dict(triggers_item_data)

            triggers.append(triggers_item)

        operators = []
        _operators = d.pop("operators")
        for operators_item_data in _operators:
            operators_item = RuleOperatorOut.from_dict(operators_item_data)

            operators.append(operators_item)

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = RuleActionSchemaOut.from_dict(actions_item_data)

            actions.append(actions_item)

        rule_schema_out = cls(
            triggers=triggers,
            operators=operators,
            actions=actions,
        )

        rule_schema_out.additional_properties = d
        return rule_schema_out

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
