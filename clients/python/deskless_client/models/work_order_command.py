from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location_input import LocationInput
    from ..models.work_order_command_custom_fields import WorkOrderCommandCustomFields


T = TypeVar("T", bound="WorkOrderCommand")


@_attrs_define
class WorkOrderCommand:
    """
    Attributes:
        title (str):
        description (str | Unset):  Default: ''.
        priority (Priority | Unset):
        customer_id (None | str | Unset): a customer-role user; from a ticket: its requester
        ticket_number (None | str | Unset): create from this ticket (linked both ways)
        location (LocationInput | None | Unset):
        scheduled_at (datetime.datetime | None | Unset): setting it moves a new work order to scheduled
        expected_duration_minutes (int | Unset):  Default: 60.
        required_skills (list[str] | Unset):
        required_certifications (list[str] | Unset):
        custom_fields (WorkOrderCommandCustomFields | Unset):
    """

    title: str
    description: str | Unset = ""
    priority: Priority | Unset = UNSET
    customer_id: None | str | Unset = UNSET
    ticket_number: None | str | Unset = UNSET
    location: LocationInput | None | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    expected_duration_minutes: int | Unset = 60
    required_skills: list[str] | Unset = UNSET
    required_certifications: list[str] | Unset = UNSET
    custom_fields: WorkOrderCommandCustomFields | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_input import LocationInput  # noqa: PLC0415

        title = self.title

        description = self.description

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority

        customer_id: None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        ticket_number: None | str | Unset
        if isinstance(self.ticket_number, Unset):
            ticket_number = UNSET
        else:
            ticket_number = self.ticket_number

        location: dict[str, Any] | None | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        elif isinstance(self.location, LocationInput):
            location = self.location.to_dict()
        else:
            location = self.location

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        expected_duration_minutes = self.expected_duration_minutes

        required_skills: list[str] | Unset = UNSET
        if not isinstance(self.required_skills, Unset):
            required_skills = self.required_skills

        required_certifications: list[str] | Unset = UNSET
        if not isinstance(self.required_certifications, Unset):
            required_certifications = self.required_certifications

        custom_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = self.custom_fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if priority is not UNSET:
            field_dict["priority"] = priority
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if ticket_number is not UNSET:
            field_dict["ticket_number"] = ticket_number
        if location is not UNSET:
            field_dict["location"] = location
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if expected_duration_minutes is not UNSET:
            field_dict["expected_duration_minutes"] = expected_duration_minutes
        if required_skills is not UNSET:
            field_dict["required_skills"] = required_skills
        if required_certifications is not UNSET:
            field_dict["required_certifications"] = required_certifications
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location_input import LocationInput  # noqa: PLC0415
        from ..models.work_order_command_custom_fields import WorkOrderCommandCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        description = d.pop("description", UNSET)

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = check_priority(_priority)

        def _parse_customer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))

        def _parse_ticket_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ticket_number = _parse_ticket_number(d.pop("ticket_number", UNSET))

        def _parse_location(data: object) -> LocationInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = LocationInput.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocationInput | None | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        expected_duration_minutes = d.pop("expected_duration_minutes", UNSET)

        required_skills = cast(list[str], d.pop("required_skills", UNSET))

        required_certifications = cast(list[str], d.pop("required_certifications", UNSET))

        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: WorkOrderCommandCustomFields | Unset
        if isinstance(_custom_fields, Unset):
            custom_fields = UNSET
        else:
            custom_fields = WorkOrderCommandCustomFields.from_dict(_custom_fields)

        work_order_command = cls(
            title=title,
            description=description,
            priority=priority,
            customer_id=customer_id,
            ticket_number=ticket_number,
            location=location,
            scheduled_at=scheduled_at,
            expected_duration_minutes=expected_duration_minutes,
            required_skills=required_skills,
            required_certifications=required_certifications,
            custom_fields=custom_fields,
        )

        return work_order_command
