from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AttachmentOut")


@_attrs_define
class AttachmentOut:
    """
    Attributes:
        id (str):
        ticket_number (str): the ticket's number, e.g. `T-42`
        comment_id (None | str):
        uploaded_by_id (str):
        file_name (str):
        file_size (int):
        file_type (str):
        file_path (str):
        is_public (bool):
        download_count (int):
        uploaded_at (datetime.datetime):
        merged_from (None | str): the ticket it was added to, when a merge moved it here
    """

    id: str
    ticket_number: str
    comment_id: None | str
    uploaded_by_id: str
    file_name: str
    file_size: int
    file_type: str
    file_path: str
    is_public: bool
    download_count: int
    uploaded_at: datetime.datetime
    merged_from: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        ticket_number = self.ticket_number

        comment_id: None | str
        comment_id = self.comment_id

        uploaded_by_id = self.uploaded_by_id

        file_name = self.file_name

        file_size = self.file_size

        file_type = self.file_type

        file_path = self.file_path

        is_public = self.is_public

        download_count = self.download_count

        uploaded_at = self.uploaded_at.isoformat()

        merged_from: None | str
        merged_from = self.merged_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "ticket_number": ticket_number,
                "comment_id": comment_id,
                "uploaded_by_id": uploaded_by_id,
                "file_name": file_name,
                "file_size": file_size,
                "file_type": file_type,
                "file_path": file_path,
                "is_public": is_public,
                "download_count": download_count,
                "uploaded_at": uploaded_at,
                "merged_from": merged_from,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        ticket_number = d.pop("ticket_number")

        def _parse_comment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_id = _parse_comment_id(d.pop("comment_id"))

        uploaded_by_id = d.pop("uploaded_by_id")

        file_name = d.pop("file_name")

        file_size = d.pop("file_size")

        file_type = d.pop("file_type")

        file_path = d.pop("file_path")

        is_public = d.pop("is_public")

        download_count = d.pop("download_count")

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploaded_at"))

        def _parse_merged_from(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merged_from = _parse_merged_from(d.pop("merged_from"))

        attachment_out = cls(
            id=id,
            ticket_number=ticket_number,
            comment_id=comment_id,
            uploaded_by_id=uploaded_by_id,
            file_name=file_name,
            file_size=file_size,
            file_type=file_type,
            file_path=file_path,
            is_public=is_public,
            download_count=download_count,
            uploaded_at=uploaded_at,
            merged_from=merged_from,
        )

        attachment_out.additional_properties = d
        return attachment_out

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
