from typing import Literal

WebhookSubscriptionPatchEventsType0Item = Literal[
    "comment.added", "sla.breached", "sla.warning", "ticket.created", "ticket.updated"
]

WEBHOOK_SUBSCRIPTION_PATCH_EVENTS_TYPE_0_ITEM_VALUES: set[WebhookSubscriptionPatchEventsType0Item] = {
    "comment.added",
    "sla.breached",
    "sla.warning",
    "ticket.created",
    "ticket.updated",
}


def check_webhook_subscription_patch_events_type_0_item(value: str) -> WebhookSubscriptionPatchEventsType0Item:
    if value in WEBHOOK_SUBSCRIPTION_PATCH_EVENTS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_SUBSCRIPTION_PATCH_EVENTS_TYPE_0_ITEM_VALUES!r}"
    )
