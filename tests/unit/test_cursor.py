from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.errors import Invalid
from chalicelib.store.cursor import decode_cursor, encode_cursor

KEY = {"PK": {"S": "ORG#o1"}, "SK": {"S": "USER#u1"}, "GSI1PK": {"S": "ORG#o1#ROLE#agent"}}


def test_cursor_round_trips_for_its_own_tenant_and_list() -> None:
    cursor = encode_cursor("o1", "users", KEY)
    assert cursor is not None
    assert decode_cursor("o1", "users", cursor) == KEY


def test_last_page_has_no_cursor() -> None:
    assert encode_cursor("o1", "users", None) is None
    assert decode_cursor("o1", "users", None) is None


def test_cursor_from_another_tenant_is_rejected() -> None:
    cursor = encode_cursor("o1", "users", KEY)
    with pytest.raises(Invalid) as error:
        decode_cursor("o2", "users", cursor)
    assert error.value.code == "invalid_cursor"


def test_cursor_from_another_list_is_rejected() -> None:
    cursor = encode_cursor("o1", "users", KEY)
    with pytest.raises(Invalid):
        decode_cursor("o1", "tickets", cursor)


@pytest.mark.parametrize(
    "mutate", [lambda c: c[:-2] + "AA", lambda c: "x" + c, lambda c: c.replace(".", ""), lambda c: "%%%"]
)
def test_tampered_cursor_is_rejected(mutate) -> None:
    cursor = encode_cursor("o1", "users", KEY)
    assert cursor is not None
    with pytest.raises(Invalid):
        decode_cursor("o1", "users", mutate(cursor))


def test_signed_cursor_with_a_foreign_key_is_rejected() -> None:
    # Even a correctly signed cursor cannot point a Query at another tenant's partition.
    foreign = {"PK": {"S": "ORG#o2"}, "SK": {"S": "USER#u9"}}
    cursor = encode_cursor("o1", "users", foreign)
    with pytest.raises(Invalid):
        decode_cursor("o1", "users", cursor)


@pytest.mark.parametrize(
    "key",
    [
        {"PK": {"S": "ORG#o1"}, "SK": {"S": "USER#u1"}},  # not the index's keys
        {**KEY, "GSI1SK": {"S": "x"}, "extra": {"S": "y"}},  # an attribute no key has
        {**KEY, "GSI1SK": {"N": "1"}},  # not a string
        {**KEY, "GSI1SK": {"S": ""}},  # empty
        {**KEY, "GSI1SK": {"S": "x", "N": "1"}},  # two types
        {**KEY, "GSI1SK": "x"},  # a bare value
        {**KEY, "GSI1PK": {"S": "ORG#o1#ROLE#admin"}, "GSI1SK": {"S": "x"}},  # another partition
    ],
)
def test_a_signed_cursor_must_carry_exactly_the_lists_string_keys_in_its_partition(key: dict[str, Any]) -> None:
    names = frozenset({"PK", "SK", "GSI1PK", "GSI1SK"})
    good = encode_cursor("o1", "users", {**KEY, "GSI1SK": {"S": "x"}})
    assert decode_cursor("o1", "users", good, names, ("GSI1PK", "ORG#o1#ROLE#agent")) is not None
    cursor = encode_cursor("o1", "users", key)
    with pytest.raises(Invalid) as error:
        decode_cursor("o1", "users", cursor, names, ("GSI1PK", "ORG#o1#ROLE#agent"))
    assert error.value.code == "invalid_cursor"
