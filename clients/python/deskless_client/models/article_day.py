from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ArticleDay")


@_attrs_define
class ArticleDay:
    """
    Attributes:
        day (datetime.date):
        views (int): distinct viewers that day
        helpful (int): net change of helpful votes that day (a changed vote moves one to the other)
        not_helpful (int):
        deflections (int):
    """

    day: datetime.date
    views: int
    helpful: int
    not_helpful: int
    deflections: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        views = self.views

        helpful = self.helpful

        not_helpful = self.not_helpful

        deflections = self.deflections

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "views": views,
                "helpful": helpful,
                "not_helpful": not_helpful,
                "deflections": deflections,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        views = d.pop("views")

        helpful = d.pop("helpful")

        not_helpful = d.pop("not_helpful")

        deflections = d.pop("deflections")

        article_day = cls(
            day=day,
            views=views,
            helpful=helpful,
            not_helpful=not_helpful,
            deflections=deflections,
        )

        article_day.additional_properties = d
        return article_day

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
