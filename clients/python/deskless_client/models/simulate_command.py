from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_rule_command import AutomationRuleCommand


T = TypeVar("T", bound="SimulateCommand")


@_attrs_define
class SimulateCommand:
    """A rule (as it would be POSTed, unsaved) or a saved rule's id, replayed over the last tickets.

    Attributes:
        rule (AutomationRuleCommand | None | Unset): an unsaved rule, as POST /automation-rules takes it
        rule_id (None | str | Unset): a saved rule instead
        last (int | Unset): how many of the newest tickets to replay the rule over Default: 50.
    """

    rule: AutomationRuleCommand | None | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    last: int | Unset = 50

    def to_dict(self) -> dict[str, Any]:
        from ..models.automation_rule_command import AutomationRuleCommand  # noqa: PLC0415

        rule: dict[str, Any] | None | Unset
        if isinstance(self.rule, Unset):
            rule = UNSET
        elif isinstance(self.rule, AutomationRuleCommand):
            rule = self.rule.to_dict()
        else:
            rule = self.rule

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        last = self.last

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if rule is not UNSET:
            field_dict["rule"] = rule
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if last is not UNSET:
            field_dict["last"] = last

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_rule_command import AutomationRuleCommand  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_rule(data: object) -> AutomationRuleCommand | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_0 = AutomationRuleCommand.from_dict(data)

                return rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationRuleCommand | None | Unset, data)

        rule = _parse_rule(d.pop("rule", UNSET))

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))

        last = d.pop("last", UNSET)

        simulate_command = cls(
            rule=rule,
            rule_id=rule_id,
            last=last,
        )

        return simulate_command
