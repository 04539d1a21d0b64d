from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.escalation_step_output_when import EscalationStepOutputWhen, check_escalation_step_output_when
from ..models.target import Target, check_target

if TYPE_CHECKING:
    from ..models.escalation_action_output import EscalationActionOutput


T = TypeVar("T", bound="EscalationStepOutput")


@_attrs_define
class EscalationStepOutput:
    """Fires once per ticket and target: before breach at ``percent`` of the target, or ``minutes`` after it.

    Attributes:
        target (Target):
        when (EscalationStepOutputWhen):
        percent (int | None):
        minutes (int | None):
        actions (list[EscalationActionOutput]):
    """

    target: Target
    when: EscalationStepOutputWhen
    percent: int | None
    minutes: int | None
    actions: list[EscalationActionOutput]

    def to_dict(self) -> dict[str, Any]:
        target: str = self.target

        when: str = self.when

        percent: int | None
        percent = self.percent

        minutes: int | None
        minutes = self.minutes

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "when": when,
                "percent": percent,
                "minutes": minutes,
                "actions": actions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.escalation_action_output import EscalationActionOutput  # noqa: PLC0415

        d = dict(src_dict)
        target = check_target(d.pop("target"))

        when = check_escalation_step_output_when(d.pop("when"))

        def _parse_percent(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        percent = _parse_percent(d.pop("percent"))

        def _parse_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        minutes = _parse_minutes(d.pop("minutes"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = EscalationActionOutput.from_dict(actions_item_data)

            actions.append(actions_item)

        escalation_step_output = cls(
            target=target,
            when=when,
            percent=percent,
            minutes=minutes,
            actions=actions,
        )

        return escalation_step_output
