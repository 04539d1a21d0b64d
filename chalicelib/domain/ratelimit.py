"""Request rate limits: how many API requests a caller may make per clock-aligned minute.

Budgets (requests per ``WINDOW_SECONDS`` window, clock-aligned so every container agrees on it):

- an authenticated request counts against its **organization** (``TIER_LIMITS`` by subscription
  tier): one tenant spending its budget never touches another's;
- anything else (public routes: signup, login, the portal, inbound webhooks; and requests whose
  token was not accepted) counts against the **client address** (``ADDRESS_LIMIT``; an IPv6 address
  by its /64), so a flood without a valid token spends only its own address's budget.

Each container takes requests from a shared per-window counter in *blocks* (``block_size``): one
conditional ADD admits the next few requests it expects, so a busy tenant costs a fraction of a
database call per request, while the counter never hands out more than the limit. Pure rules:
no I/O. ``RATE_LIMITS`` (``free=300,address=600``...) overrides any limit.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.identity import SubscriptionTier

WINDOW_SECONDS = 60
TIER_LIMITS: dict[SubscriptionTier, int] = {
    SubscriptionTier.FREE: 300,
    SubscriptionTier.STANDARD: 1_200,
    SubscriptionTier.PROFESSIONAL: 3_000,
    SubscriptionTier.ENTERPRISE: 10_000,
}
ADDRESS_LIMIT = 600
# A container claims about this many seconds of its own recent traffic at a time: tokens it holds
# unused when its traffic stops are at most that much.
HORIZON_SECONDS = 5.0
# ...and never more than this share of what the counter still had, so the last tokens of a window
# go one or a few at a time to whichever container needs them.
SHARE = 4
MAX_BLOCK = 100


class Scope(StrEnum):
    ORGANIZATION = "organization"
    ADDRESS = "address"


@dataclass(frozen=True)
class Limits:
    """Requests per window: per subscription tier, and per client address."""

    tiers: dict[SubscriptionTier, int]
    address: int

    def for_tier(self, tier: SubscriptionTier) -> int:
        return self.tiers[tier]


@functools.cache
def limits_from(text: str) -> Limits:
    """The defaults with the overrides of ``RATE_LIMITS`` (comma-separated ``name=requests``).

    >>> limits_from("free=50,address=20").for_tier(SubscriptionTier.FREE)
    50
    """
    tiers, address = dict(TIER_LIMITS), ADDRESS_LIMIT
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if not value.strip().isdigit() or int(value) < 1:
            raise ValueError(f"RATE_LIMITS: {part!r} is not name=<requests per minute, at least 1>")
        if name == "address":
            address = int(value)
        elif name in {t.value for t in SubscriptionTier}:
            tiers[SubscriptionTier(name)] = int(value)
        else:
            raise ValueError(f"RATE_LIMITS: unknown name {name!r} (a subscription tier or 'address')")
    return Limits(tiers, address)


def window_of(now: float) -> int:
    """The number of the window ``now`` (epoch seconds) falls in."""
    return int(now // WINDOW_SECONDS)


def seconds_to_reset(now: float) -> int:
    """Whole seconds until the window of ``now`` ends and its budget is whole again (1-60).

    >>> seconds_to_reset(120.0), seconds_to_reset(179.2)
    (60, 1)
    """
    return max(1, math.ceil((window_of(now) + 1) * WINDOW_SECONDS - now))


def block_size(used_here: int, elapsed: float, left: int) -> int:
    """How many requests to claim at once: about ``HORIZON_SECONDS`` of this container's own rate
    for the bucket (``used_here`` admitted in the ``elapsed`` seconds since its first one this
    window), at most ``left // SHARE`` of what the counter had left and ``MAX_BLOCK``; at least 1.

    >>> block_size(0, 0.0, 300), block_size(50, 10.0, 300), block_size(50, 10.0, 7)
    (1, 25, 1)
    """
    expected = math.ceil(used_here * HORIZON_SECONDS / max(elapsed, HORIZON_SECONDS))
    return max(1, min(expected, left // SHARE, MAX_BLOCK))


@dataclass(frozen=True)
class Decision:
    """Whether one request is admitted, and the figures its response states."""

    allowed: bool
    scope: Scope
    limit: int
    remaining: int
    reset: int  # seconds until the window ends (Retry-After when refused)

    def headers(self) -> dict[str, str]:
        """``X-RateLimit-*`` of every response; a refusal's ``Retry-After`` is the same wait."""
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.reset)
        return headers

    def message(self) -> str:
        whose = "This organization's" if self.scope is Scope.ORGANIZATION else "Your address's"
        unit = "second" if self.reset == 1 else "seconds"
        return f"{whose} {self.limit} requests a minute are used up; try again in {self.reset} {unit}."
