"""Webhook signatures (pure): the inbound form covers the delivery id; the legacy form only on request."""

from __future__ import annotations

from chalicelib.domain.signing import signature, verify

SECRETS = ["whsec_old_one_that_still_works", "whsec_the_newest_secret_of_all"]
NOW = 1_700_000_000
BODY = b'{"type": "ticket"}'


def test_the_inbound_form_binds_the_delivery_id() -> None:
    header = signature(SECRETS[1], NOW, BODY, "d-1")
    match = verify(SECRETS, header, BODY, NOW, delivery_id="d-1")
    assert match is not None
    assert (match.legacy, header.endswith(match.digest)) == (False, True)
    assert verify(SECRETS, header, BODY, NOW, delivery_id="d-2") is None
    assert verify(SECRETS, header, BODY, NOW, delivery_id="d-2", accept_legacy=True) is None
    assert verify(SECRETS, header, BODY + b" ", NOW, delivery_id="d-1") is None


def test_the_legacy_form_passes_only_when_accepted() -> None:
    legacy = signature(SECRETS[0], NOW, BODY)
    assert verify(SECRETS, legacy, BODY, NOW, delivery_id="d-1") is None
    match = verify(SECRETS, legacy, BODY, NOW, delivery_id="d-1", accept_legacy=True)
    assert match is not None
    assert match.legacy is True


def test_outside_the_window_or_malformed_headers_never_match() -> None:
    header = signature(SECRETS[0], NOW, BODY, "d-1")
    assert verify(SECRETS, header, BODY, NOW + 301, delivery_id="d-1") is None
    assert verify(SECRETS, header, BODY, NOW - 301, delivery_id="d-1") is None
    for broken in ("", "t=,v1=", f"t={NOW}", f"t={NOW},v1=é", "v1=abc", f"t=x{NOW},v1=00"):
        assert verify(SECRETS, broken, BODY, NOW, delivery_id="d-1", accept_legacy=True) is None
