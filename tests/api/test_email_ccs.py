"""CCs by mail, end to end: inbound To/Cc become CCs, the acknowledgement and public replies copy
them (Cc header, threading headers, no personal link in their copy), and a CC's reply by mail is
a comment on the ticket. Followers' notices. Mail goes through ``ingest_email``; the stream pump
delivers the notifications to the outbox."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import LINK_TOKEN, Tenant, all_tickets, call, deliver_mail, mails_to, make_tenant

CASEY = "casey@customer.example"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def message(
    *,
    sender: str = f"Casey Customer <{CASEY}>",
    to: str = "support+acme@mail.deskless.local",
    cc: str | None = "Pat <pat@customer.example>, lee@Customer.Example",
    subject: str = "Printer on fire",
    message_id: str = "<m1@customer.example>",
    in_reply_to: str | None = None,
    body: str = "The printer in room 4 is on fire again.",
) -> bytes:
    lines = [f"From: {sender}", f"To: {to}"]
    if cc is not None:
        lines.append(f"Cc: {cc}")
    lines += [f"Subject: {subject}", f"Message-ID: {message_id}"]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    lines += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="UTF-8"', "", body, ""]
    return "\r\n".join(lines).encode()


def ticket_of(api: Client, tenant: Tenant, number: str) -> dict[str, Any]:
    reply = call(api, "GET", f"/tickets/{number}", tenant.token("admin"))
    assert reply.status == 200, reply.body
    return dict(reply.body)


def only(messages: list[EmailMessage]) -> EmailMessage:
    assert len(messages) == 1, [m["Subject"] for m in messages]
    return messages[0]


def test_new_mail_copies_its_other_recipients_and_the_acknowledgement_ccs_them(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    created = deliver_mail(api, message(), "m1")
    assert created["action"] == "created", created
    ticket = ticket_of(api, acme, created["ticket_number"])
    assert ticket["cc_emails"] == ["pat@customer.example", "lee@customer.example"]
    stream.drain()
    mine = only(mails_to(outbox, CASEY))
    theirs = only(mails_to(outbox, "pat@customer.example"))
    assert [m["Message-ID"] for m in mails_to(outbox, "lee@customer.example")] == [theirs["Message-ID"]]
    root = f"<ticket.{acme.org_id}.{ticket['number']}@mail.deskless.local>"
    for copy in (mine, theirs):
        assert str(copy["To"]) == f"Casey Customer <{CASEY}>"
        assert str(copy["Cc"]) == "pat@customer.example, lee@customer.example"
        assert (copy["In-Reply-To"], copy["References"]) == (root, root)
        assert copy["Subject"] == f"[{created['ticket_number']}] Printer on fire"
    assert mine["Message-ID"] != theirs["Message-ID"]
    assert LINK_TOKEN.search(mine.get_content()), "the requester's own copy keeps their ticket link"
    assert not LINK_TOKEN.search(theirs.get_content()), "the CCs never get the requester's sign-in link"


def test_a_public_reply_copies_the_ccs_and_a_ccs_mail_reply_is_a_comment(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number = deliver_mail(api, message(), "m1")["ticket_number"]
    agent = acme.user_id("agent")
    assert call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"assigned_agent_id": agent}).status == 200
    stream.drain()
    reply = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "On our way."})
    assert reply.status == 201
    internal = {"content": "Fire brigade called.", "comment_type": "internal"}
    assert call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), internal).status == 201
    stream.drain()
    copy = mails_to(outbox, "pat@customer.example")[-1]
    assert copy.get_content().startswith("On our way.")
    assert str(copy["Cc"]) == "pat@customer.example, lee@customer.example"
    assert all("Fire brigade" not in m.get_content() for m in mails_to(outbox, "pat@customer.example"))

    # Pat answers from their mail client, Cc'ing a colleague: a comment by Pat, the colleague copied.
    answer = message(
        sender="Pat <pat@customer.example>",
        cc=f"{CASEY}, lee@customer.example, sam@customer.example",
        subject=f"Re: {copy['Subject']}",
        message_id="<pat-1@customer.example>",
        in_reply_to=copy["Message-ID"],
        body="It is out now, thanks.",
    )
    result = deliver_mail(api, answer, "pat-1")
    assert (result["action"], result["ticket_number"]) == ("commented", number), result
    ticket = ticket_of(api, acme, number)
    assert ticket["cc_emails"] == ["pat@customer.example", "lee@customer.example", "sam@customer.example"]
    comment = ticket["comments"][-1]
    assert (comment["content"], comment["comment_type"]) == ("It is out now, thanks.", "public")
    author = call(api, "GET", f"/users/{comment['author_id']}", acme.token("admin")).body
    assert (author["email"], author["role"]) == ("pat@customer.example", "customer")
    assert len(all_tickets(api, acme)) == 1
    stream.drain()
    told = mails_to(outbox, "agent@example.com")[-1]
    assert "It is out now, thanks." in told.get_content(), "the assignee hears of a CC's reply"


def test_a_removed_cc_can_no_longer_reply_on_the_ticket(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = deliver_mail(api, message(), "m1")["ticket_number"]
    stream.drain()
    copy = only(mails_to(outbox, "pat@customer.example"))
    removed = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"remove": ["pat@customer.example"]})
    assert removed.body == {"cc_emails": ["lee@customer.example"]}
    answer = message(
        sender="pat@customer.example", cc=None, message_id="<pat-2@customer.example>", in_reply_to=copy["Message-ID"]
    )
    result = deliver_mail(api, answer, "pat-2")
    assert result["action"] == "created"
    assert result["ticket_number"] != number
    assert [c["content"] for c in ticket_of(api, acme, number)["comments"]] == []


def test_the_setting_off_takes_no_ccs_from_mail(api: Client, acme: Tenant) -> None:
    patched = call(api, "PATCH", "/organization", acme.token("admin"), {"settings": {"ticket_ccs_from_mail": "off"}})
    assert (patched.status, patched.body["settings"]["ticket_ccs_from_mail"]) == (200, "off")
    created = deliver_mail(api, message(), "m1")
    assert ticket_of(api, acme, created["ticket_number"])["cc_emails"] == []


def test_followers_hear_of_every_update_but_their_own(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = call(
        api, "POST", "/tickets", acme.token("agent"), {"subject": "Printer", "customer_id": acme.user_id("customer")}
    ).body["ticket_number"]
    followers = [acme.user_id("agent"), acme.user_id("manager")]
    assert call(api, "POST", f"/tickets/{number}/followers", acme.token("admin"), {"add": followers}).status == 200
    stream.drain()
    before = {who: len(mails_to(outbox, f"{who}@example.com")) for who in ("agent", "manager")}
    note = {"content": "Checked the toner.", "comment_type": "internal"}
    assert call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), note).status == 201
    assert call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"status": "pending"}).status == 200
    stream.drain()
    agent_mail = mails_to(outbox, "agent@example.com")[before["agent"] :]
    manager_mail = mails_to(outbox, "manager@example.com")[before["manager"] :]
    # Each hears of the other's change, never of their own: the manager of the note, the agent of the status.
    assert [m.get_content().splitlines()[-1] for m in manager_mail] == ["(internal note) Checked the toner."]
    assert [m["Subject"] for m in agent_mail] == [f"[{number}] Updated: Printer"]
    assert "status: new -> pending" in agent_mail[0].get_content()


def test_a_deactivated_follower_gets_nothing(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = call(
        api, "POST", "/tickets", acme.token("admin"), {"subject": "Printer", "customer_id": acme.user_id("customer")}
    ).body["ticket_number"]
    follower = acme.user_id("manager")
    assert call(api, "POST", f"/tickets/{number}/followers", acme.token("admin"), {"add": [follower]}).status == 200
    assert call(api, "DELETE", f"/users/{follower}", acme.token("admin")).status == 204
    stream.drain()
    before = len(mails_to(outbox, "manager@example.com"))
    assert call(api, "POST", f"/tickets/{number}/comments", acme.token("admin"), {"content": "Hello"}).status == 201
    stream.drain()
    assert len(mails_to(outbox, "manager@example.com")) == before
