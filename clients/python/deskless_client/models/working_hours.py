from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WorkingHours")


@_attrs_define
class WorkingHours:
    """
    Attributes:
        day (int): 0 = Monday
        start (str):
        end (str):
    """

    day: int
    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        day = self.day

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "day": day,
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = d.pop("day")

        start = d.pop("start")

        end = d.pop("end")

        working_hours = cls(
            day=day,
            start=start,
            end=end,
        )

        return working_hours
