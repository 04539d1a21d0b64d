from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_trigger_out_subject import RuleTriggerOutSubject, check_rule_trigger_out_subject
from ..models.trigger_type import TriggerType, check_trigger_type

if TYPE_CHECKING:
    from ..models.rule_field_out import RuleFieldOut


T = TypeVar("T", bound="RuleTriggerOut")


@_attrs_define
class RuleTriggerOut:
    """
    Attributes:
        type_ (TriggerType):
        subject (RuleTriggerOutSubject):
        tests_changes (bool): whether changed / changed_to / changed_from apply
        fields (list[RuleFieldOut]):
        actions (list[str]): the action types this trigger's rules may take
    """

    type_: TriggerType
    subject: RuleTriggerOutSubject
    tests_changes: bool
    fields: list[RuleFieldOut]
    actions: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        subject: str = self.subject

        tests_changes = self.tests_changes

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)

        actions = self.actions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "subject": subject,
                "tests_changes": tests_changes,
                "fields": fields,
                "actions": actions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_field_out import RuleFieldOut  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_trigger_type(d.pop("type"))

        subject = check_rule_trigger_out_subject(d.pop("subject"))

        tests_changes = d.pop("tests_changes")

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = RuleFieldOut.from_dict(fields_item_data)

            fields.append(fields_item)

        actions = cast(list[str], d.pop("actions"))

        rule_trigger_out = cls(
            type_=type_,
            subject=subject,
            tests_changes=tests_changes,
            fields=fields,
            actions=actions,
        )

        rule_trigger_out.additional_properties = d
        return rule_trigger_out

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
