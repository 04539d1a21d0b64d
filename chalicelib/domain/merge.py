"""Merging duplicate tickets into one, and splitting a comment off into a ticket of its own. Pure rules.

A merge moves everything of a source ticket onto the target: its description and comments (as
comments in time order) and its attachment records (the stored files stay where they are), each
copy marked ``merged_from``; the source is closed and points at the target (``merged_into``); the
target lists its sources (``merged_from``) and takes their CCs and followers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.tickets import Attachment, Comment, CommentType, Status, Ticket

MAX_SOURCES = 10
MAX_CCS = 20  # the CCs a ticket keeps (the CC contract's cap)
DESCRIPTION_PREFIX = "merged-description-"  # the id of the comment a source's description becomes


@dataclass(frozen=True)
class MergeWarning:
    """Something the agent should know before merging (the merge still goes ahead)."""

    code: str
    ticket_number: str
    message: str


def _invalid(message: str, number: str, reason: str) -> RuleViolation:
    return RuleViolation(
        message,
        code="invalid_merge",
        details=[{"field": "source_numbers", "message": message, "type": reason, "ticket_number": number}],
    )


def check_target(target: Ticket) -> None:
    """422 ``invalid_merge`` unless ``target`` can take merged tickets (live, not closed, not merged)."""
    if target.merged_into is not None:
        raise _invalid(
            f"{target.ticket_number} was itself merged into {target.merged_into}.", target.ticket_number, "merged"
        )
    if target.status is Status.CLOSED or target.is_deleted:
        raise _invalid(f"{target.ticket_number} is closed; merge into an open ticket.", target.ticket_number, "closed")


def check_source(target: Ticket, source: Ticket) -> bool:
    """Whether ``source`` still has to be merged into ``target`` (False: it already was, a retry).

    422 ``invalid_merge`` for the target itself, a deleted or closed ticket; 409 ``already_merged``
    when it was merged into another ticket."""
    if source.number == target.number:
        raise _invalid("A ticket cannot be merged into itself.", source.ticket_number, "target_among_sources")
    if source.merged_into == target.ticket_number:
        return False
    if source.merged_into is not None:
        raise Conflict(
            f"{source.ticket_number} was already merged into {source.merged_into}.",
            code="already_merged",
            details=[
                {
                    "field": "source_numbers",
                    "message": f"merged into {source.merged_into}",
                    "type": "already_merged",
                    "ticket_number": source.ticket_number,
                    "merged_into": source.merged_into,
                }
            ],
        )
    if source.is_deleted:
        raise _invalid(f"{source.ticket_number} is deleted.", source.ticket_number, "deleted")
    if source.status is Status.CLOSED:
        raise _invalid(f"{source.ticket_number} is closed (read-only).", source.ticket_number, "closed")
    return True


def warnings(target: Ticket, sources: list[Ticket]) -> list[MergeWarning]:
    """What the preview points out: another requester (they become a CC of the target), a running
    SLA on a source (its clocks stop; the target's run on)."""
    found: list[MergeWarning] = []
    for source in sources:
        if source.customer_id != target.customer_id:
            found.append(
                MergeWarning(
                    "different_requester",
                    source.ticket_number,
                    f"{source.ticket_number} has another requester; they are copied (CC) on {target.ticket_number}.",
                )
            )
        if source.sla_policy_id is not None and source.resolved_at is None:
            found.append(
                MergeWarning(
                    "source_has_sla",
                    source.ticket_number,
                    f"{source.ticket_number}'s SLA clocks stop; {target.ticket_number}'s keep running.",
                )
            )
    return found


def united_ccs(target: Ticket, sources: list[Ticket], requester_emails: dict[str, str]) -> list[str]:
    """The target's CCs after the merge: its own, then each source's CCs and (another person)
    its requester's address (``requester_emails``: customer id -> address), without the target's
    requester, at most ``MAX_CCS``."""
    own = requester_emails.get(target.customer_id)
    united = list(target.cc_emails)
    for source in sources:
        extra = list(source.cc_emails)
        if source.customer_id != target.customer_id and source.customer_id in requester_emails:
            extra.append(requester_emails[source.customer_id])
        united += [e for e in extra if e not in united and e != own]
    return united[:MAX_CCS]


def closed_source(source: Ticket, target: Ticket, now: datetime) -> Ticket:
    """The source as the merge leaves it: closed, pointing at the target."""
    return source.model_copy(
        update={
            "status": Status.CLOSED,
            "closed_at": now,
            "merged_into": target.ticket_number,
            "updated_at": now,
            "automation": None,  # a person's change: rules it triggers start a new chain
        }
    )


def merged_target(target: Ticket, source: Ticket, cc_emails: list[str], now: datetime) -> Ticket:
    """The target once ``source`` is merged into it: the source listed, CCs and followers united."""
    followers = list(dict.fromkeys([*target.follower_ids, *source.follower_ids]))
    return target.model_copy(
        update={
            "merged_from": [*target.merged_from, source.ticket_number],
            "cc_emails": cc_emails,
            "follower_ids": followers,
            "updated_at": now,
            "automation": None,
        }
    )


def copied_items(
    source: Ticket, target: Ticket, comments: list[Comment], attachments: list[Attachment]
) -> tuple[list[Comment], list[Attachment]]:
    """The source's description (as its first public comment) and comments, and its attachment
    records, as the target's: the same ids and times (so they interleave with the target's in time
    order, and a repeated copy overwrites itself), marked ``merged_from``."""
    moved = [
        c.model_copy(update={"ticket_number": target.number, "merged_from": source.ticket_number}) for c in comments
    ]
    if source.description.strip():
        moved.insert(
            0,
            Comment(
                id=f"{DESCRIPTION_PREFIX}{source.number}",
                org_id=source.org_id,
                ticket_number=target.number,
                author_id=source.created_by_id,
                content=source.description,
                comment_type=CommentType.PUBLIC,
                created_at=source.created_at,
                updated_at=source.created_at,
                merged_from=source.ticket_number,
            ),
        )
    files = [
        a.model_copy(update={"ticket_number": target.number, "merged_from": source.ticket_number, "download_count": 0})
        for a in attachments
    ]
    return moved, files


def merge_note(text: str, note: str | None) -> str:
    return f"{text}\n\n{note}" if note else text


def split_subject(original: Ticket, subject: str | None) -> str:
    """The new ticket's subject: the one asked for, else "Split from T-1: <original subject>"."""
    return (subject or f"Split from {original.ticket_number}: {original.subject}")[:250]


def check_split(original: Ticket) -> None:
    """422 ``invalid_split`` for a closed or merged original (closed tickets are read-only)."""
    if original.status is Status.CLOSED or original.merged_into is not None:
        raise RuleViolation(
            f"{original.ticket_number} is closed; comments of closed tickets are not split off.",
            code="invalid_split",
            details=[{"field": "number", "message": "the ticket is closed", "type": "closed"}],
        )
