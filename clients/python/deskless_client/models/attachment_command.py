from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttachmentCommand")


@_attrs_define
class AttachmentCommand:
    """
    Attributes:
        file_name (str):
        file_size (int): bytes; the upload must match it
        file_type (str): content type, from the organization's allow-list
        comment_id (None | str | Unset):
        is_public (bool | Unset):  Default: True.
    """

    file_name: str
    file_size: int
    file_type: str
    comment_id: None | str | Unset = UNSET
    is_public: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        file_name = self.file_name

        file_size = self.file_size

        file_type = self.file_type

        comment_id: None | str | Unset
        if isinstance(self.comment_id, Unset):
            comment_id = UNSET
        else:
            comment_id = self.comment_id

        is_public = self.is_public

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_name": file_name,
                "file_size": file_size,
                "file_type": file_type,
            }
        )
        if comment_id is not UNSET:
            field_dict["comment_id"] = comment_id
        if is_public is not UNSET:
            field_dict["is_public"] = is_public

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_name = d.pop("file_name")

        file_size = d.pop("file_size")

        file_type = d.pop("file_type")

        def _parse_comment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment_id = _parse_comment_id(d.pop("comment_id", UNSET))

        is_public = d.pop("is_public", UNSET)

        attachment_command = cls(
            file_name=file_name,
            file_size=file_size,
            file_type=file_type,
            comment_id=comment_id,
            is_public=is_public,
        )

        return attachment_command
