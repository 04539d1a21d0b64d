from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.status import Status, check_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_input import CalendarInput
    from ..models.escalation_step_input import EscalationStepInput
    from ..models.sla_conditions_input import SlaConditionsInput
    from ..models.sla_policy_patch_priority_overrides_type_0 import SLAPolicyPatchPriorityOverridesType0


T = TypeVar("T", bound="SLAPolicyPatch")


@_attrs_define
class SLAPolicyPatch:
    """
    Attributes:
        name (str | Unset):
        description (None | str | Unset):
        is_active (bool | Unset):
        order (int | Unset):
        conditions (SlaConditionsInput | Unset): A ticket matches when every given list contains its value (tags: any of
            them).
        first_response_hours (float | Unset):
        resolution_hours (float | Unset):
        priority_overrides (None | SLAPolicyPatchPriorityOverridesType0 | Unset):
        calendar (CalendarInput | Unset): Business hours; ``hours`` empty means 24x7.
        pause_statuses (list[Status] | Unset):
        escalation_rules (list[EscalationStepInput] | None | Unset):
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET
    order: int | Unset = UNSET
    conditions: SlaConditionsInput | Unset = UNSET
    first_response_hours: float | Unset = UNSET
    resolution_hours: float | Unset = UNSET
    priority_overrides: None | SLAPolicyPatchPriorityOverridesType0 | Unset = UNSET
    calendar: CalendarInput | Unset = UNSET
    pause_statuses: list[Status] | Unset = UNSET
    escalation_rules: list[EscalationStepInput] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_policy_patch_priority_overrides_type_0 import SLAPolicyPatchPriorityOverridesType0  # noqa: PLC0415

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_active = self.is_active

        order = self.order

        conditions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = self.conditions.to_dict()

        first_response_hours = self.first_response_hours

        resolution_hours = self.resolution_hours

        priority_overrides: dict[str, Any] | None | Unset
        if isinstance(self.priority_overrides, Unset):
            priority_overrides = UNSET
        elif isinstance(self.priority_overrides, SLAPolicyPatchPriorityOverridesType0):
            priority_overrides = self.priority_overrides.to_dict()
        else:
            priority_overrides = self.priority_overrides

        calendar: dict[str, Any] | Unset = UNSET
        if not isinstance(self.calendar, Unset):
            calendar = self.calendar.to_dict()

        pause_statuses: list[str] | Unset = UNSET
        if not isinstance(self.pause_statuses, Unset):
            pause_statuses = []
            for pause_statuses_item_data in self.pause_statuses:
                pause_statuses_item: str = pause_statuses_item_data
                pause_statuses.append(pause_statuses_item)

        escalation_rules: list[dict[str, Any]] | None | Unset
        if isinstance(self.escalation_rules, Unset):
            escalation_rules = UNSET
        elif isinstance(self.escalation_rules, list):
            escalation_rules = []
            for escalation_rules_type_0_item_data in self.escalation_rules:
                escalation_rules_type_0_item = escalation_rules_type_0_item_data.to_dict()
                escalation_rules.append(escalation_rules_type_0_item)

        else:
            escalation_rules = self.escalation_rules

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if order is not UNSET:
            field_dict["order"] = order
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if first_response_hours is not UNSET:
            field_dict["first_response_hours"] = first_response_hours
        if resolution_hours is not UNSET:
            field_dict["resolution_hours"] = resolution_hours
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
        from ..models.sla_policy_patch_priority_overrides_type_0 import SLAPolicyPatchPriorityOverridesType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        is_active = d.pop("is_active", UNSET)

        order = d.pop("order", UNSET)

        _conditions = d.pop("conditions", UNSET)
        conditions: SlaConditionsInput | Unset
        if isinstance(_conditions, Unset):
            conditions = UNSET
        else:
            conditions = SlaConditionsInput.from_dict(_conditions)

        first_response_hours = d.pop("first_response_hours", UNSET)

        resolution_hours = d.pop("resolution_hours", UNSET)

        def _parse_priority_overrides(data: object) -> None | SLAPolicyPatchPriorityOverridesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                priority_overrides_type_0 = SLAPolicyPatchPriorityOverridesType0.from_dict(data)

                return priority_overrides_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SLAPolicyPatchPriorityOverridesType0 | Unset, data)

        priority_overrides = _parse_priority_overrides(d.pop("priority_overrides", UNSET))

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

        def _parse_escalation_rules(data: object) -> list[EscalationStepInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                escalation_rules_type_0 = []
                _escalation_rules_type_0 = data
                for escalation_rules_type_0_item_data in _escalation_rules_type_0:
                    escalation_rules_type_0_item = EscalationStepInput.from_dict(escalation_rules_type_0_item_data)

                    escalation_rules_type_0.append(escalation_rules_type_0_item)

                return escalation_rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EscalationStepInput] | None | Unset, data)

        escalation_rules = _parse_escalation_rules(d.pop("escalation_rules", UNSET))

        sla_policy_patch = cls(
            name=name,
            description=description,
            is_active=is_active,
            order=order,
            conditions=conditions,
            first_response_hours=first_response_hours,
            resolution_hours=resolution_hours,
            priority_overrides=priority_overrides,
            calendar=calendar,
            pause_statuses=pause_statuses,
            escalation_rules=escalation_rules,
        )

        return sla_policy_patch
