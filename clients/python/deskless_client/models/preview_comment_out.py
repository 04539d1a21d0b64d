from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.preview_comment_out_comment_type import (
    PreviewCommentOutCommentType,
    check_preview_comment_out_comment_type,
)

T = TypeVar("T", bound="PreviewCommentOut")


@_attrs_define
class PreviewCommentOut:
    """
    Attributes:
        comment_type (PreviewCommentOutCommentType):
        content (str):
    """

    comment_type: PreviewCommentOutCommentType
    content: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment_type: str = self.comment_type

        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comment_type": comment_type,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        comment_type = check_preview_comment_out_comment_type(d.pop("comment_type"))

        content = d.pop("content")

        preview_comment_out = cls(
            comment_type=comment_type,
            content=content,
        )

        preview_comment_out.additional_properties = d
        return preview_comment_out

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
