from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.article_day import ArticleDay


T = TypeVar("T", bound="ArticleStats")


@_attrs_define
class ArticleStats:
    """
    Attributes:
        article_id (str):
        from_ (datetime.date):
        to (datetime.date):
        days (list[ArticleDay]): every UTC day of the range, oldest first, zeros included
        view_count (int): all time
        helpful_count (int):
        not_helpful_count (int):
        deflection_count (int):
    """

    article_id: str
    from_: datetime.date
    to: datetime.date
    days: list[ArticleDay]
    view_count: int
    helpful_count: int
    not_helpful_count: int
    deflection_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article_id = self.article_id

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        view_count = self.view_count

        helpful_count = self.helpful_count

        not_helpful_count = self.not_helpful_count

        deflection_count = self.deflection_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article_id": article_id,
                "from": from_,
                "to": to,
                "days": days,
                "view_count": view_count,
                "helpful_count": helpful_count,
                "not_helpful_count": not_helpful_count,
                "deflection_count": deflection_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_day import ArticleDay  # noqa: PLC0415

        d = dict(src_dict)
        article_id = d.pop("article_id")

        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = ArticleDay.from_dict(days_item_data)

            days.append(days_item)

        view_count = d.pop("view_count")

        helpful_count = d.pop("helpful_count")

        not_helpful_count = d.pop("not_helpful_count")

        deflection_count = d.pop("deflection_count")

        article_stats = cls(
            article_id=article_id,
            from_=from_,
            to=to,
            days=days,
            view_count=view_count,
            helpful_count=helpful_count,
            not_helpful_count=not_helpful_count,
            deflection_count=deflection_count,
        )

        article_stats.additional_properties = d
        return article_stats

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
