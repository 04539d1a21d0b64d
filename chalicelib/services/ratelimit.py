"""Admitting requests under the rate limits (the rules: ``chalicelib.domain.ratelimit``).

Each container (a Lambda instance; the local stack's one process) keeps, per bucket, the requests it
has claimed from the bucket's shared counter and not used yet. A request uses one of them; when
none is left the container claims a block with ONE conditional ADD (``store.ratelimit.claim``),
sized to about 5 seconds of its own traffic for the bucket and shrinking to single requests as
the window runs out. A refused claim marks the bucket used up in this container until the window
ends, so a caller hammering past its limit costs no database call at all.

>>> decision = admit(organization_bucket("o1", SubscriptionTier.FREE))
>>> decision.allowed, decision.remaining
(True, 299)

The counter never hands out more than the limit, whatever the number of containers; what they
hold unused is the tolerance (docs/api.md, "Rate limits").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from botocore.exceptions import BotoCoreError
from pynamodb.exceptions import PynamoDBException

from chalicelib import config
from chalicelib.domain.clock import utcnow
from chalicelib.domain.identity import SubscriptionTier
from chalicelib.domain.login_throttle import address_key
from chalicelib.domain.ratelimit import Decision, Limits, Scope, block_size, limits_from, seconds_to_reset, window_of
from chalicelib.observability import count, logger
from chalicelib.store import ratelimit as store

# Buckets a container remembers; past that, those of past windows are forgotten (and, under a
# flood of distinct addresses, all of them: forgetting only drops unused claims, never over-admits).
MAX_BUCKETS = 10_000


@dataclass(frozen=True)
class Bucket:
    """Whose budget a request spends: the counter's partition, its scope and its limit."""

    key: str
    scope: Scope
    limit: int


def limits() -> Limits:
    return limits_from(config.rate_limits())


def organization_bucket(org_id: str, tier: SubscriptionTier) -> Bucket:
    return Bucket(store.organization_bucket(org_id), Scope.ORGANIZATION, limits().for_tier(tier))


def address_bucket(ip: str | None) -> Bucket:
    """The client address's bucket (an IPv6 address by its /64, as the sign-in throttle counts it)."""
    return Bucket(store.address_bucket(address_key(ip)), Scope.ADDRESS, limits().address)


@dataclass
class _Held:
    """One bucket as this container sees it, in its current window."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    window: int = -1
    limit: int = 0
    claimed: int = 0  # the shared counter's total after this container's last claim
    held: int = 0  # claimed by this container and not used yet
    used: int = 0  # admitted by this container in the window
    first_at: float = 0.0  # when it admitted the first of them
    used_up: bool = False  # a claim was refused: nothing is left until the window ends

    def restart(self, window: int) -> None:
        """A new window: the counter starts from zero, nothing is held."""
        self.window, self.claimed, self.held, self.used, self.first_at, self.used_up = window, 0, 0, 0, 0.0, False

    def remaining(self) -> int:
        return max(0, self.limit - self.claimed + self.held)


class Limiter:
    """One container's share of every bucket's counter."""

    def __init__(self) -> None:
        self._buckets: dict[str, _Held] = {}
        self._lock = threading.Lock()

    def admit(self, bucket: Bucket, now: float | None = None) -> Decision:
        """Admit one request (using a held claim, or claiming a block first) or refuse it."""
        now = utcnow().timestamp() if now is None else now
        window = window_of(now)
        state = self._held(bucket.key, window)
        with state.lock:
            if state.window != window:
                state.restart(window)
            if state.limit != bucket.limit:  # a new tier or configuration takes effect at once
                state.limit, state.used_up = bucket.limit, False
            if state.held == 0 and not state.used_up and not self._claim(bucket, state, window, now):
                # The counter did not answer: serve the request uncounted rather than fail it.
                return Decision(True, bucket.scope, bucket.limit, state.remaining(), seconds_to_reset(now))
            if state.held == 0:
                return Decision(False, bucket.scope, bucket.limit, 0, seconds_to_reset(now))
            if state.used == 0:
                state.first_at = now
            state.held -= 1
            state.used += 1
            return Decision(True, bucket.scope, bucket.limit, state.remaining(), seconds_to_reset(now))

    def _held(self, key: str, window: int) -> _Held:
        with self._lock:
            state = self._buckets.get(key)
            if state is None:
                if len(self._buckets) >= MAX_BUCKETS:
                    self._buckets = {k: s for k, s in self._buckets.items() if s.window >= window}
                    if len(self._buckets) >= MAX_BUCKETS:
                        self._buckets = {}
                state = self._buckets[key] = _Held()
            return state

    def _claim(self, bucket: Bucket, state: _Held, window: int, now: float) -> bool:
        """Claim a block for ``state`` (held grows, or ``used_up``); False when the counter failed."""
        left = bucket.limit - state.claimed
        if left <= 0:
            state.used_up = True
            return True
        size = block_size(state.used, now - state.first_at if state.used else 0.0, left)
        try:
            total = store.claim(bucket.key, window, size, bucket.limit)
            if total is None and size > 1:  # fewer than a block left: take them one at a time
                size = 1
                total = store.claim(bucket.key, window, size, bucket.limit)
        except (PynamoDBException, BotoCoreError):
            logger.warning("rate limit counter unavailable", extra={"scope": bucket.scope.value}, exc_info=True)
            count("RateLimitCounterErrors", 1)
            return False
        if total is None:
            state.used_up, state.claimed = True, bucket.limit
        else:
            state.claimed, state.held = total, state.held + size
        return True


_limiter = Limiter()


def admit(bucket: Bucket) -> Decision:
    """Admit or refuse one request of ``bucket`` in this container."""
    return _limiter.admit(bucket)


def reset() -> None:
    """Forget every claim this container holds (a new container; tests start each with one)."""
    global _limiter
    _limiter = Limiter()
