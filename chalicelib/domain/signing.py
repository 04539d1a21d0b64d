"""Webhook signatures: ``X-Deskless-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">``.

The same scheme signs outbound deliveries and verifies inbound ones (constant-time compare,
replay window).
"""

from __future__ import annotations

import hashlib
import hmac

REPLAY_WINDOW_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secrets: list[str], header: str, body: bytes, now: int, window: int = REPLAY_WINDOW_SECONDS) -> bool:
    """True when ``header`` signs ``body`` with one of ``secrets`` within ``window`` seconds of ``now``."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > window:
        return False
    given = [v for k, v in parts.items() if k == "v1"]
    if not given:
        return False
    expected = [signature(s, timestamp, body).split("v1=", 1)[1] for s in secrets]
    return any(hmac.compare_digest(given[0], e) for e in expected)
