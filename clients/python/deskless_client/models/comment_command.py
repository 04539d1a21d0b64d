from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.comment_type import CommentType, check_comment_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="CommentCommand")


@_attrs_define
class CommentCommand:
    """
    Attributes:
        content (str):
        comment_type (CommentType | Unset):
    """

    content: str
    comment_type: CommentType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        comment_type: str | Unset = UNSET
        if not isinstance(self.comment_type, Unset):
            comment_type = self.comment_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
            }
        )
        if comment_type is not UNSET:
            field_dict["comment_type"] = comment_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content")

        _comment_type = d.pop("comment_type", UNSET)
        comment_type: CommentType | Unset
        if isinstance(_comment_type, Unset):
            comment_type = UNSET
        else:
            comment_type = check_comment_type(_comment_type)

        comment_command = cls(
            content=content,
            comment_type=comment_type,
        )

        return comment_command
