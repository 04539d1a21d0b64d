from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MergeWarningOut")


@_attrs_define
class MergeWarningOut:
    """
    Attributes:
        code (str): `different_requester` (they become a CC of the target), `source_has_sla`
        ticket_number (str): the source it is about
        message (str):
    """

    code: str
    ticket_number: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        ticket_number = self.ticket_number

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "ticket_number": ticket_number,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        ticket_number = d.pop("ticket_number")

        message = d.pop("message")

        merge_warning_out = cls(
            code=code,
            ticket_number=ticket_number,
            message=message,
        )

        merge_warning_out.additional_properties = d
        return merge_warning_out

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
