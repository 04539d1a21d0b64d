"""Outbound webhook subscriptions and their delivery log (admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery, Output, TrashQuery, next_cursor_field
from chalicelib.domain.commands import WebhookSubscriptionCommand, WebhookSubscriptionPatch
from chalicelib.services import webhooks

api = Api("webhooks", __name__)


class SubscriptionOut(Output):
    id: str
    url: str
    events: list[str]
    description: str
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int
    secret: str | None = Field(None, description="only in the response that created it")


class SubscriptionList(Output):
    items: list[SubscriptionOut]
    next_cursor: str | None = next_cursor_field()


class DeliveryOut(Output):
    id: str
    event: str
    status: str = Field(
        description="pending (queued for the sender) | sending | delivered | retrying (after a failed attempt) "
        "| deferred (the organization's deliveries for the minute were used up) | failed (gave up)"
    )
    attempts: int
    last_status_code: int | None = None
    last_error: str | None = None
    last_attempt_at: datetime | None = None
    next_attempt_at: datetime | None = None
    payload: dict[str, Any]
    resend_of: str | None = Field(None, description="a resend: the id of the delivery it resent")


class DeliveryPage(Output):
    items: list[DeliveryOut]
    next_cursor: str | None = None


@api.route(
    "/webhook-subscriptions",
    "GET",
    summary="Outbound webhook subscriptions, oldest first (deleted=true: the trash)",
    response=SubscriptionList,
    query=TrashQuery,
)
def list_subscriptions(call: Call[None, TrashQuery]) -> SubscriptionList:
    q = call.query
    page = webhooks.list_subscriptions(call.principal, q.deleted, q.limit, q.cursor)
    return SubscriptionList.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@api.route(
    "/webhook-subscriptions",
    "POST",
    summary="Subscribe a URL to ticket events (the signing secret is returned once; "
    f"at most {webhooks.MAX_SUBSCRIPTIONS} per organization)",
    request=WebhookSubscriptionCommand,
    response=SubscriptionOut,
    status=201,
    location="/webhook-subscriptions/{id}",
    errors=(422,),
)
def create_subscription(call: Call[WebhookSubscriptionCommand, NoQuery]) -> SubscriptionOut:
    return SubscriptionOut.model_validate(webhooks.create_subscription(call.principal, call.body))


@api.route(
    "/webhook-subscriptions/{subscription_id}",
    "GET",
    summary="One subscription",
    response=SubscriptionOut,
    errors=(404,),
)
def get_subscription(call: Call[None, NoQuery], subscription_id: str) -> SubscriptionOut:
    return SubscriptionOut.model_validate(webhooks.get_subscription(call.principal, subscription_id))


@api.route(
    "/webhook-subscriptions/{subscription_id}",
    "PATCH",
    summary="Change a subscription (If-Match: version)",
    request=WebhookSubscriptionPatch,
    response=SubscriptionOut,
    errors=(404, 409, 422),
    if_match=True,
)
def update_subscription(call: Call[WebhookSubscriptionPatch, NoQuery], subscription_id: str) -> SubscriptionOut:
    return SubscriptionOut.model_validate(
        webhooks.update_subscription(call.principal, subscription_id, call.body, call.if_match())
    )


@api.route(
    "/webhook-subscriptions/{subscription_id}",
    "DELETE",
    summary="Delete a subscription (restorable)",
    status=204,
    errors=(404,),
)
def delete_subscription(call: Call[None, NoQuery], subscription_id: str) -> None:
    webhooks.delete_subscription(call.principal, subscription_id)


@api.route(
    "/webhook-subscriptions/{subscription_id}/restore",
    "POST",
    summary="Bring a deleted subscription back (same secret), within the subscription cap",
    response=SubscriptionOut,
    errors=(404, 422),
)
def restore_subscription(call: Call[None, NoQuery], subscription_id: str) -> SubscriptionOut:
    return SubscriptionOut.model_validate(webhooks.restore_subscription(call.principal, subscription_id))


@api.route(
    "/webhook-subscriptions/{subscription_id}/deliveries",
    "GET",
    summary="The delivery log, newest first (30 days)",
    query=ListQuery,
    response=DeliveryPage,
    errors=(404,),
)
def list_deliveries(call: Call[None, ListQuery], subscription_id: str) -> DeliveryPage:
    page = webhooks.list_deliveries(call.principal, subscription_id, call.query.limit, call.query.cursor)
    return DeliveryPage.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@api.route(
    "/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/resend",
    "POST",
    summary="Send a logged delivery's payload again, as a new log entry (resend_of: the original), through "
    f"the sender (signed, retried); at most {webhooks.MAX_RESENDS} resends of a delivery, none while it "
    "still waits for the sender",
    response=DeliveryOut,
    status=202,
    errors=(404, 409, 422),
)
def resend_delivery(call: Call[None, NoQuery], subscription_id: str, delivery_id: str) -> DeliveryOut:
    return DeliveryOut.model_validate(webhooks.resend_delivery(call.principal, subscription_id, delivery_id))
