"""Attacks on CCs: mail naming hundreds of addresses, Cc'ing the helpdesk itself (mail loops),
header injection and malformed addresses, strangers replying on a thread they were never on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, all_tickets, call, deliver_mail, mails_to, make_tenant, ses_headers
from tests.api.test_email_ccs import CASEY, message, ticket_of
from tests.api.test_security_mailroute import add_and_verify


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme", "acme.example")


def test_a_message_copying_500_addresses_copies_at_most_20(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    crowd = ", ".join(f"person{n}@crowd.example" for n in range(500))
    created = deliver_mail(api, message(cc=crowd), "crowd")
    ticket = ticket_of(api, acme, created["ticket_number"])
    assert ticket["cc_emails"] == [f"person{n}@crowd.example" for n in range(20)]
    stream.drain()
    assert mails_to(outbox, "person20@crowd.example") == []
    (copy,) = mails_to(outbox, "person0@crowd.example")
    assert len(str(copy["Cc"]).split(",")) == 20
    assert len(str(copy["X-Deskless-Envelope-To"]).split(",")) == 20


def test_the_helpdesks_own_addresses_are_never_copied(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    add_and_verify(api, globex, "help@globex.example", outbox)
    own = call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {"settings": {"support_email_addresses": ["help@acme.example"]}},
    )
    assert own.status == 200, own.body
    cc = (
        "SUPPORT+acme@mail.deskless.local, Help@Acme.example, other+globex@mail.deskless.local, "
        "anything@mail.deskless.local, help@globex.example, pat@customer.example"
    )
    deliver_mail(api, message(cc=cc), "loop")
    (ours,) = all_tickets(api, acme)
    assert ours["cc_emails"] == ["pat@customer.example"]
    # The message reached globex too (its verified address): neither helpdesk copies the other's
    # routed addresses (acme's pending address receives nothing: it may be copied there).
    (theirs,) = all_tickets(api, globex)
    assert theirs["cc_emails"] == ["help@acme.example", "pat@customer.example"]
    stream.drain()
    assert mails_to(outbox, "help@globex.example")[1:] == [], "no acknowledgement copied to another helpdesk"


@pytest.mark.parametrize(
    "cc",
    [
        "=?utf-8?q?Evil=0D=0ABcc=3A_victim=40evil=2Eexample?= <pat@customer.example>",
        "pat@customer.example, <>, undisclosed-recipients:;, a@b@c.example, x@[127.0.0.1], root@localhost",
        '"victim@evil.example" <pat@customer.example>, pat@customer.example',
    ],
)
def test_injected_or_malformed_cc_headers_copy_only_real_addresses(
    api: Client, acme: Tenant, stream: Any, outbox: Path, cc: str
) -> None:
    created = deliver_mail(api, message(cc=cc), "odd")
    assert created["action"] == "created", created
    assert ticket_of(api, acme, created["ticket_number"])["cc_emails"] == ["pat@customer.example"]
    stream.drain()
    (copy,) = mails_to(outbox, "pat@customer.example")
    assert (str(copy["Cc"]), copy["Bcc"]) == ("pat@customer.example", None)
    assert mails_to(outbox, "victim@evil.example") == []


@pytest.mark.parametrize(
    "address",
    [
        "pat@customer.example\r\nBcc: victim@evil.example",
        "Pat <pat@customer.example>",
        "pat@customer.example,x@y.example",
    ],
)
def test_the_api_refuses_header_text_as_a_cc(api: Client, acme: Tenant, address: str) -> None:
    number = call(
        api, "POST", "/tickets", acme.token("agent"), {"subject": "Printer", "customer_id": acme.user_id("customer")}
    ).body["ticket_number"]
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": [address]})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_cc")
    assert ticket_of(api, acme, number)["cc_emails"] == []


def test_a_stranger_with_a_leaked_reply_header_gets_no_comment_in(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number = deliver_mail(api, message(), "m1")["ticket_number"]
    stream.drain()
    (copy,) = mails_to(outbox, "pat@customer.example")
    leaked = message(
        sender="Mallory <mallory@evil.example>",
        cc=None,
        subject=f"Re: {copy['Subject']}",
        message_id="<mallory-1@evil.example>",
        in_reply_to=copy["Message-ID"],
        body="Please send the invoice to my account instead.",
    )
    result = deliver_mail(api, leaked, "mallory")
    assert result["action"] == "created"
    assert result["ticket_number"] != number
    ticket = ticket_of(api, acme, number)
    assert (ticket["comments"], ticket["cc_emails"]) == ([], ["pat@customer.example", "lee@customer.example"])


def test_a_cc_reply_failing_dmarc_is_refused(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = deliver_mail(api, message(), "m1")["ticket_number"]
    stream.drain()
    (copy,) = mails_to(outbox, "pat@customer.example")
    forged = ses_headers("customer.example", dmarc="fail") + message(
        sender="pat@customer.example", cc=None, message_id="<forged@x.example>", in_reply_to=copy["Message-ID"]
    )
    result = deliver_mail(api, forged, "forged")
    assert "rejected" in str(result).lower() or result.get("action") in ("failed", None), result
    assert ticket_of(api, acme, number)["comments"] == []
    assert len(all_tickets(api, acme)) == 1


def test_customers_other_than_the_requester_cannot_change_ccs_of_a_ticket_they_are_copied_on(
    api: Client, acme: Tenant
) -> None:
    number = deliver_mail(api, message(sender=f"Casey <{CASEY}>", cc="customer2@acme.example"), "m1")["ticket_number"]
    assert ticket_of(api, acme, number)["cc_emails"] == ["customer2@acme.example"]
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("customer2"), {"add": ["friend@evil.example"]})
    assert (reply.status, reply.body["error"]["code"]) == (404, "not_found")
    assert call(api, "GET", f"/tickets/{number}", acme.token("customer2")).status == 404


def test_an_encoded_line_break_in_the_from_name_is_refused_as_unreadable(api: Client, acme: Tenant) -> None:
    raw = message(sender="=?utf-8?q?Evil=0D=0ABcc=3A_victim=40evil=2Eexample?= <pat@customer.example>")
    result = deliver_mail(api, raw, "evil-from")
    assert "unreadable sender" in str(result), result
    assert all_tickets(api, acme) == []
