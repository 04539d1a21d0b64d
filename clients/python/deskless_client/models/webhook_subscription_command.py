from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_subscription_command_events_item import (
    WebhookSubscriptionCommandEventsItem,
    check_webhook_subscription_command_events_item,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookSubscriptionCommand")


@_attrs_define
class WebhookSubscriptionCommand:
    """
    Attributes:
        url (str):
        events (list[WebhookSubscriptionCommandEventsItem]):
        description (str | Unset):  Default: ''.
        is_active (bool | Unset):  Default: True.
        secret (None | str | Unset): write-only; generated and returned once when omitted
    """

    url: str
    events: list[WebhookSubscriptionCommandEventsItem]
    description: str | Unset = ""
    is_active: bool | Unset = True
    secret: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events = []
        for events_item_data in self.events:
            events_item: str = events_item_data
            events.append(events_item)

        description = self.description

        is_active = self.is_active

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "events": events,
            }
        )
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
        url = d.pop("url")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = check_webhook_subscription_command_events_item(events_item_data)

            events.append(events_item)

        description = d.pop("description", UNSET)

        is_active = d.pop("is_active", UNSET)

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        webhook_subscription_command = cls(
            url=url,
            events=events,
            description=description,
            is_active=is_active,
            secret=secret,
        )

        return webhook_subscription_command
