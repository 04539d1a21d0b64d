from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.working_hours import WorkingHours


T = TypeVar("T", bound="CalendarOutput")


@_attrs_define
class CalendarOutput:
    """Business hours; ``hours`` empty means 24x7.

    Attributes:
        timezone (str):  Default: 'UTC'.
        hours (list[WorkingHours]):
        holidays (list[datetime.date]):
    """

    hours: list[WorkingHours]
    holidays: list[datetime.date]
    timezone: str = "UTC"

    def to_dict(self) -> dict[str, Any]:
        timezone = self.timezone

        hours = []
        for hours_item_data in self.hours:
            hours_item = hours_item_data.to_dict()
            hours.append(hours_item)

        holidays = []
        for holidays_item_data in self.holidays:
            holidays_item = holidays_item_data.isoformat()
            holidays.append(holidays_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "timezone": timezone,
                "hours": hours,
                "holidays": holidays,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_hours import WorkingHours  # noqa: PLC0415

        d = dict(src_dict)
        timezone = d.pop("timezone")

        hours = []
        _hours = d.pop("hours")
        for hours_item_data in _hours:
            hours_item = WorkingHours.from_dict(hours_item_data)

            hours.append(hours_item)

        holidays = []
        _holidays = d.pop("holidays")
        for holidays_item_data in _holidays:
            holidays_item = datetime.date.fromisoformat(holidays_item_data)

            holidays.append(holidays_item)

        calendar_output = cls(
            timezone=timezone,
            hours=hours,
            holidays=holidays,
        )

        return calendar_output
