"""Sign-in attempt counters (the rules are in ``chalicelib.domain.login_throttle``).

- account throttle ``ORG#o`` / ``LOGINFAIL#<sha256(email)>`` (whether or not a user holds the
  email): ``try_<a>_<w>`` and ``fail_<a>_<w>`` (attempts and failures of address ``a`` in window
  ``w``), ``new_<yyyymmdd>`` and ``last_new`` (attempts from addresses new to the account),
  ``ok_<a>`` (last success from ``a``); TTL.
- address throttle ``PLATFORM#LOGINADDR#<a>`` / ``<w>``: ``tries``, ``failures``; TTL.

``<a>`` is ``address_key(ip)``, ``<w>`` the window number. The account item's attribute names
carry the address and the window, so ONE conditional UpdateItem reserves an attempt against the
(account, address) budget and the account's new-address delay together; a refused one writes
nothing. Stale names (past windows and days, addresses unknown for 30 days) are removed by the
next write that saw them. Counters are ADDed, never read-modify-written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.operand import Path
from pynamodb.expressions.update import Action

from chalicelib.domain.login_throttle import (
    KNOWN_FOR,
    NEW_ADDRESS_FREE,
    PER_ACCOUNT_ADDRESS,
    PER_ADDRESS,
    WINDOW_SECONDS,
    AccountCounts,
    delay_before,
    window_end,
)
from chalicelib.store.keys import org_pk, platform_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import is_condition_failure

LAST_NEW = "last_new"
# How long an account's counters outlive its last attempt, so a day's new-address count survives.
KEEP_FAILURES = timedelta(days=2)
_NAME = re.compile(r"^(try|fail)_([0-9a-f]{16})_(\d+)$|^new_(\d{8})$|^ok_([0-9a-f]{16})$")


class LoginThrottleItem(TableItem, discriminator="LoginThrottle"):
    """Per account (organization + email, whether or not a user holds it); counters are dynamic
    attributes (see the module docstring), read raw by ``counters``."""


class AddressThrottleItem(TableItem, discriminator="LoginAddressThrottle"):
    """Per client address and window, across organizations (a platform key)."""

    tries = NumberAttribute(default=0)
    failures = NumberAttribute(default=0)


# ---------------------------------------------------------------- keys and names


def account_key(org_id: str, email: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return org_pk(org_id), f"LOGINFAIL#{digest}"


def address_item_key(address: str, window: int) -> tuple[str, str]:
    return platform_key("LOGINADDR", address), str(window)


def tries_name(address: str, window: int) -> str:
    return f"try_{address}_{window}"


def failures_name(address: str, window: int) -> str:
    return f"fail_{address}_{window}"


def new_name(day: str) -> str:
    return f"new_{day}"


def known_name(address: str) -> str:
    return f"ok_{address}"


def counters(raw: Mapping[str, Any] | None) -> dict[str, float]:
    """The numeric attributes of a raw account item (DynamoDB JSON), by name."""
    values: dict[str, float] = {}
    for name, value in (raw or {}).items():
        if isinstance(value, dict) and "N" in value:
            values[name] = float(value["N"])
    return values


def counts_for(values: Mapping[str, float], address: str, window: int, day: str) -> AccountCounts:
    return AccountCounts(
        tries=int(values.get(tries_name(address, window), 0)),
        failures=int(values.get(failures_name(address, window), 0)),
        new_today=int(values.get(new_name(day), 0)),
        last_new_at=values.get(LAST_NEW),
        known_at=values.get(known_name(address)),
    )


def _stale(values: Mapping[str, float], window: int, day: str, now: datetime, keep: frozenset[str]) -> list[str]:
    """Names ``values`` holds that no rule reads any more (at most 50 per write: each write
    adds at most three)."""
    known_cutoff = (now - KNOWN_FOR).timestamp()
    stale = []
    for name, value in values.items():
        match = _NAME.match(name)
        if match is None or name in keep:
            continue
        window_text, day_text, address = match.group(3), match.group(4), match.group(5)
        past_window = window_text is not None and int(window_text) < window
        past_day = day_text is not None and day_text != day
        forgotten = address is not None and value < known_cutoff
        if past_window or past_day or forgotten:
            stale.append(name)
    return sorted(stale)[:50]


def _expiry(values: Mapping[str, float], now: datetime) -> datetime:
    """TTL: two days after the last attempt, or as long as a known address is remembered."""
    latest_success = max((v for n, v in values.items() if n.startswith("ok_")), default=0.0)
    return max(now + KEEP_FAILURES, datetime.fromtimestamp(latest_success, UTC) + KNOWN_FOR)


def _update(pk: str, sk: str, actions: list[Action], condition: Condition | None = None) -> bool:
    """One UpdateItem; False when ``condition`` refused it."""
    try:
        TableItem._get_connection().update_item(pk, sk, actions=actions, condition=condition)
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


# ---------------------------------------------------------------- the account's counters


def read_account(org_id: str, email: str) -> dict[str, float]:
    """The account's counters, strongly consistent (after a refused reservation, or when no
    snapshot was read with the login)."""
    pk, sk = account_key(org_id, email)
    raw = TableItem._get_connection().get_item(pk, sk, consistent_read=True)
    return counters(raw.get("Item"))


@dataclass(frozen=True)
class AccountSlot:
    """Where an attempt was counted on the account item."""

    org_id: str
    email: str
    address: str
    window: int
    day: str
    new_address: bool


def reserve_account(slot: AccountSlot, seen: Mapping[str, float], now: datetime) -> bool:
    """Count an attempt (ADD 1) unless the address's budget or the new-address delay refuses it.

    ``seen`` is the item as last read: it only chooses the delay to require and the stale names
    to remove; the limits themselves are conditions evaluated on the stored item.
    """
    pk, sk = account_key(slot.org_id, slot.email)
    tries = Path(tries_name(slot.address, slot.window))
    condition: Condition = tries.does_not_exist() | (tries < PER_ACCOUNT_ADDRESS)
    actions: list[Action] = [tries.add(1), LoginThrottleItem.type.set(LoginThrottleItem)]  # type: ignore[arg-type]
    keep = {tries_name(slot.address, slot.window), failures_name(slot.address, slot.window)}
    if slot.new_address:
        new, last = Path(new_name(slot.day)), Path(LAST_NEW)
        # Past the free attempts, one attempt per delay: the delay grows with the count as last
        # read (never below the first step), and ``last_new`` moves on with every attempt.
        seen_today = int(seen.get(new_name(slot.day), 0))
        wait = delay_before(max(seen_today + 1, NEW_ADDRESS_FREE + 1))
        opened = last.does_not_exist() | (last <= now.timestamp() - wait)
        condition &= new.does_not_exist() | (new < NEW_ADDRESS_FREE) | opened
        actions += [new.add(1), last.set(now.timestamp())]
        keep |= {new_name(slot.day), LAST_NEW}
    actions.append(LoginThrottleItem.expires_at.set(_expiry(seen, now)))
    actions += [Path(name).remove() for name in _stale(seen, slot.window, slot.day, now, frozenset(keep))]
    return _update(pk, sk, actions, condition)


def account_failed(slot: AccountSlot) -> None:
    """The attempt failed: it stays counted, and counts as a failure of its address."""
    pk, sk = account_key(slot.org_id, slot.email)
    _update(pk, sk, [Path(failures_name(slot.address, slot.window)).add(1)], LoginThrottleItem.PK.exists())


def account_refund(slot: AccountSlot) -> None:
    """The attempt neither failed nor succeeded (a second factor is still to come): uncount it."""
    pk, sk = account_key(slot.org_id, slot.email)
    tries = Path(tries_name(slot.address, slot.window))
    actions: list[Action] = [tries.add(-1)]
    if slot.new_address:
        actions.append(Path(new_name(slot.day)).add(-1))
    _update(pk, sk, actions, tries > 0)  # a success from the address may have cleared it meanwhile


def account_succeeded(slot: AccountSlot, seen: Mapping[str, float], now: datetime) -> None:
    """Clear the address's count, remember the address as known, uncount the attempt."""
    pk, sk = account_key(slot.org_id, slot.email)
    mine = {
        name
        for name in {*seen, tries_name(slot.address, slot.window), failures_name(slot.address, slot.window)}
        if name.startswith((f"try_{slot.address}_", f"fail_{slot.address}_"))
    }
    actions: list[Action] = [Path(name).remove() for name in sorted(mine)]
    actions.append(Path(known_name(slot.address)).set(now.timestamp()))
    if slot.new_address:
        actions.append(Path(new_name(slot.day)).add(-1))
    remembered = {**seen, known_name(slot.address): now.timestamp()}
    actions.append(LoginThrottleItem.expires_at.set(_expiry(remembered, now)))
    _update(pk, sk, actions, LoginThrottleItem.PK.exists())


# ---------------------------------------------------------------- the address's counters


def reserve_address(address: str, window: int) -> bool:
    """Count an attempt from ``address`` (ADD 1) unless it has ``PER_ADDRESS`` in this window."""
    pk, sk = address_item_key(address, window)
    tries = AddressThrottleItem.tries
    expires = datetime.fromtimestamp(window_end(window) + WINDOW_SECONDS, UTC)
    return _update(
        pk,
        sk,
        [
            tries.add(1),
            AddressThrottleItem.type.set(AddressThrottleItem),  # type: ignore[arg-type]
            AddressThrottleItem.expires_at.set(expires),
        ],
        tries.does_not_exist() | (tries < PER_ADDRESS),
    )


def address_failures(address: str, window: int) -> int:
    pk, sk = address_item_key(address, window)
    try:
        return int(AddressThrottleItem.get(pk, sk, consistent_read=True).failures)
    except AddressThrottleItem.DoesNotExist:
        return 0


def address_failed(address: str, window: int) -> None:
    pk, sk = address_item_key(address, window)
    _update(pk, sk, [AddressThrottleItem.failures.add(1)], AddressThrottleItem.PK.exists())


def address_refund(address: str, window: int) -> None:
    """Uncount an attempt that did not fail (a success, or a second factor still to come)."""
    pk, sk = address_item_key(address, window)
    _update(pk, sk, [AddressThrottleItem.tries.add(-1)], AddressThrottleItem.tries > 0)
