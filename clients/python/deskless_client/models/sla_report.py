from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.csat_figures import CSATFigures
    from ..models.day_stats import DayStats
    from ..models.department_stats import DepartmentStats
    from ..models.group_stats import GroupStats
    from ..models.policy_priority_stats import PolicyPriorityStats
    from ..models.policy_stats import PolicyStats
    from ..models.priority_stats import PriorityStats


T = TypeVar("T", bound="SLAReport")


@_attrs_define
class SLAReport:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        overall (GroupStats):
        by_policy (list[PolicyStats]):
        by_priority (list[PriorityStats]):
        by_policy_and_priority (list[PolicyPriorityStats]):
        by_department (list[DepartmentStats]): per the tickets' department (issue 24), by name; tickets without one last
        by_day (list[DayStats]): per UTC day: met/breached on the day decided, medians of the targets completed that day
        csat (CSATFigures):
    """

    from_: datetime.date
    to: datetime.date
    overall: GroupStats
    by_policy: list[PolicyStats]
    by_priority: list[PriorityStats]
    by_policy_and_priority: list[PolicyPriorityStats]
    by_department: list[DepartmentStats]
    by_day: list[DayStats]
    csat: CSATFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        overall = self.overall.to_dict()

        by_policy = []
        for by_policy_item_data in self.by_policy:
            by_policy_item = by_policy_item_data.to_dict()
            by_policy.append(by_policy_item)

        by_priority = []
        for by_priority_item_data in self.by_priority:
            by_priority_item = by_priority_item_data.to_dict()
            by_priority.append(by_priority_item)

        by_policy_and_priority = []
        for by_policy_and_priority_item_data in self.by_policy_and_priority:
            by_policy_and_priority_item = by_policy_and_priority_item_data.to_dict()
            by_policy_and_priority.append(by_policy_and_priority_item)

        by_department = []
        for by_department_item_data in self.by_department:
            by_department_item = by_department_item_data.to_dict()
            by_department.append(by_department_item)

        by_day = []
        for by_day_item_data in self.by_day:
            by_day_item = by_day_item_data.to_dict()
            by_day.append(by_day_item)

        csat = self.csat.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "overall": overall,
                "by_policy": by_policy,
                "by_priority": by_priority,
                "by_policy_and_priority": by_policy_and_priority,
                "by_department": by_department,
                "by_day": by_day,
                "csat": csat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_figures import CSATFigures  # noqa: PLC0415
        from ..models.day_stats import DayStats  # noqa: PLC0415
        from ..models.department_stats import DepartmentStats  # noqa: PLC0415
        from ..models.group_stats import GroupStats  # noqa: PLC0415
        from ..models.policy_priority_stats import PolicyPriorityStats  # noqa: PLC0415
        from ..models.policy_stats import PolicyStats  # noqa: PLC0415
        from ..models.priority_stats import PriorityStats  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        overall = GroupStats.from_dict(d.pop("overall"))

        by_policy = []
        _by_policy = d.pop("by_policy")
        for by_policy_item_data in _by_policy:
            by_policy_item = PolicyStats.from_dict(by_policy_item_data)

            by_policy.append(by_policy_item)

        by_priority = []
        _by_priority = d.pop("by_priority")
        for by_priority_item_data in _by_priority:
            by_priority_item = PriorityStats.from_dict(by_priority_item_data)

            by_priority.append(by_priority_item)

        by_policy_and_priority = []
        _by_policy_and_priority = d.pop("by_policy_and_priority")
        for by_policy_and_priority_item_data in _by_policy_and_priority:
            by_policy_and_priority_item = PolicyPriorityStats.from_dict(by_policy_and_priority_item_data)

            by_policy_and_priority.append(by_policy_and_priority_item)

        by_department = []
        _by_department = d.pop("by_department")
        for by_department_item_data in _by_department:
            by_department_item = DepartmentStats.from_dict(by_department_item_data)

            by_department.append(by_department_item)

        by_day = []
        _by_day = d.pop("by_day")
        for by_day_item_data in _by_day:
            by_day_item = DayStats.from_dict(by_day_item_data)

            by_day.append(by_day_item)

        csat = CSATFigures.from_dict(d.pop("csat"))

        sla_report = cls(
            from_=from_,
            to=to,
            overall=overall,
            by_policy=by_policy,
            by_priority=by_priority,
            by_policy_and_priority=by_policy_and_priority,
            by_department=by_department,
            by_day=by_day,
            csat=csat,
        )

        sla_report.additional_properties = d
        return sla_report

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
