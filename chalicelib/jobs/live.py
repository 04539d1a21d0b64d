"""The live-update subscriber: ticket, comment, work order and job changes become small events
(ids and versions, never content) for the connections allowed to see them; a revoked session or
token, or a changed user, drops that reader's connections.

Idempotent as the stream requires: it writes nothing but the deletion of connections (gone, or
dropped), so a retried batch sends the same hints again (``seq`` lets a client ignore a repeat)
and causes no other write.
"""

from __future__ import annotations

from typing import Any

from chalicelib.auth import policy
from chalicelib.domain import live
from chalicelib.domain.identity import Role
from chalicelib.domain.live import Connection, Event, TicketFacts
from chalicelib.domain.tickets import CommentType, full_data
from chalicelib.jobs.automation import data_of, job_of, order_of
from chalicelib.jobs.stream import EVENT_NAMES, INSERT, MODIFY, REMOVE, subscribe
from chalicelib.store.changes import TableChange

# User fields whose change may narrow what the user sees or end their sessions.
USER_ACCESS_FIELDS = ("role", "is_active", "session_epoch", "granted", "deleted_at")


def _ticket_facts(image: dict[str, Any]) -> TicketFacts | None:
    data = data_of(image) if image else {}
    if not data:
        return None
    return TicketFacts(
        number=int(data["number"]),
        display=str(data["ticket_number"]),
        customer_id=str(data["customer_id"]),
        assigned_agent_id=data.get("assigned_agent_id"),
        department_id=data.get("department_id"),
    )


def ticket_event(change: TableChange) -> Event | None:
    """``ticket.changed`` for the readers who saw the ticket before or see it after the change;
    customers only when a field they see changed."""
    old, new = _ticket_facts(change.old), _ticket_facts(change.new)
    facts = [f for f in (old, new) if f is not None]
    if not facts:
        return None
    # full_data: an image of a ticket stored with its defaults and one stored without compare equal.
    old_data = full_data(data_of(change.old)) if change.old else {}
    new_data = full_data(data_of(change.new)) if change.new else {}
    customer_news = live.customer_visible_change(old_data, new_data)

    def audience(connection: Connection) -> bool:
        if not live.is_staff(connection) and not customer_news:
            return False
        return any(live.sees_ticket(connection, f) for f in facts)

    display = facts[-1].display
    version = int((change.new or change.old).get("version") or 0)
    body = {
        "type": "ticket.deleted" if change.event_name == "REMOVE" else "ticket.changed",
        "ticket_number": display,
        "version": version,
        "seq": change.sequence_number,
    }
    return Event(body, ("inbox", f"ticket:{display}"), audience)


def comment_event(change: TableChange) -> Event | None:
    """``comment.added`` for the ticket's readers; an internal note's only for staff."""
    if change.event_name != "INSERT" or change.org_id is None:
        return None
    from chalicelib.store import tickets as ticket_store

    data = data_of(change.new)
    ticket = ticket_store.get_ticket(change.org_id, int(data["ticket_number"]))
    if ticket is None:
        return None
    facts = TicketFacts(
        ticket.number, ticket.ticket_number, ticket.customer_id, ticket.assigned_agent_id, ticket.department_id
    )
    internal = data.get("comment_type") != CommentType.PUBLIC.value

    def audience(connection: Connection) -> bool:
        if internal and not live.is_staff(connection):
            return False
        return live.sees_ticket(connection, facts)

    body = {
        "type": "comment.added",
        "ticket_number": ticket.ticket_number,
        "comment_id": str(data["id"]),
        "seq": change.sequence_number,
    }
    return Event(body, (f"ticket:{ticket.ticket_number}",), audience)


def work_order_event(change: TableChange) -> Event | None:
    """``work_order.changed`` for the dispatch board's readers who may see the work order."""
    orders = [o for o in (order_of(change.old), order_of(change.new)) if o is not None]
    if not orders:
        return None

    def audience(connection: Connection) -> bool:
        p = connection.principal
        return any(policy.can_see_work_order(p, o.customer_id, o.assigned_user_ids) for o in orders)

    body = {
        "type": "work_order.changed",
        "work_order_number": orders[-1].work_order_number,
        "version": orders[-1].version,
        "seq": change.sequence_number,
    }
    return Event(body, ("dispatch",), audience)


def job_event(change: TableChange) -> Event | None:
    """``job.changed``: dispatchers, and the technician whose job it is."""
    jobs = [j for j in (job_of(change.old), job_of(change.new)) if j is not None]
    if not jobs:
        return None

    def audience(connection: Connection) -> bool:
        p = connection.principal
        if connection.ticket_number is not None or connection.role is Role.CUSTOMER:
            return False
        return policy.holds(p, "workorders.read") or any(j.user_id == connection.user_id for j in jobs)

    body = {"type": "job.changed", "work_order": jobs[-1].work_order, "seq": change.sequence_number}
    return Event(body, ("dispatch",), audience)


EVENTS = {
    "Ticket": ticket_event,
    "TicketComment": comment_event,
    "WorkOrder": work_order_event,
    "JobAssignment": job_event,
}


def _revocation(change: TableChange) -> tuple[Any, str] | None:
    """Which connections a credential or user change ends, and why (None: none)."""
    old, new = change.old, change.new
    if change.item_type == "Session":
        ended = not new or not new.get("is_active", True)
        if ended and (old or new).get("session_id"):
            session_id = str((old or new)["session_id"])
            return (lambda c: c.credential_id == session_id), "The session ended; sign in again."
    elif change.item_type == "ApiToken":
        ended = not new or bool(new.get("revoked_at"))
        if ended and (old or new).get("token_id"):
            token_id = str((old or new)["token_id"])
            return (lambda c: c.credential_id == token_id), "The API token was revoked."
    elif change.item_type == "User" and old and (not new or any(old.get(f) != new.get(f) for f in USER_ACCESS_FIELDS)):
        user_id = str(old.get("user_id"))
        return (lambda c: c.user_id == user_id), "Your access changed; reconnecting."
    return None


# A revocation needs the old image: a user's MODIFY or REMOVE; a session or token ends in either.
@subscribe(
    kinds={
        "Ticket": EVENT_NAMES,
        "TicketComment": [INSERT],
        "WorkOrder": EVENT_NAMES,
        "JobAssignment": EVENT_NAMES,
        "Session": EVENT_NAMES,
        "ApiToken": EVENT_NAMES,
        "User": [MODIFY, REMOVE],
    }
)
def on_live_change(change: TableChange) -> None:
    org_id = change.org_id
    if org_id is None:
        return
    from chalicelib.channels import live as sender

    if not sender.enabled():
        return
    from chalicelib.services import live as service

    builder = EVENTS.get(change.item_type or "")
    if builder is not None:
        event = builder(change)
        if event is not None:
            service.publish(org_id, [event])
        return
    revocation = _revocation(change)
    if revocation is not None:
        which, reason = revocation
        service.drop(org_id, which, reason)
