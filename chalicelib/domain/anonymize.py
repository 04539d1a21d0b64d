"""Anonymisation: personal data replaced by stable pseudonyms, structure and metrics kept. Pure.

A pseudonym is an HMAC of the value under a per-organization key, so the same person becomes the
same pseudonym everywhere (tickets still group by requester) and nobody can reverse it without
the key. Free text (subjects) keeps its words but loses email addresses, phone numbers and the
names given; message bodies are replaced when the policy says so.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

REDACTED = "[redacted]"
PSEUDONYM_DOMAIN = "anonymized.invalid"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()./-]{6,}\d(?!\w)")


def tag(key: bytes, kind: str, value: str) -> str:
    """10 hex characters standing for ``value`` (case-insensitive) of ``kind``."""
    return hmac.new(key, f"{kind}:{value.strip().lower()}".encode(), hashlib.sha256).hexdigest()[:10]


def email(key: bytes, value: str) -> str:
    return f"person-{tag(key, 'email', value)}@{PSEUDONYM_DOMAIN}"


def name(key: bytes, value: str) -> str:
    return f"Person {tag(key, 'name', value)[:6]}"


def scrub(key: bytes, text: str, names: Iterable[str] = ()) -> str:
    """``text`` without email addresses, phone numbers or any of ``names`` (each replaced by its
    pseudonym)."""
    text = _EMAIL.sub(lambda m: email(key, m.group(0)), text)
    text = _PHONE.sub("[phone]", text)
    for given in sorted({n for n in names if len(n) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(given), name(key, given), text, flags=re.IGNORECASE)
    return text
