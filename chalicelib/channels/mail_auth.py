"""What SES says about an inbound message, read only where SES itself writes it. Pure (no I/O).

The SES receipt rule (``ScanEnabled``, infra/build_merge_template.py) checks every message and
prepends one block of headers above the sender's own, in this order::

    Return-Path: <...>
    Received: from ... by inbound-smtp.<region>.amazonaws.com with SMTP id ... for ...
    X-SES-Spam-Verdict: PASS | FAIL | GRAY | PROCESSING_FAILED
    X-SES-Virus-Verdict: PASS | FAIL | GRAY | PROCESSING_FAILED
    Received-SPF: pass (spfCheck: ...) client-ip=...; envelope-from=...; helo=...;
    Authentication-Results: amazonses.com; spf=pass ...; dkim=pass header.i=@d; dmarc=pass header.from=d;
    X-SES-RECEIPT: ...
    X-SES-DKIM-SIGNATURE: ...

Everything under that block came from the sender, who can write an ``Authentication-Results:
amazonses.com; dmarc=pass`` or an ``X-SES-Spam-Verdict: PASS`` of their own. So the trust boundary
is: only the TOPMOST instance of each verdict header counts, and only while it sits in the run of
trace headers at the very top of the message (before the first header SES never writes, such as
From or Subject); an ``Authentication-Results`` counts only when its authserv-id is
``amazonses.com``. A forged copy is always below SES's own, so it is never the one read.
Locally (``make send-email``) the top of the ``.eml`` file plays SES's part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage

SES_AUTHSERV_ID = "amazonses.com"
# The headers SES writes in its block; the first header of any other name ends the block.
SES_BLOCK_HEADERS = frozenset(
    {
        "return-path",
        "received",
        "x-ses-spam-verdict",
        "x-ses-virus-verdict",
        "received-spf",
        "authentication-results",
        "x-ses-receipt",
        "x-ses-dkim-signature",
    }
)
_COMMENT = re.compile(r"\([^()]*\)")
_RESULT = re.compile(r"^([a-z0-9_-]+)\s*=\s*([a-z0-9_-]+)(.*)$", re.IGNORECASE | re.DOTALL)
_PROPERTY = re.compile(r"([a-z0-9_-]+\.[a-z0-9_-]+)\s*=\s*([^\s;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdicts:
    """SES's verdicts on one message; None where SES wrote none (or only the sender did)."""

    spam: str | None = None  # PASS | FAIL | GRAY | PROCESSING_FAILED
    virus: str | None = None
    spf: str | None = None  # pass | fail | softfail | neutral | none | temperror | permerror
    dkim: str | None = None
    dmarc: str | None = None  # pass | fail | none | temperror | permerror (RFC 8601 result)
    dmarc_domain: str | None = None  # header.from: the From domain the DMARC result is about


def _unfold(value: str) -> str:
    return " ".join(value.split())


def _top_block(message: EmailMessage) -> list[tuple[str, str]]:
    """The trace headers at the top of the message, in order, up to the first other header."""
    block: list[tuple[str, str]] = []
    for name, value in message.raw_items():
        if name.strip().lower() not in SES_BLOCK_HEADERS:
            break
        block.append((name.strip().lower(), _unfold(str(value))))
    return block


def _without_comments(text: str) -> str:
    previous = None
    while previous != text:  # comments nest: strip the innermost until none is left
        previous, text = text, _COMMENT.sub(" ", text)
    return text


def parse_authentication_results(value: str) -> tuple[str, dict[str, tuple[str, dict[str, str]]]]:
    """``(authserv-id, {method: (result, {property: value})})`` of one Authentication-Results value.

    >>> parse_authentication_results("amazonses.com; spf=pass; dmarc=pass header.from=example.com;")
    ('amazonses.com', {'spf': ('pass', {}), 'dmarc': ('pass', {'header.from': 'example.com'})})
    """
    parts = [p.strip() for p in _without_comments(value).split(";")]
    authserv_id = parts[0].split()[0].lower() if parts and parts[0] else ""
    methods: dict[str, tuple[str, dict[str, str]]] = {}
    for part in parts[1:]:
        match = _RESULT.match(part)
        if not match:
            continue
        method, result, rest = match.group(1).lower(), match.group(2).lower(), match.group(3)
        properties = {name.lower(): found.strip().lower() for name, found in _PROPERTY.findall(rest)}
        methods.setdefault(method, (result, properties))  # the first result of a method counts
    return authserv_id, methods


def read_verdicts(message: EmailMessage) -> Verdicts:
    """SES's verdicts: the topmost instance of each header within the top block, nothing lower."""
    first: dict[str, str] = {}
    for name, value in _top_block(message):
        first.setdefault(name, value)
    spam = first.get("x-ses-spam-verdict")
    virus = first.get("x-ses-virus-verdict")
    found: dict[str, tuple[str, dict[str, str]]] = {}
    results = first.get("authentication-results")
    if results is not None:
        authserv_id, methods = parse_authentication_results(results)
        if authserv_id == SES_AUTHSERV_ID:
            found = methods
    dmarc = found.get("dmarc")
    return Verdicts(
        spam=spam.strip().upper() if spam else None,
        virus=virus.strip().upper() if virus else None,
        spf=found["spf"][0] if "spf" in found else None,
        dkim=found["dkim"][0] if "dkim" in found else None,
        dmarc=dmarc[0] if dmarc else None,
        dmarc_domain=dmarc[1].get("header.from") if dmarc else None,
    )


def refusal(verdicts: Verdicts) -> str | None:
    """Why a message must not be applied at all (it is kept under ``failed/``), or None."""
    if verdicts.virus == "FAIL":
        return "quarantined: SES found a virus in it (X-SES-Virus-Verdict: FAIL); nothing was applied"
    if verdicts.spam == "FAIL":
        return "quarantined: SES judged it spam (X-SES-Spam-Verdict: FAIL); nothing was applied"
    if verdicts.dmarc == "fail":
        domain = verdicts.dmarc_domain or "the From domain"
        return f"quarantined: DMARC failed for {domain}, so the From address is forged; nothing was applied"
    return None


def _ascii_domain(domain: str) -> str:
    try:
        return domain.strip().rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return domain.strip().rstrip(".").lower()


def proves_sender(verdicts: Verdicts, sender: str) -> bool:
    """Whether SES's DMARC pass is about ``sender``'s own domain (aligned with the From address)."""
    if verdicts.dmarc != "pass" or not verdicts.dmarc_domain or "@" not in sender:
        return False
    return _ascii_domain(sender.rsplit("@", 1)[1]) == _ascii_domain(verdicts.dmarc_domain)
