from typing import Literal

WebhookSubscriptionPatchEventsItem = Literal[
    "comment.added", "sla.breached", "sla.warning", "ticket.created", "ticket.merged", "ticket.updated"
]

WEBHOOK_SUBSCRIPTION_PATCH_EVENTS_ITEM_VALUES: set[WebhookSubscriptionPatchEventsItem] = {
    "comment.added",
    "sla.breached",
    "sla.warning",
    "ticket.created",
    "ticket.merged",
    "ticket.updated",
}


def check_webhook_subscription_patch_events_item(value: str) -> WebhookSubscriptionPatchEventsItem:
    if value in WEBHOOK_SUBSCRIPTION_PATCH_EVENTS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WEBHOOK_SUBSCRIPTION_PATCH_EVENTS_ITEM_VALUES!r}")
