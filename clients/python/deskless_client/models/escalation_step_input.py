from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.escalation_step_input_when import EscalationStepInputWhen, check_escalation_step_input_when
from ..models.target import Target, check_target
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.escalation_action_input import EscalationActionInput


T = TypeVar("T", bound="EscalationStepInput")


@_attrs_define
class EscalationStepInput:
    """Fires once per ticket and target: before breach at ``percent`` of the target, or ``minutes`` after it.

    Attributes:
        when (EscalationStepInputWhen):
        actions (list[EscalationActionInput]):
        target (Target | Unset):
        percent (int | None | Unset):
        minutes (int | None | Unset):
    """

    when: EscalationStepInputWhen
    actions: list[EscalationActionInput]
    target: Target | Unset = UNSET
    percent: int | None | Unset = UNSET
    minutes: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        when: str = self.when

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        target: str | Unset = UNSET
        if not isinstance(self.target, Unset):
            target = self.target

        percent: int | None | Unset
        if isinstance(self.percent, Unset):
            percent = UNSET
        else:
            percent = self.percent

        minutes: int | None | Unset
        if isinstance(self.minutes, Unset):
            minutes = UNSET
        else:
            minutes = self.minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "when": when,
                "actions": actions,
            }
        )
        if target is not UNSET:
            field_dict["target"] = target
        if percent is not UNSET:
            field_dict["percent"] = percent
        if minutes is not UNSET:
            field_dict["minutes"] = minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.escalation_action_input import EscalationActionInput  # noqa: PLC0415

        d = dict(src_dict)
        when = check_escalation_step_input_when(d.pop("when"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = EscalationActionInput.from_dict(actions_item_data)

            actions.append(actions_item)

        _target = d.pop("target", UNSET)
        target: Target | Unset
        if isinstance(_target, Unset):
            target = UNSET
        else:
            target = check_target(_target)

        def _parse_percent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percent = _parse_percent(d.pop("percent", UNSET))

        def _parse_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        minutes = _parse_minutes(d.pop("minutes", UNSET))

        escalation_step_input = cls(
            when=when,
            actions=actions,
            target=target,
            percent=percent,
            minutes=minutes,
        )

        return escalation_step_input
