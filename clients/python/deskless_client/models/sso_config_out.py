from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role, check_role

if TYPE_CHECKING:
    from ..models.sso_config_out_role_mapping import SsoConfigOutRoleMapping


T = TypeVar("T", bound="SsoConfigOut")


@_attrs_define
class SsoConfigOut:
    """The configuration as admins see it: never the client secret.

    Attributes:
        issuer (str):
        client_id (str):
        client_secret_set (bool): a client secret is stored (it is never returned)
        redirect_uris (list[str]):
        allowed_email_domains (list[str]):
        role_claim (None | str):
        role_mapping (SsoConfigOutRoleMapping):
        default_role (None | Role):
        jit_provisioning (bool):
        sso_only (bool):
        enabled (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
    """

    issuer: str
    client_id: str
    client_secret_set: bool
    redirect_uris: list[str]
    allowed_email_domains: list[str]
    role_claim: None | str
    role_mapping: SsoConfigOutRoleMapping
    default_role: None | Role
    jit_provisioning: bool
    sso_only: bool
    enabled: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issuer = self.issuer

        client_id = self.client_id

        client_secret_set = self.client_secret_set

        redirect_uris = self.redirect_uris

        allowed_email_domains = self.allowed_email_domains

        role_claim: None | str
        role_claim = self.role_claim

        role_mapping = self.role_mapping.to_dict()

        default_role: None | str
        if isinstance(self.default_role, str):
            default_role = self.default_role
        else:
            default_role = self.default_role

        jit_provisioning = self.jit_provisioning

        sso_only = self.sso_only

        enabled = self.enabled

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issuer": issuer,
                "client_id": client_id,
                "client_secret_set": client_secret_set,
                "redirect_uris": redirect_uris,
                "allowed_email_domains": allowed_email_domains,
                "role_claim": role_claim,
                "role_mapping": role_mapping,
                "default_role": default_role,
                "jit_provisioning": jit_provisioning,
                "sso_only": sso_only,
                "enabled": enabled,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sso_config_out_role_mapping import SsoConfigOutRoleMapping  # noqa: PLC0415

        d = dict(src_dict)
        issuer = d.pop("issuer")

        client_id = d.pop("client_id")

        client_secret_set = d.pop("client_secret_set")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))

        allowed_email_domains = cast(list[str], d.pop("allowed_email_domains"))

        def _parse_role_claim(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role_claim = _parse_role_claim(d.pop("role_claim"))

        role_mapping = SsoConfigOutRoleMapping.from_dict(d.pop("role_mapping"))

        def _parse_default_role(data: object) -> None | Role:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                default_role_type_0 = check_role(data)

                return default_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Role, data)

        default_role = _parse_default_role(d.pop("default_role"))

        jit_provisioning = d.pop("jit_provisioning")

        sso_only = d.pop("sso_only")

        enabled = d.pop("enabled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        sso_config_out = cls(
            issuer=issuer,
            client_id=client_id,
            client_secret_set=client_secret_set,
            redirect_uris=redirect_uris,
            allowed_email_domains=allowed_email_domains,
            role_claim=role_claim,
            role_mapping=role_mapping,
            default_role=default_role,
            jit_provisioning=jit_provisioning,
            sso_only=sso_only,
            enabled=enabled,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        sso_config_out.additional_properties = d
        return sso_config_out

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
