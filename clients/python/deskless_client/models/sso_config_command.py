from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.sso_config_command_default_role_type_0 import (
    SsoConfigCommandDefaultRoleType0,
    check_sso_config_command_default_role_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sso_config_command_role_mapping import SsoConfigCommandRoleMapping


T = TypeVar("T", bound="SsoConfigCommand")


@_attrs_define
class SsoConfigCommand:
    """``PUT /organization/sso``: the whole configuration (a field left out takes its default).

    Attributes:
        issuer (str): the OIDC issuer URL (https)
        client_id (str):
        allowed_email_domains (list[str]):
        client_secret (None | str | Unset): write-only; required the first time, left out to keep the stored one
        redirect_uris (list[str] | Unset): web app callback pages the IdP may return to, besides
            PUBLIC_URL/app/sso/callback
        role_claim (None | str | Unset): ID token claim holding the roles
        role_mapping (SsoConfigCommandRoleMapping | Unset): claim value -> role
        default_role (None | SsoConfigCommandDefaultRoleType0 | Unset): role of a new user when no claim value maps
            (never admin: only the mapping makes admins); null refuses the sign-in Default: 'agent'.
        jit_provisioning (bool | Unset): create a staff user at their first SSO sign-in Default: True.
        sso_only (bool | Unset): agents and managers may not log in with a password Default: False.
        enabled (bool | Unset):  Default: True.
    """

    issuer: str
    client_id: str
    allowed_email_domains: list[str]
    client_secret: None | str | Unset = UNSET
    redirect_uris: list[str] | Unset = UNSET
    role_claim: None | str | Unset = UNSET
    role_mapping: SsoConfigCommandRoleMapping | Unset = UNSET
    default_role: None | SsoConfigCommandDefaultRoleType0 | Unset = "agent"
    jit_provisioning: bool | Unset = True
    sso_only: bool | Unset = False
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        issuer = self.issuer

        client_id = self.client_id

        allowed_email_domains = self.allowed_email_domains

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        redirect_uris: list[str] | Unset = UNSET
        if not isinstance(self.redirect_uris, Unset):
            redirect_uris = self.redirect_uris

        role_claim: None | str | Unset
        if isinstance(self.role_claim, Unset):
            role_claim = UNSET
        else:
            role_claim = self.role_claim

        role_mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.role_mapping, Unset):
            role_mapping = self.role_mapping.to_dict()

        default_role: None | str | Unset
        if isinstance(self.default_role, Unset):
            default_role = UNSET
        elif isinstance(self.default_role, str):
            default_role = self.default_role
        else:
            default_role = self.default_role

        jit_provisioning = self.jit_provisioning

        sso_only = self.sso_only

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issuer": issuer,
                "client_id": client_id,
                "allowed_email_domains": allowed_email_domains,
            }
        )
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if redirect_uris is not UNSET:
            field_dict["redirect_uris"] = redirect_uris
        if role_claim is not UNSET:
            field_dict["role_claim"] = role_claim
        if role_mapping is not UNSET:
            field_dict["role_mapping"] = role_mapping
        if default_role is not UNSET:
            field_dict["default_role"] = default_role
        if jit_provisioning is not UNSET:
            field_dict["jit_provisioning"] = jit_provisioning
        if sso_only is not UNSET:
            field_dict["sso_only"] = sso_only
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sso_config_command_role_mapping import SsoConfigCommandRoleMapping  # noqa: PLC0415

        d = dict(src_dict)
        issuer = d.pop("issuer")

        client_id = d.pop("client_id")

        allowed_email_domains = cast(list[str], d.pop("allowed_email_domains"))

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))

        redirect_uris = cast(list[str], d.pop("redirect_uris", UNSET))

        def _parse_role_claim(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        role_claim = _parse_role_claim(d.pop("role_claim", UNSET))

        _role_mapping = d.pop("role_mapping", UNSET)
        role_mapping: SsoConfigCommandRoleMapping | Unset
        if isinstance(_role_mapping, Unset):
            role_mapping = UNSET
        else:
            role_mapping = SsoConfigCommandRoleMapping.from_dict(_role_mapping)

        def _parse_default_role(data: object) -> None | SsoConfigCommandDefaultRoleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                default_role_type_0 = check_sso_config_command_default_role_type_0(data)

                return default_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SsoConfigCommandDefaultRoleType0 | Unset, data)

        default_role = _parse_default_role(d.pop("default_role", UNSET))

        jit_provisioning = d.pop("jit_provisioning", UNSET)

        sso_only = d.pop("sso_only", UNSET)

        enabled = d.pop("enabled", UNSET)

        sso_config_command = cls(
            issuer=issuer,
            client_id=client_id,
            allowed_email_domains=allowed_email_domains,
            client_secret=client_secret,
            redirect_uris=redirect_uris,
            role_claim=role_claim,
            role_mapping=role_mapping,
            default_role=default_role,
            jit_provisioning=jit_provisioning,
            sso_only=sso_only,
            enabled=enabled,
        )

        return sso_config_command
