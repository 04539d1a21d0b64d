"""Real-world messages from public MIME corpora (tests/fixtures/mail/, sources in SOURCES.md) read by
the inbound parser: every text part in order, inline images marked where they stood, forwarded
messages quoted and kept as .eml, broken boundaries read as text, wrapped reply attributions cut."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from chalicelib.channels import email as inbound
from chalicelib.channels.email import parse, trim_quoted

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "mail"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def files(name: str) -> list[tuple[str, str, bool]]:
    return [(a.file_name, a.content_type, a.inline) for a in parse(corpus(name)).attachments]


def test_every_fixture_is_listed_with_its_source_and_licence() -> None:
    sources = (CORPUS / "SOURCES.md").read_text()
    for path in CORPUS.glob("*.eml"):
        assert f"`{path.name}`" in sources, path.name


def test_a_text_part_then_a_nested_multipart_keeps_both_texts_in_order() -> None:
    message = parse(corpus("cpython_msg_13_text_then_nested_text_and_image.eml"))
    assert message.body == "A text/plain part\n\nHi there,\n\nThis is the dingus fish."
    assert files("cpython_msg_13_text_then_nested_text_and_image.eml") == [("dingusfish.gif", "image/gif", False)]
    assert message.attachments[0].data.startswith(b"GIF8")


def test_text_image_text_from_an_iphone_keeps_the_image_where_it_stood() -> None:
    message = parse(corpus("flanker_iphone_text_image_text.eml"))
    assert message.body == "Hello\n\n[image: photo.JPG]\n\n~Danielle"
    assert files("flanker_iphone_text_image_text.eml") == [("photo.JPG", "image/jpeg", True)]
    assert message.attachments[0].data.startswith(b"\xff\xd8"), "the decoded JPEG"


def test_a_whole_body_forwarded_message_is_quoted_and_kept_as_eml() -> None:
    message = parse(corpus("cpython_msg_46_forwarded_rfc822_body.eml"))
    assert message.body == (
        "Forwarded message (attached as GroupwiseForwardingTest.eml):\n"
        '> From: "Dr. Sender" <sender@example.net>\n'
        "> Date: Mon, 01 Feb 2010 12:18:40 +0100\n"
        "> Subject: GroupwiseForwardingTest\n"
        ">\n"
        "> Testing email forwarding with Groupwise 1.2.2010"
    )
    (kept,) = message.attachments
    assert (kept.file_name, kept.content_type) == ("GroupwiseForwardingTest.eml", "message/rfc822")
    original = message_from_bytes(kept.data, policy=policy.default)
    assert original["Message-ID"] == "<4B66B890.4070408@teconcept.de>"
    assert original.get_content().strip() == "Testing email forwarding with Groupwise 1.2.2010"


def test_a_forwarded_message_after_the_senders_text_follows_it() -> None:
    message = parse(corpus("flanker_enclosed_forward.eml"))
    assert message.body.startswith("Hello\n\nForwarded message (attached as thanks.eml):\n> From: Kirk Douglas")
    assert "> dudes... you're kicking ass." in message.body, "the forwarded text/plain alternative, decoded"
    assert "<" not in message.body.replace("<dan@example.com>", ""), "not its HTML alternative"
    assert files("flanker_enclosed_forward.eml") == [("thanks.eml", "message/rfc822", False)]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("cpython_msg_41_multipart_without_boundary.eml", "Blah blah blah"),
        ("cpython_msg_31_wrong_boundary.eml", "message 1\n\nmessage 2"),
        (
            "mail_outlook_express_latin1_qp_illegal_boundary.eml",
            "Hello\nThis is an outlook test\n\nSo there.\n\nMe.",
        ),
    ],
)
def test_a_missing_or_wrong_boundary_still_gives_the_text(name: str, body: str) -> None:
    assert parse(corpus(name)).body == body


def test_a_gmail_attribution_wrapped_over_two_lines_is_cut_like_the_one_line_form() -> None:
    message = parse(corpus("reply_parser_gmail_wrapped_attribution.eml"))
    assert message.body == "This is a test for inbox replying to a github message."


@pytest.mark.parametrize(
    "attribution",
    [
        "On Mon, 30 Nov 2026 at 09:12, Casey Customer <casey@customer.example> wrote:",
        "On Mon, 30 Nov 2026 at 09:12, Casey Customer <\ncasey@customer.example> wrote:",
        "On Mon, 30 Nov 2026 at 09:12, Casey Customer <casey@customer.example>\nwrote:",
        "Le lun. 30 nov. 2026 à 09:12, Casey <\ncasey@customer.example> a écrit :",
        "Am Mo., 30. Nov. 2026 um 09:12 Uhr schrieb Casey <\ncasey@customer.example>:",
    ],
)
def test_reply_attributions_on_one_or_two_lines_are_cut(attribution: str) -> None:
    text = f"Still broken.\n\n{attribution}\n> Did the reset help?\n"
    assert trim_quoted(text) == "Still broken."


def test_a_line_that_merely_starts_with_on_is_kept() -> None:
    text = "On Monday the printer broke.\nIt printed: nothing.\n\nThanks"
    assert trim_quoted(text) == text


def test_html_only_latin1_mail_is_text() -> None:
    body = parse(corpus("mail_html_only_latin1.eml")).body
    assert body.startswith("Hello,\n\nYou have qualified for the lowest rate in years.")
    assert "<" not in body
    assert "&nbsp;" not in body


def test_a_base64_attachment_is_decoded() -> None:
    message = parse(corpus("mail_base64_pdf_attachment.eml"))
    assert message.body.startswith("Just attaching another PDF, here")
    (pdf,) = message.attachments
    assert (pdf.file_name, pdf.content_type) == ("broken.pdf", "application/pdf")
    assert pdf.data.startswith(b"%PDF-")


def test_an_undecodable_charset_is_replaced_not_fatal() -> None:
    raw = (
        b"From: a@customer.example\nTo: support+acme@mail.deskless.local\nSubject: x\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; charset=x-no-such\n\n'
        b"caf\xe9 one\n--b\nContent-Type: text/plain; charset=utf-8\n\ncaf\xe9 two\n--b--\n"
    )
    assert parse(raw).body == "caf\ufffd one\n\ncaf\ufffd two"


def test_a_long_text_is_cut_and_attached_whole() -> None:
    text = "word " * 6_000
    raw = f"From: a@customer.example\nTo: x@y.example\nSubject: long\n\n{text}".encode()
    message = parse(raw)
    assert len(message.body) <= inbound.MAX_BODY_CHARS
    assert message.body.endswith("[the text is longer than this: the whole text is attached as message.txt]")
    (whole,) = message.attachments
    assert (whole.file_name, whole.content_type, whole.data.decode()) == ("message.txt", "text/plain", text.strip())


# ---- attacks: the work per message is bounded ------------------------------------------------


def nested(levels: int) -> bytes:
    head = b"From: a@customer.example\nTo: support+acme@mail.deskless.local\nSubject: deep\nMIME-Version: 1.0\n"
    opening = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(levels))
    closing = b"".join(b"\n--b%d--\n" % i for i in reversed(range(levels)))
    return head + opening + b"Content-Type: text/plain\n\nthe words at the bottom\n" + closing


def part_bomb(parts: int) -> bytes:
    head = b"From: a@customer.example\nTo: x@y.example\nSubject: bomb\nMIME-Version: 1.0\n"
    one = b"--B\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
    return head + b'Content-Type: multipart/mixed; boundary="B"\n\n' + one * parts + b"--B--\n"


def test_a_deeply_nested_message_is_read_as_raw_text_not_refused() -> None:
    message = parse(nested(2_000))  # the stdlib parser recurses once per level: 2,000 exceed its stack
    assert message.body.startswith('--b0\nContent-Type: multipart/mixed; boundary="b1"')
    assert "too many MIME parts to be read" in message.body
    assert len(message.body) <= inbound.MAX_BODY_CHARS
    (whole,) = message.attachments
    assert b"the words at the bottom" in whole.data


def test_nesting_within_the_parse_limit_is_walked_only_to_max_depth() -> None:
    message = parse(nested(inbound.MAX_DEPTH + 5))
    assert "the words at the bottom" not in message.body
    assert f"{inbound.MAX_DEPTH} levels of nesting were not read" in message.body


def test_a_part_bomb_is_never_split_into_thousands_of_files() -> None:
    message = parse(part_bomb(5_000))
    assert "too many MIME parts to be read" in message.body
    assert [a.file_name for a in message.attachments] == ["message.txt"], "the raw text, attached whole"


def test_parts_beyond_the_limit_are_not_read() -> None:
    message = parse(part_bomb(inbound.MAX_PARTS + 50))
    assert len(message.attachments) == inbound.MAX_PARTS
    assert f"parts beyond {inbound.MAX_PARTS} parts" in message.body


# ---- shapes the corpus lacks (hand-written) ---------------------------------------------------

PNG = b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def related(text_parts: bytes, image_name: bytes) -> bytes:
    return (
        b"From: a@customer.example\nTo: support+acme@mail.deskless.local\nSubject: shot\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/related; boundary="R"\n\n--R\n' + text_parts + b"\n--R\n"
        b"Content-Type: image/png\nContent-Transfer-Encoding: base64\nContent-ID: <shot@x>\n"
        b'Content-Disposition: inline; filename="' + image_name + b'"\n\n' + PNG + b"\n--R--\n"
    )


def test_an_html_only_image_is_marked_where_the_html_placed_it() -> None:
    html = b'Content-Type: text/html\n\n<p>Before the picture</p><img src="cid:shot@x" alt=""><p>after it</p>'
    message = parse(related(html, b"shot.png"))
    assert message.body == "Before the picture\n\n[image: shot.png]\nafter it"
    assert [(a.file_name, a.inline) for a in message.attachments] == [("shot.png", True)]


def test_a_marker_the_client_wrote_itself_is_not_repeated() -> None:
    gmail = (
        b'Content-Type: multipart/alternative; boundary="A"\n\n--A\nContent-Type: text/plain\n\n'
        b"Look:\n[image: shot.png]\nbroken\n--A\nContent-Type: text/html\n\n"
        b'<p>Look:</p><img src="cid:shot@x"><p>broken</p>\n--A--'
    )
    assert parse(related(gmail, b"shot.png")).body == "Look:\n[image: shot.png]\nbroken"


def test_a_file_name_in_an_html_marker_stays_text() -> None:
    html = b'Content-Type: text/html\n\n<p>See</p><img src="cid:shot@x">'
    body = parse(related(html, b"<b onmouseover=x>.png")).body
    assert body == "See\n\n[image: <b onmouseover=x>.png]", "the name is text, not markup the sanitiser would drop"
