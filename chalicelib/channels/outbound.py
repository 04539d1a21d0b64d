"""Outbound messages: email composed with the stdlib ``email`` package, SMS and push texts, and
their delivery (SES / SNS when deployed, files in the outbox folder on the local stage)."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urlsplit

from chalicelib import config

if TYPE_CHECKING:
    import http.client


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
    cc: Sequence[str] = (),
) -> tuple[EmailMessage, str]:
    """A plain-text message; ``cc``: addresses shown in its Cc header (checked addresses: a ticket's
    CCs), whoever the copy is delivered to (``send_email``'s ``recipients``)."""
    message = EmailMessage()
    message_id = make_msgid(domain=domain)
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(datetime.now(UTC))
    message["From"] = formataddr((sender_name, sender))
    message["To"] = formataddr((to_name, to))
    if cc:
        message["Cc"] = ", ".join(cc)
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


ENVELOPE_HEADER = "X-Deskless-Envelope-To"  # the local outbox's record of a copy's recipients


def send_email(message: EmailMessage, recipients: Sequence[str] | None = None) -> None:
    """Send ``message``; ``recipients``: who receives this copy (SES's Destination), whatever its
    To/Cc headers say (a requester's copy and the CCs' copy share their headers). None: the headers'.
    The local outbox records them in an ``X-Deskless-Envelope-To`` line on top of the file."""
    raw = message.as_bytes()
    if config.stage() == "local":
        envelope = f"{ENVELOPE_HEADER}: {', '.join(recipients)}\n".encode() if recipients else b""
        _write(f"{message['Message-ID'].strip('<>').split('@')[0]}.eml", envelope + raw)
        return
    import boto3

    destination = {"Destination": {"ToAddresses": list(recipients)}} if recipients else {}
    boto3.client("sesv2", region_name=config.region()).send_email(Content={"Raw": {"Data": raw}}, **destination)


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


# Outbound webhooks. Every attempt is bounded as a whole (name resolution, connection, TLS,
# request, status line); the sender runs it on its own queue, never in the stream handler.
WEBHOOK_CONNECT_TIMEOUT = 2.0
WEBHOOK_TIMEOUT = 4.0

# Refused on top of what ``ipaddress`` calls non-global, multicast or reserved: the shared
# (carrier-grade NAT) range, which holds a cloud metadata address (100.100.100.200), link-local
# metadata and credential endpoints, EC2's IPv6 services and Azure's platform address.
BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "100.64.0.0/10",
        "169.254.0.0/16",
        "168.63.129.16/32",
        "fd00:ec2::/32",
        "64:ff9b:1::/48",
    )
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class WebhookFailed(Exception):
    """A delivery attempt that failed. ``message`` is recorded in the delivery log, so it is one of
    a few fixed phrases: never the endpoint's answer, an address or a low-level error text that
    would let a tenant map a network."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Destination:
    """A webhook URL resolved once: the attempt connects only to ``addresses``."""

    scheme: str
    host: str
    port: int
    target: str
    addresses: tuple[str, ...]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 host an IPv6 address really reaches (mapped, 6to4, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def is_public_address(text: str) -> bool:
    """Whether a webhook may connect to ``text``: a global unicast address outside every blocked range.

    >>> is_public_address("93.184.215.14"), is_public_address("100.100.100.200")
    (True, False)
    """
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False  # scoped (fe80::1%eth0) or garbled: never
    if isinstance(address, ipaddress.IPv6Address) and (embedded := _embedded_ipv4(address)) is not None:
        return is_public_address(str(embedded))
    if any(address in network for network in BLOCKED_NETWORKS if network.version == address.version):
        return False
    special = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not special


def _resolve(host: str, port: int, deadline: float) -> list[str]:
    """The host's addresses, or ``WebhookFailed`` when it does not resolve before ``deadline``.

    getaddrinfo has no timeout of its own: it runs in a thread of its own (never a shared pool, where
    one tenant's slow name server would hold up the next resolution) that the attempt stops waiting for.
    """
    answer: list[Any] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP))
        except (OSError, UnicodeError) as exc:
            answer.append(exc)
        finally:
            done.set()

    threading.Thread(target=lookup, name="webhook-dns", daemon=True).start()
    if not done.wait(max(0.0, deadline - time.monotonic())):
        raise WebhookFailed("timed out")
    if isinstance(answer[0], Exception):
        raise WebhookFailed("cannot resolve host") from answer[0]
    addresses = list(dict.fromkeys(str(info[4][0]) for info in answer[0]))
    if not addresses:
        raise WebhookFailed("cannot resolve host")
    return addresses


def _parse(url: str) -> tuple[SplitResult, str, int]:
    """The URL's parts, host and port, if its scheme is allowed: https, and http on the local stage."""
    parts = urlsplit(url)
    local = config.stage() == "local"
    if parts.scheme not in (("http", "https") if local else ("https",)) or not parts.hostname:
        raise WebhookFailed("webhooks use http(s) URLs" if local else "webhooks must use https")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise WebhookFailed("invalid port") from exc
    return parts, parts.hostname, port


def resolve_destination(url: str, deadline: float | None = None) -> Destination:
    """Resolve ``url``'s host once and check every address it gave.

    Deployed stages: https only, and every address must be public (``is_public_address``), or
    ``WebhookFailed("destination not allowed")``. The local stage allows http and any address, for
    the demo's receivers on 127.0.0.1.
    """
    parts, host, port = _parse(url)
    local = config.stage() == "local"
    addresses = _resolve(host, port, deadline or time.monotonic() + WEBHOOK_TIMEOUT)
    if not local and not all(is_public_address(address) for address in addresses):
        raise WebhookFailed("destination not allowed")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Destination(parts.scheme, host, port, target, tuple(addresses))


def check_destination(url: str) -> None:
    """A URL being saved: ``WebhookFailed`` when it may not be used. Deployed stages resolve it and
    check its addresses now (every attempt checks them again); the local stage checks the scheme."""
    if config.stage() == "local":
        _parse(url)
        return
    resolve_destination(url)


def _connect(destination: Destination, deadline: float) -> socket.socket:
    """A connection to one of the checked addresses (never a fresh resolution of the name)."""
    for address in destination.addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        with contextlib.suppress(OSError):  # refused, unreachable, timed out: the next address
            return socket.create_connection(
                (address, destination.port), timeout=min(WEBHOOK_CONNECT_TIMEOUT, remaining)
            )
    if deadline - time.monotonic() <= 0:
        raise WebhookFailed("timed out")
    raise WebhookFailed("connection failed")


def post_webhook(url: str, secret: str, body: bytes, delivery_id: str, event: str) -> int:
    """POST ``body`` signed with ``secret`` (``X-Deskless-Signature``); the 2xx status, or ``WebhookFailed``.

    One attempt of at most ``WEBHOOK_TIMEOUT`` seconds: the name is resolved and checked once and
    the connection goes to that checked address (TLS still verifies the certificate for the name);
    redirects are not followed (a 3xx is a failure); only the status code is read.
    """
    from chalicelib.domain.signing import signature

    deadline = time.monotonic() + WEBHOOK_TIMEOUT
    destination = resolve_destination(url, deadline)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Deskless-Webhooks/1",
        "X-Deskless-Event": event,
        "X-Deskless-Delivery": delivery_id,
        "X-Deskless-Signature": signature(secret, int(datetime.now(UTC).timestamp()), body),
    }
    with _checked_connection(destination, deadline) as connection:
        connection.request("POST", destination.target, body=body, headers=headers)
        status = int(connection.getresponse().status)
    if 300 <= status < 400:
        raise WebhookFailed("redirect not followed", status)
    if not 200 <= status < 300:
        raise WebhookFailed(f"answered {status}", status)
    return status


@contextlib.contextmanager
def _checked_connection(destination: Destination, deadline: float) -> Iterator[http.client.HTTPConnection]:
    """An HTTP(S) connection to ``destination``'s checked address, open until ``deadline`` at most
    (a watchdog shuts the socket then: endpoints answering byte by byte cannot stretch it); TLS
    verifies the certificate for the name. Any failure inside, the caller's included, becomes a
    ``WebhookFailed`` with a fixed phrase."""
    import http.client
    import ssl

    sock = _connect(destination, deadline)
    current = [sock]
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        with contextlib.suppress(OSError):
            socket.socket.shutdown(current[0], socket.SHUT_RDWR)

    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), expire)
    watchdog.daemon = True
    watchdog.start()
    connection: http.client.HTTPConnection | None = None
    try:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        if destination.scheme == "https":
            # TLS to the checked address, with SNI and certificate verification for the name.
            sock = current[0] = ssl.create_default_context().wrap_socket(sock, server_hostname=destination.host)
            connection = http.client.HTTPSConnection(destination.host, destination.port)
        else:
            connection = http.client.HTTPConnection(destination.host, destination.port)
        connection.sock = sock  # already connected to the checked address: never connect() again
        yield connection
    except WebhookFailed:
        raise
    except Exception as exc:
        raise _failure(exc, expired.is_set()) from None
    finally:
        watchdog.cancel()
        if connection is not None:
            connection.close()
        current[0].close()


def _failure(exc: Exception, expired: bool) -> WebhookFailed:
    """The fixed phrase recorded for a failed attempt (the exception's own text is never kept)."""
    import http.client
    import ssl

    if expired or isinstance(exc, TimeoutError):
        return WebhookFailed("timed out")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return WebhookFailed("certificate not valid for the host")
    if isinstance(exc, ssl.SSLError):
        return WebhookFailed("TLS handshake failed")
    if isinstance(exc, http.client.RemoteDisconnected | ConnectionError):
        return WebhookFailed("connection failed")
    if isinstance(exc, http.client.HTTPException):
        return WebhookFailed("invalid response")
    return WebhookFailed("connection failed")


# Server-side fetches for sign-in: an OIDC issuer's discovery document, its keys, its token
# endpoint. The same checked connection as webhooks, with a response body read in full but bounded.
FETCH_TIMEOUT = 5.0
FETCH_MAX_BYTES = 256 * 1024
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class FetchFailed(Exception):
    """A server-side fetch that failed; ``message`` is one of a few fixed phrases."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes


def _fetch_destination(url: str, allow_loopback: bool, deadline: float) -> Destination:
    """``url`` resolved once: https to public addresses only; with ``allow_loopback`` (local stack,
    tests) also http to a loopback host that resolves to loopback addresses only."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    loopback = allow_loopback and host in LOOPBACK_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise FetchFailed("must be an https URL")
    if parts.username is not None or parts.password is not None:
        raise FetchFailed("must not contain credentials")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchFailed("invalid port") from exc
    try:
        addresses = _resolve(host, port, deadline)
    except WebhookFailed as exc:
        raise FetchFailed(exc.message) from None
    for address in addresses:
        allowed = ipaddress.ip_address(address).is_loopback if loopback else is_public_address(address)
        if not allowed:
            raise FetchFailed("destination not allowed")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Destination(parts.scheme, host, port, target, tuple(addresses))


def fetch(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    allow_loopback: bool = False,
    max_bytes: int = FETCH_MAX_BYTES,
    timeout: float = FETCH_TIMEOUT,
) -> Fetched:
    """One request of at most ``timeout`` seconds to a checked address (no redirects followed, the
    body at most ``max_bytes``); ``FetchFailed`` on any failure, whatever the status."""
    deadline = time.monotonic() + timeout
    destination = _fetch_destination(url, allow_loopback, deadline)
    sent = {"Accept": "application/json", "User-Agent": "Deskless-SSO/1", **(headers or {})}
    try:
        with _checked_connection(destination, deadline) as connection:
            connection.request(method, destination.target, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read(max_bytes + 1)
            status = int(response.status)
    except WebhookFailed as exc:
        raise FetchFailed(exc.message) from None
    if len(data) > max_bytes:
        raise FetchFailed("response too large")
    return Fetched(status, data)
