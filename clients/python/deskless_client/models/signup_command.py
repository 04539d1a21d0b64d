from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.subscription_tier import SubscriptionTier, check_subscription_tier
from ..types import UNSET, Unset

T = TypeVar("T", bound="SignupCommand")


@_attrs_define
class SignupCommand:
    """
    Attributes:
        name (str):
        slug (str):
        admin_email (str):
        admin_password (str):
        admin_first_name (str):
        admin_last_name (str):
        domain (None | str | Unset):
        subscription_tier (SubscriptionTier | Unset):
        admin_username (None | str | Unset):
        timezone (str | Unset):  Default: 'UTC'.
    """

    name: str
    slug: str
    admin_email: str
    admin_password: str
    admin_first_name: str
    admin_last_name: str
    domain: None | str | Unset = UNSET
    subscription_tier: SubscriptionTier | Unset = UNSET
    admin_username: None | str | Unset = UNSET
    timezone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        slug = self.slug

        admin_email = self.admin_email

        admin_password = self.admin_password

        admin_first_name = self.admin_first_name

        admin_last_name = self.admin_last_name

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        subscription_tier: str | Unset = UNSET
        if not isinstance(self.subscription_tier, Unset):
            subscription_tier = self.subscription_tier

        admin_username: None | str | Unset
        if isinstance(self.admin_username, Unset):
            admin_username = UNSET
        else:
            admin_username = self.admin_username

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "slug": slug,
                "admin_email": admin_email,
                "admin_password": admin_password,
                "admin_first_name": admin_first_name,
                "admin_last_name": admin_last_name,
            }
        )
        if domain is not UNSET:
            field_dict["domain"] = domain
        if subscription_tier is not UNSET:
            field_dict["subscription_tier"] = subscription_tier
        if admin_username is not UNSET:
            field_dict["admin_username"] = admin_username
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        slug = d.pop("slug")

        admin_email = d.pop("admin_email")

        admin_password = d.pop("admin_password")

        admin_first_name = d.pop("admin_first_name")

        admin_last_name = d.pop("admin_last_name")

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        _subscription_tier = d.pop("subscription_tier", UNSET)
        subscription_tier: SubscriptionTier | Unset
        if isinstance(_subscription_tier, Unset):
            subscription_tier = UNSET
        else:
            subscription_tier = check_subscription_tier(_subscription_tier)

        def _parse_admin_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        admin_username = _parse_admin_username(d.pop("admin_username", UNSET))

        timezone = d.pop("timezone", UNSET)

        signup_command = cls(
            name=name,
            slug=slug,
            admin_email=admin_email,
            admin_password=admin_password,
            admin_first_name=admin_first_name,
            admin_last_name=admin_last_name,
            domain=domain,
            subscription_tier=subscription_tier,
            admin_username=admin_username,
            timezone=timezone,
        )

        return signup_command
