from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.working_hours import WorkingHours


T = TypeVar("T", bound="BusinessHoursUsed")


@_attrs_define
class BusinessHoursUsed:
    """
    Attributes:
        timezone (str):
        always_open (bool): no weekly hours: counted 24x7
        hours (list[WorkingHours]):
        holidays_in_range (list[datetime.date]): the calendar's holidays between creation and resolution due
    """

    timezone: str
    always_open: bool
    hours: list[WorkingHours]
    holidays_in_range: list[datetime.date]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timezone = self.timezone

        always_open = self.always_open

        hours = []
        for hours_item_data in self.hours:
            hours_item = hours_item_data.to_dict()
            hours.append(hours_item)

        holidays_in_range = []
        for holidays_in_range_item_data in self.holidays_in_range:
            holidays_in_range_item = holidays_in_range_item_data.isoformat()
            holidays_in_range.append(holidays_in_range_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timezone": timezone,
                "always_open": always_open,
                "hours": hours,
                "holidays_in_range": holidays_in_range,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.working_hours import WorkingHours  # noqa: PLC0415

        d = dict(src_dict)
        timezone = d.pop("timezone")

        always_open = d.pop("always_open")

        hours = []
        _hours = d.pop("hours")
        for hours_item_data in _hours:
            hours_item = WorkingHours.from_dict(hours_item_data)

            hours.append(hours_item)

        holidays_in_range = []
        _holidays_in_range = d.pop("holidays_in_range")
        for holidays_in_range_item_data in _holidays_in_range:
            holidays_in_range_item = datetime.date.fromisoformat(holidays_in_range_item_data)

            holidays_in_range.append(holidays_in_range_item)

        business_hours_used = cls(
            timezone=timezone,
            always_open=always_open,
            hours=hours,
            holidays_in_range=holidays_in_range,
        )

        business_hours_used.additional_properties = d
        return business_hours_used

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
