"""SES's verdicts on inbound mail, read only from the block SES prepends (channels/mail_auth.py).

``tests/events/email/ses_received.eml`` has the layout of AWS's documented example of a message
SES received (its header block, then the sender's own headers, which carry an
Authentication-Results of their relay's).
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from chalicelib.channels.email import parse
from chalicelib.channels.mail_auth import (
    Verdicts,
    parse_authentication_results,
    proves_sender,
    read_verdicts,
    refusal,
)

MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


def load(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def message(raw: bytes) -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_the_ses_block_gives_every_verdict() -> None:
    verdicts = read_verdicts(message(load("ses_received.eml")))
    assert verdicts == Verdicts(
        spam="PASS", virus="PASS", spf="pass", dkim="pass", dmarc="pass", dmarc_domain="example.com"
    )
    assert refusal(verdicts) is None


def test_the_sender_is_the_from_address_and_proven_by_an_aligned_dmarc_pass() -> None:
    inbound = parse(load("ses_received.eml"))
    assert (inbound.sender, inbound.sender_name) == ("sender@example.com", "Sender Name"), "never Reply-To"
    assert inbound.sender_proven


def test_mail_without_ses_headers_has_no_verdicts_and_proves_nothing() -> None:
    inbound = parse(load("plain.eml"))
    assert inbound.verdicts == Verdicts()
    assert not inbound.sender_proven


def test_a_relays_own_authentication_results_below_ses_are_ignored() -> None:
    # Without SES's Authentication-Results, the relay's (authserv-id smtp.example.com) is not used.
    raw = load("ses_received.eml").replace(b"Authentication-Results: amazonses.com;", b"X-Dropped: amazonses.com;")
    assert read_verdicts(message(raw)).dmarc is None


def test_forged_verdicts_after_the_top_block_are_ignored() -> None:
    raw = (
        b"From: agent@example.com\r\nX-SES-Spam-Verdict: PASS\r\n"
        b"Authentication-Results: amazonses.com; dmarc=pass header.from=example.com\r\n"
        b"To: support+acme@mail.deskless.local\r\nSubject: hi\r\n\r\nbody\r\n"
    )
    assert read_verdicts(message(raw)) == Verdicts()
    assert not parse(raw).sender_proven


def test_only_the_topmost_verdicts_count() -> None:
    ses = load("ses_received.eml").replace(b"X-SES-Spam-Verdict: PASS", b"X-SES-Spam-Verdict: FAIL", 1)
    forged = ses.replace(
        b"X-SES-RECEIPT:",
        b"X-SES-Spam-Verdict: PASS\r\nAuthentication-Results: amazonses.com; dmarc=fail\r\nX-SES-RECEIPT:",
    )
    verdicts = read_verdicts(message(forged))
    assert (verdicts.spam, verdicts.dmarc) == ("FAIL", "pass")
    assert refusal(verdicts) is not None


def test_an_authentication_results_of_another_authserv_id_on_top_is_not_ses() -> None:
    raw = b"Authentication-Results: mx.evil.example; dmarc=pass header.from=example.com\r\n" + load("plain.eml")
    assert read_verdicts(message(raw)).dmarc is None


@pytest.mark.parametrize(
    ("verdicts", "word"),
    [
        (Verdicts(virus="FAIL"), "virus"),
        (Verdicts(spam="FAIL"), "spam"),
        (Verdicts(dmarc="fail", dmarc_domain="example.com"), "DMARC failed for example.com"),
    ],
)
def test_failures_are_refused_with_the_reason(verdicts: Verdicts, word: str) -> None:
    reason = refusal(verdicts)
    assert reason is not None
    assert word in reason


@pytest.mark.parametrize(
    "verdicts", [Verdicts(), Verdicts(dmarc="none"), Verdicts(spam="GRAY"), Verdicts(dmarc="temperror")]
)
def test_no_dmarc_and_undecided_verdicts_are_not_refused(verdicts: Verdicts) -> None:
    assert refusal(verdicts) is None
    assert not proves_sender(verdicts, "someone@example.com")


def test_alignment_is_with_the_from_domain_itself() -> None:
    passed = Verdicts(dmarc="pass", dmarc_domain="example.com")
    assert proves_sender(passed, "agent@example.com")
    assert proves_sender(passed, "agent@EXAMPLE.com.")
    assert not proves_sender(passed, "agent@evil.example")
    assert not proves_sender(passed, "agent@mail.example.com"), "header.from names the exact From domain"
    assert not proves_sender(Verdicts(dmarc="pass"), "agent@example.com"), "no header.from: not aligned"
    idn = Verdicts(dmarc="pass", dmarc_domain="xn--bcher-kva.example")
    assert proves_sender(idn, "anna@b\u00fccher.example")


def test_two_from_addresses_prove_nothing() -> None:
    raw = load("ses_received.eml").replace(
        b"From: Sender Name <sender@example.com>", b"From: sender@example.com, other@evil.example"
    )
    assert not parse(raw).sender_proven


def test_authentication_results_grammar() -> None:
    value = (
        "amazonses.com 1; spf=pass (a comment; with (nested) parts) smtp.mailfrom=x@example.com;"
        " DKIM=Pass header.i=@example.com; dmarc=fail (p=REJECT) header.from=Example.COM; dmarc=pass"
    )
    authserv_id, methods = parse_authentication_results(value)
    assert authserv_id == "amazonses.com"
    assert methods["spf"] == ("pass", {"smtp.mailfrom": "x@example.com"})
    assert methods["dkim"] == ("pass", {"header.i": "@example.com"})
    assert methods["dmarc"] == ("fail", {"header.from": "example.com"}), "the first result of a method counts"
    assert parse_authentication_results("amazonses.com; none") == ("amazonses.com", {})
