"""Webhook signatures: ``X-Deskless-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>``.

Outbound deliveries sign ``"<t>.<body>"``. Inbound deliveries sign
``"<t>.<delivery id>.<body>"`` (the ``X-Deskless-Delivery`` header), so a captured request
cannot be resent under another delivery id; the older inbound form without the delivery id
(``legacy``) is accepted only where the organization allows it. Verification compares in
constant time and refuses timestamps outside the replay window.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

REPLAY_WINDOW_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes, delivery_id: str | None = None) -> str:
    """The header value; with ``delivery_id`` the inbound form ``"<t>.<delivery id>.<body>"``.

    >>> signature("whsec_x", 1700000000, b"{}", "d-1").startswith("t=1700000000,v1=")
    True
    """
    return f"t={timestamp},v1={_digest(secret, timestamp, body, delivery_id)}"


def _digest(secret: str, timestamp: int, body: bytes, delivery_id: str | None) -> str:
    signed = f"{timestamp}.".encode() + (f"{delivery_id}.".encode() if delivery_id is not None else b"") + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Verified:
    """A signature that checked out: its timestamp, its ``v1`` value and whether it was the legacy form."""

    timestamp: int
    digest: str
    legacy: bool


def verify(
    secrets: list[str],
    header: str,
    body: bytes,
    now: int,
    window: int = REPLAY_WINDOW_SECONDS,
    *,
    delivery_id: str | None = None,
    accept_legacy: bool = False,
) -> Verified | None:
    """The match when ``header`` signs ``body`` with one of ``secrets`` within ``window`` seconds
    of ``now``, else None. With ``delivery_id`` the signed text must include it, unless
    ``accept_legacy`` also lets the form without it through."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return None
    given = parts.get("v1")
    if not given or abs(now - timestamp) > window:
        return None
    forms = [(delivery_id, False)]
    if delivery_id is not None and accept_legacy:
        forms.append((None, True))
    for signed_id, legacy in forms:
        for secret in secrets:
            if hmac.compare_digest(given.encode(), _digest(secret, timestamp, body, signed_id).encode()):
                return Verified(timestamp, given, legacy)
    return None
