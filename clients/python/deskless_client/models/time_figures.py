from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TimeFigures")


@_attrs_define
class TimeFigures:
    """
    Attributes:
        minutes (int): ticket_minutes + work_order_minutes
        billable_minutes (int): minutes of billable time entries
        ticket_minutes (int): minutes of time entries
        work_order_minutes (int): work order jobs' time from started to completed
        entries (int): time entries
    """

    minutes: int
    billable_minutes: int
    ticket_minutes: int
    work_order_minutes: int
    entries: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        minutes = self.minutes

        billable_minutes = self.billable_minutes

        ticket_minutes = self.ticket_minutes

        work_order_minutes = self.work_order_minutes

        entries = self.entries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "minutes": minutes,
                "billable_minutes": billable_minutes,
                "ticket_minutes": ticket_minutes,
                "work_order_minutes": work_order_minutes,
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        minutes = d.pop("minutes")

        billable_minutes = d.pop("billable_minutes")

        ticket_minutes = d.pop("ticket_minutes")

        work_order_minutes = d.pop("work_order_minutes")

        entries = d.pop("entries")

        time_figures = cls(
            minutes=minutes,
            billable_minutes=billable_minutes,
            ticket_minutes=ticket_minutes,
            work_order_minutes=work_order_minutes,
            entries=entries,
        )

        time_figures.additional_properties = d
        return time_figures

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
