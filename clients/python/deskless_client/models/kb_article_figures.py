from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KBArticleFigures")


@_attrs_define
class KBArticleFigures:
    """
    Attributes:
        article_id (str):
        title (str):
        views (int): the article's views, all time (distinct viewers per day, summed)
        deflections (int): in the period: people it answered before they opened a request
        helpful (int): the article's helpful votes, all time
        not_helpful (int): the article's not helpful votes, all time
    """

    article_id: str
    title: str
    views: int
    deflections: int
    helpful: int
    not_helpful: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article_id = self.article_id

        title = self.title

        views = self.views

        deflections = self.deflections

        helpful = self.helpful

        not_helpful = self.not_helpful

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article_id": article_id,
                "title": title,
                "views": views,
                "deflections": deflections,
                "helpful": helpful,
                "not_helpful": not_helpful,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        article_id = d.pop("article_id")

        title = d.pop("title")

        views = d.pop("views")

        deflections = d.pop("deflections")

        helpful = d.pop("helpful")

        not_helpful = d.pop("not_helpful")

        kb_article_figures = cls(
            article_id=article_id,
            title=title,
            views=views,
            deflections=deflections,
            helpful=helpful,
            not_helpful=not_helpful,
        )

        kb_article_figures.additional_properties = d
        return kb_article_figures

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
