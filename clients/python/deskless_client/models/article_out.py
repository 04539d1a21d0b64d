from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.article_status import ArticleStatus, check_article_status

T = TypeVar("T", bound="ArticleOut")


@_attrs_define
class ArticleOut:
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
        content (str): Markdown
        content_html (str): rendered and sanitised
        author_id (str):
        view_count (int): distinct viewers per day, summed
        helpful_count (int):
        not_helpful_count (int):
        deflection_count (int | None): staff: times the article answered someone's question before they opened a request
            (once per person and UTC day); null for customers and the public portal
        created_at (datetime.datetime):
        version (int):
    """

    id: str
    category_id: str
    title: str
    status: ArticleStatus
    is_published: bool
    tags: list[str]
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    content: str
    content_html: str
    author_id: str
    view_count: int
    helpful_count: int
    not_helpful_count: int
    deflection_count: int | None
    created_at: datetime.datetime
    version: int
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

        content = self.content

        content_html = self.content_html

        author_id = self.author_id

        view_count = self.view_count

        helpful_count = self.helpful_count

        not_helpful_count = self.not_helpful_count

        deflection_count: int | None
        deflection_count = self.deflection_count

        created_at = self.created_at.isoformat()

        version = self.version

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
                "content": content,
                "content_html": content_html,
                "author_id": author_id,
                "view_count": view_count,
                "helpful_count": helpful_count,
                "not_helpful_count": not_helpful_count,
                "deflection_count": deflection_count,
                "created_at": created_at,
                "version": version,
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

        content = d.pop("content")

        content_html = d.pop("content_html")

        author_id = d.pop("author_id")

        view_count = d.pop("view_count")

        helpful_count = d.pop("helpful_count")

        not_helpful_count = d.pop("not_helpful_count")

        def _parse_deflection_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        deflection_count = _parse_deflection_count(d.pop("deflection_count"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        version = d.pop("version")

        article_out = cls(
            id=id,
            category_id=category_id,
            title=title,
            status=status,
            is_published=is_published,
            tags=tags,
            published_at=published_at,
            updated_at=updated_at,
            content=content,
            content_html=content_html,
            author_id=author_id,
            view_count=view_count,
            helpful_count=helpful_count,
            not_helpful_count=not_helpful_count,
            deflection_count=deflection_count,
            created_at=created_at,
            version=version,
        )

        article_out.additional_properties = d
        return article_out

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
