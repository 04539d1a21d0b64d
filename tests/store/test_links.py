"""Single-use links: each answer of the rules in domain/links.py, and one use under concurrency."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import DesklessError, Throttled
from chalicelib.domain.links import Purpose, token_hash
from chalicelib.services import links
from chalicelib.store import links as store
from chalicelib.store.transactions import transact_write

ORG = "org0000001"


def stored(purpose: Purpose = Purpose.PASSWORD_RESET, valid: timedelta = timedelta(hours=1), org: str = ORG) -> str:
    token, _, put = links.issue(org, purpose, "user000001", valid, {"invitation_id": "i1"})
    transact_write([put])
    return token


def refused(token: str, purpose: Purpose = Purpose.PASSWORD_RESET) -> tuple[int, str]:
    from chalicelib.api.errors import status_of

    with pytest.raises(DesklessError) as caught:
        links.consume(token, purpose)
    return status_of(caught.value), caught.value.code


def test_a_link_works_once_then_is_gone(aws: None) -> None:
    token = stored()
    link = links.consume(token, Purpose.PASSWORD_RESET)
    assert (link.user_id, link.data, link.used_at is not None) == ("user000001", {"invitation_id": "i1"}, True)
    assert refused(token) == (410, "link_used")


def test_only_the_tokens_hash_is_stored(aws: None) -> None:
    token = stored()
    org_id, link_hash = token.split("_")[1], token_hash(token)
    item = store.LinkItem.get(f"ORG#{org_id}", f"LINK#{link_hash}")
    assert token not in str(item.attribute_values)
    assert token[-43:] not in str(item.attribute_values)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: stored(valid=timedelta(seconds=-1)), (410, "link_expired")),
        (lambda: stored(purpose=Purpose.SIGN_IN), (400, "invalid_link")),
        (lambda: "dl_" + ORG + "_" + "A" * 43, (400, "invalid_link")),
        (lambda: "not a token", (400, "invalid_link")),
        (lambda: stored().replace(ORG, "org0000002"), (400, "invalid_link")),
    ],
    ids=["expired", "other purpose", "unknown", "malformed", "other organization"],
)
def test_links_that_cannot_be_used_are_told_apart(aws: None, make: object, expected: tuple[int, str]) -> None:
    assert callable(make)
    assert refused(make()) == expected


def test_a_revoked_link_is_gone_and_a_used_one_cannot_be_revoked(aws: None) -> None:
    token = stored()
    assert links.revoke(ORG, token_hash(token)) is True
    assert refused(token) == (410, "link_revoked")
    used = stored()
    links.consume(used, Purpose.PASSWORD_RESET)
    assert links.revoke(ORG, token_hash(used)) is False


def test_of_concurrent_uses_exactly_one_wins(server_table: str) -> None:
    token = stored()
    results: list[str] = []

    def use() -> None:
        try:
            links.consume(token, Purpose.PASSWORD_RESET)
            results.append("ok")
        except DesklessError as exc:
            results.append(exc.code)

    with ThreadPoolExecutor(8) as pool:
        for _ in range(8):
            pool.submit(use)
    assert sorted(results) == ["link_used"] * 7 + ["ok"]


def test_mail_is_throttled_per_address_asked_for_whether_or_not_it_exists(aws: None) -> None:
    now = utcnow()
    for _ in range(links.MAILS_PER_ADDRESS):
        links.throttle_mail(ORG, "Nobody@Example.com", "192.0.2.1", now)
    with pytest.raises(Throttled) as caught:
        links.throttle_mail(ORG, "nobody@example.com", "192.0.2.2", now)
    assert caught.value.code == "mail_throttled"
    assert 0 < caught.value.retry_after <= 3600
    links.throttle_mail(ORG, "somebody@example.com", "192.0.2.2", now)  # another address is unaffected


def test_mail_is_throttled_per_client_across_addresses(aws: None) -> None:
    now = utcnow()
    for n in range(links.MAILS_PER_CLIENT):
        links.throttle_mail(ORG, f"person{n}@example.com", "198.51.100.7", now)
    with pytest.raises(Throttled):
        links.throttle_mail(ORG, "another@example.com", "198.51.100.7", now)


def test_link_urls_carry_the_token_in_the_fragment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://help.example.com/")
    assert links.url("reset-password", "dl_x_y") == "https://help.example.com/app/reset-password#token=dl_x_y"
