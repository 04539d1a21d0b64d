"""Notifications: who hears about a ticket event, and on which channels (their preferences).

| event | who | automatic |
|---|---|---|
| ticket created | the requester (acknowledgement), the assignee if any | yes |
| assignee changed | the new assignee | yes |
| ticket solved | the requester (with single-use rating links: ``services.csat``) | yes |
| public comment by anyone but the requester | the requester (the reply itself) | only when a rule wrote it |
| comment by the requester | the assignee | yes |
| a rule's ``notify`` action | its recipients | yes |

Email goes out with the ticket token in the subject, a Message-ID that is stored (so the answer
threads back onto the ticket), References to the ticket's thread root and, on automatic
messages, ``Auto-Submitted: auto-generated``. Tickets that came from automatic mail (auto-replies,
bulk) get no automatic message. SMS and push follow the user's ``sms_notifications`` (with a
phone) and ``push_notifications``.

Each (event, user, channel) is claimed with a guard item before it is sent, so a redelivered
stream record sends nothing twice; a failed send releases the claim and raises (the record is
retried).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.channels import outbound
from chalicelib.domain.clock import utcnow
from chalicelib.domain.identity import Organization, User
from chalicelib.domain.tickets import Comment, CommentType, Status, Ticket
from chalicelib.observability import count
from chalicelib.services import csat, support_addresses
from chalicelib.services.channels import AUTOMATIC_SOURCE, inbound_domain
from chalicelib.store import channels as store
from chalicelib.store import identity as identity_store
from chalicelib.store.transactions import Operation, transact_write


@dataclass
class Notice:
    user_id: str
    subject: str
    body: str
    automatic: bool
    kind: str  # created | assigned | solved | reply | customer_reply | rule


def for_ticket_change(previous: Ticket | None, current: Ticket) -> list[Notice]:
    notices: list[Notice] = []
    quiet = current.source == AUTOMATIC_SOURCE
    if previous is None:
        if not quiet and current.created_by_id == current.customer_id:
            notices.append(
                Notice(
                    current.customer_id,
                    f"[{current.ticket_number}] {current.subject}",
                    f"We received your request {current.ticket_number} and will get back to you.\n\n"
                    f"Reply to this message to add to it.",
                    True,
                    "created",
                )
            )
    elif previous.status is not Status.SOLVED and current.status is Status.SOLVED and not quiet:
        notices.append(
            Notice(
                current.customer_id,
                f"[{current.ticket_number}] {current.subject}",
                f"Your request {current.ticket_number} was marked as solved. Reply to reopen it.",
                True,
                "solved",
            )
        )
    if current.assigned_agent_id and (previous is None or previous.assigned_agent_id != current.assigned_agent_id):
        notices.append(
            Notice(
                current.assigned_agent_id,
                f"[{current.ticket_number}] Assigned to you: {current.subject}",
                f"{current.ticket_number} ({current.priority.value}) is now assigned to you.",
                True,
                "assigned",
            )
        )
    return notices


def for_comment(ticket: Ticket, comment: Comment) -> list[Notice]:
    if comment.comment_type is not CommentType.PUBLIC:
        return []
    subject = f"Re: [{ticket.ticket_number}] {ticket.subject}"
    if comment.author_id == ticket.customer_id:
        if not ticket.assigned_agent_id:
            return []
        body = f"The requester wrote on {ticket.ticket_number}:\n\n{comment.content}"
        return [Notice(ticket.assigned_agent_id, subject, body, True, "customer_reply")]
    by_rule = comment.author_id.startswith("rule:")
    if by_rule and ticket.source == AUTOMATIC_SOURCE:
        return []
    return [Notice(ticket.customer_id, subject, comment.content, by_rule, "reply")]


def for_rule(ticket: Ticket, data: dict[str, Any]) -> list[Notice]:
    message = str(data.get("message") or f"A rule flagged {ticket.ticket_number}.")
    subject = f"[{ticket.ticket_number}] {ticket.subject}"
    return [Notice(str(user_id), subject, message, True, "rule") for user_id in data.get("recipients") or []]


def send(org_id: str, ticket: Ticket, notices: list[Notice], event_id: str) -> int:
    """Deliver ``notices`` on each recipient's channels, once per (event, user, channel)."""
    if not notices:
        return 0
    org = identity_store.get_organization(org_id)
    if org is None or not org.is_active:
        return 0
    users = identity_store.get_users(org_id, [n.user_id for n in notices])
    sent = 0
    for notice in notices:
        user = users.get(notice.user_id)
        if user is None or not user.is_active:
            continue
        prefix = f"{event_id}#{user.id}"
        if user.email_notifications and user.email not in org.settings.support_email_addresses:
            sent += _once(org, ticket, f"{prefix}#email", lambda u=user, n=notice: _email(org, ticket, u, n))
        if user.sms_notifications and user.phone:
            text = f"{notice.subject}: {notice.body}"[:300]
            sent += _once(org, ticket, f"{prefix}#sms", lambda u=user, t=text: outbound.send_sms(u.phone or "", t))
        if user.push_notifications:
            payload = {"title": notice.subject, "body": notice.body[:500], "ticket_number": ticket.ticket_number}
            sent += _once(org, ticket, f"{prefix}#push", lambda u=user, p=payload: outbound.send_push(u.id, p))
    return sent


def _once(org: Organization, ticket: Ticket, key: str, deliver: Any) -> int:
    if not store.claim_notification(org.id, ticket.number, key, utcnow()):
        return 0
    try:
        deliver()
    except Exception:
        store.release_notification(org.id, ticket.number, key)
        raise
    count("NotificationsSent", 1)
    return 1


def support_sender(org: Organization) -> str:
    """The address the organization's mail goes out from: its first verified support address, else
    its plus-address (never an address the organization has not verified)."""
    return support_addresses.sender_address(org)


def _email(org: Organization, ticket: Ticket, user: User, notice: Notice) -> None:
    from chalicelib.services import portal  # it reaches identity and mail, which reach back here

    domain = inbound_domain()
    body = notice.body
    links: list[Operation] = []
    if notice.kind == "solved" and user.id == ticket.customer_id:
        body, links = csat.rating_invitation(org, ticket, user, body)  # stored with the mail's record
    # The requester's copies carry a "view your request" link (made once: we run inside the claim).
    body += portal.ticket_link_paragraph(org, ticket, user)
    references = [outbound.thread_root(org.id, ticket.number, domain)]
    if notice.kind == "created" and user.id == ticket.customer_id and ticket.source_message_id:
        # The acknowledgement answers the requester's own mail, so their client threads it under it.
        references.append(f"<{ticket.source_message_id}>")
    message, message_id = outbound.compose_email(
        sender_name=org.name,
        sender=support_sender(org),
        to_name=f"{user.first_name} {user.last_name}".strip(),
        to=user.email,
        subject=notice.subject,
        body=body,
        domain=domain,
        references=references,
        automatic=notice.automatic,
    )
    # Stored before sending: the answer to this mail threads back onto the ticket.
    transact_write([store.message_put(org.id, message_id, ticket.number, direction="out"), *links])
    outbound.send_email(message)
