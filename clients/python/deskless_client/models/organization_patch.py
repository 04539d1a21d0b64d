from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.subscription_tier import SubscriptionTier, check_subscription_tier
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.settings_patch import SettingsPatch


T = TypeVar("T", bound="OrganizationPatch")


@_attrs_define
class OrganizationPatch:
    """
    Attributes:
        name (str | Unset):
        domain (None | str | Unset):
        subscription_tier (SubscriptionTier | Unset):
        settings (SettingsPatch | Unset):
    """

    name: str | Unset = UNSET
    domain: None | str | Unset = UNSET
    subscription_tier: SubscriptionTier | Unset = UNSET
    settings: SettingsPatch | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        subscription_tier: str | Unset = UNSET
        if not isinstance(self.subscription_tier, Unset):
            subscription_tier = self.subscription_tier

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if domain is not UNSET:
            field_dict["domain"] = domain
        if subscription_tier is not UNSET:
            field_dict["subscription_tier"] = subscription_tier
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.settings_patch import SettingsPatch  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

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

        _settings = d.pop("settings", UNSET)
        settings: SettingsPatch | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = SettingsPatch.from_dict(_settings)

        organization_patch = cls(
            name=name,
            domain=domain,
            subscription_tier=subscription_tier,
            settings=settings,
        )

        return organization_patch
