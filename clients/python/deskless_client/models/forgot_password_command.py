from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ForgotPasswordCommand")


@_attrs_define
class ForgotPasswordCommand:
    """
    Attributes:
        organization (str): The organization's slug
        email (str):
    """

    organization: str
    email: str

    def to_dict(self) -> dict[str, Any]:
        organization = self.organization

        email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organization": organization,
                "email": email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organization = d.pop("organization")

        email = d.pop("email")

        forgot_password_command = cls(
            organization=organization,
            email=email,
        )

        return forgot_password_command
