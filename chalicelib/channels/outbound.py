"""Outbound messages: email composed with the stdlib ``email`` package, SMS and push texts, and
their delivery (SES / SNS when deployed, files in the outbox folder on the local stage)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Any

from chalicelib import config


def thread_root(org_id: str, number: int, domain: str) -> str:
    """A Message-ID every outbound mail of a ticket references, so replies thread even when the
    client drops In-Reply-To (matched on the way in by channels.email threading)."""
    return f"<ticket.{org_id}.{number}@{domain}>"


def compose_email(
    *,
    sender_name: str,
    sender: str,
    to_name: str,
    to: str,
    subject: str,
    body: str,
    domain: str,
    references: list[str],
    automatic: bool,
) -> tuple[EmailMessage, str]:
    message = EmailMessage()
    message_id = make_msgid(domain=domain)
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(datetime.now(UTC))
    message["From"] = formataddr((sender_name, sender))
    message["To"] = formataddr((to_name, to))
    message["Subject"] = subject
    if references:
        message["In-Reply-To"] = references[-1]
        message["References"] = " ".join(references)
    if automatic:
        message["Auto-Submitted"] = "auto-generated"
        message["X-Auto-Response-Suppress"] = "All"
    message.set_content(body)
    return message, message_id.strip("<>")


def outbox_dir() -> Path:
    return Path(os.environ.get("OUTBOX_DIR") or Path(__file__).resolve().parents[2] / ".local" / "outbox")


def _write(name: str, data: bytes) -> Path:
    directory = outbox_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}-{name}"
    path.write_bytes(data)
    return path


def send_email(message: EmailMessage) -> None:
    raw = message.as_bytes()
    if config.stage() == "local":
        _write(f"{message['Message-ID'].strip('<>').split('@')[0]}.eml", raw)
        return
    import boto3

    boto3.client("sesv2", region_name=config.region()).send_email(Content={"Raw": {"Data": raw}})


def send_sms(phone: str, text: str) -> None:
    if config.stage() == "local":
        _write("sms.txt", f"To: {phone}\n\n{text}\n".encode())
        return
    import boto3

    boto3.client("sns", region_name=config.region()).publish(PhoneNumber=phone, Message=text[:1400])


def send_push(user_id: str, payload: dict[str, Any]) -> None:
    """Push goes to the notifications topic; the app's push service subscribes with a filter on user_id."""
    if config.stage() == "local":
        _write("push.json", json.dumps({"user_id": user_id, **payload}).encode())
        return
    topic = os.environ.get("NOTIFICATIONS_TOPIC_ARN")
    if not topic:
        from chalicelib.observability import logger

        logger.warning("push not sent: NOTIFICATIONS_TOPIC_ARN is not set", extra={"user_id": user_id})
        return
    import boto3

    boto3.client("sns", region_name=config.region()).publish(
        TopicArn=topic,
        Message=json.dumps(payload),
        MessageAttributes={"user_id": {"DataType": "String", "StringValue": user_id}},
    )


WEBHOOK_TIMEOUT = 5.0


class WebhookFailed(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def check_destination(url: str) -> None:
    """https only, and never a private, loopback, link-local or reserved address, outside the local stage."""
    import ipaddress
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if config.stage() == "local":
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise WebhookFailed("webhooks use http(s) URLs")
        return
    if parts.scheme != "https" or not parts.hostname:
        raise WebhookFailed("webhooks must use https")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise WebhookFailed(f"cannot resolve {parts.hostname}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            raise WebhookFailed("webhooks never go to private or loopback addresses")


def post_webhook(url: str, secret: str, body: bytes, delivery_id: str, event: str) -> int:
    """POST ``body`` signed with ``secret`` (``X-Deskless-Signature``); the status, or ``WebhookFailed``."""
    import urllib.error
    import urllib.request

    from chalicelib.domain.signing import signature

    check_destination(url)
    request = urllib.request.Request(  # noqa: S310 (scheme checked by check_destination)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Deskless-Webhooks/1",
            "X-Deskless-Event": event,
            "X-Deskless-Delivery": delivery_id,
            "X-Deskless-Signature": signature(secret, int(datetime.now(UTC).timestamp()), body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        raise WebhookFailed(f"answered {exc.code}", exc.code) from exc
    except (OSError, ValueError) as exc:
        raise WebhookFailed(f"{type(exc).__name__}: {exc}") from exc
    if status >= 300:
        raise WebhookFailed(f"answered {status}", status)
    return status
