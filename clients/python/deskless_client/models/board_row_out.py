from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scheduled_job_out import ScheduledJobOut
    from ..models.technician_out import TechnicianOut


T = TypeVar("T", bound="BoardRowOut")


@_attrs_define
class BoardRowOut:
    """
    Attributes:
        technician (TechnicianOut):
        jobs (list[ScheduledJobOut]): the technician's jobs in the range, in schedule order
        more_jobs (bool): more than 100 jobs in the range: read the rest at /technicians/{id}/jobs
    """

    technician: TechnicianOut
    jobs: list[ScheduledJobOut]
    more_jobs: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        technician = self.technician.to_dict()

        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        more_jobs = self.more_jobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "technician": technician,
                "jobs": jobs,
                "more_jobs": more_jobs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scheduled_job_out import ScheduledJobOut  # noqa: PLC0415
        from ..models.technician_out import TechnicianOut  # noqa: PLC0415

        d = dict(src_dict)
        technician = TechnicianOut.from_dict(d.pop("technician"))

        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = ScheduledJobOut.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        more_jobs = d.pop("more_jobs")

        board_row_out = cls(
            technician=technician,
            jobs=jobs,
            more_jobs=more_jobs,
        )

        board_row_out.additional_properties = d
        return board_row_out

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
