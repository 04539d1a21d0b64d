"""Inbound MIME -> InboundMessage, on real-world message shapes (tests/events/email/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chalicelib.channels.email import UnreadableMessage, html_to_text, parse, trim_quoted

MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


def load(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def test_plain_message() -> None:
    message = parse(load("plain.eml"))
    assert (message.sender, message.sender_name) == ("casey@customer.example", "Casey Customer")
    assert message.recipients == ["support+acme@mail.deskless.local"]
    assert message.message_id == "CAFx1plain@mail.customer.example"
    assert message.subject == "Printer on fire"
    assert message.body == "Hello,\n\nThe printer in room 4 is on fire again.\n\nCasey"
    assert (message.automatic, message.attachments) == (False, [])


def test_encoded_headers_and_latin1_bodies_are_decoded() -> None:
    message = parse(load("alternative_encoded.eml"))
    assert message.sender_name == "José García"
    assert message.subject == "Factura con IVA erróneo — urgente"
    assert message.body == "La factura nº 2026-17 tiene el IVA erróneo.\n¡Gracias!"


def test_windows_1252() -> None:
    message = parse(load("windows1252.eml"))
    assert message.subject == "Caf\u00e9 machine \u2013 broken"
    assert message.body == "The caf\u00e9 machine says \u201cerror 42\u201d \u2013 please help."


def test_html_only_mail_is_sanitised_to_text() -> None:
    body = parse(load("html_only.eml")).body
    assert "alert" not in body
    assert "color: red" not in body
    assert "<" not in body
    assert body.startswith("I cannot log in & the reset link says expired.")
    assert "open the portal" in body


def test_quoted_history_is_trimmed() -> None:
    message = parse(load("reply_quoted.eml"))
    assert message.body == "It is still smoking."
    assert message.references == ["CAFx1plain@mail.customer.example"]
    assert parse(load("subject_token.eml")).body == "Any news on this one?"
    assert trim_quoted("> only quoted\n> text") == "> only quoted\n> text", "never trimmed to nothing"


def test_nested_multipart_attachments_and_inline_images() -> None:
    message = parse(load("attachments_nested.eml"))
    # The HTML alternative placed the image; the plain text read instead gets it marked where it stood.
    assert message.body == "See the invoice attached and the screenshot below.\n\n[image: screenshot.png]"
    files = {(a.file_name, a.content_type, a.inline) for a in message.attachments}
    assert files == {
        ("screenshot.png", "image/png", True),
        ("factura nº17.pdf", "application/pdf", False),
        ("setup.exe", "application/x-msdownload", False),
    }
    pdf = next(a for a in message.attachments if a.content_type == "application/pdf")
    assert pdf.data.startswith(b"%PDF-1.4")


@pytest.mark.parametrize("name", ["autoreply.eml", "bounce_dsn.eml"])
def test_auto_replies_and_bounces_are_marked_automatic(name: str) -> None:
    assert parse(load(name)).automatic is True


def test_a_message_without_message_id_gets_a_stable_hash() -> None:
    raw = load("plain.eml").replace(b"Message-ID: <CAFx1plain@mail.customer.example>\n", b"")
    assert parse(raw).message_id == parse(raw).message_id
    assert parse(raw).message_id.startswith("sha256:")
    assert parse(raw).has_message_id is False


def test_garbage_is_unreadable() -> None:
    with pytest.raises(UnreadableMessage):
        parse(load("garbage.eml"))


def test_html_to_text_keeps_structure() -> None:
    assert html_to_text("<p>a</p><p>b<br>c</p>") == "a\nb\nc"
