"""The rules that keep password guessing slow without letting anyone lock an account.

Every check of a password (login, password change, two-factor setup or removal) is an *attempt*,
counted BEFORE the password is verified, on three budgets:

- per account and client address: ``PER_ACCOUNT_ADDRESS`` attempts (in flight or failed) in each
  clock-aligned ``WINDOW_SECONDS`` window. A success from the address clears its count. An
  attacker's address runs out; the owner's addresses do not.
- per client address, across every account and organization: ``PER_ADDRESS`` (same window), so
  one address cannot spray guesses over many accounts or tenants.
- per account, from addresses it has not logged in from within ``KNOWN_FOR``: ``NEW_ADDRESS_FREE``
  attempts a (UTC) day, then each attempt waits ``delay_before(n)`` after the previous one (1 s,
  2 s, 4 s ... at most ``MAX_DELAY_SECONDS``). Many addresses guessing one account get slower
  and slower; the owner's known addresses never wait.

Refusals carry the real wait in seconds (``Retry-After``). Pure functions: no I/O.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW_SECONDS = 15 * 60
PER_ACCOUNT_ADDRESS = 5
PER_ADDRESS = 50
NEW_ADDRESS_FREE = 10
MAX_DELAY_SECONDS = 15 * 60
KNOWN_FOR = timedelta(days=30)


def address_key(ip: str | None) -> str:
    """A short, stable hash of the client address (IPv6: of its /64, what one host usually holds).

    >>> address_key("2001:db8::1") == address_key("2001:db8::ffff")
    True
    """
    text = (ip or "").strip()
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        normalised = text.lower() or "unknown"
    else:
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
            normalised = str(parsed.ipv4_mapped)
        elif isinstance(parsed, ipaddress.IPv6Address):
            normalised = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        else:
            normalised = str(parsed)
    return hashlib.sha256(normalised.encode()).hexdigest()[:16]


def window_of(now: datetime) -> int:
    """The number of the clock-aligned window ``now`` falls in."""
    return int(now.timestamp()) // WINDOW_SECONDS


def window_end(window: int) -> int:
    """Epoch seconds at which ``window`` ends."""
    return (window + 1) * WINDOW_SECONDS


def day_of(now: datetime) -> str:
    return now.strftime("%Y%m%d")


def delay_before(attempt: int) -> int:
    """Seconds the ``attempt``-th attempt of a day from new addresses waits after the previous one.

    >>> [delay_before(n) for n in (10, 11, 12, 13, 30)]
    [0, 1, 2, 4, 900]
    """
    if attempt <= NEW_ADDRESS_FREE:
        return 0
    return int(min(2 ** (attempt - NEW_ADDRESS_FREE - 1), MAX_DELAY_SECONDS))


def seconds_until(moment: float, now: datetime) -> int:
    """Whole seconds from ``now`` to ``moment``, at least 1 (a Retry-After of 0 invites a loop)."""
    return max(1, math.ceil(moment - now.timestamp()))


@dataclass(frozen=True)
class AccountCounts:
    """What the account's counters say about one client address, read at one moment."""

    tries: int = 0  # this address, this window: attempts in flight or failed
    failures: int = 0  # this address, this window
    new_today: int = 0  # attempts today from addresses new to the account (in flight or failed)
    last_new_at: float | None = None  # epoch seconds of the last of those
    known_at: float | None = None  # epoch seconds of the last success from this address

    def is_known(self, now: datetime) -> bool:
        """Whether the address logged in to the account successfully within ``KNOWN_FOR``."""
        return self.known_at is not None and self.known_at >= (now - KNOWN_FOR).timestamp()

    def new_address_opens_at(self) -> float | None:
        """When the next attempt from a new address may start (epoch seconds); None: no delay."""
        wait = delay_before(self.new_today + 1)
        if not wait or self.last_new_at is None:
            return None
        return self.last_new_at + wait


@dataclass(frozen=True)
class Refusal:
    """Why an attempt may not start now, and for how long (whole seconds)."""

    reason: str  # "address_for_account", "address", "new_address" or "busy"
    retry_after: int

    def message(self) -> str:
        why = {
            "address_for_account": "Too many failed attempts for this account from your address",
            "address": "Too many failed sign-in attempts from your address",
            "new_address": "Too many attempts for this account from new addresses",
            "busy": "Other attempts for this account from your address are still being checked",
        }[self.reason]
        unit = "second" if self.retry_after == 1 else "seconds"
        return f"{why}; try again in {self.retry_after} {unit}."


def account_refusal(counts: AccountCounts, known: bool, now: datetime) -> Refusal | None:
    """The refusal the account's counters justify by themselves (failures, the new-address delay).

    None means the budget is not spent: a refused reservation then only met attempts still in
    flight (they settle within moments), and is tried again.
    """
    if counts.failures >= PER_ACCOUNT_ADDRESS:
        return Refusal("address_for_account", seconds_until(window_end(window_of(now)), now))
    opens_at = None if known else counts.new_address_opens_at()
    if opens_at is not None and opens_at > now.timestamp():
        return Refusal("new_address", seconds_until(opens_at, now))
    return None


def address_refusal(failures: int, now: datetime) -> Refusal | None:
    """The refusal an address's cross-tenant failures justify by themselves (None: in flight only)."""
    if failures >= PER_ADDRESS:
        return Refusal("address", seconds_until(window_end(window_of(now)), now))
    return None
