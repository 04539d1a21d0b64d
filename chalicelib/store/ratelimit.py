"""Per-minute request counters of the rate limiter (the rules: ``chalicelib.domain.ratelimit``).

| item | PK | SK |
|---|---|---|
| organization's window | ``ORG#o#RATE`` | ``<yyyy-mm-ddThh:mm>`` |
| client address's window | ``PLATFORM#RATE#<a>`` | ``<yyyy-mm-ddThh:mm>`` |

``claimed``: requests handed out to containers in that minute (admitted, or held by a container
for its next requests); it only grows, by conditional ADD, and never past the limit. ``<a>`` is
``login_throttle.address_key`` (16 hex of SHA-256; IPv6 by /64). TTL a few minutes after the
window: nothing reads a past window. Each counter has a partition of its own, so the counters
never share write throughput with the organization's other items.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import UpdateError

from chalicelib.domain.ratelimit import WINDOW_SECONDS
from chalicelib.store.keys import platform_key, tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import is_condition_failure

KEEP = timedelta(minutes=5)


class RateWindowItem(TableItem, discriminator="RateWindow"):
    """Requests claimed from one bucket in one window."""

    claimed = NumberAttribute(default=0)


def organization_bucket(org_id: str) -> str:
    return tenant_key(org_id, "RATE")


def address_bucket(address: str) -> str:
    return platform_key("RATE", address)


def window_key(window: int) -> str:
    """``2026-11-29T19:10``: the minute the window starts (sorts with time)."""
    return datetime.fromtimestamp(window * WINDOW_SECONDS, UTC).strftime("%Y-%m-%dT%H:%M")


def claim(bucket: str, window: int, count: int, limit: int) -> int | None:
    """ADD ``count`` to the window's ``claimed`` unless that would pass ``limit``: one conditional
    UpdateItem. Returns the new total, or None (nothing written) when fewer than ``count`` are left."""
    if not 1 <= count <= limit:
        raise ValueError(f"a claim takes 1 to {limit} requests, not {count}")
    claimed = RateWindowItem.claimed
    expires = datetime.fromtimestamp((window + 1) * WINDOW_SECONDS, UTC) + KEEP
    try:
        response = TableItem._get_connection().update_item(
            bucket,
            window_key(window),
            actions=[
                claimed.add(count),
                RateWindowItem.type.set(RateWindowItem),  # type: ignore[arg-type]
                RateWindowItem.expires_at.set(expires),
            ],
            condition=claimed.does_not_exist() | (claimed <= limit - count),
            return_values="UPDATED_NEW",
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return int(response["Attributes"]["claimed"]["N"])


def claimed_in(bucket: str, window: int) -> int:
    """The window's total (strongly consistent; tests and the bench read it, requests never do)."""
    try:
        return int(RateWindowItem.get(bucket, window_key(window), consistent_read=True).claimed)
    except RateWindowItem.DoesNotExist:
        return 0
