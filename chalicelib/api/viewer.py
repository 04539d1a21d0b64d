"""The client's address: API Gateway's ``sourceIp``, or CloudFront's ``CloudFront-Viewer-Address``
when the request proves it came through the stack's distribution.

Behind CloudFront, ``sourceIp`` is an edge server's address. The distribution adds the viewer's
address (``CloudFront-Viewer-Address``, from its origin request policy) and a secret origin header
(``X-Deskless-Origin-Verify``, the stack parameter ``OriginVerifySecret``). Anyone can call the
regional API Gateway URL with either header, so the viewer's address counts only when the secret
matches (constant-time); otherwise, and whenever no secret is configured (local stack, tests), the
address is ``sourceIp``, as before the distribution.
"""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from chalice.app import Request

from chalicelib import config

VIEWER_ADDRESS_HEADER = "CloudFront-Viewer-Address"
ORIGIN_VERIFY_HEADER = "X-Deskless-Origin-Verify"
MAX_VIEWER_ADDRESS = 64  # the longest IPv6 form with brackets and port is 47 characters


def viewer_address(value: str) -> str | None:
    """The address in a ``CloudFront-Viewer-Address`` value (``ip:port``; IPv6 bare or ``[ip]:port``),
    normalised (``2001:db8::1``), or None when the value is not exactly that."""
    value = value.strip()
    if len(value) > MAX_VIEWER_ADDRESS:
        return None
    if value.startswith("["):
        host, separator, port = value[1:].partition("]:")
    else:
        host, separator, port = value.rpartition(":")
    if not separator or not port.isascii() or not port.isdigit() or int(port) > 65535:
        return None
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def _header(request: Request, name: str) -> str | None:
    headers: Any = request.headers or {}
    value = headers.get(name)
    return str(value) if value is not None else None


def from_distribution(request: Request) -> bool:
    """Whether ``request`` carries the configured origin secret (False when none is configured)."""
    secret = config.origin_verify_secret()
    sent = _header(request, ORIGIN_VERIFY_HEADER)
    if not secret or sent is None:
        return False
    return hmac.compare_digest(sent.encode(), secret.encode())


def client_address(request: Request) -> str | None:
    """The caller's address: the viewer's behind the stack's distribution, else API Gateway's ``sourceIp``.

    The one source of the address for rate limits, sessions, history and audit entries.
    """
    if from_distribution(request):
        forwarded = _header(request, VIEWER_ADDRESS_HEADER)
        viewer = viewer_address(forwarded) if forwarded is not None else None
        if viewer is not None:
            return viewer
    source = ((request.context or {}).get("identity") or {}).get("sourceIp")
    return str(source) if source is not None else None
