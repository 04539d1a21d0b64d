from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ActiveCounts")


@_attrs_define
class ActiveCounts:
    """
    Attributes:
        new (int):
        open_ (int):
        pending (int):
        on_hold (int):
        active (int): the four statuses together
    """

    new: int
    open_: int
    pending: int
    on_hold: int
    active: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new = self.new

        open_ = self.open_

        pending = self.pending

        on_hold = self.on_hold

        active = self.active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "new": new,
                "open": open_,
                "pending": pending,
                "on_hold": on_hold,
                "active": active,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new = d.pop("new")

        open_ = d.pop("open")

        pending = d.pop("pending")

        on_hold = d.pop("on_hold")

        active = d.pop("active")

        active_counts = cls(
            new=new,
            open_=open_,
            pending=pending,
            on_hold=on_hold,
            active=active,
        )

        active_counts.additional_properties = d
        return active_counts

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
