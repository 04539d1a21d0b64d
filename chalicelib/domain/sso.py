"""Single sign-on for staff (OpenID Connect): an organization's identity provider settings, the
pending sign-ins they start, and the pure rules of a sign-in (issuer URL, email domain, role mapping,
PKCE). No I/O here: the OIDC exchange is ``services/oidc.py``, the use cases ``services/sso.py``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field

from chalicelib.domain.entity import Entity
from chalicelib.domain.identity import Role

# A pending sign-in (state, nonce, PKCE verifier) is good for this long after POST .../start.
FLOW_VALID = timedelta(minutes=10)
# Clock skew tolerated between us and the identity provider on exp / iat.
CLOCK_SKEW = timedelta(seconds=60)
# The more access a mapped role gives, the higher it ranks: several matching values give the highest.
ROLE_RANK = {Role.AGENT: 1, Role.MANAGER: 2, Role.ADMIN: 3}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class SsoConfig(Entity):
    """An organization's OIDC identity provider. The client secret is not here: it lives in the
    parameter store under ``secret_id`` (``store/sso_secrets.py``), never in the table."""

    org_id: str
    issuer: str
    client_id: str
    secret_id: str
    redirect_uris: list[str] = Field(default_factory=list)
    allowed_email_domains: list[str]
    role_claim: str | None = None
    role_mapping: dict[str, Role] = Field(default_factory=dict)
    default_role: Role | None = Role.AGENT
    jit_provisioning: bool = True
    sso_only: bool = False
    enabled: bool = True
    created_at: datetime
    updated_at: datetime
    version: int = 1


class SsoFlow(Entity):
    """One started sign-in, stored under the SHA-256 of its ``state`` until it is used or expires.
    The nonce is kept as a hash (only compared); the PKCE verifier must be sent to the token endpoint."""

    org_id: str
    state_hash: str
    nonce_hash: str
    code_verifier: str
    redirect_uri: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE verifier (RFC 7636 section 4.2).

    >>> pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
    """
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def issuer_problem(issuer: str, allow_loopback: bool) -> str | None:
    """Why ``issuer`` cannot be an organization's identity provider, or None when it can: an https
    URL without credentials, query or fragment; plain http only for a loopback host when the
    deployment allows it (local stack, tests). Its addresses are checked when it is fetched."""
    try:
        parts = urlsplit(issuer)
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError:
        return "not a URL"
    if not parts.hostname:
        return "not an absolute URL"
    if parts.username is not None or parts.password is not None:
        return "must not contain credentials"
    if parts.query or parts.fragment:
        return "must not have a query or fragment"
    loopback = parts.hostname in LOOPBACK_HOSTS
    if parts.scheme == "https" or (parts.scheme == "http" and allow_loopback and loopback):
        return None
    return "must be an https URL"


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower()


def domain_allowed(email: str, allowed: list[str]) -> bool:
    """Whether the address's domain is exactly one of ``allowed`` (no subdomain matching)."""
    return email_domain(email) in {domain.lower() for domain in allowed}


def claim_values(claims: dict[str, Any], claim: str) -> list[str]:
    """The string values of a claim (a string or a list of strings); anything else counts as none."""
    value = claims.get(claim)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def mapped_role(config: SsoConfig, claims: dict[str, Any]) -> Role | None:
    """The role the ID token's ``role_claim`` maps to (the highest of several), else the default
    role; None when neither applies (the sign-in is refused)."""
    roles = [config.role_mapping[v] for v in claim_values(claims, config.role_claim or "") if v in config.role_mapping]
    if roles:
        return max(roles, key=lambda role: ROLE_RANK[role])
    return config.default_role


def password_login_refused(role: Role) -> bool:
    """Whether a user of ``role`` is refused a password login when the organization is "SSO only":
    agents and managers. Admins keep password (and two-factor) login as the break-glass way in when
    the identity provider is down; customers never use SSO."""
    return role in (Role.AGENT, Role.MANAGER)
