from typing import Literal

WebhookSubscriptionCommandEventsItem = Literal[
    "comment.added", "sla.breached", "sla.warning", "ticket.created", "ticket.merged", "ticket.updated"
]

WEBHOOK_SUBSCRIPTION_COMMAND_EVENTS_ITEM_VALUES: set[WebhookSubscriptionCommandEventsItem] = {
    "comment.added",
    "sla.breached",
    "sla.warning",
    "ticket.created",
    "ticket.merged",
    "ticket.updated",
}


def check_webhook_subscription_command_events_item(value: str) -> WebhookSubscriptionCommandEventsItem:
    if value in WEBHOOK_SUBSCRIPTION_COMMAND_EVENTS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WEBHOOK_SUBSCRIPTION_COMMAND_EVENTS_ITEM_VALUES!r}")
