"""CC addresses: what counts as one, and how an inbound message's addresses are merged in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.identity import Organization, OrgSettings
from chalicelib.services.ccs import MAX_CCS, mail_ccs, normalised_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" Casey@Customer.EXAMPLE ", "casey@customer.example"),
        ("pat@customer.example\r\nBcc: victim@evil.example", None),
        ("Pat <pat@customer.example>", None),
        ("a@b.example,c@d.example", None),
        ("a@b@c.example", None),
        ("x@[127.0.0.1]", None),
        ("", None),
        ("x" * 250 + "@b.example", None),
    ],
)
def test_normalised_address(text: str, expected: str | None) -> None:
    assert normalised_address(text) == expected


def org(*support: str) -> Organization:
    now = datetime.now(UTC)
    return Organization(
        id="o1",
        name="Acme",
        slug="acme",
        settings=OrgSettings(support_email_addresses=list(support)),
        created_at=now,
        updated_at=now,
    )


def test_mail_ccs_skips_support_addresses_the_requester_and_duplicates() -> None:
    found = mail_ccs(
        org("help@acme.example"),
        "casey@customer.example",
        ["lee@customer.example"],
        [
            "HELP@acme.example",
            "support+acme@mail.deskless.local",
            "Casey@Customer.example",
            "LEE@customer.example",
            "pat@customer.example",
            "pat@customer.example",
            "not an address",
        ],
    )
    assert found == ["lee@customer.example", "pat@customer.example"]


def test_mail_ccs_stops_at_the_cap() -> None:
    found = mail_ccs(org(), "casey@customer.example", [], [f"p{n}@crowd.example" for n in range(500)])
    assert found == [f"p{n}@crowd.example" for n in range(MAX_CCS)]
