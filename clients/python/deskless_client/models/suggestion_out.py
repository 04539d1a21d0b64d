from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.technician_status import TechnicianStatus, check_technician_status

T = TypeVar("T", bound="SuggestionOut")


@_attrs_define
class SuggestionOut:
    """
    Attributes:
        technician_id (str):
        user_id (str):
        employee_id (str):
        rank (int | None): 1 = best; null for excluded technicians
        eligible (bool):
        availability_status (TechnicianStatus):
        jobs_on_day (int):
        max_jobs_per_day (int):
        current_jobs_count (int):
        distance_km (float | None): to the nearest service-area centre; null without coordinates
        reasons (list[str]): why the technician fits, or why not
    """

    technician_id: str
    user_id: str
    employee_id: str
    rank: int | None
    eligible: bool
    availability_status: TechnicianStatus
    jobs_on_day: int
    max_jobs_per_day: int
    current_jobs_count: int
    distance_km: float | None
    reasons: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        technician_id = self.technician_id

        user_id = self.user_id

        employee_id = self.employee_id

        rank: int | None
        rank = self.rank

        eligible = self.eligible

        availability_status: str = self.availability_status

        jobs_on_day = self.jobs_on_day

        max_jobs_per_day = self.max_jobs_per_day

        current_jobs_count = self.current_jobs_count

        distance_km: float | None
        distance_km = self.distance_km

        reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "technician_id": technician_id,
                "user_id": user_id,
                "employee_id": employee_id,
                "rank": rank,
                "eligible": eligible,
                "availability_status": availability_status,
                "jobs_on_day": jobs_on_day,
                "max_jobs_per_day": max_jobs_per_day,
                "current_jobs_count": current_jobs_count,
                "distance_km": distance_km,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        technician_id = d.pop("technician_id")

        user_id = d.pop("user_id")

        employee_id = d.pop("employee_id")

        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))

        eligible = d.pop("eligible")

        availability_status = check_technician_status(d.pop("availability_status"))

        jobs_on_day = d.pop("jobs_on_day")

        max_jobs_per_day = d.pop("max_jobs_per_day")

        current_jobs_count = d.pop("current_jobs_count")

        def _parse_distance_km(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        distance_km = _parse_distance_km(d.pop("distance_km"))

        reasons = cast(list[str], d.pop("reasons"))

        suggestion_out = cls(
            technician_id=technician_id,
            user_id=user_id,
            employee_id=employee_id,
            rank=rank,
            eligible=eligible,
            availability_status=availability_status,
            jobs_on_day=jobs_on_day,
            max_jobs_per_day=max_jobs_per_day,
            current_jobs_count=current_jobs_count,
            distance_km=distance_km,
            reasons=reasons,
        )

        suggestion_out.additional_properties = d
        return suggestion_out

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
