from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BusinessHoursOutput")


@_attrs_define
class BusinessHoursOutput:
    """
    Attributes:
        days (list[int]):
        start (str):  Default: '09:00'.
        end (str):  Default: '17:00'.
    """

    days: list[int]
    start: str = "09:00"
    end: str = "17:00"

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days = cast(list[int], d.pop("days"))

        start = d.pop("start")

        end = d.pop("end")

        business_hours_output = cls(
            days=days,
            start=start,
            end=end,
        )

        return business_hours_output
