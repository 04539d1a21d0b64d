from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

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
        seen_comment_id (None | str | Unset): collision detection: the newest comment the client showed (`""`: it showed
            none). When someone else's comment is newer, the reply is refused with 409 `newer_reply` (the newer comments in
            `details`) unless `confirm` is true; an id that is not a comment of the ticket is 422
        confirm (bool | Unset): send even if others replied since `seen_comment_id` Default: False.
    """

    content: str
    comment_type: CommentType | Unset = UNSET
    seen_comment_id: None | str | Unset = UNSET
    confirm: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        comment_type: str | Unset = UNSET
        if not isinstance(self.comment_type, Unset):
            comment_type = self.comment_type

        seen_comment_id: None | str | Unset
        if isinstance(self.seen_comment_id, Unset):
            seen_comment_id = UNSET
        else:
            seen_comment_id = self.seen_comment_id

        confirm = self.confirm

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
            }
        )
        if comment_type is not UNSET:
            field_dict["comment_type"] = comment_type
        if seen_comment_id is not UNSET:
            field_dict["seen_comment_id"] = seen_comment_id
        if confirm is not UNSET:
            field_dict["confirm"] = confirm

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

        def _parse_seen_comment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        seen_comment_id = _parse_seen_comment_id(d.pop("seen_comment_id", UNSET))

        confirm = d.pop("confirm", UNSET)

        comment_command = cls(
            content=content,
            comment_type=comment_type,
            seen_comment_id=seen_comment_id,
            confirm=confirm,
        )

        return comment_command
