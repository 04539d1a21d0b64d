from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role, check_role

T = TypeVar("T", bound="InvitationPreviewOut")


@_attrs_define
class InvitationPreviewOut:
    """
    Attributes:
        organization_name (str):
        email (str):
        role (Role):
        first_name (str):
        last_name (str):
        expires_at (datetime.datetime):
        password_required (bool): always true: accepting sets the password
        two_factor_required (bool): accept needs totp_code, a current code of totp_secret
        totp_secret (None | str): the TOTP secret to add to an authenticator app (when required)
        otpauth_uri (None | str):
    """

    organization_name: str
    email: str
    role: Role
    first_name: str
    last_name: str
    expires_at: datetime.datetime
    password_required: bool
    two_factor_required: bool
    totp_secret: None | str
    otpauth_uri: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organization_name = self.organization_name

        email = self.email

        role: str = self.role

        first_name = self.first_name

        last_name = self.last_name

        expires_at = self.expires_at.isoformat()

        password_required = self.password_required

        two_factor_required = self.two_factor_required

        totp_secret: None | str
        totp_secret = self.totp_secret

        otpauth_uri: None | str
        otpauth_uri = self.otpauth_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organization_name": organization_name,
                "email": email,
                "role": role,
                "first_name": first_name,
                "last_name": last_name,
                "expires_at": expires_at,
                "password_required": password_required,
                "two_factor_required": two_factor_required,
                "totp_secret": totp_secret,
                "otpauth_uri": otpauth_uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organization_name = d.pop("organization_name")

        email = d.pop("email")

        role = check_role(d.pop("role"))

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        password_required = d.pop("password_required")

        two_factor_required = d.pop("two_factor_required")

        def _parse_totp_secret(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        totp_secret = _parse_totp_secret(d.pop("totp_secret"))

        def _parse_otpauth_uri(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        otpauth_uri = _parse_otpauth_uri(d.pop("otpauth_uri"))

        invitation_preview_out = cls(
            organization_name=organization_name,
            email=email,
            role=role,
            first_name=first_name,
            last_name=last_name,
            expires_at=expires_at,
            password_required=password_required,
            two_factor_required=two_factor_required,
            totp_secret=totp_secret,
            otpauth_uri=otpauth_uri,
        )

        invitation_preview_out.additional_properties = d
        return invitation_preview_out

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
