from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CSATPreviewOut")


@_attrs_define
class CSATPreviewOut:
    """
    Attributes:
        ticket_number (str):
        subject (str):
        organization_name (str):
        already_rated (bool): rated already (by the requester signed in): rating now is 409
        expires_at (datetime.datetime): when the link stops working
    """

    ticket_number: str
    subject: str
    organization_name: str
    already_rated: bool
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket_number = self.ticket_number

        subject = self.subject

        organization_name = self.organization_name

        already_rated = self.already_rated

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket_number": ticket_number,
                "subject": subject,
                "organization_name": organization_name,
                "already_rated": already_rated,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        subject = d.pop("subject")

        organization_name = d.pop("organization_name")

        already_rated = d.pop("already_rated")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        csat_preview_out = cls(
            ticket_number=ticket_number,
            subject=subject,
            organization_name=organization_name,
            already_rated=already_rated,
            expires_at=expires_at,
        )

        csat_preview_out.additional_properties = d
        return csat_preview_out

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
