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


T = TypeVar("T", bound="TechnicianPatch")


@_attrs_define
class TechnicianPatch:
    """Technicians may change their own ``availability_status``; everything else is for managers.

    Attributes:
        employee_id (str | Unset):
        skills (list[str] | None | Unset):
        certifications (list[CertificationInput] | None | Unset):
        service_areas (list[ServiceAreaInput] | None | Unset):
        availability_status (TechnicianStatus | Unset):
        max_jobs_per_day (int | Unset):
        working_hours (BusinessHoursInput | Unset):
        timezone (str | Unset):
        is_active (bool | Unset):
    """

    employee_id: str | Unset = UNSET
    skills: list[str] | None | Unset = UNSET
    certifications: list[CertificationInput] | None | Unset = UNSET
    service_areas: list[ServiceAreaInput] | None | Unset = UNSET
    availability_status: TechnicianStatus | Unset = UNSET
    max_jobs_per_day: int | Unset = UNSET
    working_hours: BusinessHoursInput | Unset = UNSET
    timezone: str | Unset = UNSET
    is_active: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employee_id = self.employee_id

        skills: list[str] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, list):
            skills = self.skills

        else:
            skills = self.skills

        certifications: list[dict[str, Any]] | None | Unset
        if isinstance(self.certifications, Unset):
            certifications = UNSET
        elif isinstance(self.certifications, list):
            certifications = []
            for certifications_type_0_item_data in self.certifications:
                certifications_type_0_item = certifications_type_0_item_data.to_dict()
                certifications.append(certifications_type_0_item)

        else:
            certifications = self.certifications

        service_areas: list[dict[str, Any]] | None | Unset
        if isinstance(self.service_areas, Unset):
            service_areas = UNSET
        elif isinstance(self.service_areas, list):
            service_areas = []
            for service_areas_type_0_item_data in self.service_areas:
                service_areas_type_0_item = service_areas_type_0_item_data.to_dict()
                service_areas.append(service_areas_type_0_item)

        else:
            service_areas = self.service_areas

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

        field_dict.update({})
        if employee_id is not UNSET:
            field_dict["employee_id"] = employee_id
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
        employee_id = d.pop("employee_id", UNSET)

        def _parse_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skills_type_0 = cast(list[str], data)

                return skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skills = _parse_skills(d.pop("skills", UNSET))

        def _parse_certifications(data: object) -> list[CertificationInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                certifications_type_0 = []
                _certifications_type_0 = data
                for certifications_type_0_item_data in _certifications_type_0:
                    certifications_type_0_item = CertificationInput.from_dict(certifications_type_0_item_data)

                    certifications_type_0.append(certifications_type_0_item)

                return certifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CertificationInput] | None | Unset, data)

        certifications = _parse_certifications(d.pop("certifications", UNSET))

        def _parse_service_areas(data: object) -> list[ServiceAreaInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                service_areas_type_0 = []
                _service_areas_type_0 = data
                for service_areas_type_0_item_data in _service_areas_type_0:
                    service_areas_type_0_item = ServiceAreaInput.from_dict(service_areas_type_0_item_data)

                    service_areas_type_0.append(service_areas_type_0_item)

                return service_areas_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ServiceAreaInput] | None | Unset, data)

        service_areas = _parse_service_areas(d.pop("service_areas", UNSET))

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

        technician_patch = cls(
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

        return technician_patch
