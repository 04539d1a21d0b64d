from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.technician_status import TechnicianStatus, check_technician_status

if TYPE_CHECKING:
    from ..models.business_hours_output import BusinessHoursOutput
    from ..models.certification_output import CertificationOutput
    from ..models.service_area_output import ServiceAreaOutput


T = TypeVar("T", bound="TechnicianOut")


@_attrs_define
class TechnicianOut:
    """
    Attributes:
        id (str):
        user_id (str):
        employee_id (str):
        skills (list[str]):
        certifications (list[CertificationOutput]):
        service_areas (list[ServiceAreaOutput]):
        availability_status (TechnicianStatus):
        max_jobs_per_day (int):
        current_jobs_count (int): open jobs (assigned, accepted, en route, started), exact
        working_hours (BusinessHoursOutput):
        timezone (str):
        is_active (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
    """

    id: str
    user_id: str
    employee_id: str
    skills: list[str]
    certifications: list[CertificationOutput]
    service_areas: list[ServiceAreaOutput]
    availability_status: TechnicianStatus
    max_jobs_per_day: int
    current_jobs_count: int
    working_hours: BusinessHoursOutput
    timezone: str
    is_active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = self.user_id

        employee_id = self.employee_id

        skills = self.skills

        certifications = []
        for certifications_item_data in self.certifications:
            certifications_item = certifications_item_data.to_dict()
            certifications.append(certifications_item)

        service_areas = []
        for service_areas_item_data in self.service_areas:
            service_areas_item = service_areas_item_data.to_dict()
            service_areas.append(service_areas_item)

        availability_status: str = self.availability_status

        max_jobs_per_day = self.max_jobs_per_day

        current_jobs_count = self.current_jobs_count

        working_hours = self.working_hours.to_dict()

        timezone = self.timezone

        is_active = self.is_active

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "employee_id": employee_id,
                "skills": skills,
                "certifications": certifications,
                "service_areas": service_areas,
                "availability_status": availability_status,
                "max_jobs_per_day": max_jobs_per_day,
                "current_jobs_count": current_jobs_count,
                "working_hours": working_hours,
                "timezone": timezone,
                "is_active": is_active,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_hours_output import BusinessHoursOutput  # noqa: PLC0415
        from ..models.certification_output import CertificationOutput  # noqa: PLC0415
        from ..models.service_area_output import ServiceAreaOutput  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("user_id")

        employee_id = d.pop("employee_id")

        skills = cast(list[str], d.pop("skills"))

        certifications = []
        _certifications = d.pop("certifications")
        for certifications_item_data in _certifications:
            certifications_item = CertificationOutput.from_dict(certifications_item_data)

            certifications.append(certifications_item)

        service_areas = []
        _service_areas = d.pop("service_areas")
        for service_areas_item_data in _service_areas:
            service_areas_item = ServiceAreaOutput.from_dict(service_areas_item_data)

            service_areas.append(service_areas_item)

        availability_status = check_technician_status(d.pop("availability_status"))

        max_jobs_per_day = d.pop("max_jobs_per_day")

        current_jobs_count = d.pop("current_jobs_count")

        working_hours = BusinessHoursOutput.from_dict(d.pop("working_hours"))

        timezone = d.pop("timezone")

        is_active = d.pop("is_active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        technician_out = cls(
            id=id,
            user_id=user_id,
            employee_id=employee_id,
            skills=skills,
            certifications=certifications,
            service_areas=service_areas,
            availability_status=availability_status,
            max_jobs_per_day=max_jobs_per_day,
            current_jobs_count=current_jobs_count,
            working_hours=working_hours,
            timezone=timezone,
            is_active=is_active,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        technician_out.additional_properties = d
        return technician_out

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
