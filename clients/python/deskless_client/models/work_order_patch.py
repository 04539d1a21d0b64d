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
    from ..models.work_order_patch_custom_fields_type_0 import WorkOrderPatchCustomFieldsType0


T = TypeVar("T", bound="WorkOrderPatch")


@_attrs_define
class WorkOrderPatch:
    """
    Attributes:
        title (None | str | Unset):
        description (None | str | Unset):
        status (None | Unset | WorkOrderStatus):
        priority (None | Priority | Unset):
        location (LocationInput | None | Unset):
        scheduled_at (datetime.datetime | None | Unset): null unschedules (only without assignments)
        expected_duration_minutes (int | None | Unset):
        required_skills (list[str] | None | Unset):
        required_certifications (list[str] | None | Unset):
        custom_fields (None | Unset | WorkOrderPatchCustomFieldsType0):
    """

    title: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    status: None | Unset | WorkOrderStatus = UNSET
    priority: None | Priority | Unset = UNSET
    location: LocationInput | None | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    expected_duration_minutes: int | None | Unset = UNSET
    required_skills: list[str] | None | Unset = UNSET
    required_certifications: list[str] | None | Unset = UNSET
    custom_fields: None | Unset | WorkOrderPatchCustomFieldsType0 = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.location_input import LocationInput  # noqa: PLC0415
        from ..models.work_order_patch_custom_fields_type_0 import WorkOrderPatchCustomFieldsType0  # noqa: PLC0415

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, str):
            priority = self.priority
        else:
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

        expected_duration_minutes: int | None | Unset
        if isinstance(self.expected_duration_minutes, Unset):
            expected_duration_minutes = UNSET
        else:
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

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, WorkOrderPatchCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

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
        from ..models.work_order_patch_custom_fields_type_0 import WorkOrderPatchCustomFieldsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_status(data: object) -> None | Unset | WorkOrderStatus:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_work_order_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkOrderStatus, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = check_priority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

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

        def _parse_expected_duration_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_duration_minutes = _parse_expected_duration_minutes(d.pop("expected_duration_minutes", UNSET))

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

        def _parse_custom_fields(data: object) -> None | Unset | WorkOrderPatchCustomFieldsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = WorkOrderPatchCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WorkOrderPatchCustomFieldsType0, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

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
