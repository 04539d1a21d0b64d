from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.article_status import ArticleStatus, check_article_status

T = TypeVar("T", bound="SearchHit")


@_attrs_define
class SearchHit:
    """
    Attributes:
        id (str):
        category_id (str):
        title (str):
        status (ArticleStatus):
        is_published (bool):
        tags (list[str]):
        published_at (datetime.datetime | None):
        updated_at (datetime.datetime):
        score (float):
    """

    id: str
    category_id: str
    title: str
    status: ArticleStatus
    is_published: bool
    tags: list[str]
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        category_id = self.category_id

        title = self.title

        status: str = self.status

        is_published = self.is_published

        tags = self.tags

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        updated_at = self.updated_at.isoformat()

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "category_id": category_id,
                "title": title,
                "status": status,
                "is_published": is_published,
                "tags": tags,
                "published_at": published_at,
                "updated_at": updated_at,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        category_id = d.pop("category_id")

        title = d.pop("title")

        status = check_article_status(d.pop("status"))

        is_published = d.pop("is_published")

        tags = cast(list[str], d.pop("tags"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        score = d.pop("score")

        search_hit = cls(
            id=id,
            category_id=category_id,
            title=title,
            status=status,
            is_published=is_published,
            tags=tags,
            published_at=published_at,
            updated_at=updated_at,
            score=score,
        )

        search_hit.additional_properties = d
        return search_hit

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
