from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kb_article_figures import KBArticleFigures


T = TypeVar("T", bound="KBReport")


@_attrs_define
class KBReport:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        views (int): every article's views, all time
        deflections (int): deflections recorded on these days
        helpful (int): every article's helpful votes, all time
        not_helpful (int): every article's not helpful votes, all time
        by_article (list[KBArticleFigures]): every article, most deflections first
    """

    from_: datetime.date
    to: datetime.date
    views: int
    deflections: int
    helpful: int
    not_helpful: int
    by_article: list[KBArticleFigures]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        views = self.views

        deflections = self.deflections

        helpful = self.helpful

        not_helpful = self.not_helpful

        by_article = []
        for by_article_item_data in self.by_article:
            by_article_item = by_article_item_data.to_dict()
            by_article.append(by_article_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "views": views,
                "deflections": deflections,
                "helpful": helpful,
                "not_helpful": not_helpful,
                "by_article": by_article,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kb_article_figures import KBArticleFigures  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        views = d.pop("views")

        deflections = d.pop("deflections")

        helpful = d.pop("helpful")

        not_helpful = d.pop("not_helpful")

        by_article = []
        _by_article = d.pop("by_article")
        for by_article_item_data in _by_article:
            by_article_item = KBArticleFigures.from_dict(by_article_item_data)

            by_article.append(by_article_item)

        kb_report = cls(
            from_=from_,
            to=to,
            views=views,
            deflections=deflections,
            helpful=helpful,
            not_helpful=not_helpful,
            by_article=by_article,
        )

        kb_report.additional_properties = d
        return kb_report

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
