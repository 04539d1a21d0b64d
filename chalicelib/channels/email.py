"""Inbound email: raw MIME -> ``InboundMessage``. Pure (no I/O).

The standard library ``email`` package with the modern policy does the MIME work: encoded
headers (RFC 2047), charsets, transfer encodings, nested multiparts. HTML-only mail is
sanitised by nh3 (every tag dropped, text kept) after block elements became line breaks.
The sender is the From address, never Reply-To; SES's spam, virus and DMARC verdicts are read
by ``channels/mail_auth.py`` (only where SES writes them) and travel with the message.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from chalicelib.channels import mail_auth

MAX_BODY_CHARS = 60_000
MAX_COPIED = 100  # To/Cc addresses kept per message (a message naming hundreds is cut here)
_MSGID = re.compile(r"<([^<>\s]+)>")
_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/tr|/h[1-6]|/blockquote)\s*>")
_QUOTE_HEADERS = [
    re.compile(r"(?m)^\s*On .{4,200}wrote:\s*$"),  # Gmail, Apple Mail, Thunderbird
    re.compile(r"(?m)^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE),  # Outlook
    re.compile(r"(?m)^\s*_{10,}\s*$"),  # Outlook's rule before the quoted headers
    re.compile(r"(?m)^\s*From: .+\n\s*(Sent|Date): .+$"),  # Outlook quoted header block
    re.compile(r"(?m)^\s*Le .{4,200}a écrit\s*:\s*$"),
    re.compile(r"(?m)^\s*Am .{4,200}schrieb .{1,200}:\s*$"),
]


class UnreadableMessage(ValueError):
    """The bytes are not a usable email (no sender, no body and no attachment...)."""


@dataclass
class Part:
    file_name: str
    content_type: str
    data: bytes
    inline: bool


@dataclass
class InboundMessage:
    message_id: str  # without angle brackets; a hash of the raw bytes when the header is missing
    has_message_id: bool
    sender: str  # lower-cased address
    sender_name: str
    recipients: list[str]  # To, Cc, Delivered-To, X-Original-To (lower-cased, in that order)
    subject: str
    body: str
    references: list[str]  # In-Reply-To first, then References (newest first)
    automatic: bool  # auto-replies, bulk and list mail: never answered automatically
    delivery_report: bool  # a bounce (multipart/report): never becomes a ticket
    copied: list[str] = field(default_factory=list)  # To and Cc only (lower-cased): who else is on the thread
    attachments: list[Part] = field(default_factory=list)
    verdicts: mail_auth.Verdicts = field(default_factory=mail_auth.Verdicts)  # SES's, from the top block only
    sender_proven: bool = False  # DMARC passed for the From address's own domain (aligned)


def _utf8(text: str) -> str:
    """Header text as UTF-8: raw 8-bit headers (SMTPUTF8 mail, RFC 6532) arrive surrogate-escaped."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _ids(value: str | None) -> list[str]:
    return _MSGID.findall(value or "")


_FOLD = re.compile(r"\r?\n[ \t]")


def _addresses(message: EmailMessage, *names: str) -> list[str]:
    """The addresses of these headers, in order, each once. Read from the raw header text: the
    parsed header objects raise on a display name whose encoded words hold a line break (a header
    injection attempt), which must not make the whole message unreadable."""
    found: list[str] = []
    for name in names:
        values = [_FOLD.sub(" ", _utf8(str(v))) for k, v in message.raw_items() if k.lower() == name.lower()]
        for _, address in getaddresses(values):
            address = address.strip().lower()
            if "@" in address and address not in found:
                found.append(address)
    return found


def is_automatic(message: EmailMessage) -> bool:
    """Auto-Submitted (other than "no"), Precedence bulk/junk/list, X-Auto-Response-Suppress,
    List-Id, or a delivery report: mail that must never get an automatic answer."""
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        auto not in ("", "no")
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or message.get("X-Auto-Response-Suppress") is not None
        or message.get("List-Id") is not None
        or message.get("List-Unsubscribe") is not None
        or message.get_content_type() == "multipart/report"
        or str(message.get("Return-Path", "")).strip() == "<>"
    )


def html_to_text(markup: str) -> str:
    import nh3

    with_breaks = _BLOCK_END.sub("\n", markup)
    text = html.unescape(nh3.clean(with_breaks, tags=set(), clean_content_tags={"script", "style", "head", "title"}))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def trim_quoted(text: str) -> str:
    """The new part of a reply: cut at the first quoted-reply header, drop trailing '>' lines."""
    cut = len(text)
    for pattern in _QUOTE_HEADERS:
        match = pattern.search(text)
        if match and match.start() > 0:
            cut = min(cut, match.start())
    lines = text[:cut].rstrip().splitlines()
    while lines and (lines[-1].startswith(">") or not lines[-1].strip()):
        lines.pop()
    trimmed = "\n".join(lines).strip()
    return trimmed or text.strip()


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # unknown charset: decode leniently rather than lose the mail
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload)
    text = html_to_text(content) if part.get_content_type() == "text/html" else str(content)
    text = text.replace("\r\n", "\n")
    return trim_quoted(text)[:MAX_BODY_CHARS]


def _attachments(message: EmailMessage) -> list[Part]:
    parts: list[Part] = []
    body = message.get_body(preferencelist=("plain", "html"))
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        disposition = part.get_content_disposition()
        file_name = part.get_filename()
        if disposition not in ("attachment", "inline") and not file_name:
            continue
        if disposition == "inline" and not file_name and part.get_content_maintype() == "text":
            continue  # an inline text part is body, not a file
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        parts.append(
            Part(
                file_name=file_name or f"part-{len(parts) + 1}.{part.get_content_subtype()}",
                content_type=part.get_content_type(),
                data=payload,
                inline=disposition == "inline",
            )
        )
    return parts


def parse(raw: bytes) -> InboundMessage:
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:  # the parser is lenient; anything it raises means unusable bytes
        raise UnreadableMessage(f"not a MIME message: {exc}") from exc
    if not isinstance(message, EmailMessage):
        raise UnreadableMessage("not a MIME message")
    # Identity comes from From only: Reply-To is where the sender wants answers, anyone can set it.
    addresses: tuple[Address, ...] = ()
    try:
        # Parsing the header raises on an encoded line break in the display name (an injection attempt).
        from_headers = message.get_all("From") or []
        sender_header = from_headers[0] if from_headers else None
        sender_name, sender = parseaddr(str(sender_header or ""))
        addresses = tuple(getattr(sender_header, "addresses", ()) or ())
        if addresses:
            sender, sender_name = addresses[0].addr_spec, addresses[0].display_name or sender_name
    except (TypeError, ValueError, IndexError) as exc:
        raise UnreadableMessage(f"unreadable sender: {exc}") from exc
    sender = _utf8(sender).strip().lower()
    if "@" not in sender:
        raise UnreadableMessage("the message has no sender address")
    verdicts = mail_auth.read_verdicts(message)
    ids = _ids(str(message.get("Message-ID", "")))
    message_id = ids[0] if ids else "sha256:" + hashlib.sha256(raw).hexdigest()
    references = _ids(str(message.get("In-Reply-To", ""))) + list(reversed(_ids(str(message.get("References", "")))))
    return InboundMessage(
        message_id=message_id,
        has_message_id=bool(ids),
        sender=sender,
        sender_name=_utf8(str(sender_name or "")).strip(),
        verdicts=verdicts,
        # One From header naming one address, with SES's DMARC pass for that address's domain.
        sender_proven=len(from_headers) == 1 and len(addresses) <= 1 and mail_auth.proves_sender(verdicts, sender),
        recipients=_addresses(message, "To", "Cc", "Delivered-To", "X-Original-To"),
        copied=_addresses(message, "To", "Cc")[:MAX_COPIED],
        subject=" ".join(str(message.get("Subject", "")).split())[:250],
        body=_body(message),
        references=list(dict.fromkeys(references)),
        automatic=is_automatic(message),
        delivery_report=message.get_content_type() == "multipart/report"
        or str(message.get("Return-Path", "")).strip() == "<>",
        attachments=_attachments(message),
    )
