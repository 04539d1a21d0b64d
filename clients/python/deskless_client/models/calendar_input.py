from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.working_hours import WorkingHours


T = TypeVar("T", bound="CalendarInput")


@_attrs_define
class CalendarInput:
    """Business hours; ``hours`` empty means 24x7.

    Attributes:
        timezone (str | Unset):  Default: 'UTC'.
        hours (list[WorkingHours] | Unset):
        holidays (list[datetime.date] | Unset):
    """

    timezone: str | Unset = "UTC"
    hours: list[WorkingHours] | Unset = UNSET
    holidays: list[datetime.date] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        timezone = self.timezone

        hours: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.hours, Unset):
            hours = []
            for hours_item_data in self.hours:
                hours_item = hours_item_data.to_dict()
                hours.append(hours_item)

        holidays: list[str] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = []
            for holidays_item_data in self.holidays:
                holidays_item = holidays_item_data.isoformat()
                holidays.append(holidays_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if hours is not UNSET:
            field_dict["hours"] = hours
        if holidays is not UNSET:
            field_dict["holidays"] = holidays

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_hours import WorkingHours  # noqa: PLC0415

        d = dict(src_dict)
        timezone = d.pop("timezone", UNSET)

        _hours = d.pop("hours", UNSET)
        hours: list[WorkingHours] | Unset = UNSET
        if _hours is not UNSET:
            hours = []
            for hours_item_data in _hours:
                hours_item = WorkingHours.from_dict(hours_item_data)

                hours.append(hours_item)

        _holidays = d.pop("holidays", UNSET)
        holidays: list[datetime.date] | Unset = UNSET
        if _holidays is not UNSET:
            holidays = []
            for holidays_item_data in _holidays:
                holidays_item = datetime.date.fromisoformat(holidays_item_data)

                holidays.append(holidays_item)

        calendar_input = cls(
            timezone=timezone,
            hours=hours,
            holidays=holidays,
        )

        return calendar_input
