from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.technician_status import TechnicianStatus, check_technician_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_hours_input import BusinessHoursInput
    from ..models.certification_input import CertificationInput
    from ..models.service_area_input import ServiceAreaInput


T = TypeVar("T", bound="TechnicianCommand")


@_attrs_define
class TechnicianCommand:
    """
    Attributes:
        user_id (str): an active staff user; one technician per user
        employee_id (str):
        skills (list[str] | Unset):
        certifications (list[CertificationInput] | Unset):
        service_areas (list[ServiceAreaInput] | Unset):
        availability_status (TechnicianStatus | Unset):
        max_jobs_per_day (int | Unset):  Default: 8.
        working_hours (BusinessHoursInput | Unset):
        timezone (str | Unset):  Default: 'UTC'.
        is_active (bool | Unset):  Default: True.
    """

    user_id: str
    employee_id: str
    skills: list[str] | Unset = UNSET
    certifications: list[CertificationInput] | Unset = UNSET
    service_areas: list[ServiceAreaInput] | Unset = UNSET
    availability_status: TechnicianStatus | Unset = UNSET
    max_jobs_per_day: int | Unset = 8
    working_hours: BusinessHoursInput | Unset = UNSET
    timezone: str | Unset = "UTC"
    is_active: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        employee_id = self.employee_id

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        certifications: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.certifications, Unset):
            certifications = []
            for certifications_item_data in self.certifications:
                certifications_item = certifications_item_data.to_dict()
                certifications.append(certifications_item)

        service_areas: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.service_areas, Unset):
            service_areas = []
            for service_areas_item_data in self.service_areas:
                service_areas_item = service_areas_item_data.to_dict()
                service_areas.append(service_areas_item)

        availability_status: str | Unset = UNSET
        if not isinstance(self.availability_status, Unset):
            availability_status = self.availability_status

        max_jobs_per_day = self.max_jobs_per_day

        working_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = self.working_hours.to_dict()

        timezone = self.timezone

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "employee_id": employee_id,
            }
        )
        if skills is not UNSET:
            field_dict["skills"] = skills
        if certifications is not UNSET:
            field_dict["certifications"] = certifications
        if service_areas is not UNSET:
            field_dict["service_areas"] = service_areas
        if availability_status is not UNSET:
            field_dict["availability_status"] = availability_status
        if max_jobs_per_day is not UNSET:
            field_dict["max_jobs_per_day"] = max_jobs_per_day
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_hours_input import BusinessHoursInput  # noqa: PLC0415
        from ..models.certification_input import CertificationInput  # noqa: PLC0415
        from ..models.service_area_input import ServiceAreaInput  # noqa: PLC0415

        d = dict(src_dict)
        user_id = d.pop("user_id")

        employee_id = d.pop("employee_id")

        skills = cast(list[str], d.pop("skills", UNSET))

        _certifications = d.pop("certifications", UNSET)
        certifications: list[CertificationInput] | Unset = UNSET
        if _certifications is not UNSET:
            certifications = []
            for certifications_item_data in _certifications:
                certifications_item = CertificationInput.from_dict(certifications_item_data)

                certifications.append(certifications_item)

        _service_areas = d.pop("service_areas", UNSET)
        service_areas: list[ServiceAreaInput] | Unset = UNSET
        if _service_areas is not UNSET:
            service_areas = []
            for service_areas_item_data in _service_areas:
                service_areas_item = ServiceAreaInput.from_dict(service_areas_item_data)

                service_areas.append(service_areas_item)

        _availability_status = d.pop("availability_status", UNSET)
        availability_status: TechnicianStatus | Unset
        if isinstance(_availability_status, Unset):
            availability_status = UNSET
        else:
            availability_status = check_technician_status(_availability_status)

        max_jobs_per_day = d.pop("max_jobs_per_day", UNSET)

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: BusinessHoursInput | Unset
        if isinstance(_working_hours, Unset):
            working_hours = UNSET
        else:
            working_hours = BusinessHoursInput.from_dict(_working_hours)

        timezone = d.pop("timezone", UNSET)

        is_active = d.pop("is_active", UNSET)

        technician_command = cls(
            user_id=user_id,
            employee_id=employee_id,
            skills=skills,
            certifications=certifications,
            service_areas=service_areas,
            availability_status=availability_status,
            max_jobs_per_day=max_jobs_per_day,
            working_hours=working_hours,
            timezone=timezone,
            is_active=is_active,
        )

        return technician_command
