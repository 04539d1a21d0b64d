from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status, check_status

if TYPE_CHECKING:
    from ..models.calendar_output import CalendarOutput
    from ..models.escalation_step_output import EscalationStepOutput
    from ..models.sla_conditions_output import SlaConditionsOutput
    from ..models.sla_policy_out_priority_overrides import SLAPolicyOutPriorityOverrides


T = TypeVar("T", bound="SLAPolicyOut")


@_attrs_define
class SLAPolicyOut:
    """
    Attributes:
        id (str):
        name (str):
        description (str):
        is_active (bool):
        order (int):
        conditions (SlaConditionsOutput): A ticket matches when every given list contains its value (tags: any of them).
        first_response_hours (float):
        resolution_hours (float):
        priority_overrides (SLAPolicyOutPriorityOverrides):
        calendar (CalendarOutput): Business hours; ``hours`` empty means 24x7.
        pause_statuses (list[Status]):
        escalation_rules (list[EscalationStepOutput]):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
    """

    id: str
    name: str
    description: str
    is_active: bool
    order: int
    conditions: SlaConditionsOutput
    first_response_hours: float
    resolution_hours: float
    priority_overrides: SLAPolicyOutPriorityOverrides
    calendar: CalendarOutput
    pause_statuses: list[Status]
    escalation_rules: list[EscalationStepOutput]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        is_active = self.is_active

        order = self.order

        conditions = self.conditions.to_dict()

        first_response_hours = self.first_response_hours

        resolution_hours = self.resolution_hours

        priority_overrides = self.priority_overrides.to_dict()

        calendar = self.calendar.to_dict()

        pause_statuses = []
        for pause_statuses_item_data in self.pause_statuses:
            pause_statuses_item: str = pause_statuses_item_data
            pause_statuses.append(pause_statuses_item)

        escalation_rules = []
        for escalation_rules_item_data in self.escalation_rules:
            escalation_rules_item = escalation_rules_item_data.to_dict()
            escalation_rules.append(escalation_rules_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "is_active": is_active,
                "order": order,
                "conditions": conditions,
                "first_response_hours": first_response_hours,
                "resolution_hours": resolution_hours,
                "priority_overrides": priority_overrides,
                "calendar": calendar,
                "pause_statuses": pause_statuses,
                "escalation_rules": escalation_rules,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_output import CalendarOutput  # noqa: PLC0415
        from ..models.escalation_step_output import EscalationStepOutput  # noqa: PLC0415
        from ..models.sla_conditions_output import SlaConditionsOutput  # noqa: PLC0415
        from ..models.sla_policy_out_priority_overrides import SLAPolicyOutPriorityOverrides  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        is_active = d.pop("is_active")

        order = d.pop("order")

        conditions = SlaConditionsOutput.from_dict(d.pop("conditions"))

        first_response_hours = d.pop("first_response_hours")

        resolution_hours = d.pop("resolution_hours")

        priority_overrides = SLAPolicyOutPriorityOverrides.from_dict(d.pop("priority_overrides"))

        calendar = CalendarOutput.from_dict(d.pop("calendar"))

        pause_statuses = []
        _pause_statuses = d.pop("pause_statuses")
        for pause_statuses_item_data in _pause_statuses:
            pause_statuses_item = check_status(pause_statuses_item_data)

            pause_statuses.append(pause_statuses_item)

        escalation_rules = []
        _escalation_rules = d.pop("escalation_rules")
        for escalation_rules_item_data in _escalation_rules:
            escalation_rules_item = EscalationStepOutput.from_dict(escalation_rules_item_data)

            escalation_rules.append(escalation_rules_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        sla_policy_out = cls(
            id=id,
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
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        sla_policy_out.additional_properties = d
        return sla_policy_out

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
