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
        name (None | str | Unset):
        domain (None | str | Unset):
        subscription_tier (None | SubscriptionTier | Unset):
        settings (None | SettingsPatch | Unset):
    """

    name: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    subscription_tier: None | SubscriptionTier | Unset = UNSET
    settings: None | SettingsPatch | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.settings_patch import SettingsPatch  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        subscription_tier: None | str | Unset
        if isinstance(self.subscription_tier, Unset):
            subscription_tier = UNSET
        elif isinstance(self.subscription_tier, str):
            subscription_tier = self.subscription_tier
        else:
            subscription_tier = self.subscription_tier

        settings: dict[str, Any] | None | Unset
        if isinstance(self.settings, Unset):
            settings = UNSET
        elif isinstance(self.settings, SettingsPatch):
            settings = self.settings.to_dict()
        else:
            settings = self.settings

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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        def _parse_subscription_tier(data: object) -> None | SubscriptionTier | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                subscription_tier_type_0 = check_subscription_tier(data)

                return subscription_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubscriptionTier | Unset, data)

        subscription_tier = _parse_subscription_tier(d.pop("subscription_tier", UNSET))

        def _parse_settings(data: object) -> None | SettingsPatch | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                settings_type_0 = SettingsPatch.from_dict(data)

                return settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SettingsPatch | Unset, data)

        settings = _parse_settings(d.pop("settings", UNSET))

        organization_patch = cls(
            name=name,
            domain=domain,
            subscription_tier=subscription_tier,
            settings=settings,
        )

        return organization_patch
