"""TOTP (RFC 6238) via pyotp, with replay protection by time step."""

from __future__ import annotations

import hmac
import time

ISSUER = "Deskless"
STEP_SECONDS = 30


def new_secret() -> str:
    import pyotp

    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str, organization: str) -> str:
    import pyotp

    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=f"{ISSUER} ({organization})")


def matching_step(secret: str, code: str, now: float | None = None, window: int = 1) -> int | None:
    """The time step ``code`` is valid for (within +-``window`` steps), or None.

    The caller refuses a step not greater than the last one used, so a code cannot be replayed.
    """
    import pyotp

    code = code.strip()
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    moment = time.time() if now is None else now
    current = int(moment // STEP_SECONDS)
    for step in range(current - window, current + window + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None
