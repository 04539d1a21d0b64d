from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Targets")


@_attrs_define
class Targets:
    """
    Attributes:
        first_response_hours (float):
        resolution_hours (float):
    """

    first_response_hours: float
    resolution_hours: float

    def to_dict(self) -> dict[str, Any]:
        first_response_hours = self.first_response_hours

        resolution_hours = self.resolution_hours

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "first_response_hours": first_response_hours,
                "resolution_hours": resolution_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first_response_hours = d.pop("first_response_hours")

        resolution_hours = d.pop("resolution_hours")

        targets = cls(
            first_response_hours=first_response_hours,
            resolution_hours=resolution_hours,
        )

        return targets
