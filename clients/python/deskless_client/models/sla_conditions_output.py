from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel, check_channel
from ..models.customer_tier import CustomerTier, check_customer_tier
from ..models.priority import Priority, check_priority

T = TypeVar("T", bound="SlaConditionsOutput")


@_attrs_define
class SlaConditionsOutput:
    """A ticket matches when every given list contains its value (tags: any of them).

    Attributes:
        priority (list[Priority]):
        channel (list[Channel]):
        customer_tier (list[CustomerTier]):
        category (list[str]):
        tags (list[str]):
    """

    priority: list[Priority]
    channel: list[Channel]
    customer_tier: list[CustomerTier]
    category: list[str]
    tags: list[str]

    def to_dict(self) -> dict[str, Any]:
        priority = []
        for priority_item_data in self.priority:
            priority_item: str = priority_item_data
            priority.append(priority_item)

        channel = []
        for channel_item_data in self.channel:
            channel_item: str = channel_item_data
            channel.append(channel_item)

        customer_tier = []
        for customer_tier_item_data in self.customer_tier:
            customer_tier_item: str = customer_tier_item_data
            customer_tier.append(customer_tier_item)

        category = self.category

        tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "priority": priority,
                "channel": channel,
                "customer_tier": customer_tier,
                "category": category,
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        priority = []
        _priority = d.pop("priority")
        for priority_item_data in _priority:
            priority_item = check_priority(priority_item_data)

            priority.append(priority_item)

        channel = []
        _channel = d.pop("channel")
        for channel_item_data in _channel:
            channel_item = check_channel(channel_item_data)

            channel.append(channel_item)

        customer_tier = []
        _customer_tier = d.pop("customer_tier")
        for customer_tier_item_data in _customer_tier:
            customer_tier_item = check_customer_tier(customer_tier_item_data)

            customer_tier.append(customer_tier_item)

        category = cast(list[str], d.pop("category"))

        tags = cast(list[str], d.pop("tags"))

        sla_conditions_output = cls(
            priority=priority,
            channel=channel,
            customer_tier=customer_tier,
            category=category,
            tags=tags,
        )

        return sla_conditions_output
