"""Inbound email: raw MIME -> ``InboundMessage``. Pure (no I/O).

The standard library ``email`` package with the modern policy does the MIME work: encoded
headers (RFC 2047), charsets, transfer encodings, nested multiparts. HTML-only mail is
sanitised by nh3 (every tag dropped, text kept) after block elements became line breaks.
The sender is the From address, never Reply-To; SES's spam, virus and DMARC verdicts are read
by ``channels/mail_auth.py`` (only where SES writes them) and travel with the message.
"""

from __future__ import annotations

import contextlib
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

# A description or comment holds 20,000 characters: the text gets 16,000, the notes on refused
# attachments the rest (services/channels.py); a longer text is attached whole.
MAX_BODY_CHARS = 16_000
MAX_PART_CHARS = 200_000  # characters read from one text part
MAX_DEPTH = 10  # nesting levels read (multiparts and forwarded messages)
MAX_PARTS = 100  # leaf parts read per message
# Counted in the raw bytes before parsing (the parser's time grows with both): more, and the
# message is read as its headers and its body as it arrived.
MAX_MULTIPARTS = 50  # boundary= parameters
MAX_DELIMITERS = 1_000  # lines that could open a MIME part
_BOUNDARY_PARAM = re.compile(rb"(?i)boundary\s*=")
_DELIMITER_LINE = re.compile(rb"(?m)^--\S")
_DELIMITER = re.compile(r"(?m)^--(\S{1,70}?)(?:--)?[ \t\r]*$")
_CID_IMAGE = re.compile(r"""(?i)<img\b[^>]*?\bsrc\s*=\s*["']?cid:([^"'\s>]+)[^>]*>""")
MAX_COPIED = 100  # To/Cc addresses kept per message (a message naming hundreds is cut here)
_MSGID = re.compile(r"<([^<>\s]+)>")
_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/tr|/h[1-6]|/blockquote)\s*>")
_QUOTE_HEADERS = [
    re.compile(r"(?m)^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE),  # Outlook
    re.compile(r"(?m)^\s*_{10,}\s*$"),  # Outlook's rule before the quoted headers
    re.compile(r"(?m)^\s*From: .+\n\s*(Sent|Date): .+$"),  # Outlook quoted header block
]
# "On <date>, <name> <address> wrote:" (Gmail, Apple Mail, Thunderbird), French and German: on one
# line or wrapped over two ("... <name> <" / "<address>> wrote:"). Read line by line (no regex
# backtracking over two lines), an attribution being at most MAX_ATTRIBUTION characters.
_ATTRIBUTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("On ", re.compile(r"\swrote:$")),
    ("Le ", re.compile(r"\sa écrit\s?:$")),
    ("Am ", re.compile(r"\sschrieb\s.*:$")),
)
MAX_ATTRIBUTION = 400


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


def _attribution(text: str) -> int | None:
    """Where the first reply attribution starts (one line, or wrapped over two), if any."""
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        start = line.lstrip()
        for prefix, ending in _ATTRIBUTIONS:
            if not start.startswith(prefix):
                continue
            wrapped = f"{start.rstrip()} {lines[index + 1].strip()}" if index + 1 < len(lines) else ""
            for candidate in (start.rstrip(), wrapped):
                if 0 < len(candidate) <= MAX_ATTRIBUTION and ending.search(candidate):
                    return offset
        offset += len(line) + 1
    return None


def trim_quoted(text: str) -> str:
    """The new part of a reply: cut at the first quoted-reply header, drop trailing '>' lines."""
    cut = len(text)
    attribution = _attribution(text)
    if attribution:
        cut = attribution
    for pattern in _QUOTE_HEADERS:
        match = pattern.search(text)
        if match and match.start() > 0:
            cut = min(cut, match.start())
    lines = text[:cut].rstrip().splitlines()
    while lines and (lines[-1].startswith(">") or not lines[-1].strip()):
        lines.pop()
    trimmed = "\n".join(lines).strip()
    return trimmed or text.strip()


def _header(message: EmailMessage, name: str) -> str:
    """A header as one line of text; a header the parser cannot read is an empty string."""
    try:
        return _utf8(" ".join(str(message.get(name, "")).split()))
    except (TypeError, ValueError, IndexError, AttributeError):
        return ""


def _decoded(part: EmailMessage) -> str:
    """A text part's content, decoded with its charset; unknown charsets and bad bytes are replaced."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):  # rather garbled text than none
        content = None
    if not isinstance(content, str):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload or "")
    return content[:MAX_PART_CHARS].replace("\r\n", "\n")


def _salvaged(part: EmailMessage) -> EmailMessage | None:
    """A multipart whose boundary is missing or wrong, parsed again with the delimiter its body uses."""
    text = part.get_payload()
    if not isinstance(text, str):
        return None
    match = _DELIMITER.search(text)
    if match is None or '"' in match.group(1):
        return None
    head = f'Content-Type: {part.get_content_type()}; boundary="{match.group(1)}"\n\n'
    again = BytesParser(policy=policy.default).parsebytes((head + text).encode("utf-8", "surrogateescape"))
    return again if isinstance(again, EmailMessage) and again.is_multipart() else None


def _raw_text(part: EmailMessage) -> str:
    """The body as it arrived (a multipart that cannot be split into parts)."""
    payload = part.get_payload(decode=True)
    text = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(part.get_payload())
    return text[:MAX_PART_CHARS].replace("\r\n", "\n").strip()


@dataclass
class _Text:
    """What one message (or one forwarded message) says: its own text and markers, in order, and
    the forwarded messages it holds, each already quoted."""

    segments: list[tuple[str, str]] = field(default_factory=list)  # ("text" | "image", text)
    forwards: list[str] = field(default_factory=list)

    def own(self) -> str:
        texts = "\n\n".join(text for kind, text in self.segments if kind == "text")
        shown: list[str] = []
        for kind, text in self.segments:
            if kind == "image" and text in texts:  # the client wrote the marker itself (Gmail does)
                continue
            shown.append(text)
        return "\n\n".join(t for t in shown if t)

    def whole(self) -> str:
        return "\n\n".join(t for t in [self.own(), *self.forwards] if t)


class _Reader:
    """One bounded walk over a parsed message: text parts in order, the preferred alternative,
    inline images as markers, forwarded messages quoted, every file as a ``Part``."""

    def __init__(self, raw_only: bool) -> None:
        self.raw_only = raw_only  # the message was read as headers + raw body: never split it again
        self.parts = 0
        self.limited = False  # a part was left unread (too deep, too many)
        self.attachments: list[Part] = []
        # id(part) -> the part (kept alive, so its id is never reused) and its file name, which
        # its marker and its file share.
        self.names: dict[int, tuple[EmailMessage, str]] = {}
        self.by_cid: dict[str, EmailMessage] = {}  # Content-ID -> image part (multipart/related)
        self.referenced: set[int] = set()  # images an HTML part placed itself

    def name(self, part: EmailMessage) -> str:
        if id(part) not in self.names:
            given = (part.get_filename() or "").strip()
            if not given and part.get_content_type() == "message/rfc822":
                inner = _inner(part)
                subject = _header(inner, "Subject")[:100].strip() if inner is not None else ""
                given = f"{subject or 'forwarded message'}.eml"
            number = len(self.names) + 1
            self.names[id(part)] = (part, _utf8(given) or f"part-{number}.{part.get_content_subtype()}")
        return self.names[id(part)][1]

    def keep(self, part: EmailMessage, data: bytes, inline: bool) -> None:
        content_type = part.get_content_type()
        self.attachments.append(Part(self.name(part), content_type, data, inline))

    def walk(self, part: EmailMessage, depth: int, in_body: bool, out: _Text, keep: bool) -> None:
        """Read ``part`` into ``out`` (when it is body) and ``attachments`` (when ``keep``)."""
        if depth > MAX_DEPTH or self.parts >= MAX_PARTS:
            self.limited = True
            return
        if part.get_content_maintype() == "multipart":
            self._multipart(part, depth, in_body, out, keep)
            return
        self.parts += 1
        content_type = part.get_content_type()
        disposition = part.get_content_disposition()
        if content_type == "message/rfc822":
            self._forwarded(part, depth, in_body, out, keep)
            return
        if content_type in ("text/plain", "text/html") and disposition != "attachment" and not part.get_filename():
            if in_body:
                text = self._text(part)
                if text:
                    out.segments.append(("text", text))
            return  # a text alternative not chosen is the same words again
        placed = in_body and part.get_content_maintype() == "image" and disposition != "attachment"
        if placed and id(part) not in self.referenced:
            out.segments.append(("image", f"[image: {self.name(part)}]"))
        if keep:
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                self.keep(part, payload, inline=disposition == "inline")

    def _multipart(self, part: EmailMessage, depth: int, in_body: bool, out: _Text, keep: bool) -> None:
        children = part.get_payload()
        if not isinstance(children, list):  # a missing or wrong boundary
            again = None if self.raw_only else _salvaged(part)
            if again is not None:
                self.walk(again, depth + 1, in_body, out, keep)
            elif in_body:
                text = _raw_text(part)
                if text:
                    out.segments.append(("text", text))
            return
        parts = [child for child in children if isinstance(child, EmailMessage)]
        chosen = _preferred(parts) if part.get_content_type() == "multipart/alternative" else None
        if part.get_content_type() == "multipart/related":
            for child in parts[:MAX_PARTS]:
                cid = _MSGID.findall(str(child.get("Content-ID", "")))
                if cid and child.get_content_maintype() == "image":
                    self.by_cid[cid[0].lower()] = child
        for child in parts:
            self.walk(child, depth + 1, in_body and (chosen is None or child is chosen), out, keep)

    def _forwarded(self, part: EmailMessage, depth: int, in_body: bool, out: _Text, keep: bool) -> None:
        inner = _inner(part)
        if inner is None:
            return
        if in_body:
            text = _Text()
            self.walk(inner, depth + 1, True, text, keep=False)  # its files travel inside the .eml
            heading = [f"{name}: {value}" for name in ("From", "Date", "Subject") if (value := _header(inner, name))]
            said = text.whole().splitlines()
            quoted = "\n".join(f"> {line}".rstrip() for line in [*heading, *(["", *said] if said else [])])
            out.forwards.append(f"Forwarded message (attached as {self.name(part)}):\n{quoted}")
        if keep:
            self.keep(part, _eml(inner), inline=False)

    def _text(self, part: EmailMessage) -> str:
        content = _decoded(part)
        if part.get_content_type() != "text/html":
            return content.strip()

        def placed(match: re.Match[str]) -> str:
            image = self.by_cid.get(match.group(1).lower())
            if image is None:
                return match.group(0)
            self.referenced.add(id(image))
            return f"<br>[image: {html.escape(self.name(image))}]<br>"  # on a line of its own

        return html_to_text(_CID_IMAGE.sub(placed, content))


def _inner(part: EmailMessage) -> EmailMessage | None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    return inner if isinstance(inner, EmailMessage) else None


def _eml(message: EmailMessage) -> bytes:
    """A forwarded message as bytes again (the parser keeps no copy of the original bytes)."""
    for rules in (policy.default, policy.compat32):
        # A header the modern generator cannot fold: the lenient rules write it as it came.
        with contextlib.suppress(Exception):
            return message.as_bytes(policy=rules)
    return b""


def _preferred(parts: list[EmailMessage]) -> EmailMessage | None:
    """The alternative to read: plain text first (a nested one counts), then HTML, then the last."""
    for subtype in ("plain", "html"):
        for child in parts:
            if _holds(child, subtype, 0):
                return child
    return parts[-1] if parts else None


def _holds(part: EmailMessage, subtype: str, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return False
    if part.get_content_maintype() == "multipart":
        children = part.get_payload()
        if not isinstance(children, list):
            return subtype == "plain"  # read as raw text
        return any(_holds(c, subtype, depth + 1) for c in children[:MAX_PARTS] if isinstance(c, EmailMessage))
    return part.get_content_type() == f"text/{subtype}" and part.get_content_disposition() != "attachment"


def _read(message: EmailMessage, raw_only: bool) -> tuple[str, list[Part]]:
    """The body (the new text of a reply, then the forwarded messages) and the files of ``message``."""
    reader = _Reader(raw_only)
    text = _Text()
    reader.walk(message, 0, True, text, keep=True)
    said = "\n\n".join([*([trim_quoted(own)] if (own := text.own()) else []), *text.forwards])
    notes = []
    if raw_only:
        notes.append("[the message has too many MIME parts to be read: its body is shown as it arrived]")
    if reader.limited:
        notes.append(f"[parts beyond {MAX_PARTS} parts or {MAX_DEPTH} levels of nesting were not read]")
    body = "\n\n".join([said, *notes]).strip()
    if len(body) <= MAX_BODY_CHARS:
        return body, reader.attachments
    # Too long for a description or a comment: the start, the notes, and the whole text as a file.
    full = Part("message.txt", "text/plain", said.encode("utf-8", "replace"), inline=False)
    tail = "\n\n".join([*notes, "[the text is longer than this: the whole text is attached as message.txt]"])
    return said[: MAX_BODY_CHARS - len(tail) - 2].rstrip() + "\n\n" + tail, [full, *reader.attachments]


def _parse_bytes(raw: bytes) -> tuple[EmailMessage, bool]:
    """The parsed message, and whether only its headers were parsed (too many parts to split)."""
    too_many = len(_BOUNDARY_PARAM.findall(raw)) > MAX_MULTIPARTS or len(_DELIMITER_LINE.findall(raw)) > MAX_DELIMITERS
    if not too_many:
        try:
            message = BytesParser(policy=policy.default).parsebytes(raw)
        except RecursionError:  # nesting the parser cannot follow: read the headers only
            too_many = True
        else:
            if isinstance(message, EmailMessage):
                return message, False
    message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    if not isinstance(message, EmailMessage):
        raise UnreadableMessage("not a MIME message")
    return message, True


def parse(raw: bytes) -> InboundMessage:
    try:
        message, raw_only = _parse_bytes(raw)
    except UnreadableMessage:
        raise
    except Exception as exc:  # the parser is lenient; anything it raises means unusable bytes
        raise UnreadableMessage(f"not a MIME message: {exc}") from exc
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
    body, attachments = _read(message, raw_only)
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
        body=body,
        references=list(dict.fromkeys(references)),
        automatic=is_automatic(message),
        delivery_report=message.get_content_type() == "multipart/report"
        or str(message.get("Return-Path", "")).strip() == "<>",
        attachments=attachments,
    )
