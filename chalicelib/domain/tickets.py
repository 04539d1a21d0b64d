"""Tickets: the lifecycle, numbering and change history. Pure rules, no storage."""

from __future__ import annotations

import json
import re
import secrets
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field
from pydantic_core import to_jsonable_python

from chalicelib.domain import states
from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.entity import Entity
from chalicelib.domain.errors import Invalid, InvalidInput
from chalicelib.domain.lifecycle import Lifecycle

MAX_SUBJECT = 250
MAX_DESCRIPTION = 20_000
MAX_COMMENT = 20_000
MAX_TAGS = 50


class Status(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    ON_HOLD = "on_hold"
    SOLVED = "solved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(StrEnum):
    WEB = "web"
    EMAIL = "email"
    WEBHOOK = "webhook"
    API = "api"
    PHONE = "phone"


class CommentType(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


# new -> open -> pending | on_hold -> solved -> closed; solved reopens; closed is final.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.OPEN: frozenset({Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.PENDING: frozenset({Status.OPEN, Status.ON_HOLD, Status.SOLVED}),
    Status.ON_HOLD: frozenset({Status.OPEN, Status.PENDING, Status.SOLVED}),
    Status.SOLVED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

ACTIVE = frozenset({Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD})


def check_transition(current: Status, wanted: Status) -> None:
    """Raise 409 ``invalid_transition`` (the allowed targets in details) unless ``current -> wanted`` is allowed."""
    states.check_transition(TRANSITIONS, current, wanted, "ticket")


_NUMBER = re.compile(r"^(?:[A-Z][A-Z0-9]{0,7}-)?(\d{1,12})$")


def format_number(prefix: str, number: int) -> str:
    return f"{prefix}-{number}"


def parse_number(text: str) -> int:
    """``T-42`` or ``42`` -> 42; anything else cannot be a ticket of ours (404 upstream)."""
    match = _NUMBER.match(text.strip().upper())
    if not match:
        raise Invalid("Not a ticket number.", code="invalid_ticket_number")
    return int(match.group(1))


class Ticket(Lifecycle):
    """A deleted ticket (``lifecycle.soft_delete``) leaves every queue but stays restorable."""

    org_id: str
    number: int
    ticket_number: str
    subject: str = Field(min_length=1, max_length=MAX_SUBJECT)
    description: str = ""
    status: Status = Status.NEW
    priority: Priority = Priority.NORMAL
    channel: Channel = Channel.WEB
    source: str | None = None
    # The Message-ID of the mail that opened the ticket: the acknowledgement answers it (threading).
    source_message_id: str | None = None
    customer_id: str  # the requester: a customer-role user
    assigned_agent_id: str | None = None
    department_id: str | None = None  # the team the ticket belongs to (an active department of the org)
    created_by_id: str
    sla_policy_id: str | None = None
    first_response_due: datetime | None = None
    resolution_due: datetime | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    sla_breach: bool = False
    category: str | None = None
    subcategory: str | None = None
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    time_to_first_response: float | None = None  # seconds
    time_to_resolution: float | None = None  # seconds
    # The same in the SLA policy's business hours (resolution: paused time excluded); None without a policy.
    business_time_to_first_response: float | None = None
    business_time_to_resolution: float | None = None
    customer_satisfaction_score: int | None = Field(None, ge=1, le=5)
    satisfaction_comment: str | None = None
    follow_up_of: str | None = None
    work_order_numbers: list[str] = Field(default_factory=list)  # work orders created from this ticket
    # Merge and split (display numbers): a merged source is closed and points at its target.
    merged_into: str | None = None
    merged_from: list[str] = Field(default_factory=list)
    split_from: str | None = None
    split_into: list[str] = Field(default_factory=list)
    # Customer-side addresses copied on public replies, and staff notified of every update.
    cc_emails: list[str] = Field(default_factory=list)
    follower_ids: list[str] = Field(default_factory=list)
    # Problem/incident links: the parent's display number, and how many children point here.
    parent_number: str | None = None
    child_count: int = 0
    # Sums of the ticket's time entries.
    time_spent_minutes: int = 0
    billable_minutes: int = 0
    sla_paused_at: datetime | None = None
    sla_paused_seconds: float = 0.0  # business time spent paused so far (resolution clock)
    sla_fired: list[str] = Field(default_factory=list)  # SLA events already handled (see domain.deadlines)
    anonymized_at: datetime | None = None  # personal data replaced by retention or erasure
    # Set only by the automation engine's writes (domain.automation.Context); every other write clears it.
    automation: dict[str, Any] | None = None
    version: int = 1


def stored_data(ticket: Ticket) -> dict[str, Any]:
    """The ticket as its item stores it: only the fields that differ from their defaults (about a
    kilobyte less per write and per index entry); ``Ticket.model_validate`` fills the rest back in."""
    return ticket.model_dump(mode="json", exclude={"version"}, exclude_defaults=True)


def full_data(data: dict[str, Any]) -> dict[str, Any]:
    """Stored ticket data of either form (every field, as before ``stored_data``, or only the set ones)
    with every defaulted field present: what code comparing two raw stream images needs."""
    defaults = {
        name: field.get_default(call_default_factory=True)
        for name, field in Ticket.model_fields.items()
        if not field.is_required() and name != "version"
    }
    return {**to_jsonable_python(defaults), **data}


# The orders a ticket list can take (`-` descending). Sorted as generated clients sort them: an equal
# Literal declared in another order (the Python client's) can stand in for this one through typing's
# cache and reorder the OpenAPI document.
TicketSort = Literal[
    "-created_at",
    "-priority",
    "-sla_due_at",
    "-updated_at",
    "created_at",
    "priority",
    "sla_due_at",
    "updated_at",
]

# sort=priority reads ascending low..urgent; sort=-priority (the natural "most urgent first") descending.
PRIORITY_RANK: dict[Priority, int] = {Priority.LOW: 1, Priority.NORMAL: 2, Priority.HIGH: 3, Priority.URGENT: 4}


def sla_due_at(ticket: Ticket) -> datetime | None:
    """The ticket's next pending SLA due time: ``first_response_due`` while there is no first
    response, else ``resolution_due`` while unresolved; None once solved or closed, or without one.
    """
    if ticket.resolved_at is not None or ticket.status not in ACTIVE:
        return None
    if ticket.first_response_at is None and ticket.first_response_due is not None:
        return ticket.first_response_due
    return ticket.resolution_due


class Comment(Entity):
    id: str
    org_id: str
    ticket_number: int
    author_id: str
    content: str
    comment_type: CommentType
    has_attachments: bool = False
    created_at: datetime
    updated_at: datetime
    automation: dict[str, Any] | None = None  # the rule chain that wrote it (domain.automation.Context)
    merged_from: str | None = None  # the source ticket's display number when a merge moved it here


class HistoryEntry(Entity):
    id: str
    org_id: str
    ticket_number: int
    user_id: str | None
    field_name: str
    old_value: str | None
    new_value: str | None
    change_type: str  # created | updated | status_changed | assigned | deleted | restored | commented | rated
    changes: dict[str, Any] = Field(default_factory=dict)
    ip_address: str | None = None
    user_agent: str | None = None
    rule_id: str | None = None  # the automation rule that made the change
    source: str | None = None  # how a change came when not by a session or rule: "link" (a mailed rating link)
    macro_id: str | None = None  # the macro an agent applied to make the change (source "macro")
    macro_name: str | None = None  # its name then, so the timeline reads "applied macro <name>"
    created_at: datetime


TRACKED_FIELDS = (
    "subject",
    "description",
    "status",
    "priority",
    "channel",
    "source",
    "customer_id",
    "assigned_agent_id",
    "department_id",
    "category",
    "subcategory",
    "tags",
    "custom_fields",
    "work_order_numbers",
    "cc_emails",
    "follower_ids",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "customer_satisfaction_score",
    "is_deleted",
    "sla_policy_id",
    "first_response_due",
    "resolution_due",
    "parent_number",
    "child_count",
)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return iso(value)  # the API's one timestamp format, also inside history values
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def history_text(value: Any) -> str | None:
    """A field's value as history entries hold it (lists and dicts as sorted JSON)."""
    return _text(value)


# A timestamp as history values were once written (``datetime.isoformat``: ``+00:00``, digits vary).
_OLD_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(\+00:00|Z)$")


def history_value(text: str | None) -> str | None:
    """A stored history value as the API writes it: a timestamp in the one format (``clock.iso``).

    >>> history_value("2026-11-29T09:00:00+00:00")
    '2026-11-29T09:00:00.000000Z'
    """
    return iso(parse_iso(text)) if text is not None and _OLD_TIMESTAMP.match(text) else text


def change_type_of(field: str) -> str:
    return {"status": "status_changed", "assigned_agent_id": "assigned", "is_deleted": "deleted"}.get(field, "updated")


def diff(before: Ticket, after: Ticket) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) for every tracked field that changed."""
    changes = []
    for field in TRACKED_FIELDS:
        old, new = _text(getattr(before, field)), _text(getattr(after, field))
        if old != new:
            changes.append((field, old, new))
    return changes


def system_entries(
    ticket: Ticket,
    changes: list[tuple[str, str | None, str | None]],
    now: datetime,
    change_type: str,
    source: str,
    rule_id: str | None = None,
) -> list[HistoryEntry]:
    """History entries for changes made by the system (``source``: "sla-sweep", "sla-rematch", "automation"),
    no user; ``rule_id`` names the automation rule that made them."""
    return [
        HistoryEntry(
            id=secrets.token_hex(6),
            org_id=ticket.org_id,
            ticket_number=ticket.number,
            user_id=None,
            field_name=field,
            old_value=old,
            new_value=new,
            change_type=change_type,
            changes={},
            user_agent=source,
            rule_id=rule_id,
            created_at=now,
        )
        for field, old, new in changes
    ]


def validate_custom_fields(definitions: list[Any], values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check ``values`` against the organization's definitions; 422 with one detail per problem."""
    by_name = {d.name: d for d in definitions}
    problems: list[dict[str, str]] = []
    for name in values:
        if name not in by_name:
            problems.append({"field": f"custom_fields.{name}", "message": "not a custom field of this organization"})
    for definition in definitions:
        value = values.get(definition.name)
        if value is None:
            if definition.required and not partial:
                problems.append({"field": f"custom_fields.{definition.name}", "message": "required"})
            continue
        kind = definition.type.value
        ok = (
            (kind == "text" and isinstance(value, str) and len(value) <= 1000)
            or (kind == "number" and isinstance(value, int | float) and not isinstance(value, bool))
            or (kind == "boolean" and isinstance(value, bool))
            or (kind == "choice" and value in definition.choices)
            or (kind == "date" and isinstance(value, str) and _is_date(value))
        )
        if not ok:
            expected = f"one of {definition.choices}" if kind == "choice" else f"a {kind}"
            problems.append({"field": f"custom_fields.{definition.name}", "message": f"must be {expected}"})
    if problems:
        raise InvalidInput("Some custom fields are not valid.", code="invalid_custom_fields", details=problems)
    return values


def _is_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


class Attachment(Entity):
    id: str
    org_id: str
    ticket_number: int
    comment_id: str | None = None
    uploaded_by_id: str
    file_name: str
    file_size: int
    file_type: str
    file_path: str  # the S3 key, under the organization's prefix
    is_public: bool = True
    download_count: int = 0
    uploaded_at: datetime
    merged_from: str | None = None  # the source ticket's display number when a merge copied it here


def shown_on(ticket: Ticket | None, merged_from: str | None) -> bool:
    """Whether a comment or attachment record of ``ticket``'s collection is part of it: a copy a
    merge wrote (``merged_from`` set) counts only once the merge committed (the source is in the
    ticket's ``merged_from``), so a merge that failed half-way leaves nothing visible behind."""
    return merged_from is None or (ticket is not None and merged_from in ticket.merged_from)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_file_name(name: str) -> str:
    """A file name fit for an S3 key: path parts dropped, other characters replaced."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip("._") or "file"
    return cleaned[:120]
