"""Look-alike addresses after Unicode TR39 (domain/confusables.py): skeletons and mixed scripts."""

from __future__ import annotations

import pytest

from chalicelib.domain.confusables import email_skeleton, mixed_scripts, refuse_mixed_scripts, skeleton
from chalicelib.domain.errors import RuleViolation


def test_skeleton_maps_look_alikes_to_one_prototype() -> None:
    assert skeleton("p\u0430ypa1") == skeleton("paypal")  # Cyrillic a, digit one
    assert skeleton("m") == skeleton("rn")
    assert skeleton("ex\u200bample") == skeleton("example"), "invisible characters are dropped"
    assert skeleton("caf\u00e9") == skeleton("cafe\u0301"), "composed and decomposed are the same"
    assert skeleton("bob") != skeleton("bib")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("agent@example.com", "agent@examp1e.com"),
        ("agent@example.com", "AGENT@EXAMP1E.COM"),
        ("bob@x.com", "B0B@x.com"),
        ("admin@example.com", "adrnin@example.com"),
        ("casey@customer.example", "c\u0430sey@customer.example"),
    ],
)
def test_look_alike_addresses_share_a_skeleton(one: str, other: str) -> None:
    assert email_skeleton(one) == email_skeleton(other)


def test_different_addresses_keep_different_skeletons() -> None:
    addresses = ["agent@example.com", "agent2@example.com", "customer@example.com", "manager@example.com"]
    assert len({email_skeleton(a) for a in addresses}) == len(addresses)


@pytest.mark.parametrize(
    "address",
    [
        "c\u0430sey@customer.example",  # Latin with a Cyrillic letter
        "ivan@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",  # Latin local part, Cyrillic domain
        "p\u03b1ypal@example.com",  # Greek alpha
    ],
)
def test_mixed_scripts_are_found(address: str) -> None:
    assert mixed_scripts(address)
    with pytest.raises(RuleViolation) as refused:
        refuse_mixed_scripts(address)
    assert refused.value.code == "confusable_email"


@pytest.mark.parametrize(
    "address",
    [
        "casey@customer.example",
        "jos\u00e9.garc\u00eda@ejemplo.es",  # accents are Latin
        "\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",  # all Cyrillic
        "support@\u4f8b\u3048.jp",  # Latin with Japanese (Han + Hiragana): highly restrictive
        "o'brien+tickets@example.com",
    ],
)
def test_single_script_and_highly_restrictive_addresses_pass(address: str) -> None:
    assert mixed_scripts(address) == frozenset()
    assert refuse_mixed_scripts(address) == address
