from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.merge_warning_out import MergeWarningOut
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="MergePreviewOut")


@_attrs_define
class MergePreviewOut:
    """
    Attributes:
        target (TicketOut):
        sources (list[TicketOut]):
        comments (int): comments moving to the target (each source's description counts as one)
        attachments (int): attachment records moving to the target (the files stay where they are)
        cc_emails (list[str]): the target's CCs after the merge
        warnings (list[MergeWarningOut]):
    """

    target: TicketOut
    sources: list[TicketOut]
    comments: int
    attachments: int
    cc_emails: list[str]
    warnings: list[MergeWarningOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        target = self.target.to_dict()

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        comments = self.comments

        attachments = self.attachments

        cc_emails = self.cc_emails

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "target": target,
                "sources": sources,
                "comments": comments,
                "attachments": attachments,
                "cc_emails": cc_emails,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.merge_warning_out import MergeWarningOut  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        target = TicketOut.from_dict(d.pop("target"))

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = TicketOut.from_dict(sources_item_data)

            sources.append(sources_item)

        comments = d.pop("comments")

        attachments = d.pop("attachments")

        cc_emails = cast(list[str], d.pop("cc_emails"))

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = MergeWarningOut.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        merge_preview_out = cls(
            target=target,
            sources=sources,
            comments=comments,
            attachments=attachments,
            cc_emails=cc_emails,
            warnings=warnings,
        )

        merge_preview_out.additional_properties = d
        return merge_preview_out

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
