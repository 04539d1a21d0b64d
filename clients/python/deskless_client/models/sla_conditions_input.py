from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel, check_channel
from ..models.customer_tier import CustomerTier, check_customer_tier
from ..models.priority import Priority, check_priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="SlaConditionsInput")


@_attrs_define
class SlaConditionsInput:
    """A ticket matches when every given list contains its value (tags: any of them).

    Attributes:
        priority (list[Priority] | Unset):
        channel (list[Channel] | Unset):
        customer_tier (list[CustomerTier] | Unset):
        category (list[str] | Unset):
        tags (list[str] | Unset):
    """

    priority: list[Priority] | Unset = UNSET
    channel: list[Channel] | Unset = UNSET
    customer_tier: list[CustomerTier] | Unset = UNSET
    category: list[str] | Unset = UNSET
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        priority: list[str] | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = []
            for priority_item_data in self.priority:
                priority_item: str = priority_item_data
                priority.append(priority_item)

        channel: list[str] | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = []
            for channel_item_data in self.channel:
                channel_item: str = channel_item_data
                channel.append(channel_item)

        customer_tier: list[str] | Unset = UNSET
        if not isinstance(self.customer_tier, Unset):
            customer_tier = []
            for customer_tier_item_data in self.customer_tier:
                customer_tier_item: str = customer_tier_item_data
                customer_tier.append(customer_tier_item)

        category: list[str] | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if priority is not UNSET:
            field_dict["priority"] = priority
        if channel is not UNSET:
            field_dict["channel"] = channel
        if customer_tier is not UNSET:
            field_dict["customer_tier"] = customer_tier
        if category is not UNSET:
            field_dict["category"] = category
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _priority = d.pop("priority", UNSET)
        priority: list[Priority] | Unset = UNSET
        if _priority is not UNSET:
            priority = []
            for priority_item_data in _priority:
                priority_item = check_priority(priority_item_data)

                priority.append(priority_item)

        _channel = d.pop("channel", UNSET)
        channel: list[Channel] | Unset = UNSET
        if _channel is not UNSET:
            channel = []
            for channel_item_data in _channel:
                channel_item = check_channel(channel_item_data)

                channel.append(channel_item)

        _customer_tier = d.pop("customer_tier", UNSET)
        customer_tier: list[CustomerTier] | Unset = UNSET
        if _customer_tier is not UNSET:
            customer_tier = []
            for customer_tier_item_data in _customer_tier:
                customer_tier_item = check_customer_tier(customer_tier_item_data)

                customer_tier.append(customer_tier_item)

        category = cast(list[str], d.pop("category", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        sla_conditions_input = cls(
            priority=priority,
            channel=channel,
            customer_tier=customer_tier,
            category=category,
            tags=tags,
        )

        return sla_conditions_input
