from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SignInCodeCommand")


@_attrs_define
class SignInCodeCommand:
    """
    Attributes:
        organization (str): The organization's slug
        email (str):
        code (str): the 6-digit code mailed with the sign-in link
    """

    organization: str
    email: str
    code: str

    def to_dict(self) -> dict[str, Any]:
        organization = self.organization

        email = self.email

        code = self.code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organization": organization,
                "email": email,
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organization = d.pop("organization")

        email = d.pop("email")

        code = d.pop("code")

        sign_in_code_command = cls(
            organization=organization,
            email=email,
            code=code,
        )

        return sign_in_code_command
