from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.status import Status, check_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_input import CalendarInput
    from ..models.escalation_step_input import EscalationStepInput
    from ..models.sla_conditions_input import SlaConditionsInput
    from ..models.sla_policy_command_priority_overrides import SLAPolicyCommandPriorityOverrides


T = TypeVar("T", bound="SLAPolicyCommand")


@_attrs_define
class SLAPolicyCommand:
    """
    Attributes:
        name (str):
        first_response_hours (float):
        resolution_hours (float):
        description (str | Unset):  Default: ''.
        is_active (bool | Unset):  Default: True.
        order (int | Unset):  Default: 0.
        conditions (SlaConditionsInput | Unset): A ticket matches when every given list contains its value (tags: any of
            them).
        priority_overrides (SLAPolicyCommandPriorityOverrides | Unset):
        calendar (CalendarInput | Unset): Business hours; ``hours`` empty means 24x7.
        pause_statuses (list[Status] | Unset):
        escalation_rules (list[EscalationStepInput] | Unset):
    """

    name: str
    first_response_hours: float
    resolution_hours: float
    description: str | Unset = ""
    is_active: bool | Unset = True
    order: int | Unset = 0
    conditions: SlaConditionsInput | Unset = UNSET
    priority_overrides: SLAPolicyCommandPriorityOverrides | Unset = UNSET
    calendar: CalendarInput | Unset = UNSET
    pause_statuses: list[Status] | Unset = UNSET
    escalation_rules: list[EscalationStepInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        first_response_hours = self.first_response_hours

        resolution_hours = self.resolution_hours

        description = self.description

        is_active = self.is_active

        order = self.order

        conditions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = self.conditions.to_dict()

        priority_overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.priority_overrides, Unset):
            priority_overrides = self.priority_overrides.to_dict()

        calendar: dict[str, Any] | Unset = UNSET
        if not isinstance(self.calendar, Unset):
            calendar = self.calendar.to_dict()

        pause_statuses: list[str] | Unset = UNSET
        if not isinstance(self.pause_statuses, Unset):
            pause_statuses = []
            for pause_statuses_item_data in self.pause_statuses:
                pause_statuses_item: str = pause_statuses_item_data
                pause_statuses.append(pause_statuses_item)

        escalation_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.escalation_rules, Unset):
            escalation_rules = []
            for escalation_rules_item_data in self.escalation_rules:
                escalation_rules_item = escalation_rules_item_data.to_dict()
                escalation_rules.append(escalation_rules_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "first_response_hours": first_response_hours,
                "resolution_hours": resolution_hours,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if order is not UNSET:
            field_dict["order"] = order
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if priority_overrides is not UNSET:
            field_dict["priority_overrides"] = priority_overrides
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if pause_statuses is not UNSET:
            field_dict["pause_statuses"] = pause_statuses
        if escalation_rules is not UNSET:
            field_dict["escalation_rules"] = escalation_rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_input import CalendarInput  # noqa: PLC0415
        from ..models.escalation_step_input import EscalationStepInput  # noqa: PLC0415
        from ..models.sla_conditions_input import SlaConditionsInput  # noqa: PLC0415
        from ..models.sla_policy_command_priority_overrides import SLAPolicyCommandPriorityOverrides  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        first_response_hours = d.pop("first_response_hours")

        resolution_hours = d.pop("resolution_hours")

        description = d.pop("description", UNSET)

        is_active = d.pop("is_active", UNSET)

        order = d.pop("order", UNSET)

        _conditions = d.pop("conditions", UNSET)
        conditions: SlaConditionsInput | Unset
        if isinstance(_conditions, Unset):
            conditions = UNSET
        else:
            conditions = SlaConditionsInput.from_dict(_conditions)

        _priority_overrides = d.pop("priority_overrides", UNSET)
        priority_overrides: SLAPolicyCommandPriorityOverrides | Unset
        if isinstance(_priority_overrides, Unset):
            priority_overrides = UNSET
        else:
            priority_overrides = SLAPolicyCommandPriorityOverrides.from_dict(_priority_overrides)

        _calendar = d.pop("calendar", UNSET)
        calendar: CalendarInput | Unset
        if isinstance(_calendar, Unset):
            calendar = UNSET
        else:
            calendar = CalendarInput.from_dict(_calendar)

        _pause_statuses = d.pop("pause_statuses", UNSET)
        pause_statuses: list[Status] | Unset = UNSET
        if _pause_statuses is not UNSET:
            pause_statuses = []
            for pause_statuses_item_data in _pause_statuses:
                pause_statuses_item = check_status(pause_statuses_item_data)

                pause_statuses.append(pause_statuses_item)

        _escalation_rules = d.pop("escalation_rules", UNSET)
        escalation_rules: list[EscalationStepInput] | Unset = UNSET
        if _escalation_rules is not UNSET:
            escalation_rules = []
            for escalation_rules_item_data in _escalation_rules:
                escalation_rules_item = EscalationStepInput.from_dict(escalation_rules_item_data)

                escalation_rules.append(escalation_rules_item)

        sla_policy_command = cls(
            name=name,
            first_response_hours=first_response_hours,
            resolution_hours=resolution_hours,
            description=description,
            is_active=is_active,
            order=order,
            conditions=conditions,
            priority_overrides=priority_overrides,
            calendar=calendar,
            pause_statuses=pause_statuses,
            escalation_rules=escalation_rules,
        )

        return sla_policy_command
