"""Mail content is never lost, end to end: real-world messages (tests/fixtures/mail/, see SOURCES.md)
put in the inbound bucket, taken in by ``ingest_email``, read back through the HTTP API."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, call, deliver_mail, make_tenant

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
TO = b"To: support+acme@mail.deskless.local\n"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def addressed(name: str) -> bytes:
    """The corpus message sent to the organization (after an mbox ``From `` line, if any)."""
    raw = (CORPUS / name).read_bytes()
    if raw.startswith(b"From "):
        first, _, rest = raw.partition(b"\n")
        return first + b"\n" + TO + rest
    return TO + raw


def ticket_of(api: Client, acme: Tenant, result: dict[str, Any]) -> dict[str, Any]:
    assert result["action"] == "created", result
    ticket: dict[str, Any] = call(api, "GET", f"/tickets/{result['ticket_number']}", acme.token("admin")).body
    return ticket


def stored(attachment: dict[str, Any]) -> bytes:
    s3 = boto3.client("s3")
    data: bytes = s3.get_object(Bucket=config.attachments_bucket(), Key=attachment["file_path"])["Body"].read()
    return data


def test_every_text_part_is_kept_in_order_and_images_are_attached(api: Client, acme: Tenant) -> None:
    nested = ticket_of(
        api, acme, deliver_mail(api, addressed("cpython_msg_13_text_then_nested_text_and_image.eml"), "m1")
    )
    assert nested["description"] == "A text/plain part\n\nHi there,\n\nThis is the dingus fish."
    (gif,) = nested["attachments"]
    assert (gif["file_name"], gif["file_type"]) == ("dingusfish.gif", "image/gif")
    assert stored(gif).startswith(b"GIF8")

    iphone = ticket_of(api, acme, deliver_mail(api, addressed("flanker_iphone_text_image_text.eml"), "m2"))
    assert iphone["description"] == "Hello\n\n[image: photo.JPG]\n\n~Danielle"
    (photo,) = iphone["attachments"]
    assert (photo["file_name"], photo["file_type"]) == ("photo.JPG", "image/jpeg")
    assert stored(photo).startswith(b"\xff\xd8")


def test_a_forwarded_message_is_shown_quoted_and_kept_as_eml(api: Client, acme: Tenant) -> None:
    ticket = ticket_of(api, acme, deliver_mail(api, addressed("cpython_msg_46_forwarded_rfc822_body.eml"), "fwd"))
    assert ticket["description"].startswith("Forwarded message (attached as GroupwiseForwardingTest.eml):\n")
    assert (
        '> From: "Dr. Sender" <sender@example.net>\n> Date: Mon, 01 Feb 2010 12:18:40 +0100\n' in ticket["description"]
    )
    assert ticket["description"].endswith(
        "> Subject: GroupwiseForwardingTest\n>\n> Testing email forwarding with Groupwise 1.2.2010"
    )
    (eml,) = ticket["attachments"]
    assert (eml["file_name"], eml["file_type"]) == ("GroupwiseForwardingTest.eml", "message/rfc822")
    original = email.message_from_bytes(stored(eml), policy=policy.default)
    assert original["Message-ID"] == "<4B66B890.4070408@teconcept.de>"


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("cpython_msg_41_multipart_without_boundary.eml", "Blah blah blah"),
        ("cpython_msg_31_wrong_boundary.eml", "message 1\n\nmessage 2"),
        ("mail_outlook_express_latin1_qp_illegal_boundary.eml", "Hello\nThis is an outlook test\n\nSo there.\n\nMe."),
    ],
)
def test_a_broken_boundary_never_makes_an_empty_ticket(api: Client, acme: Tenant, name: str, description: str) -> None:
    assert ticket_of(api, acme, deliver_mail(api, addressed(name), "broken"))["description"] == description


def test_a_reply_with_a_wrapped_gmail_attribution_keeps_only_the_new_text(api: Client, acme: Tenant) -> None:
    first = (
        b"From: Reply Tester <reply.tester@gmail.example>\nSubject: version number\n"
        b"Message-ID: <thread-start@deskless.example>\n\nPlease show the version number.\n"
    )
    opened = ticket_of(api, acme, deliver_mail(api, TO + first, "first"))
    reply = deliver_mail(api, (CORPUS / "reply_parser_gmail_wrapped_attribution.eml").read_bytes(), "reply")
    assert (reply["action"], reply["ticket_number"]) == ("commented", opened["ticket_number"])
    ticket = call(api, "GET", f"/tickets/{opened['ticket_number']}", acme.token("admin")).body
    assert [c["content"] for c in ticket["comments"]] == ["This is a test for inbox replying to a github message."]


def test_the_acknowledgement_answers_the_customers_own_message(
    api: Client, acme: Tenant, stream: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    ticket_of(api, acme, deliver_mail(api, addressed("flanker_iphone_text_image_text.eml"), "ack"))
    stream.drain()
    acks = [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(tmp_path.glob("*.eml"))]
    # The requester's copy, and the CCs' copy when the message copied others: the same headers.
    copies = [m for m in acks if "someone@somewhere.com" in str(m["To"])]
    assert copies
    customer_id = "<7543970D-5DCE-4C89-907C-CF003D767B7A@gmail.com>"
    for ack in copies:
        assert isinstance(ack, EmailMessage)
        assert ack["In-Reply-To"] == customer_id
        references = str(ack["References"]).split()
        assert customer_id in references
        assert references[0].startswith(f"<ticket.{acme.org_id}."), "the ticket's thread root stays referenced"


def test_a_text_too_long_for_a_description_is_cut_and_attached_whole(api: Client, acme: Tenant) -> None:
    text = "All the log lines follow. " + "line of the log\n" * 2_000
    raw = TO + b"From: casey@customer.example\nSubject: logs\nMessage-ID: <long-1@customer.example>\n\n" + text.encode()
    ticket = ticket_of(api, acme, deliver_mail(api, raw, "long"))
    assert ticket["description"].startswith("All the log lines follow.")
    assert ticket["description"].endswith("[the text is longer than this: the whole text is attached as message.txt]")
    (whole,) = ticket["attachments"]
    assert (whole["file_name"], whole["file_type"]) == ("message.txt", "text/plain")
    assert stored(whole).decode() == text.strip()


def test_a_deeply_nested_message_becomes_a_ticket_with_its_raw_text(api: Client, acme: Tenant) -> None:
    from tests.unit.test_email_corpus import nested

    ticket = ticket_of(api, acme, deliver_mail(api, nested(2_000), "deep"))
    assert "too many MIME parts to be read" in ticket["description"]
    (whole,) = ticket["attachments"]
    assert b"the words at the bottom" in stored(whole)


def test_a_long_text_with_many_refused_attachments_still_fits_a_description(api: Client, acme: Tenant) -> None:
    refused = b"".join(
        b"--B\nContent-Type: application/x-msdownload\nContent-Transfer-Encoding: base64\n"
        b'Content-Disposition: attachment; filename="' + (b"%02d-" % i) + b"x" * 250 + b'.exe"\n\nAAAA\n'
        for i in range(25)
    )
    raw = (
        TO + b"From: casey@customer.example\nSubject: many\nMessage-ID: <many-1@customer.example>\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n'
        b"--B\nContent-Type: text/plain\n\n" + b"a long line of text\n" * 1_500 + refused + b"--B--\n"
    )
    result = deliver_mail(api, raw, "many")
    ticket = ticket_of(api, acme, result)
    # message.txt comes first and takes one of the 20 places: 19 refused, the 6 beyond 20 in one note.
    assert len(result["skipped_attachments"]) == 20
    assert len(ticket["description"]) <= 20_000
    assert ticket["description"].endswith("6 more attachments were not accepted (at most 20)]")
    assert [a["file_name"] for a in ticket["attachments"]] == ["message.txt"]


def test_erasure_drops_the_message_id_the_acknowledgement_answered(api: Client, acme: Tenant) -> None:
    from chalicelib.store import tickets as ticket_store

    ticket = ticket_of(api, acme, deliver_mail(api, addressed("flanker_iphone_text_image_text.eml"), "erase"))
    number = int(ticket["number"])
    kept = ticket_store.get_ticket(acme.org_id, number)
    assert kept is not None
    assert kept.source_message_id == "7543970D-5DCE-4C89-907C-CF003D767B7A@gmail.com"
    erased = call(api, "POST", f"/users/{ticket['customer_id']}/anonymize", acme.token("admin"))
    assert erased.status == 200, erased.body
    after = ticket_store.get_ticket(acme.org_id, number)
    assert after is not None
    assert after.source_message_id is None
