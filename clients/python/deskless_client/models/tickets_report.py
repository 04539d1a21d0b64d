from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.active_counts import ActiveCounts
    from ..models.agent_workload import AgentWorkload
    from ..models.backlog_bucket import BacklogBucket
    from ..models.ticket_day import TicketDay


T = TypeVar("T", bound="TicketsReport")


@_attrs_define
class TicketsReport:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        by_day (list[TicketDay]): every day of the range, oldest first
        backlog (list[BacklogBucket]): now, whatever the range: the five buckets, youngest first
        workload (list[AgentWorkload]): now: agents with active tickets, most first
        unassigned (ActiveCounts):
    """

    from_: datetime.date
    to: datetime.date
    by_day: list[TicketDay]
    backlog: list[BacklogBucket]
    workload: list[AgentWorkload]
    unassigned: ActiveCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        by_day = []
        for by_day_item_data in self.by_day:
            by_day_item = by_day_item_data.to_dict()
            by_day.append(by_day_item)

        backlog = []
        for backlog_item_data in self.backlog:
            backlog_item = backlog_item_data.to_dict()
            backlog.append(backlog_item)

        workload = []
        for workload_item_data in self.workload:
            workload_item = workload_item_data.to_dict()
            workload.append(workload_item)

        unassigned = self.unassigned.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "by_day": by_day,
                "backlog": backlog,
                "workload": workload,
                "unassigned": unassigned,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.active_counts import ActiveCounts  # noqa: PLC0415
        from ..models.agent_workload import AgentWorkload  # noqa: PLC0415
        from ..models.backlog_bucket import BacklogBucket  # noqa: PLC0415
        from ..models.ticket_day import TicketDay  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        by_day = []
        _by_day = d.pop("by_day")
        for by_day_item_data in _by_day:
            by_day_item = TicketDay.from_dict(by_day_item_data)

            by_day.append(by_day_item)

        backlog = []
        _backlog = d.pop("backlog")
        for backlog_item_data in _backlog:
            backlog_item = BacklogBucket.from_dict(backlog_item_data)

            backlog.append(backlog_item)

        workload = []
        _workload = d.pop("workload")
        for workload_item_data in _workload:
            workload_item = AgentWorkload.from_dict(workload_item_data)

            workload.append(workload_item)

        unassigned = ActiveCounts.from_dict(d.pop("unassigned"))

        tickets_report = cls(
            from_=from_,
            to=to,
            by_day=by_day,
            backlog=backlog,
            workload=workload,
            unassigned=unassigned,
        )

        tickets_report.additional_properties = d
        return tickets_report

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
