"""Inbound mail never acts as someone it cannot prove to be.

The sender is the ``From`` address, and it acts as a staff member only when SES's own verdicts say
DMARC passed for that address's domain. SES prepends its headers (``X-SES-Spam-Verdict``,
``X-SES-Virus-Verdict``, ``Authentication-Results: amazonses.com; ...``) above the sender's; the
tests build that block the way SES writes it and put forged copies lower in the message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, all_tickets, call, deliver_mail, inbound_keys, make_tenant, ses_headers

MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def mail(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def from_staff(raw: bytes, address: str = "agent@example.com") -> bytes:
    return raw.replace(b"Casey Customer <casey@customer.example>", address.encode())


def comments(api: Client, acme: Tenant, number: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = call(api, "GET", f"/tickets/{number}", acme.token("admin")).body["comments"]
    return found


def failed_reason(key: str) -> str:
    head = boto3.client("s3").head_object(Bucket=config.inbound_mail_bucket(), Key=f"failed/{key}")
    return str(head["Metadata"]["reason"])


def users_with_email(api: Client, acme: Tenant, email: str) -> list[dict[str, Any]]:
    page = call(api, "GET", "/users?limit=100", acme.token("admin")).body["items"]
    return [u for u in page if u["email"] == email]


@pytest.fixture
def ticket(api: Client, acme: Tenant) -> str:
    """Casey's ticket, opened by mail (T-1)."""
    created = deliver_mail(api, mail("plain.eml"), "opened")
    assert created["action"] == "created", created
    return str(created["ticket_number"])


# ---- forged senders ---------------------------------------------------------------------------


def test_a_forged_staff_from_with_a_ticket_token_never_comments_as_staff(
    api: Client, acme: Tenant, ticket: str
) -> None:
    # example.com publishes no DMARC record: SES says dmarc=none, which proves nothing.
    forged = ses_headers("example.com", dmarc="none") + from_staff(mail("subject_token.eml"))
    result = deliver_mail(api, forged.replace(b"[T-1]", f"[{ticket}]".encode()), "forged")
    assert result["action"] == "failed", result
    assert "quarantined" in result["reason"]
    assert "DMARC" in result["reason"]
    assert "quarantined" in failed_reason("forged")
    assert comments(api, acme, ticket) == []
    assert len(all_tickets(api, acme)) == 1


def test_a_forged_staff_from_without_any_verdict_never_comments_as_staff(
    api: Client, acme: Tenant, ticket: str
) -> None:
    forged = from_staff(mail("reply_quoted.eml"))
    result = deliver_mail(api, forged, "forged")
    assert result["action"] == "failed", result
    assert comments(api, acme, ticket) == []


def test_a_forged_reply_to_never_changes_who_the_sender_is(api: Client, acme: Tenant, ticket: str) -> None:
    stranger = mail("subject_token.eml").replace(
        b"From: Casey Customer <casey@customer.example>",
        b"From: Mallory <mallory@evil.example>\r\nReply-To: agent@example.com",
    )
    result = deliver_mail(api, stranger.replace(b"[T-1]", f"[{ticket}]".encode()), "reply-to")
    # Mallory may not write on Casey's ticket: a new ticket of their own, and no comment as the agent.
    assert result["action"] == "created", result
    assert result["ticket_number"] != ticket
    assert comments(api, acme, ticket) == []
    opened = call(api, "GET", f"/tickets/{result['ticket_number']}", acme.token("admin")).body
    requester = call(api, "GET", f"/users/{opened['customer_id']}", acme.token("admin")).body
    assert requester["email"] == "mallory@evil.example"


def test_a_reply_to_of_someone_else_still_comments_as_the_from_address(api: Client, acme: Tenant, ticket: str) -> None:
    answer = mail("reply_quoted.eml").replace(
        b"From: Casey Customer <casey@customer.example>",
        b"From: Casey Customer <casey@customer.example>\r\nReply-To: assistant@elsewhere.example",
    )
    result = deliver_mail(api, answer, "answer")
    assert (result["action"], result["ticket_number"]) == ("commented", ticket)
    (comment,) = comments(api, acme, ticket)
    assert users_with_email(api, acme, "casey@customer.example")[0]["id"] == comment["author_id"]
    assert users_with_email(api, acme, "assistant@elsewhere.example") == []


# ---- SES verdicts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdicts", "reason"),
    [
        ({"dmarc": "fail"}, "DMARC failed"),
        ({"spam": "FAIL"}, "spam"),
        ({"virus": "FAIL"}, "virus"),
    ],
)
def test_failed_verdicts_keep_the_message_under_failed_and_apply_nothing(
    api: Client, acme: Tenant, verdicts: dict[str, str], reason: str
) -> None:
    raw = ses_headers("customer.example", **verdicts) + mail("plain.eml")
    result = deliver_mail(api, raw, "flagged")
    assert result["action"] == "failed", result
    assert reason in result["reason"]
    assert reason in failed_reason("flagged")
    assert inbound_keys("incoming/") == []
    assert all_tickets(api, acme) == []
    assert users_with_email(api, acme, "casey@customer.example") == [], "not even the customer is created"


def test_a_staff_reply_with_an_aligned_dmarc_pass_acts_as_that_staff_member(
    api: Client, acme: Tenant, ticket: str
) -> None:
    staff = ses_headers("example.com") + from_staff(mail("reply_quoted.eml"))
    result = deliver_mail(api, staff, "staff")
    assert (result["action"], result["ticket_number"]) == ("commented", ticket)
    (comment,) = comments(api, acme, ticket)
    assert comment["author_id"] == acme.user_id("agent")


def test_a_dmarc_pass_for_another_domain_does_not_prove_a_staff_address(api: Client, acme: Tenant, ticket: str) -> None:
    staff = ses_headers("evil.example", header_from="evil.example") + from_staff(mail("reply_quoted.eml"))
    result = deliver_mail(api, staff, "unaligned")
    assert result["action"] == "failed", result
    assert "quarantined" in result["reason"]
    assert comments(api, acme, ticket) == []


def test_verdicts_written_below_ses_own_headers_are_not_trusted(api: Client, acme: Tenant, ticket: str) -> None:
    forged_results = (
        b"Authentication-Results: amazonses.com; spf=pass; dkim=pass header.i=@example.com;"
        b" dmarc=pass header.from=example.com;\r\nX-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\n"
    )
    staff = from_staff(mail("reply_quoted.eml"))
    # The attacker's copies start their own header block, right under SES's.
    on_top_of_theirs = ses_headers("example.com", dmarc="none") + forged_results + staff
    assert deliver_mail(api, on_top_of_theirs, "top")["action"] == "failed"
    # ... or sit among their headers, below From.
    among = staff.replace(b"Subject:", forged_results + b"Subject:")
    assert deliver_mail(api, ses_headers("example.com", dmarc="none") + among, "among")["action"] == "failed"
    # Without SES's block (mail that did not come through SES), forged verdicts below From prove nothing.
    assert deliver_mail(api, among.replace(b"CAFx2reply", b"CAFx3"), "no-ses")["action"] == "failed"
    # A spam FAIL from SES is not undone by a PASS lower down.
    spam = ses_headers("customer.example", spam="FAIL") + forged_results + mail("reply_quoted.eml")
    assert "spam" in deliver_mail(api, spam.replace(b"CAFx2reply", b"CAFx4"), "spam")["reason"]
    assert comments(api, acme, ticket) == []


def test_customers_without_dmarc_are_still_taken_in(api: Client, acme: Tenant) -> None:
    # Most small domains publish no DMARC record: their mail is accepted as a customer's.
    for name, dmarc in (("none", "none"), ("missing", None)):
        raw = ses_headers("customer.example", dmarc=dmarc) + mail("plain.eml").replace(b"CAFx1plain", name.encode())
        assert deliver_mail(api, raw, name)["action"] == "created"
    assert len(all_tickets(api, acme)) == 2


# ---- look-alike senders -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sender",
    [
        "c\u0430sey@customer.example",  # a Cyrillic a (U+0430) in a Latin address: mixed scripts
        "agent@examp1e.com",  # "1" for "l": the same skeleton as the agent's address
    ],
)
def test_look_alike_senders_are_quarantined_not_made_customers(
    api: Client, acme: Tenant, ticket: str, sender: str
) -> None:
    raw = mail("reply_quoted.eml").replace(b"casey@customer.example", sender.encode())
    result = deliver_mail(api, raw.replace(b"CAFx2reply", b"lookalike"), "lookalike")
    assert result["action"] == "failed", result
    assert "quarantined" in result["reason"]
    assert "confus" in result["reason"]
    assert users_with_email(api, acme, sender) == []
    assert comments(api, acme, ticket) == []
