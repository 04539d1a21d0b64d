from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..models.work_order_status import WorkOrderStatus, check_work_order_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location_input import LocationInput
    from ..models.work_order_patch_custom_fields import WorkOrderPatchCustomFields


T = TypeVar("T", bound="WorkOrderPatch")


@_attrs_define
class WorkOrderPatch:
    """
    Attributes:
        title (str | Unset):
        description (None | str | Unset):
        status (WorkOrderStatus | Unset):
        priority (Priority | Unset):
        location (LocationInput | None | Unset):
        scheduled_at (datetime.datetime | None | Unset): null unschedules (only without assignments)
        expected_duration_minutes (int | Unset):
        required_skills (list[str] | None | Unset):
        required_certifications (list[str] | None | Unset):
        custom_fields (WorkOrderPatchCustomFields | Unset):
    """

    title: str | Unset = UNSET
    description: None | str | Unset = UNSET
    status: WorkOrderStatus | Unset = UNSET
    priority: Priority | Unset = UNSET
    location: LocationInput | None | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    expected_duration_minutes: int | Unset = UNSET
    required_skills: list[str] | None | Unset = UNSET
    required_certifications: list[str] | None | Unset = UNSET
    custom_fields: WorkOrderPatchCustomFields | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_input import LocationInput  # noqa: PLC0415

        title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority

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

        required_skills: list[str] | None | Unset
        if isinstance(self.required_skills, Unset):
            required_skills = UNSET
        elif isinstance(self.required_skills, list):
            required_skills = self.required_skills

        else:
            required_skills = self.required_skills

        required_certifications: list[str] | None | Unset
        if isinstance(self.required_certifications, Unset):
            required_certifications = UNSET
        elif isinstance(self.required_certifications, list):
            required_certifications = self.required_certifications

        else:
            required_certifications = self.required_certifications

        custom_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = self.custom_fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if priority is not UNSET:
            field_dict["priority"] = priority
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
        from ..models.work_order_patch_custom_fields import WorkOrderPatchCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _status = d.pop("status", UNSET)
        status: WorkOrderStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_work_order_status(_status)

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = check_priority(_priority)

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

        def _parse_required_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                required_skills_type_0 = cast(list[str], data)

                return required_skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        required_skills = _parse_required_skills(d.pop("required_skills", UNSET))

        def _parse_required_certifications(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                required_certifications_type_0 = cast(list[str], data)

                return required_certifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        required_certifications = _parse_required_certifications(d.pop("required_certifications", UNSET))

        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: WorkOrderPatchCustomFields | Unset
        if isinstance(_custom_fields, Unset):
            custom_fields = UNSET
        else:
            custom_fields = WorkOrderPatchCustomFields.from_dict(_custom_fields)

        work_order_patch = cls(
            title=title,
            description=description,
            status=status,
            priority=priority,
            location=location,
            scheduled_at=scheduled_at,
            expected_duration_minutes=expected_duration_minutes,
            required_skills=required_skills,
            required_certifications=required_certifications,
            custom_fields=custom_fields,
        )

        return work_order_patch
