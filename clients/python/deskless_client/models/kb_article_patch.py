from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.article_status import ArticleStatus, check_article_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="KBArticlePatch")


@_attrs_define
class KBArticlePatch:
    """
    Attributes:
        category_id (str | Unset):
        title (str | Unset):
        content (str | Unset):
        status (ArticleStatus | Unset):
        tags (list[str] | None | Unset):
    """

    category_id: str | Unset = UNSET
    title: str | Unset = UNSET
    content: str | Unset = UNSET
    status: ArticleStatus | Unset = UNSET
    tags: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category_id = self.category_id

        title = self.title

        content = self.content

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if category_id is not UNSET:
            field_dict["category_id"] = category_id
        if title is not UNSET:
            field_dict["title"] = title
        if content is not UNSET:
            field_dict["content"] = content
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category_id = d.pop("category_id", UNSET)

        title = d.pop("title", UNSET)

        content = d.pop("content", UNSET)

        _status = d.pop("status", UNSET)
        status: ArticleStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_article_status(_status)

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        kb_article_patch = cls(
            category_id=category_id,
            title=title,
            content=content,
            status=status,
            tags=tags,
        )

        return kb_article_patch
