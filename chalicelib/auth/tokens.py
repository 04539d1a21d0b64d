"""Opaque session tokens: ``dk_<org_id>_<user_id>_<43 url-safe chars>`` (256 random bits), and
API tokens: ``dkt_<org_id>_<creator_id>_<token_id>_<43 url-safe chars>``.

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


# ---------------------------------------------------------------- API tokens (integrations)

API_PREFIX = "dkt_"
_API_TOKEN = re.compile(r"^dkt_([A-Za-z0-9]{6,40})_([A-Za-z0-9]{6,40})_([0-9a-f]{20})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class ParsedApiToken:
    org_id: str
    creator_id: str  # the admin it acts for: read in the authorizer's one BatchGetItem
    token_id: str
    secret_hash: str  # sha256 of the whole token


def new_api_token(org_id: str, creator_id: str, token_id: str) -> str:
    """``dkt_<org_id>_<creator_id>_<token_id>_<43 url-safe chars>`` (256 random bits)."""
    return f"{API_PREFIX}{org_id}_{creator_id}_{token_id}_{secrets.token_urlsafe(32)}"


def is_api_token(header_value: str | None) -> bool:
    """Whether ``Bearer <x>`` carries an API token (``dkt_``) rather than a session token."""
    _, _, token = (header_value or "").strip().partition(" ")
    return token.strip().startswith(API_PREFIX)


def parse_api_token(header_value: str | None) -> ParsedApiToken | None:
    """The API token in ``Bearer <token>``, or None when the header does not carry one."""
    if not header_value:
        return None
    scheme, _, token = header_value.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer":
        return None
    match = _API_TOKEN.match(token)
    if not match:
        return None
    return ParsedApiToken(match.group(1), match.group(2), match.group(3), token_hash(token))
