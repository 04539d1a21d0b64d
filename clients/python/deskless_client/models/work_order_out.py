from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority, check_priority
from ..models.work_order_status import WorkOrderStatus, check_work_order_status

if TYPE_CHECKING:
    from ..models.location_output import LocationOutput
    from ..models.work_order_out_custom_fields import WorkOrderOutCustomFields


T = TypeVar("T", bound="WorkOrderOut")


@_attrs_define
class WorkOrderOut:
    """
    Attributes:
        number (int):
        work_order_number (str):
        title (str):
        description (str):
        status (WorkOrderStatus):
        priority (Priority):
        customer_id (None | str):
        created_by_id (str):
        technician_id (None | str): the lead technician (the first one holding a slot)
        assigned_technician_ids (list[str]):
        location (LocationOutput | None):
        scheduled_at (datetime.datetime | None):
        expected_duration_minutes (int):
        completed_at (datetime.datetime | None):
        required_skills (list[str]):
        required_certifications (list[str]):
        custom_fields (WorkOrderOutCustomFields):
        ticket_number (None | str): the ticket this work order was created from
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
    """

    number: int
    work_order_number: str
    title: str
    description: str
    status: WorkOrderStatus
    priority: Priority
    customer_id: None | str
    created_by_id: str
    technician_id: None | str
    assigned_technician_ids: list[str]
    location: LocationOutput | None
    scheduled_at: datetime.datetime | None
    expected_duration_minutes: int
    completed_at: datetime.datetime | None
    required_skills: list[str]
    required_certifications: list[str]
    custom_fields: WorkOrderOutCustomFields
    ticket_number: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_output import LocationOutput  # noqa: PLC0415

        number = self.number

        work_order_number = self.work_order_number

        title = self.title

        description = self.description

        status: str = self.status

        priority: str = self.priority

        customer_id: None | str
        customer_id = self.customer_id

        created_by_id = self.created_by_id

        technician_id: None | str
        technician_id = self.technician_id

        assigned_technician_ids = self.assigned_technician_ids

        location: dict[str, Any] | None
        if isinstance(self.location, LocationOutput):
            location = self.location.to_dict()
        else:
            location = self.location

        scheduled_at: None | str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        expected_duration_minutes = self.expected_duration_minutes

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        required_skills = self.required_skills

        required_certifications = self.required_certifications

        custom_fields = self.custom_fields.to_dict()

        ticket_number: None | str
        ticket_number = self.ticket_number

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "work_order_number": work_order_number,
                "title": title,
                "description": description,
                "status": status,
                "priority": priority,
                "customer_id": customer_id,
                "created_by_id": created_by_id,
                "technician_id": technician_id,
                "assigned_technician_ids": assigned_technician_ids,
                "location": location,
                "scheduled_at": scheduled_at,
                "expected_duration_minutes": expected_duration_minutes,
                "completed_at": completed_at,
                "required_skills": required_skills,
                "required_certifications": required_certifications,
                "custom_fields": custom_fields,
                "ticket_number": ticket_number,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.location_output import LocationOutput  # noqa: PLC0415
        from ..models.work_order_out_custom_fields import WorkOrderOutCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number")

        work_order_number = d.pop("work_order_number")

        title = d.pop("title")

        description = d.pop("description")

        status = check_work_order_status(d.pop("status"))

        priority = check_priority(d.pop("priority"))

        def _parse_customer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_id = _parse_customer_id(d.pop("customer_id"))

        created_by_id = d.pop("created_by_id")

        def _parse_technician_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        technician_id = _parse_technician_id(d.pop("technician_id"))

        assigned_technician_ids = cast(list[str], d.pop("assigned_technician_ids"))

        def _parse_location(data: object) -> LocationOutput | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = LocationOutput.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocationOutput | None, data)

        location = _parse_location(d.pop("location"))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))

        expected_duration_minutes = d.pop("expected_duration_minutes")

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        required_skills = cast(list[str], d.pop("required_skills"))

        required_certifications = cast(list[str], d.pop("required_certifications"))

        custom_fields = WorkOrderOutCustomFields.from_dict(d.pop("custom_fields"))

        def _parse_ticket_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ticket_number = _parse_ticket_number(d.pop("ticket_number"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        work_order_out = cls(
            number=number,
            work_order_number=work_order_number,
            title=title,
            description=description,
            status=status,
            priority=priority,
            customer_id=customer_id,
            created_by_id=created_by_id,
            technician_id=technician_id,
            assigned_technician_ids=assigned_technician_ids,
            location=location,
            scheduled_at=scheduled_at,
            expected_duration_minutes=expected_duration_minutes,
            completed_at=completed_at,
            required_skills=required_skills,
            required_certifications=required_certifications,
            custom_fields=custom_fields,
            ticket_number=ticket_number,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        work_order_out.additional_properties = d
        return work_order_out

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
