from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.comment_type import CommentType, check_comment_type

T = TypeVar("T", bound="CommentOut")


@_attrs_define
class CommentOut:
    """
    Attributes:
        id (str):
        author_id (str):
        content (str):
        comment_type (CommentType):
        has_attachments (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        merged_from (None | str): the ticket it was written on, when a merge moved it here
    """

    id: str
    author_id: str
    content: str
    comment_type: CommentType
    has_attachments: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    merged_from: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        author_id = self.author_id

        content = self.content

        comment_type: str = self.comment_type

        has_attachments = self.has_attachments

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        merged_from: None | str
        merged_from = self.merged_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "author_id": author_id,
                "content": content,
                "comment_type": comment_type,
                "has_attachments": has_attachments,
                "created_at": created_at,
                "updated_at": updated_at,
                "merged_from": merged_from,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        author_id = d.pop("author_id")

        content = d.pop("content")

        comment_type = check_comment_type(d.pop("comment_type"))

        has_attachments = d.pop("has_attachments")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_merged_from(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merged_from = _parse_merged_from(d.pop("merged_from"))

        comment_out = cls(
            id=id,
            author_id=author_id,
            content=content,
            comment_type=comment_type,
            has_attachments=has_attachments,
            created_at=created_at,
            updated_at=updated_at,
            merged_from=merged_from,
        )

        comment_out.additional_properties = d
        return comment_out

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
