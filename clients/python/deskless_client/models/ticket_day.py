from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TicketDay")


@_attrs_define
class TicketDay:
    """
    Attributes:
        day (datetime.date):
        created (int): tickets created on this UTC day (deleted ones left out)
        solved (int): tickets solved on this UTC day and still solved or closed
    """

    day: datetime.date
    created: int
    solved: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        created = self.created

        solved = self.solved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "created": created,
                "solved": solved,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        created = d.pop("created")

        solved = d.pop("solved")

        ticket_day = cls(
            day=day,
            created=created,
            solved=solved,
        )

        ticket_day.additional_properties = d
        return ticket_day

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
