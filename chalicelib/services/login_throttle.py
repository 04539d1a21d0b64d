"""Counting a password check before it happens (the rules: ``chalicelib.domain.login_throttle``).

Every route that checks a password (login, password change, two-factor setup and removal) does:

>>> attempt = login_throttle.begin(org_id, email, ip, now)   # raises Throttled (429) when refused
>>> if not passwords.verify(...):
...     attempt.failed()
... else:
...     attempt.succeeded()

``begin`` reserves the attempt with conditional ADDs, so concurrent attempts can never check more
passwords than the budgets allow. A reservation refused only because the address's other
attempts are still being checked (not because they failed) is tried again after a short jittered
pause, as a transaction conflict is; limits themselves are never enforced by waiting.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.domain.errors import Throttled
from chalicelib.domain.login_throttle import (
    AccountCounts,
    Refusal,
    account_refusal,
    address_key,
    address_refusal,
    day_of,
    window_of,
)
from chalicelib.store import login_throttle as store

# How long a reservation that meets only attempts still in flight keeps trying. They settle as
# soon as their password is checked (one argon2 verification each); an attacker cannot stretch
# the wait, since their attempts in flight fail and the budget is then refused at once.
BUSY_SECONDS = 10.0
THROTTLED_CODE = "login_locked"


def throttled(refusal: Refusal) -> Throttled:
    """The 429: message, details and Retry-After all state the same wait."""
    return Throttled(
        refusal.message(),
        code=THROTTLED_CODE,
        details=[{"retry_after": refusal.retry_after, "reason": refusal.reason}],
        retry_after=refusal.retry_after,
    )


@dataclass
class Attempt:
    """A counted attempt; settle it exactly once with ``failed``, ``succeeded`` or ``refund``."""

    now: datetime
    address: str
    window: int
    account: store.AccountSlot | None
    address_counted: bool
    seen: dict[str, float] = field(default_factory=dict)
    settled: bool = False

    def _settle(self) -> bool:
        first, self.settled = not self.settled, True
        return first

    def failed(self) -> None:
        """A wrong password or code: the attempt stays counted, as a failure."""
        if not self._settle():
            return
        if self.account is not None:
            store.account_failed(self.account)
        if self.address_counted:
            store.address_failed(self.address, self.window)

    def succeeded(self) -> None:
        """The caller proved the credentials: this address's count for the account is cleared and
        the address is known to the account from now on."""
        if not self._settle():
            return
        if self.account is not None:
            store.account_succeeded(self.account, self.seen, self.now)
        if self.address_counted:
            store.address_refund(self.address, self.window)

    def refund(self) -> None:
        """Neither (the password was right, the second factor is still to come): uncounted."""
        if not self._settle():
            return
        if self.account is not None:
            store.account_refund(self.account)
        if self.address_counted:
            store.address_refund(self.address, self.window)


def begin(
    org_id: str | None, email: str, ip: str | None, now: datetime, seen: Mapping[str, float] | None = None
) -> Attempt:
    """Reserve an attempt for the account ``(org_id, email)`` from ``ip``, or raise ``Throttled``.

    ``seen`` is the account's counters as already read (the login's BatchGetItem); without it
    they are read here. ``org_id`` None (no such organization): only the address is counted.
    """
    address, window, day = address_key(ip), window_of(now), day_of(now)
    values: dict[str, float] = dict(seen) if seen is not None else (store.read_account(org_id, email) if org_id else {})
    give_up_at = time.monotonic() + BUSY_SECONDS
    tries = 0
    while time.monotonic() < give_up_at:
        tries += 1
        counts = store.counts_for(values, address, window, day) if org_id else AccountCounts()
        known = org_id is not None and counts.is_known(now)
        refusal = account_refusal(counts, known, now) if org_id else None
        if refusal is not None:
            raise throttled(refusal)  # sure to be refused: nothing is written
        if not known and not store.reserve_address(address, window):
            refusal = address_refusal(store.address_failures(address, window), now)
            if refusal is not None:
                raise throttled(refusal)
            _pause(tries)
            continue
        if org_id is None:
            return Attempt(now, address, window, None, address_counted=True)
        slot = store.AccountSlot(org_id, email, address, window, day, new_address=not known)
        if store.reserve_account(slot, values, now):
            return Attempt(now, address, window, slot, address_counted=not known, seen=values)
        if not known:
            store.address_refund(address, window)
        values = store.read_account(org_id, email)
        fresh = store.counts_for(values, address, window, day)
        refusal = account_refusal(fresh, fresh.is_known(now), now)
        if refusal is not None:
            raise throttled(refusal)
        _pause(tries)
    raise throttled(Refusal("busy", 1))


def _pause(tries: int) -> None:
    """Jittered, growing from ~20 ms to 250 ms, so waiting attempts do not retry in step."""
    time.sleep(min(0.02 * 2 ** (tries - 1), 0.25) * random.uniform(0.5, 1.0))
