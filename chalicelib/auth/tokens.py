"""Opaque session tokens: ``dk_<org_id>_<user_id>_<43 url-safe chars>`` (256 random bits).

The token names its organization and user, so the authorizer reads session, user and
organization with one BatchGetItem on tenant keys; only the token's SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

PREFIX = "dk_"
_TOKEN = re.compile(r"^dk_([A-Za-z0-9]{6,40})_([A-Za-z0-9]{6,40})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class ParsedToken:
    org_id: str
    user_id: str
    session_id: str  # sha256 of the whole token


def new_token(org_id: str, user_id: str) -> str:
    return f"{PREFIX}{org_id}_{user_id}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse(header_value: str | None) -> ParsedToken | None:
    """The token in ``Bearer <token>``, or None when the header does not carry one of ours."""
    if not header_value:
        return None
    scheme, _, token = header_value.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer":
        return None
    match = _TOKEN.match(token)
    if not match:
        return None
    return ParsedToken(match.group(1), match.group(2), token_hash(token))
