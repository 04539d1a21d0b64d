from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BusinessHoursInput")


@_attrs_define
class BusinessHoursInput:
    """
    Attributes:
        days (list[int] | Unset):
        start (str | Unset):  Default: '09:00'.
        end (str | Unset):  Default: '17:00'.
    """

    days: list[int] | Unset = UNSET
    start: str | Unset = "09:00"
    end: str | Unset = "17:00"

    def to_dict(self) -> dict[str, Any]:
        days: list[int] | Unset = UNSET
        if not isinstance(self.days, Unset):
            days = self.days

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if days is not UNSET:
            field_dict["days"] = days
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days = cast(list[int], d.pop("days", UNSET))

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        business_hours_input = cls(
            days=days,
            start=start,
            end=end,
        )

        return business_hours_input
