from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CSATFigures")


@_attrs_define
class CSATFigures:
    """
    Attributes:
        count (int): ratings recorded in the period
        average_score (float | None): mean score 1-5; null without ratings
        csat_percent (float | None): 100 * good / count; null without ratings
        good (int): ratings of 4 or 5 (a good link records 5)
        bad (int): ratings of 1 or 2 (a bad link records 1)
    """

    count: int
    average_score: float | None
    csat_percent: float | None
    good: int
    bad: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        average_score: float | None
        average_score = self.average_score

        csat_percent: float | None
        csat_percent = self.csat_percent

        good = self.good

        bad = self.bad

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "average_score": average_score,
                "csat_percent": csat_percent,
                "good": good,
                "bad": bad,
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

        csat_figures = cls(
            count=count,
            average_score=average_score,
            csat_percent=csat_percent,
            good=good,
            bad=bad,
        )

        csat_figures.additional_properties = d
        return csat_figures

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
