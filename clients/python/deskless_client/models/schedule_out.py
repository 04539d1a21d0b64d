from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scheduled_job_out import ScheduledJobOut
    from ..models.technician_out import TechnicianOut


T = TypeVar("T", bound="ScheduleOut")


@_attrs_define
class ScheduleOut:
    """
    Attributes:
        technician (TechnicianOut):
        date (datetime.date):
        jobs_on_day (int):
        max_jobs_per_day (int):
        items (list[ScheduledJobOut]):
    """

    technician: TechnicianOut
    date: datetime.date
    jobs_on_day: int
    max_jobs_per_day: int
    items: list[ScheduledJobOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        technician = self.technician.to_dict()

        date = self.date.isoformat()

        jobs_on_day = self.jobs_on_day

        max_jobs_per_day = self.max_jobs_per_day

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "technician": technician,
                "date": date,
                "jobs_on_day": jobs_on_day,
                "max_jobs_per_day": max_jobs_per_day,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scheduled_job_out import ScheduledJobOut  # noqa: PLC0415
        from ..models.technician_out import TechnicianOut  # noqa: PLC0415

        d = dict(src_dict)
        technician = TechnicianOut.from_dict(d.pop("technician"))

        date = datetime.date.fromisoformat(d.pop("date"))

        jobs_on_day = d.pop("jobs_on_day")

        max_jobs_per_day = d.pop("max_jobs_per_day")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ScheduledJobOut.from_dict(items_item_data)

            items.append(items_item)

        schedule_out = cls(
            technician=technician,
            date=date,
            jobs_on_day=jobs_on_day,
            max_jobs_per_day=max_jobs_per_day,
            items=items,
        )

        schedule_out.additional_properties = d
        return schedule_out

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
