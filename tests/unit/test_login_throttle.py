"""The sign-in throttle's rules, without storage."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.login_throttle import (
    PER_ACCOUNT_ADDRESS,
    AccountCounts,
    account_refusal,
    address_key,
    address_refusal,
    delay_before,
)

NOW = datetime(2031, 3, 4, 9, 0, 7, tzinfo=UTC)


def test_one_ipv6_host_cannot_rotate_through_its_own_64_for_fresh_budgets() -> None:
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:198.51.100.7") == address_key("198.51.100.7")
    assert address_key(None) == address_key("") != address_key("198.51.100.7")


def test_the_new_address_delay_doubles_up_to_fifteen_minutes() -> None:
    assert [delay_before(n) for n in range(1, 11)] == [0] * 10
    assert [delay_before(n) for n in range(11, 17)] == [1, 2, 4, 8, 16, 32]
    assert delay_before(21) == 900
    assert delay_before(10_000) == 900


def test_spent_failures_refuse_until_the_window_ends() -> None:
    refusal = account_refusal(AccountCounts(tries=5, failures=PER_ACCOUNT_ADDRESS), known=True, now=NOW)
    assert refusal is not None
    assert (refusal.reason, refusal.retry_after) == ("address_for_account", 15 * 60 - 7)
    assert "893 seconds" in refusal.message()


def test_attempts_only_in_flight_are_not_a_refusal() -> None:
    assert account_refusal(AccountCounts(tries=5, failures=2), known=False, now=NOW) is None
    assert address_refusal(49, NOW) is None
    assert address_refusal(50, NOW) is not None


def test_the_new_address_delay_never_applies_to_a_known_address() -> None:
    counts = AccountCounts(new_today=14, last_new_at=NOW.timestamp() - 3, known_at=NOW.timestamp() - 86_400)
    assert counts.is_known(NOW)
    assert account_refusal(counts, known=True, now=NOW) is None
    refusal = account_refusal(counts, known=False, now=NOW)
    assert refusal is not None
    assert (refusal.reason, refusal.retry_after) == ("new_address", 16 - 3)
