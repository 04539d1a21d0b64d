from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TargetStats")


@_attrs_define
class TargetStats:
    """
    Attributes:
        met (int):
        breached (int):
        met_rate (float | None): met / (met + breached); null when nothing was decided
        breach_rate (float | None):
        completed (int): targets completed in the period (first replies / resolutions)
        median_seconds (float | None): from a fixed histogram: exact to the bucket, interpolated in it
        median_business_seconds (float | None):
        mean_seconds (float | None):
        mean_business_seconds (float | None):
    """

    met: int
    breached: int
    met_rate: float | None
    breach_rate: float | None
    completed: int
    median_seconds: float | None
    median_business_seconds: float | None
    mean_seconds: float | None
    mean_business_seconds: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        met = self.met

        breached = self.breached

        met_rate: float | None
        met_rate = self.met_rate

        breach_rate: float | None
        breach_rate = self.breach_rate

        completed = self.completed

        median_seconds: float | None
        median_seconds = self.median_seconds

        median_business_seconds: float | None
        median_business_seconds = self.median_business_seconds

        mean_seconds: float | None
        mean_seconds = self.mean_seconds

        mean_business_seconds: float | None
        mean_business_seconds = self.mean_business_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "met": met,
                "breached": breached,
                "met_rate": met_rate,
                "breach_rate": breach_rate,
                "completed": completed,
                "median_seconds": median_seconds,
                "median_business_seconds": median_business_seconds,
                "mean_seconds": mean_seconds,
                "mean_business_seconds": mean_business_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        met = d.pop("met")

        breached = d.pop("breached")

        def _parse_met_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        met_rate = _parse_met_rate(d.pop("met_rate"))

        def _parse_breach_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        breach_rate = _parse_breach_rate(d.pop("breach_rate"))

        completed = d.pop("completed")

        def _parse_median_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_seconds = _parse_median_seconds(d.pop("median_seconds"))

        def _parse_median_business_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_business_seconds = _parse_median_business_seconds(d.pop("median_business_seconds"))

        def _parse_mean_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_seconds = _parse_mean_seconds(d.pop("mean_seconds"))

        def _parse_mean_business_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_business_seconds = _parse_mean_business_seconds(d.pop("mean_business_seconds"))

        target_stats = cls(
            met=met,
            breached=breached,
            met_rate=met_rate,
            breach_rate=breach_rate,
            completed=completed,
            median_seconds=median_seconds,
            median_business_seconds=median_business_seconds,
            mean_seconds=mean_seconds,
            mean_business_seconds=mean_business_seconds,
        )

        target_stats.additional_properties = d
        return target_stats

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
