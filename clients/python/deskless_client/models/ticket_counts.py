from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.department_counts import DepartmentCounts
    from ..models.queue_counts import QueueCounts


T = TypeVar("T", bound="TicketCounts")


@_attrs_define
class TicketCounts:
    """
    Attributes:
        mine (QueueCounts):
        unassigned (QueueCounts):
        all_ (None | QueueCounts): every live ticket; null without `tickets.view_all`
        departments (list[DepartmentCounts]): the caller's departments (every active department with
            `tickets.view_all`), by name
        as_of (datetime.datetime): when the counters were read
    """

    mine: QueueCounts
    unassigned: QueueCounts
    all_: None | QueueCounts
    departments: list[DepartmentCounts]
    as_of: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.queue_counts import QueueCounts  # noqa: PLC0415

        mine = self.mine.to_dict()

        unassigned = self.unassigned.to_dict()

        all_: dict[str, Any] | None
        if isinstance(self.all_, QueueCounts):
            all_ = self.all_.to_dict()
        else:
            all_ = self.all_

        departments = []
        for departments_item_data in self.departments:
            departments_item = departments_item_data.to_dict()
            departments.append(departments_item)

        as_of = self.as_of.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mine": mine,
                "unassigned": unassigned,
                "all": all_,
                "departments": departments,
                "as_of": as_of,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.department_counts import DepartmentCounts  # noqa: PLC0415
        from ..models.queue_counts import QueueCounts  # noqa: PLC0415

        d = dict(src_dict)
        mine = QueueCounts.from_dict(d.pop("mine"))

        unassigned = QueueCounts.from_dict(d.pop("unassigned"))

        def _parse_all_(data: object) -> None | QueueCounts:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                all_type_0 = QueueCounts.from_dict(data)

                return all_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QueueCounts, data)

        all_ = _parse_all_(d.pop("all"))

        departments = []
        _departments = d.pop("departments")
        for departments_item_data in _departments:
            departments_item = DepartmentCounts.from_dict(departments_item_data)

            departments.append(departments_item)

        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        ticket_counts = cls(
            mine=mine,
            unassigned=unassigned,
            all_=all_,
            departments=departments,
            as_of=as_of,
        )

        ticket_counts.additional_properties = d
        return ticket_counts

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
