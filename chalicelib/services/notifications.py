"""Notifications: who hears about a ticket event, and on which channels (their preferences).

| event | who | automatic |
|---|---|---|
| ticket created | the requester (acknowledgement), the assignee if any | yes |
| assignee changed | the new assignee | yes |
| ticket solved | the requester (with single-use rating links: ``services.csat``) | yes |
| public comment by anyone but the requester | the requester (the reply itself) | only when a rule wrote it |
| comment by the requester | the assignee | yes |
| a rule's ``notify`` action | its recipients | yes |
| a comment (internal too), a status, assignee or priority change | followers, but its author | yes |

The requester's acknowledgement and the public replies they get copy the ticket's CCs: the same
headers (To: the requester, Cc: the CCs) on two copies, the requester's (with their personal
"view your request" link) delivered to them only, and one without personal links delivered to the
CCs. Both Message-IDs are stored, so a CC's answer threads back onto the ticket. Followers get a
notice only while they are active staff who may see the ticket (their role and grants now).

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

from dataclasses import dataclass, field
from typing import Any

from chalicelib.auth import policy
from chalicelib.channels import outbound
from chalicelib.domain.clock import utcnow
from chalicelib.domain.identity import STAFF_ROLES, Organization, Principal, Role, User
from chalicelib.domain.tickets import Comment, CommentType, HistoryEntry, Status, Ticket
from chalicelib.observability import count
from chalicelib.services import csat, support_addresses
from chalicelib.services.channels import AUTOMATIC_SOURCE, inbound_domain
from chalicelib.services.identity import active_permissions
from chalicelib.store import channels as store
from chalicelib.store import identity as identity_store
from chalicelib.store.transactions import Operation, transact_write


@dataclass
class Notice:
    user_id: str
    subject: str
    body: str
    automatic: bool
    kind: str  # created | assigned | solved | reply | customer_reply | rule | follower
    cc: list[str] = field(default_factory=list)  # the ticket's CCs copied on this (requester's) mail


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
                    list(current.cc_emails),
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


def for_comment(ticket: Ticket, comment: Comment, author: User | None = None) -> list[Notice]:
    """Who hears of a new comment; ``author``: its writer when a person (a customer who is not the
    requester is one of the ticket's CCs, whose reply goes to the assignee like the requester's)."""
    if comment.merged_from is not None:
        return []  # moved here by a merge: not news
    notices = _comment_notices(ticket, comment, author)
    told = {n.user_id for n in notices}
    content = comment.content if comment.comment_type is CommentType.PUBLIC else f"(internal note) {comment.content}"
    return notices + for_followers(
        ticket,
        comment.author_id,
        f"Re: [{ticket.ticket_number}] {ticket.subject}",
        f"New comment on {ticket.ticket_number}, which you follow:\n\n{content}",
        exclude=told,
    )


def _comment_notices(ticket: Ticket, comment: Comment, author: User | None) -> list[Notice]:
    if comment.comment_type is not CommentType.PUBLIC:
        return []
    subject = f"Re: [{ticket.ticket_number}] {ticket.subject}"
    customer = author is not None and author.role is Role.CUSTOMER
    if comment.author_id == ticket.customer_id or customer:
        if not ticket.assigned_agent_id:
            return []
        who = "The requester" if comment.author_id == ticket.customer_id or author is None else author.email
        body = f"{who} wrote on {ticket.ticket_number}:\n\n{comment.content}"
        return [Notice(ticket.assigned_agent_id, subject, body, True, "customer_reply")]
    by_rule = comment.author_id.startswith("rule:")
    if by_rule and ticket.source == AUTOMATIC_SOURCE:
        return []
    return [Notice(ticket.customer_id, subject, comment.content, by_rule, "reply", list(ticket.cc_emails))]


# Ticket fields whose change followers hear of (comments: ``for_comment``).
FOLLOWED_FIELDS = ("status", "assigned_agent_id", "priority")


def for_followers(ticket: Ticket, actor_id: str | None, subject: str, body: str, exclude: set[str]) -> list[Notice]:
    """One notice per follower, but the one who made the change and those told already."""
    return [
        Notice(user_id, subject, body, True, "follower")
        for user_id in ticket.follower_ids
        if user_id != actor_id and user_id not in exclude
    ]


def for_history(ticket: Ticket, entry: HistoryEntry) -> list[Notice]:
    """Followers hear of a status, assignment or priority change once per update: an update writes
    one history entry per field (each naming all of the update's changes), and only the entry of
    its first followed field speaks for it."""
    if entry.field_name not in FOLLOWED_FIELDS:
        return []
    followed = [f for f in FOLLOWED_FIELDS if f in entry.changes] or [entry.field_name]
    if entry.field_name != followed[0]:
        return []
    values = {f: entry.changes.get(f, {"old": entry.old_value, "new": entry.new_value}) for f in followed}
    lines = [f"{f.replace('_', ' ')}: {v.get('old') or '-'} -> {v.get('new') or '-'}" for f, v in values.items()]
    told = {ticket.assigned_agent_id} if "assigned_agent_id" in values and ticket.assigned_agent_id else set()
    return for_followers(
        ticket,
        entry.user_id,
        f"[{ticket.ticket_number}] Updated: {ticket.subject}",
        f"{ticket.ticket_number}, which you follow, changed:\n" + "\n".join(lines),
        exclude={t for t in told if t},
    )


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
        if notice.kind == "follower" and not _may_follow(user, ticket):
            continue
        prefix = f"{event_id}#{user.id}"
        if user.email_notifications and user.email not in org.settings.support_email_addresses:
            sent += _once(org, ticket, f"{prefix}#email", lambda u=user, n=notice: _email(org, ticket, u, n))
        copied = [a for a in notice.cc if a != user.email.lower()]
        if copied:
            # The CCs' copy: claimed on its own, so a retry after it failed never mails the requester twice.
            sent += _once(
                org, ticket, f"{event_id}#cc#email", lambda u=user, n=notice, c=copied: _cc_email(org, ticket, u, n, c)
            )
        if user.sms_notifications and user.phone:
            text = f"{notice.subject}: {notice.body}"[:300]
            sent += _once(org, ticket, f"{prefix}#sms", lambda u=user, t=text: outbound.send_sms(u.phone or "", t))
        if user.push_notifications:
            payload = {"title": notice.subject, "body": notice.body[:500], "ticket_number": ticket.ticket_number}
            sent += _once(org, ticket, f"{prefix}#push", lambda u=user, p=payload: outbound.send_push(u.id, p))
    return sent


def _may_follow(user: User, ticket: Ticket) -> bool:
    """A follower hears of a ticket while they are staff who may see it (role and grants now)."""
    if user.role not in STAFF_ROLES:
        return False
    principal = Principal(
        org_id=user.org_id,
        user_id=user.id,
        role=user.role,
        session_id="notification",
        permissions=active_permissions(user, utcnow()),
    )
    return policy.can_see_ticket(principal, ticket.customer_id, ticket.assigned_agent_id, ticket.number)


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

    body = notice.body
    links: list[Operation] = []
    if notice.kind == "solved" and user.id == ticket.customer_id:
        body, links = csat.rating_invitation(org, ticket, user, body)  # stored with the mail's record
    # The requester's copies carry a "view your request" link (made once: we run inside the claim).
    body += portal.ticket_link_paragraph(org, ticket, user)
    copied = [a for a in notice.cc if a != user.email.lower()]
    message, message_id = _compose(org, ticket, user, notice, body, copied)
    # Stored before sending: the answer to this mail threads back onto the ticket.
    transact_write([store.message_put(org.id, message_id, ticket.number, direction="out"), *links])
    outbound.send_email(message, [user.email] if copied else None)


def _cc_email(org: Organization, ticket: Ticket, user: User, notice: Notice, copied: list[str]) -> None:
    """The CCs' copy of the requester's mail: the same headers (To the requester, Cc the CCs), no
    personal link (the requester's "view your request" link signs its holder in), delivered to the CCs."""
    message, message_id = _compose(org, ticket, user, notice, notice.body, copied)
    transact_write([store.message_put(org.id, message_id, ticket.number, direction="out")])
    outbound.send_email(message, copied)


def _compose(
    org: Organization, ticket: Ticket, user: User, notice: Notice, body: str, copied: list[str]
) -> tuple[Any, str]:
    domain = inbound_domain()
    return outbound.compose_email(
        sender_name=org.name,
        sender=support_sender(org),
        to_name=f"{user.first_name} {user.last_name}".strip(),
        to=user.email,
        subject=notice.subject,
        body=body,
        domain=domain,
        references=[outbound.thread_root(org.id, ticket.number, domain)],
        automatic=notice.automatic,
        cc=copied,
    )
