from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.target_stats import TargetStats


T = TypeVar("T", bound="DayStats")


@_attrs_define
class DayStats:
    """
    Attributes:
        first_response (TargetStats):
        resolution (TargetStats):
        day (datetime.date): a UTC day with SLA activity (days without any are left out)
    """

    first_response: TargetStats
    resolution: TargetStats
    day: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_response = self.first_response.to_dict()

        resolution = self.resolution.to_dict()

        day = self.day.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first_response": first_response,
                "resolution": resolution,
                "day": day,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_stats import TargetStats  # noqa: PLC0415

        d = dict(src_dict)
        first_response = TargetStats.from_dict(d.pop("first_response"))

        resolution = TargetStats.from_dict(d.pop("resolution"))

        day = datetime.date.fromisoformat(d.pop("day"))

        day_stats = cls(
            first_response=first_response,
            resolution=resolution,
            day=day,
        )

        day_stats.additional_properties = d
        return day_stats

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
