from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.article_status import ArticleStatus, check_article_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="KBArticleCommand")


@_attrs_define
class KBArticleCommand:
    """
    Attributes:
        category_id (str):
        title (str):
        content (str): Markdown (raw HTML is shown as text)
        status (ArticleStatus | Unset):
        tags (list[str] | Unset):
    """

    category_id: str
    title: str
    content: str
    status: ArticleStatus | Unset = UNSET
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category_id = self.category_id

        title = self.title

        content = self.content

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category_id": category_id,
                "title": title,
                "content": content,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category_id = d.pop("category_id")

        title = d.pop("title")

        content = d.pop("content")

        _status = d.pop("status", UNSET)
        status: ArticleStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_article_status(_status)

        tags = cast(list[str], d.pop("tags", UNSET))

        kb_article_command = cls(
            category_id=category_id,
            title=title,
            content=content,
            status=status,
            tags=tags,
        )

        return kb_article_command
