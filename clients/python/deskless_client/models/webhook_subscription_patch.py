from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_subscription_patch_events_item import (
    WebhookSubscriptionPatchEventsItem,
    check_webhook_subscription_patch_events_item,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookSubscriptionPatch")


@_attrs_define
class WebhookSubscriptionPatch:
    """
    Attributes:
        url (str | Unset):
        events (list[WebhookSubscriptionPatchEventsItem] | Unset):
        description (None | str | Unset):
        is_active (bool | Unset):
        secret (str | Unset):
    """

    url: str | Unset = UNSET
    events: list[WebhookSubscriptionPatchEventsItem] | Unset = UNSET
    description: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET
    secret: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item: str = events_item_data
                events.append(events_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_active = self.is_active

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if events is not UNSET:
            field_dict["events"] = events
        if description is not UNSET:
            field_dict["description"] = description
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url", UNSET)

        _events = d.pop("events", UNSET)
        events: list[WebhookSubscriptionPatchEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = check_webhook_subscription_patch_events_item(events_item_data)

                events.append(events_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        is_active = d.pop("is_active", UNSET)

        secret = d.pop("secret", UNSET)

        webhook_subscription_patch = cls(
            url=url,
            events=events,
            description=description,
            is_active=is_active,
            secret=secret,
        )

        return webhook_subscription_patch
