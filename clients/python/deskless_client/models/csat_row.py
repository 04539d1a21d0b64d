from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CSATRow")


@_attrs_define
class CSATRow:
    """
    Attributes:
        count (int): ratings recorded in the period
        average_score (float | None): mean score 1-5; null without ratings
        csat_percent (float | None): 100 * good / count; null without ratings
        good (int): ratings of 4 or 5 (a good link records 5)
        bad (int): ratings of 1 or 2 (a bad link records 1)
        agent_id (None | str): group_by=agent; null for tickets rated while unassigned
        department_id (None | str): group_by=department
        week (None | str): group_by=week: ISO week, e.g. 2026-W48 (only days in the range)
        week_start (datetime.date | None): group_by=week: the Monday of the week
    """

    count: int
    average_score: float | None
    csat_percent: float | None
    good: int
    bad: int
    agent_id: None | str
    department_id: None | str
    week: None | str
    week_start: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        average_score: float | None
        average_score = self.average_score

        csat_percent: float | None
        csat_percent = self.csat_percent

        good = self.good

        bad = self.bad

        agent_id: None | str
        agent_id = self.agent_id

        department_id: None | str
        department_id = self.department_id

        week: None | str
        week = self.week

        week_start: None | str
        if isinstance(self.week_start, datetime.date):
            week_start = self.week_start.isoformat()
        else:
            week_start = self.week_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "average_score": average_score,
                "csat_percent": csat_percent,
                "good": good,
                "bad": bad,
                "agent_id": agent_id,
                "department_id": department_id,
                "week": week,
                "week_start": week_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        def _parse_average_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_score = _parse_average_score(d.pop("average_score"))

        def _parse_csat_percent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat_percent = _parse_csat_percent(d.pop("csat_percent"))

        good = d.pop("good")

        bad = d.pop("bad")

        def _parse_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        def _parse_week(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        week = _parse_week(d.pop("week"))

        def _parse_week_start(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                week_start_type_0 = datetime.date.fromisoformat(data)

                return week_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        week_start = _parse_week_start(d.pop("week_start"))

        csat_row = cls(
            count=count,
            average_score=average_score,
            csat_percent=csat_percent,
            good=good,
            bad=bad,
            agent_id=agent_id,
            department_id=department_id,
            week=week,
            week_start=week_start,
        )

        csat_row.additional_properties = d
        return csat_row

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
