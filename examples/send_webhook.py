"""A sample inbound webhook sender (standard library only): opens a ticket in an organization.

    python examples/send_webhook.py http://127.0.0.1:8000 acme whsec_... --subject "Pump 4 offline"

It signs ``"<t>.<delivery id>.<body>"`` with the organization's webhook secret (HMAC-SHA256, hex)
and sends ``X-Deskless-Signature: t=<t>,v1=<hex>`` and ``X-Deskless-Delivery: <delivery id>``.
Retrying a delivery keeps its delivery id (the retry gets the first response back); each new
delivery gets a new id. See docs/api.md, "Inbound webhooks".
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid


def sign(secret: str, timestamp: int, delivery_id: str, body: bytes) -> str:
    """The ``X-Deskless-Signature`` value for one delivery."""
    signed = f"{timestamp}.{delivery_id}.".encode() + body
    return f"t={timestamp},v1={hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()}"


def send(base_url: str, slug: str, secret: str, payload: dict[str, object], delivery_id: str) -> tuple[int, str]:
    """POST one delivery; returns the status and the response body."""
    if not base_url.startswith(("http://", "https://")):
        raise SystemExit("base_url must be an http(s) URL")
    body = json.dumps(payload).encode()
    request = urllib.request.Request(  # noqa: S310 (http(s) only, checked above)
        f"{base_url.rstrip('/')}/channels/webhooks/{slug}",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Deskless-Signature": sign(secret, int(time.time()), delivery_id, body),
            "X-Deskless-Delivery": delivery_id,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (scheme checked above)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url")
    parser.add_argument("org_slug")
    parser.add_argument("secret")
    parser.add_argument("--subject", default="Sensor offline")
    parser.add_argument("--customer-email", default="ops@partner.example")
    parser.add_argument("--delivery-id", default=None, help="reuse one to retry a delivery")
    args = parser.parse_args()
    payload = {"type": "ticket", "subject": args.subject, "customer_email": args.customer_email}
    status, text = send(args.base_url, args.org_slug, args.secret, payload, args.delivery_id or str(uuid.uuid4()))
    print(status, text)


if __name__ == "__main__":
    main()
