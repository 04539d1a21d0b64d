"""Helpers for API tests: JSON requests and a tenant with one user of each role."""

from __future__ import annotations

import email
import email.policy
import functools
import json
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from chalice.test import Client

PASSWORD = "correct-horse-battery"


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


def call(
    client: Client,
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    payload = json.dumps(body) if body is not None else None
    response = getattr(client.http, method.lower())(path, headers=sent, body=payload)
    text = response.body.decode() if response.body else ""
    return Reply(response.status_code, json.loads(text) if text else None, dict(response.headers))


@dataclass
class Tenant:
    slug: str
    org_id: str
    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)

    def token(self, role: str) -> str:
        return self.tokens[role]

    def user_id(self, role: str) -> str:
        return str(self.users[role]["id"])


def make_tenant(client: Client, slug: str, email_domain: str = "example.com") -> Tenant:
    """An organization with an admin, a manager, two agents (agent, agent2) and two customers."""
    reply = call(
        client,
        "POST",
        "/organizations",
        body={
            "name": f"{slug.title()} Inc",
            "slug": slug,
            "admin_email": f"admin@{email_domain}",
            "admin_password": PASSWORD,
            "admin_first_name": "Ada",
            "admin_last_name": "Admin",
        },
    )
    assert reply.status == 201, reply.body
    tenant = Tenant(slug=slug, org_id=reply.body["organization"]["id"])
    tenant.tokens["admin"] = reply.body["token"]
    tenant.users["admin"] = reply.body["user"]
    _add_people(tenant, email_domain)
    return tenant


PEOPLE = (
    ("manager", "manager"),
    ("agent", "agent"),
    ("agent2", "agent"),
    ("customer", "customer"),
    ("customer2", "customer"),
)


@functools.cache
def _password_hash() -> str:
    from chalicelib.auth import passwords

    return passwords.hash_password(PASSWORD)


def _add_people(tenant: Tenant, email_domain: str) -> None:
    """One user of each role with a live session, written as the API writes them (the same item
    builders) but straight into the mocked table: one call instead of eleven HTTP requests.
    Creating users and logging in through HTTP is covered by tests/api/test_users.py and
    test_identity.py."""
    from datetime import UTC, datetime, timedelta

    from chalicelib import config
    from chalicelib.api.schemas import UserOut
    from chalicelib.auth import tokens
    from chalicelib.domain.identity import Role, Session, User
    from chalicelib.local.snapshot import load_table
    from chalicelib.services.identity import new_id
    from chalicelib.store import identity as store

    now = datetime.now(UTC)
    items = []
    for name, role in PEOPLE:
        user = User(
            id=new_id(),
            org_id=tenant.org_id,
            email=f"{name}@{email_domain}",
            username=name,
            first_name=name.title(),
            last_name="User",
            role=Role(role),
            password_hash=_password_hash(),
            last_active=now,  # as a login leaves it
            created_at=now,
            updated_at=now,
        )
        for operation in store._user_creation(user):
            item = operation.item  # type: ignore[union-attr]
            if hasattr(item, "version"):
                item.version = 1
            items.append(item.serialize())
        token = tokens.new_token(tenant.org_id, user.id)
        session = Session(
            id=tokens.token_hash(token),
            org_id=tenant.org_id,
            user_id=user.id,
            created_at=now,
            last_activity=now,
            expires_at=now + timedelta(hours=168),
            epoch=user.session_epoch,
        )
        session_record = store.session_item(session)
        session_record.version = 1
        items.append(session_record.serialize())
        tenant.tokens[name] = token
        tenant.users[name] = UserOut.of(user).model_dump(mode="json")
    load_table(config.table_name(), items)


def login(client: Client, slug: str, email: str, password: str = PASSWORD, **extra: Any) -> str:
    reply = call(
        client, "POST", "/auth/login", body={"organization": slug, "email": email, "password": password, **extra}
    )
    assert reply.status == 200, reply.body
    return str(reply.body["token"])


def run_schedule(client: Client, name: str, when: Any) -> dict[str, Any]:
    """Invoke an ``@app.schedule`` function with the event EventBridge sends at ``when``."""
    from datetime import UTC

    from chalicelib.local.scheduler import scheduled_event

    result: dict[str, Any] = client.lambda_.invoke(
        name, scheduled_event(name, "us-east-1", when.astimezone(UTC))
    ).payload
    return result


def deliver_mail(client: Client, raw: bytes, key: str) -> dict[str, Any]:
    """What SES + EventBridge do: store the raw message under incoming/, then invoke ingest_email."""
    import boto3

    from chalicelib import config

    boto3.client("s3").put_object(Bucket=config.inbound_mail_bucket(), Key=f"incoming/{key}", Body=raw)
    return mail_event(client, f"incoming/{key}")


def mail_event(client: Client, key: str) -> dict[str, Any]:
    from chalicelib import config
    from chalicelib.local.inbox import object_created

    event = object_created(config.inbound_mail_bucket(), key, "us-east-1")
    result: dict[str, Any] = client.lambda_.invoke("ingest_email", event).payload
    return result


def all_tickets(client: Client, tenant: Tenant) -> list[dict[str, Any]]:
    """The tenant's tickets (first 100) as its admin sees them."""
    items: list[dict[str, Any]] = call(client, "GET", "/tickets?limit=100", tenant.token("admin")).body["items"]
    return items


def inbound_keys(prefix: str) -> list[str]:
    """Object keys in the inbound mail bucket under ``prefix``."""
    import boto3

    from chalicelib import config

    listed = boto3.client("s3").list_objects_v2(Bucket=config.inbound_mail_bucket(), Prefix=prefix)
    return [o["Key"] for o in listed.get("Contents", [])]


def ses_headers(
    domain: str, *, dmarc: str | None = "pass", spam: str = "PASS", virus: str = "PASS", header_from: str | None = None
) -> bytes:
    """The block SES's receipt rule (scanning on) writes on top of every message it stores."""
    dmarc_part = f"\r\n dmarc={dmarc} header.from={header_from or domain};" if dmarc else ""
    return (
        f"Return-Path: <bounce@{domain}>\r\n"
        f"Received: from mail.{domain} (mail.{domain} [203.0.113.7]) by inbound-smtp.us-east-1.amazonaws.com"
        f" with SMTP id ses1 for support+acme@mail.deskless.local; Mon, 02 Mar 2026 09:00:00 +0000 (UTC)\r\n"
        f"X-SES-Spam-Verdict: {spam}\r\n"
        f"X-SES-Virus-Verdict: {virus}\r\n"
        f"Received-SPF: pass (spfCheck: domain of {domain} designates 203.0.113.7 as permitted sender)"
        f" client-ip=203.0.113.7; envelope-from=bounce@{domain}; helo=mail.{domain};\r\n"
        f"Authentication-Results: amazonses.com;\r\n spf=pass (spfCheck: domain of {domain} designates"
        f" 203.0.113.7 as permitted sender) client-ip=203.0.113.7; envelope-from=bounce@{domain};"
        f" helo=mail.{domain};\r\n dkim=pass header.i=@{domain};{dmarc_part}\r\n"
        "X-SES-RECEIPT: AEFBQUFBQUFBQUFFZXhhbXBsZQ==\r\n"
        "X-SES-DKIM-SIGNATURE: a=rsa-sha256; q=dns/txt; b=ZXhhbXBsZQ==; s=ses; d=amazonses.com;\r\n"
    ).encode()


def signup_admin(slug: str) -> Any:
    """A new organization through the service layer (no HTTP): its admin's ``Principal``. For
    concurrency tests that call services from threads against the locked moto server."""
    from chalicelib.domain.commands import SignupCommand
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import identity

    command = SignupCommand(
        name=f"{slug.title()} Inc",
        slug=slug,
        admin_email=f"admin@{slug}.example",
        admin_password=PASSWORD,
        admin_first_name="Ada",
        admin_last_name="Admin",
    )
    org, admin, _ = identity.signup(command, None, None)
    return Principal(org_id=org.id, user_id=admin.id, role=Role.ADMIN, session_id="test")


def stored_items() -> list[dict[str, Any]]:
    """Every item of the table (read from moto's memory) but the rate limiter's per-minute request
    counters, which every request moves, a refused one too (docs/api.md, "Rate limits")."""
    from chalicelib import config
    from chalicelib.local.snapshot import dump_table

    return [item for item in dump_table(config.table_name()) if item.get("type", {}).get("S") != "RateWindow"]


LINK_TOKEN = re.compile(r"dl_[A-Za-z0-9]{6,40}_[A-Za-z0-9_-]{43}")


def mails_to(outbox: Path, address: str) -> list[EmailMessage]:
    """The messages of the outbox delivered to ``address``, oldest first (by file name): a copy sent
    to named recipients (``X-Deskless-Envelope-To``, e.g. a ticket's CCs) counts for those only,
    any other for its To header."""
    found = []
    for path in sorted(outbox.glob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name)):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        envelope = message["X-Deskless-Envelope-To"]
        delivered = [a.strip().lower() for a in str(envelope).split(",")] if envelope else None
        if (address.lower() in delivered) if delivered is not None else address.lower() in str(message["To"]).lower():
            found.append(message)
    return found


def link_token(message: EmailMessage) -> str:
    """The single-use link token (``dl_...``) a mail carries."""
    content = message.get_content()
    match = LINK_TOKEN.search(content)
    assert match, content
    return match.group(0)


class Endpoint(BaseHTTPRequestHandler):
    """A customer's webhook endpoint (the ``endpoint`` fixture serves it): records every delivery
    in ``received``; answers 503 to the next ``fail_next`` deliveries, then 200."""

    received: list[tuple[dict[str, str], bytes]] = []
    fail_next = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Endpoint.received.append((dict(self.headers), body))
        if Endpoint.fail_next > 0:
            Endpoint.fail_next -= 1
            self.send_response(503)
        else:
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


def subscribe(api: Client, acme: Tenant, url: str, events: list[str]) -> dict[str, Any]:
    """An admin of ``acme`` subscribes ``url`` to ``events``; the created subscription."""
    reply = call(api, "POST", "/webhook-subscriptions", acme.token("admin"), {"url": url, "events": events})
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result
