"""Channels: inbound email (and, next to it, signed webhooks) turned into tickets and comments.

Inbound email, per message:
1. parse (channels/email.py); route by recipient (To, Cc, Delivered-To, X-Original-To) to every
   organization it names, each once: plus-addressing ``<anything>+<org slug>@<INBOUND_EMAIL_DOMAIN>``
   always reaches that organization; another address reaches the organization that verified it
   (``PLATFORM#INBOX#<address>``, services/support_addresses.py). Each organization takes the
   message in on its own (steps 2-5), and keeps its own copy of the raw message when there are several;
2. mail SES flagged (virus, spam, DMARC fail: ``channels/mail_auth.py``) is refused before
   anything is read or written; drop mail from the organization's own support addresses and from
   anything at the inbound domain (loops, forgeries) and a sender's mail beyond ``SENDER_LIMIT``
   per hour (storms);
3. the sender (the From address) is an existing user or becomes a customer; it acts as a staff
   member only when DMARC passed for its own domain (else the message is quarantined), and a
   new customer's address must not be confusable with a user's (else quarantined too);
4. thread: In-Reply-To/References against Message-IDs seen before, then ``[<prefix>-<n>]`` in
   the subject; a match is a public comment by the sender (which reopens a pending or solved
   ticket, or opens a follow-up of a closed one), anything else a new ticket (channel email);
5. attachments go to the attachments bucket first (keys derived from the message, so a retry
   rewrites the same objects), then the ticket or comment, the attachment records and the
   Message-ID guard are ONE transaction: a redelivered message finds the guard and creates nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from secrets import token_hex, token_urlsafe
from typing import TYPE_CHECKING, Any

from chalicelib.auth import policy
from chalicelib.channels import mail_auth
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.commands import CommentCommand, CreateTicketCommand
from chalicelib.domain.errors import Conflict, DesklessError, Forbidden, NotFound, RuleViolation
from chalicelib.domain.identity import Organization, Principal, Role, User
from chalicelib.domain.tickets import Attachment, Channel, Ticket, parse_number, safe_file_name
from chalicelib.observability import count
from chalicelib.services import audit, ccs
from chalicelib.services import tickets as ticket_service
from chalicelib.services.identity import normalise_email
from chalicelib.store import blobs
from chalicelib.store import channels as store
from chalicelib.store import identity as identity_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.pagination import Page, list_page
from chalicelib.store.transactions import Operation

if TYPE_CHECKING:
    # The MIME parser (email.policy, email.headerregistry: ~9 ms of import) is for mail ingestion
    # only: the API routes of this module (inbound webhooks, their secrets) never load it.
    from chalicelib.channels.email import InboundMessage

SENDER_LIMIT = 30  # messages per sender per organization per hour
AUTOMATIC_SOURCE = "email:automatic"  # tickets/comments from auto-replies and bulk mail: never auto-answered


class Rejected(Exception):
    """The message cannot be taken in; ``reason`` says why (it is kept under ``failed/``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Outcome:
    action: str  # created | commented | duplicate | ignored | failed
    org_id: str | None = None
    ticket_number: str | None = None
    reason: str | None = None
    attachments: int = 0
    skipped_attachments: list[str] = field(default_factory=list)
    raw_key: str | None = None  # where this organization's copy of the raw message is kept


def inbound_domain() -> str:
    import os

    return os.environ.get("INBOUND_EMAIL_DOMAIN", "mail.deskless.local").lower()


_PLUS = re.compile(r"^[^+@]+\+([a-z0-9][a-z0-9-]{1,62})@(.+)$")
MAX_RECIPIENTS = 100  # recipients looked up per message (one BatchGetItem)
MAX_ORGANIZATIONS = 10  # organizations one message is delivered to


def route(message: InboundMessage) -> list[str]:
    """Every organization the message is addressed to, in recipient order, each once.

    A plus-address at the inbound domain names its organization by slug, whatever any other
    organization claims; any other address routes only when an organization verified it.
    """
    domain = inbound_domain()
    wanted: list[tuple[str, str]] = []  # ("slug" | "address", name) per recipient
    for address in message.recipients[:MAX_RECIPIENTS]:
        if address.rpartition("@")[2] == domain:
            match = _PLUS.match(address)
            if match:
                wanted.append(("slug", match.group(1)))
        else:
            wanted.append(("address", address))
    by_slug, by_address = identity_store.inbound_owners(
        [name for kind, name in wanted if kind == "slug"], [name for kind, name in wanted if kind == "address"]
    )
    org_ids: list[str] = []
    for kind, name in wanted:
        org_id = by_slug.get(name) if kind == "slug" else by_address.get(name.lower())
        if org_id and org_id not in org_ids:
            org_ids.append(org_id)
    if not org_ids:
        raise Rejected(f"no organization receives mail for {', '.join(message.recipients) or 'no recipient'}")
    return org_ids[:MAX_ORGANIZATIONS]


def kept_key(name: str, org_id: str, shared: bool, failed: bool = False) -> str:
    """Where an organization's copy of the raw message is kept: ``processed/<name>`` (``failed/``),
    or under ``<org id>/`` when several organizations got it, so each one's retention, erasure and
    offboarding delete only its own copy."""
    prefix = "failed/" if failed else "processed/"
    return f"{prefix}{org_id}/{name}" if shared else f"{prefix}{name}"


def ingest_email(raw: bytes, now: datetime | None = None, raw_name: str | None = None) -> list[Outcome]:
    """Take in one raw message, once for each organization it is addressed to.

    Raises ``Rejected`` when no organization can take it (unreadable, unroutable). An organization
    that refuses it (inactive, a storm, staff mail that continues nothing) gets a ``failed`` outcome
    with the reason, and the others still take it in. ``raw_name``: the message's name under
    ``incoming/``; each outcome's ``raw_key`` says where its copy is to be kept (recorded with the
    ticket or comment).
    """
    from chalicelib.channels.email import UnreadableMessage, parse

    now = now or utcnow()
    try:
        message = parse(raw)
    except UnreadableMessage as exc:
        raise Rejected(str(exc)) from exc
    refused = mail_auth.refusal(message.verdicts)
    if refused:
        raise Rejected(refused)
    org_ids = route(message)
    shared = len(org_ids) > 1
    outcomes: list[Outcome] = []
    for org_id in org_ids:
        key = kept_key(raw_name, org_id, shared) if raw_name else None
        try:
            outcome = _take_in(org_id, message, now, key)
        except Rejected as exc:
            outcome = Outcome("failed", org_id, reason=exc.reason)
        if raw_name:
            outcome.raw_key = kept_key(raw_name, org_id, shared, failed=outcome.action == "failed")
        outcomes.append(outcome)
    return outcomes


def is_own_address(org: Organization, sender: str) -> bool:
    """Whether ``sender`` is one of the organization's own addresses (plus-address, pending or
    verified custom address) or anything at the inbound domain, which only Deskless sends from."""
    domain = inbound_domain()
    host = sender.rpartition("@")[2].lower()
    if host == domain or host.endswith("." + domain):
        return True
    return sender.lower() in {a.lower() for a in org.settings.support_email_addresses}


def _take_in(org_id: str, message: InboundMessage, now: datetime, raw_key: str | None) -> Outcome:
    """One organization's copy: a ticket or a comment, once (the Message-ID guard)."""
    org = identity_store.get_organization(org_id)
    if org is None or not org.is_active:
        raise Rejected("the organization is not active")
    if is_own_address(org, message.sender):
        count("EmailIgnoredLoop", 1)
        return Outcome("ignored", org_id, reason="sent by the organization's own support address")
    if message.delivery_report:
        count("EmailBounces", 1)
        return Outcome("ignored", org_id, reason="a delivery report (bounce)")
    if store.seen(org_id, message.message_id) is not None:
        return Outcome("duplicate", org_id)
    if store.count_sender(org_id, message.sender, now) > SENDER_LIMIT:
        raise Rejected(f"more than {SENDER_LIMIT} messages from {message.sender} this hour")
    sender = _sender(org, message, now)
    principal = Principal(org_id=org_id, user_id=sender.id, role=sender.role, session_id="email")
    actor = ticket_service.Actor(principal, None, "email")
    files, skipped = _store_files(org, message)
    body = message.body
    if skipped:
        body = (body + "\n\n" + "\n".join(f"[{s}]" for s in skipped)).strip()

    def operations(ticket: Ticket) -> list[Operation]:
        """Written with the ticket or comment: the Message-ID guard and the attachment records."""
        guard = store.message_put(org_id, message.message_id, ticket.number)
        records = [
            ticket_store.attachment_put(
                Attachment(
                    id=attachment_id,
                    org_id=org_id,
                    ticket_number=ticket.number,
                    uploaded_by_id=sender.id,
                    file_name=name,
                    file_size=size,
                    file_type=content_type,
                    file_path=key,
                    is_public=True,
                    uploaded_at=now,
                )
            )
            for attachment_id, name, size, content_type, key in files
        ]
        kept = [store.raw_mail_put(org_id, ticket.number, raw_key)] if raw_key else []
        return [guard, *records, *kept]

    try:
        existing, as_cc = _thread(org, message, principal)
        if existing is not None:
            command = CommentCommand(content=body or "(no text)")
            _, ticket = ticket_service.add_comment(
                principal,
                existing.ticket_number,
                command,
                actor,
                operations,
                ccs=_reply_ccs(org, message) if _takes_ccs(org, message) else None,
                copied_email=sender.email if as_cc else None,
            )
            action = "commented" if ticket.number == existing.number else "created"
            return Outcome(action, org_id, ticket.ticket_number, attachments=len(files), skipped_attachments=skipped)
        if sender.role is not Role.CUSTOMER:
            raise Rejected("mail from staff that continues no ticket is not turned into a ticket")
        create = CreateTicketCommand(
            subject=message.subject or "(no subject)",
            description=body,
            channel=Channel.EMAIL,
            source=AUTOMATIC_SOURCE if message.automatic else "email",
        )
        copied = _new_ccs(org, message, sender.email, []) if _takes_ccs(org, message) else []
        routed = _address_department(org, message)
        opened_by = message.message_id if message.has_message_id else None
        ticket = ticket_service.create_ticket(
            principal,
            create,
            actor,
            operations,
            cc_emails=copied,
            department_id=routed,
            source_message_id=opened_by,
        )
        count("EmailTicketsCreated", 1)
        return Outcome("created", org_id, ticket.ticket_number, attachments=len(files), skipped_attachments=skipped)
    except Conflict as exc:
        if exc.code == "duplicate_message":
            return Outcome("duplicate", org_id)
        raise


def _address_department(org: Organization, message: InboundMessage) -> str | None:
    """The department of the first of the organization's verified support addresses the message is
    addressed to that names one (ONE BatchGetItem; none when no custom address received it)."""
    own = {a.lower() for a in org.settings.support_email_addresses}
    received = [r for r in message.recipients[:MAX_RECIPIENTS] if r.lower() in own]
    if not received:
        return None
    from chalicelib.services import support_addresses  # it imports this module's inbound_domain

    routed = support_addresses.departments_of(org.id, received)
    return next((routed[r.lower()] for r in received if r.lower() in routed), None)


def _sender(org: Organization, message: InboundMessage, now: datetime) -> User:
    email = normalise_email(message.sender)
    user_id = identity_store.user_id_for_email(org.id, email)
    user = identity_store.get_user(org.id, user_id) if user_id else None
    if user is not None:
        if not user.is_active:
            raise Rejected(f"{email} is a deactivated user")
        if user.role is not Role.CUSTOMER and not message.sender_proven:
            raise Rejected(
                f"quarantined: mail from the staff address {email} without a DMARC pass for its domain"
                " is never applied as that staff member"
            )
        return user
    principal = Principal(org_id=org.id, user_id="email", role=Role.ADMIN, session_id="email")
    try:
        return ticket_service.create_customer_user(principal, email, message.sender_name or None, now)
    except RuleViolation as exc:
        raise Rejected(f"quarantined: {exc.code}: {exc.message}") from exc


def _takes_ccs(org: Organization, message: InboundMessage) -> bool:
    """Whether the message's other To/Cc addresses may become CCs: the organization's setting, and
    never from automatic mail (an auto-reply's recipients are not people joining the conversation)."""
    return org.settings.ticket_ccs_from_mail == "add" and not message.automatic and bool(message.copied)


def _new_ccs(org: Organization, message: InboundMessage, requester_email: str, current: list[str]) -> list[str]:
    """``current`` with the message's other To/Cc addresses (``ccs.mail_ccs``: capped, deduplicated,
    never a support address). An address any organization receives mail at (verified: ONE
    BatchGetItem) is never copied either, so two helpdesks cannot mail each other in a loop."""
    candidates = [a for a in message.copied if a != message.sender and a not in current]
    if not candidates:
        return current
    _, routed = identity_store.inbound_owners([], candidates[:MAX_RECIPIENTS])
    return ccs.mail_ccs(org, requester_email, current, [a for a in candidates if a.lower() not in routed])


def _reply_ccs(org: Organization, message: InboundMessage) -> ticket_service.CcUpdate:
    """The CCs of a ticket a reply by mail continues: its own plus the reply's new To/Cc addresses."""

    def update(ticket: Ticket) -> list[str]:
        requester = identity_store.get_user(org.id, ticket.customer_id)
        return _new_ccs(org, message, requester.email if requester else "", list(ticket.cc_emails))

    return update


def _thread(org: Organization, message: InboundMessage, principal: Principal) -> tuple[Ticket | None, bool]:
    """The ticket a message continues, if the sender may write on it, and whether they write as
    one of its CCs (a customer who is not the requester but whose address the ticket copies)."""
    number = store.thread_of(org.id, message.references)
    candidates: list[int] = [number] if number is not None else []
    root = re.compile(rf"^ticket\.{re.escape(org.id)}\.(\d{{1,12}})@")
    candidates += [int(m.group(1)) for ref in message.references if (m := root.match(ref))]
    token = re.search(rf"\[{re.escape(org.settings.ticket_number_prefix)}-(\d{{1,12}})\]", message.subject)
    if token:
        candidates.append(int(token.group(1)))
    for n in candidates:
        try:
            ticket = ticket_service.load_ticket(principal, str(n))
        except (NotFound, Forbidden):
            # Not theirs to see: a CC may still reply to it (anyone else's mail opens a ticket of their own).
            copied = _cc_thread(org, n, message.sender) if principal.role is Role.CUSTOMER else None
            if copied is not None:
                return copied, True
            continue
        return ticket_service.merge_target(principal, ticket), False  # a merged ticket's thread goes on on its target
    return None, False


def _cc_thread(org: Organization, number: int, sender: str) -> Ticket | None:
    """The ticket numbered ``number`` (or, once merged, its target: up to ``MERGE_HOPS`` hops) when
    ``sender`` is one of its CCs; a merge unites the CCs on the target."""
    ticket = ticket_store.get_ticket(org.id, number)
    for _ in range(ticket_service.MERGE_HOPS):
        if ticket is None or ticket.is_deleted or ticket.merged_into is None:
            break
        ticket = ticket_store.get_ticket(org.id, parse_number(ticket.merged_into))
    if ticket is None or ticket.is_deleted or ticket.merged_into is not None or not ccs.is_cc(ticket, sender):
        return None
    return ticket


def _store_files(org: Organization, message: InboundMessage) -> tuple[list[tuple[str, str, int, str, str]], list[str]]:
    """Upload the acceptable attachments; describe the refused ones (the message is still taken in)."""
    stored: list[tuple[str, str, int, str, str]] = []
    skipped: list[str] = []
    digest = hashlib.sha256(message.message_id.encode()).hexdigest()[:24]
    for index, part in enumerate(message.attachments[:20]):
        name = part.file_name.strip()[:255] or f"part-{index + 1}"
        shown = name[:100]  # the notes fit next to the text in a description (email.MAX_BODY_CHARS)
        if len(part.data) > org.settings.attachment_max_bytes:
            skipped.append(f"attachment {shown} ({len(part.data)} bytes) was not accepted: larger than the limit")
            continue
        if part.content_type not in org.settings.attachment_content_types:
            skipped.append(f"attachment {shown} ({part.content_type[:100]}) was not accepted: file type not allowed")
            continue
        attachment_id = hashlib.sha256(f"{digest}:{index}".encode()).hexdigest()[:16]
        key = f"org/{org.id}/email/{digest}/{index}/{safe_file_name(name)}"
        blobs.put_object(key, part.data, part.content_type)
        stored.append((attachment_id, name, len(part.data), part.content_type, key))
    if len(message.attachments) > 20:
        skipped.append(f"{len(message.attachments) - 20} more attachments were not accepted (at most 20)")
    return stored, skipped


def describe(error: Exception) -> str:
    if isinstance(error, Rejected):
        return error.reason
    if isinstance(error, DesklessError):
        return f"{error.code}: {error.message}"
    return f"{type(error).__name__}: {error}"


# ---- inbound webhooks -------------------------------------------------------------------------

MAX_WEBHOOK_SECRETS = 2


def list_webhook_secrets(principal: Principal, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    """Ids, creation times and the last 4 characters, newest first: the secrets themselves are shown
    once. At most two exist (one GetItem), paged like every list."""
    policy.require(principal, "organization.update")
    secrets_, _ = store.get_webhook_secrets(principal.org_id)
    shown = [
        {"id": s["id"], "created_at": s["created_at"], "hint": "..." + s["secret"][-4:], "position": f"{i:04d}"}
        for i, s in enumerate(secrets_)
    ]
    return list_page(
        shown,
        lambda s: str(s["position"]),
        org_id=principal.org_id,
        scope="webhook-secrets",
        limit=limit,
        cursor=cursor,
    )


def rotate_webhook_secret(principal: Principal) -> dict[str, Any]:
    """A new secret; the previous one stays valid (two at most), so senders can switch over."""
    policy.require(principal, "organization.update")
    current, version = store.get_webhook_secrets(principal.org_id)
    created = {"id": token_hex(6), "secret": "whsec_" + token_urlsafe(32), "created_at": iso(utcnow())}
    with audit.recorded(principal, "webhook_secret.created", "webhook_secret", created["id"]):
        store.save_webhook_secrets(principal.org_id, [created, *current][:MAX_WEBHOOK_SECRETS], version)
    return created


def revoke_webhook_secret(principal: Principal, secret_id: str) -> None:
    policy.require(principal, "organization.update")
    current, version = store.get_webhook_secrets(principal.org_id)
    remaining = [s for s in current if s["id"] != secret_id]
    if len(remaining) == len(current):
        raise NotFound("Not found.")
    with audit.recorded(principal, "webhook_secret.revoked", "webhook_secret", secret_id):
        store.save_webhook_secrets(principal.org_id, remaining, version)


@dataclass
class WebhookReply:
    status: int
    body: dict[str, Any]
    replayed: bool = False


def receive_webhook(slug: str, signature: str | None, delivery_id: str | None, raw: bytes) -> WebhookReply:
    """A signed delivery: verify (401), claim the signature for this delivery id (401 when it was
    used for another), replay (same response), validate (422), then one transaction."""
    from datetime import UTC, datetime, timedelta

    from pydantic import ValidationError

    from chalicelib.channels.webhooks import TicketPayload, WebhookPayload
    from chalicelib.domain.errors import Invalid, RuleViolation, Unauthenticated, validation_details
    from chalicelib.domain.jsondepth import check_json_depth
    from chalicelib.domain.signing import REPLAY_WINDOW_SECONDS, verify

    if not delivery_id or len(delivery_id) > 200:
        raise Invalid("X-Deskless-Delivery (at most 200 characters) names the delivery.", code="missing_delivery_id")
    org_id = identity_store.org_id_for_slug(slug) if re.fullmatch(r"[a-z0-9][a-z0-9-]{1,62}", slug) else None
    secrets_, _ = store.get_webhook_secrets(org_id) if org_id else ([], None)
    org = identity_store.get_organization(org_id) if org_id and secrets_ else None
    now = utcnow()
    verified = (
        verify(
            [s["secret"] for s in secrets_],
            signature,
            raw,
            int(now.timestamp()),
            delivery_id=delivery_id,
            accept_legacy=org.settings.accept_legacy_webhook_signatures,
        )
        if org is not None and org.is_active and signature
        else None
    )
    if org_id is None or verified is None:
        # Unknown organization, no secret, bad signature and a stale timestamp all look the same.
        raise Unauthenticated("The webhook signature is missing, invalid or too old.", code="invalid_signature")
    if verified.legacy:
        count("WebhookLegacySignatures", 1)
    # A signature serves one delivery id: a captured legacy request resent under new ids is refused.
    expires = datetime.fromtimestamp(verified.timestamp, UTC) + timedelta(seconds=REPLAY_WINDOW_SECONDS + 60)
    if not store.claim_signature(org_id, verified.digest, delivery_id, expires):
        raise Unauthenticated("This signature was already used for another delivery.", code="signature_reused")
    previous = store.get_delivery(org_id, delivery_id)
    if previous is not None:
        return WebhookReply(int(previous["status"]), dict(previous["body"]), replayed=True)
    check_json_depth(raw)
    try:
        payload = WebhookPayload.model_validate_json(raw).root
    except ValidationError as exc:
        details = validation_details(exc, root="payload")
        raise RuleViolation(
            "The payload is not a ticket or a comment.", code="invalid_payload", details=details
        ) from exc

    def guard(status: int) -> ticket_service.Extra:
        def operations(ticket: Ticket) -> list[Operation]:
            body = {"action": "created" if status == 201 else "commented", "ticket_number": ticket.ticket_number}
            return [store.delivery_put(org_id, delivery_id, {"status": status, "body": body}, now)]

        return operations

    try:
        if isinstance(payload, TicketPayload):
            email = normalise_email(payload.customer_email)
            user_id = identity_store.user_id_for_email(org_id, email)
            user = identity_store.get_user(org_id, user_id) if user_id else None
            if user is None:
                admin = Principal(org_id=org_id, user_id="webhook", role=Role.ADMIN, session_id="webhook")
                user = ticket_service.create_customer_user(admin, email, payload.customer_name, now)
            if user.role is not Role.CUSTOMER or not user.is_active:
                raise RuleViolation("customer_email must be an active customer.", code="invalid_customer")
            principal = Principal(
                org_id=org_id, user_id=user.id, role=Role.CUSTOMER, session_id="webhook", kind="webhook"
            )
            command = CreateTicketCommand(
                subject=payload.subject,
                description=payload.description,
                priority=payload.priority,
                category=payload.category,
                tags=payload.tags,
                custom_fields=payload.custom_fields,
                channel=Channel.WEBHOOK,
                source=f"webhook:{payload.external_id}" if payload.external_id else "webhook",
            )
            actor = ticket_service.Actor(principal, None, "webhook")
            ticket = ticket_service.create_ticket(principal, command, actor, guard(201))
            return WebhookReply(201, {"action": "created", "ticket_number": ticket.ticket_number})
        email = normalise_email(payload.author_email)
        author_id = identity_store.user_id_for_email(org_id, email)
        author = identity_store.get_user(org_id, author_id) if author_id else None
        if author is None or not author.is_active:
            raise RuleViolation("author_email is not an active user of the organization.", code="invalid_author")
        principal = Principal(org_id=org_id, user_id=author.id, role=author.role, session_id="webhook")
        actor = ticket_service.Actor(principal, None, "webhook")
        _, ticket = ticket_service.add_comment(
            principal, payload.ticket_number, CommentCommand(content=payload.content), actor, guard(200)
        )
        return WebhookReply(200, {"action": "commented", "ticket_number": ticket.ticket_number})
    except Conflict as exc:
        if exc.code != "duplicate_delivery":
            raise
        stored = store.get_delivery(org_id, delivery_id) or {"status": 200, "body": {}}
        return WebhookReply(int(stored["status"]), dict(stored["body"]), replayed=True)
