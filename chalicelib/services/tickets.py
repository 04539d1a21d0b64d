"""Ticket use cases: create, read, queues, change (lifecycle, assignment), comments, history, rating.

Every change writes one history entry per changed field in the SAME transaction as the ticket,
conditional on the version read, so concurrent writers never lose an update.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from chalicelib.auth import policy
from chalicelib.auth.policy import Target
from chalicelib.domain import lifecycle, presence
from chalicelib.domain.clock import iso, utcnow
from chalicelib.domain.commands import (
    AttachmentCommand,
    CommentCommand,
    CreateTicketCommand,
    RatingCommand,
    UpdateTicketCommand,
)
from chalicelib.domain.confusables import refuse_mixed_scripts
from chalicelib.domain.errors import (
    Conflict,
    Forbidden,
    Invalid,
    InvalidInput,
    NotFound,
    RuleViolation,
    require_version,
)
from chalicelib.domain.identity import STAFF_ROLES, ArrivalChannel, Organization, Principal, Role, User
from chalicelib.domain.presence import Presence
from chalicelib.domain.sla import SLAPolicy
from chalicelib.domain.tickets import (
    ACTIVE,
    MAX_TAGS,
    Attachment,
    Comment,
    CommentType,
    HistoryEntry,
    Priority,
    Status,
    Ticket,
    change_type_of,
    check_transition,
    diff,
    format_number,
    parse_number,
    safe_file_name,
    shown_on,
    system_entries,
    validate_custom_fields,
)
from chalicelib.services import sla, ticket_scope
from chalicelib.services.identity import active_user, new_id, normalise_email
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import blobs
from chalicelib.store import csat as csat_store
from chalicelib.store import departments as departments_store
from chalicelib.store import identity as identity_store
from chalicelib.store import presence as presence_store
from chalicelib.store import sla as sla_store
from chalicelib.store import ticket_counter as counter_store
from chalicelib.store import tickets as store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation

UPLOAD_EXPIRES = blobs.UPLOAD_EXPIRES
# Creates racing for numbers: each lost race reads the counter again (someone else's ticket took it).
NUMBER_ATTEMPTS = 20
# After this many lost races a create takes its number by an atomic ADD instead: under heavy
# contention the optimistic claim could lose every time (a gap if the create then fails, never a duplicate).
OPTIMISTIC_NUMBER_ATTEMPTS = 3
DOWNLOAD_EXPIRES = blobs.DOWNLOAD_EXPIRES


@dataclass(frozen=True)
class Actor:
    """Who made a change, for the history: the principal plus where the request came from."""

    principal: Principal
    ip_address: str | None = None
    user_agent: str | None = None


def history_entries(
    actor: Actor,
    ticket: Ticket,
    changes: list[tuple[str, str | None, str | None]],
    now: datetime,
    change_type: str | None = None,
) -> list[HistoryEntry]:
    """One history entry per change, made by ``actor`` (a person; macros name themselves on top)."""
    summary = {field: {"old": old, "new": new} for field, old, new in changes}
    return [
        HistoryEntry(
            id=secrets.token_hex(6),
            org_id=ticket.org_id,
            ticket_number=ticket.number,
            user_id=actor.principal.user_id,
            field_name=field,
            old_value=old,
            new_value=new,
            change_type=change_type or change_type_of(field),
            changes=summary,
            ip_address=actor.ip_address,
            user_agent=(actor.user_agent or "")[:512] or None,
            created_at=now,
        )
        for field, old, new in changes
    ]


def _org_settings(principal: Principal) -> Organization:
    """The caller's organization: the item authentication read for this request, else one GetItem."""
    if principal.organization is not None and principal.organization.id == principal.org_id:
        return principal.organization
    org = identity_store.get_organization(principal.org_id)
    if org is None:
        raise NotFound("Not found.")
    return org


def _sets_customer_fields_only(principal: Principal) -> bool:
    """A customer's own request (the portal, their API token) sets customer-visible fields only; an
    integration's signed webhook opening a ticket for a customer may set any."""
    return principal.role is Role.CUSTOMER and principal.kind != "webhook"


def _new_custom_fields(principal: Principal, org: Organization, values: dict[str, Any]) -> dict[str, Any]:
    """A new ticket's custom fields, checked against the definitions. A customer may set only the
    customer-visible ones: any other name (internal or unknown alike, so no internal name can be
    probed) is 422 ``invalid_request`` with its field path, and an internal required field is not
    theirs to fill in."""
    definitions = org.settings.custom_fields
    if not _sets_customer_fields_only(principal):
        return validate_custom_fields(definitions, values)
    shown = [d for d in definitions if d.customer_visible]
    names = {d.name for d in shown}
    refused = [
        {"field": f"custom_fields.{name}", "message": "not a field customers may set", "type": "customer_field"}
        for name in values
        if name not in names
    ]
    if refused:
        raise InvalidInput("Customers may set only the custom fields shown to them.", details=refused)
    return validate_custom_fields(shown, values)


def visible_custom_fields(principal: Principal) -> frozenset[str] | None:
    """The custom fields the caller may see on tickets: None (every one) for staff; for customers the
    customer-visible ones (the organization authentication read, else one GetItem)."""
    if principal.role is not Role.CUSTOMER:
        return None
    org = principal.organization if principal.organization is not None else None
    if org is None or org.id != principal.org_id:
        org = identity_store.get_organization(principal.org_id)
    return frozenset(d.name for d in org.settings.custom_fields if d.customer_visible) if org else frozenset()


def _check_assignee(principal: Principal, agent_id: str) -> User:
    invalid = RuleViolation(
        "Tickets are assigned to active agents, managers or admins of the organization.",
        code="invalid_assignee",
        details=[{"field": "assigned_agent_id"}],
    )
    return active_user(principal.org_id, agent_id, STAFF_ROLES, invalid)


def invalid_customer() -> RuleViolation:
    return RuleViolation(
        "customer_id must be an active customer of the organization.",
        code="invalid_customer",
        details=[{"field": "customer_id"}],
    )


def _check_assignment(principal: Principal, agent_id: str | None, force: bool) -> tuple[User | None, bool]:
    """Who may assign to whom; returns the agent and whether the capacity limit applies."""
    if agent_id is None:
        return None, False
    if not policy.allowed(principal, "tickets.assign", Target(owner_id=agent_id)):
        raise Forbidden("Agents assign tickets to themselves only.", code="forbidden")
    if force and principal.role not in (Role.MANAGER, Role.ADMIN):
        raise Forbidden("Only managers and admins can force an assignment.", code="forbidden")
    return _check_assignee(principal, agent_id), not force


def _visible(principal: Principal, ticket: Ticket | None) -> Ticket:
    if ticket is None or ticket.is_deleted or not ticket_scope.reader(principal).sees(ticket):
        raise NotFound("Not found.")
    return ticket


def _tier(user: User | None) -> str | None:
    return user.customer_tier.value if user is not None and user.customer_tier is not None else None


@dataclass(frozen=True)
class Requester:
    """Who a new ticket is for: the user id, the customer tier (selects SLA policies; None when no
    policy depends on it), and the condition the ticket's transaction checks when it was not read."""

    user_id: str
    tier: str | None
    check: Operation | None = None


def _requester(principal: Principal, command: CreateTicketCommand, now: datetime, tiered: bool) -> Requester:
    """The requester. ``tiered``: an SLA policy depends on the customer tier, so it is read; else a
    named customer is not read but checked in the ticket's transaction (an active customer of the
    organization when it commits: a deleted or blocked one is refused with ``invalid_customer``)."""
    if principal.role is Role.CUSTOMER:
        if command.customer_id not in (None, principal.user_id) or command.customer_email:
            raise Forbidden("Customers open tickets for themselves.", code="forbidden")
        if not tiered:
            return Requester(principal.user_id, None)  # authentication found them active
        return Requester(principal.user_id, _tier(identity_store.get_user(principal.org_id, principal.user_id)))
    if command.customer_id:
        if not tiered:
            check = identity_store.active_user_check(
                principal.org_id, command.customer_id, Role.CUSTOMER, invalid_customer()
            )
            return Requester(command.customer_id, None, check)
        requester = active_user(principal.org_id, command.customer_id, {Role.CUSTOMER}, invalid_customer())
        return Requester(requester.id, _tier(requester))
    if command.customer_email:
        email = normalise_email(command.customer_email)
        existing = identity_store.user_id_for_email(principal.org_id, email)
        if existing:
            user = identity_store.get_user(principal.org_id, existing)
            if user is None or user.role is not Role.CUSTOMER:
                raise RuleViolation("That email belongs to a staff member, not a customer.", code="invalid_customer")
            return Requester(user.id, _tier(user))
        return Requester(create_customer_user(principal, email, command.customer_name, now).id, None)
    raise InvalidInput(
        "Name the requester: customer_id or customer_email.",
        code="missing_requester",
        details=[{"field": "customer_id"}],
    )


def create_customer_user(principal: Principal, email: str, name: str | None, now: datetime) -> User:
    """A customer first seen on a ticket: no password yet (cannot log in until one is set).

    422 ``confusable_email`` when the address mixes scripts or looks like a user's address (the
    look-alike guard written with the user): a look-alike never silently becomes a new customer.
    """
    from chalicelib.services.identity import username_from_email

    refuse_mixed_scripts(email, "customer_email")
    first, _, last = (name or email.split("@")[0]).partition(" ")
    user = User(
        id=new_id(),
        org_id=principal.org_id,
        email=email,
        username=f"{username_from_email(email)[:30]}-{secrets.token_hex(3)}",
        first_name=first[:100] or "Customer",
        last_name=last[:100],
        role=Role.CUSTOMER,
        created_at=now,
        updated_at=now,
    )
    try:
        identity_store.create_user(user)
    except Conflict:
        # Created concurrently by another request: use that one.
        existing = identity_store.user_id_for_email(principal.org_id, email)
        found = identity_store.get_user(principal.org_id, existing) if existing else None
        if found is None:
            raise
        return found
    return user


Extra = Callable[[Ticket], Sequence[Operation]]


def arrival_of(principal: Principal) -> ArrivalChannel:
    """The channel a ticket opened by ``principal`` arrives through (``channel_departments``'s keys):
    an API token, an inbound webhook, a customer (the portal) or staff in the web app. Inbound mail
    takes the sender's principal (``session_id`` "email"), also for a follow-up of a closed ticket."""
    if principal.kind == "api_token":
        return "api"
    if principal.kind == "webhook":
        return "webhook"
    if principal.kind == "session" and principal.session_id == "email":
        return "email"
    return "portal" if principal.role is Role.CUSTOMER else "web"


def _routes(org: Organization, arrival: ArrivalChannel, preferred: Sequence[str | None]) -> list[str | None]:
    """The departments a new ticket may get, best first (``preferred``: its support address's, or
    the department of the ticket it follows up), then the arrival channel's, then none."""
    wanted = [*preferred, org.settings.channel_departments.get(arrival)]
    return [*dict.fromkeys(d for d in wanted if d), None]


def create_ticket(
    principal: Principal,
    command: CreateTicketCommand,
    actor: Actor,
    extra: Extra | None = None,
    follow_up_of: str | None = None,
    cc_emails: Sequence[str] = (),
    split_from: str | None = None,
    *,
    department_id: str | None = None,
    source_message_id: str | None = None,
) -> Ticket:
    """Open a ticket. ``extra`` adds writes to its transaction (a channel's guard items), given the ticket;
    ``follow_up_of`` links it to the closed ticket it follows up (in the same transaction); ``cc_emails``:
    its CCs, already checked (``services/ccs.py``: an inbound message's other addresses); ``split_from``
    to the ticket one of whose comments it was split off (``services.merge``); ``source_message_id``:
    the Message-ID of the mail that opened it (its acknowledgement answers it).

    Its department: ``department_id`` (the support address's, or the followed-up ticket's), else the
    organization's ``channel_departments`` for the channel it arrives through (``arrival_of``), each
    only while active: the ticket's transaction checks it, and a route naming a department
    deactivated meanwhile falls to the next (a ticket is never refused for its routing)."""
    policy.require(principal, "tickets.create")
    now = utcnow()
    org = _org_settings(principal)
    routes = _routes(org, arrival_of(principal), [department_id])
    custom = _new_custom_fields(principal, org, command.custom_fields)
    # The counter (last number, SLA policy version): read with authentication on POST /tickets.
    counter = principal.ticket_counter or counter_store.read_counter(principal.org_id)
    policies = sla.policies_at(principal.org_id, counter.sla_version)
    found = _requester(principal, command, now, sla.depends_on_tier(policies))
    requester, tier = found.user_id, found.tier
    if command.assigned_agent_id and principal.role is Role.CUSTOMER:
        raise Forbidden("Customers cannot assign tickets.", code="forbidden")
    agent, limited = _check_assignment(principal, command.assigned_agent_id, command.force)
    reserved: int | None = None  # a number already taken by an atomic ADD (after lost races)
    lost = 0
    for _ in range(NUMBER_ATTEMPTS + len(routes)):
        number = reserved if reserved is not None else counter.last_number + 1
        ticket = Ticket(
            org_id=principal.org_id,
            number=number,
            ticket_number=format_number(org.settings.ticket_number_prefix, number),
            subject=command.subject,
            description=command.description,
            priority=command.priority,
            channel=command.channel,
            source=command.source,
            category=command.category,
            subcategory=command.subcategory,
            tags=command.tags,
            custom_fields=custom,
            customer_id=requester,
            assigned_agent_id=agent.id if agent else None,
            status=Status.OPEN if agent else Status.NEW,
            created_by_id=principal.user_id,
            follow_up_of=follow_up_of,
            cc_emails=list(cc_emails),
            split_from=split_from,
            department_id=routes[0],
            source_message_id=source_message_id,
            created_at=now,
            updated_at=now,
        )
        ticket = sla.stamp(ticket, policies, tier)
        history = history_entries(actor, ticket, [("ticket", None, ticket.ticket_number)], now, "created")
        if follow_up_of:
            history += history_entries(actor, ticket, [("follow_up_of", None, follow_up_of)], now)
        if split_from:
            history += history_entries(actor, ticket, [("split_from", None, split_from)], now, "split")
        checks = [department_check(principal.org_id, routes[0])] if routes[0] else []
        if found.check is not None:
            checks.append(found.check)
        if reserved is None:
            # The number is taken in the ticket's own transaction: the counter must still hold what was read.
            checks.append(counter_store.claim_number(principal.org_id, counter.last_number))
        try:
            more = extra(ticket) if extra else ()
            stamped = next((p for p in policies if p.id == ticket.sla_policy_id), None)
            return store.create_ticket(
                ticket, history, load_limit=_limit(agent, limited), extra=[*checks, *more], policy=stamped
            )
        except RuleViolation as exc:
            if exc.code != "invalid_department" or not routes[0]:
                raise
            routes.pop(0)  # the routed department is gone or inactive: the next route
        except Conflict as exc:
            if exc.code not in ("number_moved", "number_taken"):
                raise
            lost += 1
            if lost >= OPTIMISTIC_NUMBER_ATTEMPTS:
                reserved = store.allocate_number(principal.org_id)
                continue
            # Another create took the number (or the read was behind): read the counter again.
            fresh = counter_store.read_counter(principal.org_id).last_number
            if exc.code == "number_taken" and fresh < number:
                # A ticket holds a number the counter has not reached (the counter was reset):
                # move the counter past it rather than stop at it.
                fresh = store.allocate_number(principal.org_id)
            counter = replace(counter, last_number=fresh)
    raise Conflict("Could not allocate a ticket number; retry.", code="number_taken")


def _limit(agent: User | None, limited: bool) -> tuple[str, int | None] | None:
    if agent is None:
        return None
    return agent.id, agent.max_concurrent_tickets if limited else None


def _number(text: str) -> int:
    """A ticket number from the path; anything else cannot be a ticket of ours (404)."""
    try:
        return parse_number(text)
    except Invalid as exc:
        raise NotFound("Not found.") from exc


def load_ticket(principal: Principal, number: str) -> Ticket:
    n = _number(number)
    return _visible(principal, store.get_ticket(principal.org_id, n))


def _read_ticket(principal: Principal, number: str, comment_limit: int | None) -> tuple[Ticket, store.TicketCollection]:
    """The visible ticket and its item collection as the caller may see it (one Query; 404 when not
    visible; customers: public comments and attachments only)."""
    n = _number(number)
    customer = principal.role is Role.CUSTOMER
    found = store.read_ticket_collection(principal.org_id, n, public_only=customer, limit=comment_limit)
    ticket = _visible(principal, found.ticket)
    attachments = [a for a in found.attachments if a.is_public] if customer else found.attachments
    return ticket, store.TicketCollection(ticket, found.comments, attachments, found.presence)


def get_ticket(
    principal: Principal, number: str, comment_limit: int | None = store.COMMENT_PAGE
) -> tuple[Ticket, Page[Comment], list[Attachment]]:
    """The ticket with its first page of comments (and the cursor for the rest; ``comment_limit``
    None: every comment) and its attachments (one Query); customers see public ones only."""
    ticket, found = _read_ticket(principal, number, comment_limit)
    return ticket, found.comments, found.attachments


@dataclass(frozen=True)
class TicketDetail:
    """``GET /tickets/{number}``: the ticket, its first page of comments, its attachments, and the
    other staff on it now (empty for customers)."""

    ticket: Ticket
    comments: Page[Comment]
    attachments: list[Attachment]
    presence: list[Presence]


def ticket_detail(principal: Principal, number: str) -> TicketDetail:
    """The ticket's read with who else is on it: the collection's one Query holds the presence
    entries, unless it stopped at a full page of comments (then ONE Query more, for staff only)."""
    ticket, found = _read_ticket(principal, number, store.COMMENT_PAGE)
    others: list[Presence] = []
    if policy.allowed(principal, "tickets.presence"):
        entries = found.presence
        if entries is None:
            entries = presence_store.entries(principal.org_id, ticket.number)
        others = presence.live(entries, utcnow(), principal.user_id)
    return TicketDetail(ticket, found.comments, found.attachments, others)


def comment_attachments(principal: Principal, number: str, comment_id: str) -> tuple[Ticket, list[Attachment]]:
    """The attachments of one comment the caller may see (the ticket's item collection: one Query);
    404 when the comment is not there or not visible (customers: internal notes)."""
    ticket, comments, attachments = get_ticket(principal, number, comment_limit=None)
    if not any(c.id == comment_id for c in comments.items):
        raise NotFound("Not found.")
    return ticket, [a for a in attachments if a.comment_id == comment_id]


SORT_SUPPORT = (
    "supported: sort=-updated_at (default) or updated_at with any view and filter; "
    "sort=[-]created_at, [-]priority or [-]sla_due_at without view, status, priority, customer_id, "
    "assigned_agent_id, created_by_id or updated_since (staff who see every ticket); "
    "created_by_id with sort=-created_at (its default) or created_at and no other filter"
)
# Orders of the whole organization's list, each read from its own GSI5 partition.
WHOLE_LIST_ORDERS = frozenset({"created_at", "priority", "sla_due_at"})


def _unsupported(field: str, message: str) -> RuleViolation:
    return RuleViolation(
        message,
        code="invalid_query",
        details=[{"field": field, "message": SORT_SUPPORT, "type": "unsupported_combination"}],
    )


def _created_by(principal: Principal, user_id: str, sort: str, limit: int, cursor: str | None) -> Page[Ticket]:
    """The tickets ``user_id`` created, by creation time (their GSI5 partition). Anyone may ask for
    themselves, only staff with ``tickets.view_all`` for others; each page keeps only the tickets
    the caller may see, so a page can hold fewer than ``limit``."""
    if user_id != principal.user_id and not policy.holds(principal, "tickets.view_all"):
        raise Forbidden("You may list the tickets you created; others' need tickets.view_all.", code="forbidden")
    page = store.list_by_entry(
        principal.org_id, "created_at", descending=sort.startswith("-"), limit=limit, cursor=cursor, created_by=user_id
    )
    reader = ticket_scope.reader(principal)
    return Page([t for t in page.items if reader.sees(t)], page.next_cursor)


def _ticket_link_list(
    principal: Principal,
    status: Status | None,
    priority: Priority | None,
    customer_id: str | None,
    created_by_id: str | None,
    updated_since: datetime | None,
) -> Page[Ticket]:
    """What a ticket link's session lists: its one ticket when it matches the filters (one GetItem)."""
    ticket = store.get_ticket(principal.org_id, principal.ticket_number or 0)
    if (
        ticket is None
        or ticket.is_deleted
        or not ticket_scope.reader(principal).sees(ticket)
        or (status is not None and ticket.status is not status)
        or (priority is not None and ticket.priority is not priority)
        or customer_id not in (None, ticket.customer_id)
        or created_by_id not in (None, ticket.created_by_id)
        or (updated_since is not None and ticket.updated_at < updated_since)
    ):
        return Page([], None)
    return Page([ticket], None)


def list_tickets(
    principal: Principal,
    view: str,
    status: Status | None,
    priority: Priority | None,
    customer_id: str | None,
    updated_since: datetime | None,
    limit: int,
    cursor: str | None,
    *,
    assigned_agent_id: str | None = None,
    created_by_id: str | None = None,
    sort: str | None = None,
    deleted: bool = False,
    department_id: str | None = None,
) -> Page[Ticket]:
    """One Query per page, on the partition that matches the view (see store.tickets);
    ``assigned_agent_id`` is the assignee partition of that user (others' for ``tickets.view_all``).
    ``sort`` (default ``-updated_at``): ``[-]updated_at`` on every queue; ``[-]created_at``,
    ``[-]priority`` and ``[-]sla_due_at`` on the whole organization's list only (GSI5 partitions,
    staff with ``tickets.view_all``, no other filter). ``created_by_id``: that user's tickets by
    creation time (default newest first), no other filter. ``deleted``: the trash, every deleted
    ticket newest first (for those who may restore tickets). ``department_id`` (an id, or ``none``):
    that department's queue (``view=unassigned``: its unassigned part) by update time, see
    ``_department_queue``."""
    if not principal.org_active:
        raise NotFound("Not found.")
    if department_id is not None and not deleted and principal.ticket_number is None:
        others = [
            name
            for name, value in (
                ("view", view if view not in ("all", "unassigned") else None),
                ("status", status),
                ("priority", priority),
                ("customer_id", customer_id),
                ("assigned_agent_id", assigned_agent_id),
                ("created_by_id", created_by_id),
                ("sort", sort if sort not in (None, "updated_at", "-updated_at") else None),
            )
            if value is not None
        ]
        if others:
            raise _unsupported(
                others[0],
                "department_id lists one department's queue by update time: view=unassigned, sort=[-]updated_at "
                "and updated_since only.",
            )
        return _department_queue(principal, department_id, view, sort, updated_since, limit, cursor)
    if deleted:
        policy.require(principal, "tickets.delete")
        if view != "all" or status or priority or customer_id or assigned_agent_id or created_by_id or sort:
            raise RuleViolation(
                "The trash lists every deleted ticket, newest first: leave out view, status, priority, "
                "customer_id, assigned_agent_id, created_by_id and sort (updated_since still applies).",
                code="invalid_query",
                details=[
                    {
                        "field": "deleted",
                        "message": "not combined with view, status, priority, customer_id, assigned_agent_id, "
                        "created_by_id or sort",
                        "type": "unsupported_combination",
                    }
                ],
            )
        return store.list_queue(
            principal.org_id, "trash", None, limit=limit, cursor=cursor, updated_since=updated_since
        )
    if principal.ticket_number is not None:
        return _ticket_link_list(principal, status, priority, customer_id, created_by_id, updated_since)
    narrowed = [
        name
        for name, value in (
            ("view", view if view != "all" else None),
            ("status", status),
            ("priority", priority),
            ("customer_id", customer_id),
            ("assigned_agent_id", assigned_agent_id),
            ("updated_since", updated_since),
        )
        if value is not None
    ]
    if created_by_id is not None:
        sort = sort or "-created_at"
        if narrowed or sort.lstrip("-") != "created_at":
            raise _unsupported(
                narrowed[0] if narrowed else "sort", "created_by_id lists by creation time; it takes no other filter."
            )
        return _created_by(principal, created_by_id, sort, limit, cursor)
    sort = sort or "-updated_at"
    order = sort.lstrip("-")
    if order in WHOLE_LIST_ORDERS:
        if narrowed or principal.role is Role.CUSTOMER:
            raise _unsupported(
                narrowed[0] if narrowed else "sort",
                f"sort={order} reads the whole organization's list; it takes no filter.",
            )
        if not policy.holds(principal, "tickets.view_all"):
            raise Forbidden("Agents see their own and the unassigned queue (by update time).", code="forbidden")
        if order == "created_at":
            return store.list_by_created(
                principal.org_id, newest_first=sort.startswith("-"), limit=limit, cursor=cursor
            )
        return store.list_by_entry(principal.org_id, order, descending=sort.startswith("-"), limit=limit, cursor=cursor)
    filters = []
    keep: Callable[[Ticket], bool] | None = None
    if priority:
        filters.append(store.priority_filter(priority.value))
    if assigned_agent_id is not None and principal.role is not Role.CUSTOMER:
        if view == "unassigned" or (view == "mine" and assigned_agent_id != principal.user_id):
            raise RuleViolation(
                f"assigned_agent_id cannot be combined with view={view}.",
                code="invalid_query",
                details=[{"field": "assigned_agent_id", "message": f"conflicts with view={view}", "type": "conflict"}],
            )
        if assigned_agent_id != principal.user_id and not policy.holds(principal, "tickets.view_all"):
            raise Forbidden("Agents see the tickets assigned to themselves.", code="forbidden")
        view = "mine" if assigned_agent_id == principal.user_id else view
    if principal.role is Role.CUSTOMER:
        if assigned_agent_id is not None:
            raise Forbidden("Customers see the tickets they requested.", code="forbidden")
        if view not in ("all", "mine") or customer_id not in (None, principal.user_id):
            raise Forbidden("Customers see the tickets they requested.", code="forbidden")
        queue, key = "requester", principal.user_id
        if status:
            filters.append(store.status_filter(status))
    elif view == "mine":
        queue, key = "assignee", principal.user_id
    elif assigned_agent_id is not None:
        queue, key = "assignee", assigned_agent_id
    elif view == "unassigned":
        queue, key = "assignee", None
        reader = ticket_scope.reader(principal)
        if reader.restricted and reader.departments is not None:
            keep = reader.sees  # own_departments: other departments' unassigned tickets are read past
    else:
        if not policy.holds(principal, "tickets.view_all"):
            raise Forbidden(
                "Agents see their own and the unassigned queue (view=mine or view=unassigned).", code="forbidden"
            )
        if customer_id:
            queue, key = "requester", customer_id
        elif status:
            queue, key = "status", status.value
        else:
            queue, key = "all", None
    if queue in ("assignee", "requester") and status and principal.role is not Role.CUSTOMER:
        filters.append(store.status_filter(status))
    if customer_id and queue != "requester":
        filters.append(store.requester_filter(customer_id))
    condition = None
    for f in filters:
        condition = f if condition is None else condition & f
    return store.list_queue(
        principal.org_id,
        queue,
        key,
        limit=limit,
        cursor=cursor,
        updated_since=updated_since,
        filter_condition=condition,
        oldest_first=sort == "updated_at",
        keep=keep,
    )


def _department_queue(
    principal: Principal,
    department_id: str,
    view: str,
    sort: str | None,
    updated_since: datetime | None,
    limit: int,
    cursor: str | None,
) -> Page[Ticket]:
    """One department's queue (``none``: tickets without a department; ``view=unassigned``: its
    unassigned part), newest update first: ONE Query on its GSI5 partition and ONE BatchGetItem.
    Staff only; a page keeps only the tickets the reader sees (agents without ``tickets.view_all``:
    their own and the unassigned ones they may see), so it can hold fewer than ``limit``. An id
    that names no department lists nothing."""
    if principal.role is Role.CUSTOMER:
        raise Forbidden("Customers see the tickets they requested.", code="forbidden")
    wanted = None if department_id == "none" else department_id
    if wanted is not None and not departments_store.is_id(wanted):
        return Page([], None)
    page = store.list_department(
        principal.org_id,
        wanted,
        unassigned=view == "unassigned",
        oldest_first=sort == "updated_at",
        limit=limit,
        cursor=cursor,
        updated_since=updated_since,
    )
    reader = ticket_scope.reader(principal)
    return Page([t for t in page.items if reader.sees(t)], page.next_cursor)


def apply_status(ticket: Ticket, status: Status, now: datetime) -> dict[str, object]:
    check_transition(ticket.status, status)
    changes: dict[str, object] = {"status": status}
    if status is Status.SOLVED and ticket.resolved_at is None:
        changes["resolved_at"] = now
        changes["time_to_resolution"] = (now - ticket.created_at).total_seconds()
    if status is Status.OPEN and ticket.status is Status.SOLVED:
        changes["resolved_at"] = None
        changes["time_to_resolution"] = None
    if status is Status.CLOSED:
        changes["closed_at"] = now
    return changes


@retry_on_conflict
def update_ticket(
    principal: Principal, number: str, command: UpdateTicketCommand, if_match: int | None, actor: Actor
) -> Ticket:
    ticket = load_ticket(principal, number)
    return change_ticket(principal, ticket, command, if_match, actor)[0]


def change_ticket(
    principal: Principal,
    ticket: Ticket,
    command: UpdateTicketCommand,
    if_match: int | None,
    actor: Actor,
    extra: Sequence[Operation] = (),
    comments: Sequence[Comment] = (),
) -> tuple[Ticket, bool]:
    """Apply ``command`` to a ticket the caller sees (the rules of ``PATCH /tickets/{number}``), with
    ``extra`` in its transaction when something changes; returns the ticket and whether it changed.
    ``comments``: the caller's replies written with the change (a staff public reply is the first
    response when there was none).
    ``stale_version`` when the ticket moved since it was read: the caller re-reads and retries."""
    policy.require(principal, "tickets.update")
    require_version("ticket", ticket.version, if_match)
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")
    now = utcnow()
    fields = command.changes(exclude={"force"})
    updates: dict[str, object] = {}
    for name in ("subject", "description", "priority", "category", "subcategory", "tags"):
        if name in fields:
            updates[name] = fields[name]
    if command.add_tags or command.remove_tags:
        base = fields.get("tags", ticket.tags)
        updates["tags"] = _changed_tags(base, command.add_tags or [], command.remove_tags or [])
    if "custom_fields" in fields and fields["custom_fields"] is not None:
        org = _org_settings(principal)
        merged = {**ticket.custom_fields, **fields["custom_fields"]}
        updates["custom_fields"] = validate_custom_fields(org.settings.custom_fields, merged)
    load = None
    if "assigned_agent_id" in fields and fields["assigned_agent_id"] != ticket.assigned_agent_id:
        new_agent = fields["assigned_agent_id"]
        if new_agent is None and not policy.allowed(
            principal, "tickets.assign", Target(owner_id=ticket.assigned_agent_id)
        ):
            raise Forbidden("Only the assignee or a manager can unassign this ticket.", code="forbidden")
        agent, limited = _check_assignment(principal, new_agent, command.force)
        updates["assigned_agent_id"] = new_agent
        load = _limit(agent, limited)
        if ticket.status is Status.NEW and new_agent:
            updates["status"] = Status.OPEN
    checks: list[Operation] = []
    if "department_id" in fields and fields["department_id"] != ticket.department_id:
        updates["department_id"] = fields["department_id"]
        if fields["department_id"] is not None:
            checks.append(department_check(principal.org_id, fields["department_id"]))
    if "status" in fields and fields["status"] is not None:
        updates.update(apply_status(ticket, fields["status"], now))
    replied = any(c.comment_type is CommentType.PUBLIC for c in comments)
    if replied and principal.is_staff and ticket.first_response_at is None:
        updates["first_response_at"] = now
        updates["time_to_first_response"] = (now - ticket.created_at).total_seconds()
    updated = ticket.model_copy(update={**updates, "updated_at": now})
    updated, held = apply_sla_reading(principal.org_id, ticket, updated, now)
    changes = diff(ticket, updated)
    if not changes:
        return ticket, False
    history = history_entries(actor, updated, changes, now)
    history += history_entries(actor, updated, [("comment", None, c.id) for c in comments], now, "commented")
    writes = [*checks, *extra]
    saved = store.save_ticket(updated, ticket, history, comments, load_limit=load, extra=writes, sla_policy=held)
    return saved, True


def department_check(org_id: str, department_id: str) -> Operation:
    """A ticket's department must be an active department of its organization when the write commits
    (a condition of the ticket's transaction, so a department deactivated meanwhile is refused)."""
    error = RuleViolation(
        "department_id names no active department of the organization.",
        code="invalid_department",
        details=[{"field": "department_id", "message": "no active department with this id", "type": "invalid"}],
    )
    return departments_store.active_check(org_id, department_id, error)


def _changed_tags(tags: list[str], added: list[str], removed: list[str]) -> list[str]:
    """``added`` then ``removed`` applied to ``tags`` (the ticket's current tags, or the replacement list)."""
    result = list(tags) + [t for t in dict.fromkeys(added) if t not in tags]
    result = [t for t in result if t not in removed]
    if len(result) > MAX_TAGS:
        raise RuleViolation(f"A ticket has at most {MAX_TAGS} tags.", code="too_many_tags")
    return result


def apply_sla(org_id: str, before: Ticket, after: Ticket, now: datetime, rematch: bool = True) -> Ticket:
    """Re-match the SLA policy when a matched field changed; stop or restart the clock on pause statuses;
    measure completed targets in business time."""
    return apply_sla_reading(org_id, before, after, now, rematch)[0]


def apply_sla_reading(
    org_id: str, before: Ticket, after: Ticket, now: datetime, rematch: bool = True
) -> tuple[Ticket, SLAPolicy | None]:
    """``apply_sla``, with the policy it read (None when it read none): handed to the ticket write,
    which then re-plans the deadlines without reading it again."""
    if rematch and any(getattr(before, f) != getattr(after, f) for f in sla.MATCHED_FIELDS):
        requester = identity_store.get_user(org_id, after.customer_id)
        after = sla.stamp(after, sla_store.list_policies(org_id), _tier(requester))
    if after.sla_policy_id and (before.status != after.status or sla.needs_measuring(after)):
        policy_ = sla_store.get_policy(org_id, after.sla_policy_id)
        after = sla.track_pause(before, after, policy_, now)
        return sla.measure(after, policy_), policy_
    return sla.measure(after, None), None


def sla_status(principal: Principal, number: str) -> dict[str, object]:
    """``GET /tickets/{number}/sla``: each target's due time, remaining business time and state."""
    ticket = load_ticket(principal, number)
    policy_ = sla_store.get_policy(principal.org_id, ticket.sla_policy_id) if ticket.sla_policy_id else None
    return sla.status_of(ticket, policy_, utcnow())


@retry_on_conflict
def delete_ticket(principal: Principal, number: str, actor: Actor) -> Ticket:
    """Soft delete: the ticket leaves every queue; retention removes data later."""
    ticket = load_ticket(principal, number)
    policy.require(principal, "tickets.delete")
    now = utcnow()
    updated = lifecycle.soft_delete(ticket, now)
    return store.save_ticket(updated, ticket, history_entries(actor, updated, diff(ticket, updated), now, "deleted"))


@retry_on_conflict
def restore_ticket(principal: Principal, number: str, actor: Actor) -> Ticket:
    policy.require(principal, "tickets.delete")
    n = _number(number)
    ticket = store.get_ticket(principal.org_id, n)
    if ticket is None:
        raise NotFound("Not found.")
    if not ticket.is_deleted:
        return ticket
    now = utcnow()
    updated = lifecycle.restore(ticket, now)
    return store.save_ticket(updated, ticket, history_entries(actor, updated, diff(ticket, updated), now, "restored"))


CcUpdate = Callable[[Ticket], list[str]]


@retry_on_conflict
def add_comment(
    principal: Principal,
    number: str,
    command: CommentCommand,
    actor: Actor,
    extra: Extra | None = None,
    *,
    ccs: CcUpdate | None = None,
    copied_email: str | None = None,
) -> tuple[Comment, Ticket]:
    """A public reply or an internal note. An agent's first public reply records the first response;
    a customer's reply reopens a pending or solved ticket; a reply to a closed ticket starts a follow-up.

    ``ccs``: the ticket's CCs after this comment, given the ticket as read (a mail reply Cc'ing new
    people), written with it. ``copied_email``: a customer who is not the requester writes as one of the
    ticket's CCs (a reply by mail): allowed while that address is among the ticket's CCs when the
    write commits (the write is conditional on the version that check read). A reply to a merged
    ticket lands on the ticket it was merged into (``merge_target``)."""
    ticket = merge_target(principal, _commentable(principal, number, copied_email))
    if copied_email is None:  # the merge target's requester may differ from the source's
        policy.require(principal, "tickets.comment", Target(owner_id=ticket.customer_id))
    if command.comment_type is CommentType.INTERNAL:
        policy.require(principal, "tickets.internal_notes")
    now = utcnow()
    if ticket.status is Status.CLOSED:
        if principal.role is not Role.CUSTOMER:
            raise Conflict("Closed tickets are read-only.", code="ticket_closed")
        return _follow_up(principal, ticket, command, actor, now, extra)
    if command.seen_comment_id is not None and not command.confirm:
        _refuse_unseen_replies(principal, ticket, command.seen_comment_id)
    comment = Comment(
        id=secrets.token_hex(8),
        org_id=ticket.org_id,
        ticket_number=ticket.number,
        author_id=principal.user_id,
        content=command.content,
        comment_type=command.comment_type,
        created_at=now,
        updated_at=now,
    )
    updates: dict[str, object] = {"updated_at": now}
    if ccs is not None:
        updates["cc_emails"] = ccs(ticket)
    public = command.comment_type is CommentType.PUBLIC
    if public and principal.is_staff and ticket.first_response_at is None:
        updates["first_response_at"] = now
        updates["time_to_first_response"] = (now - ticket.created_at).total_seconds()
    if public and principal.role is Role.CUSTOMER and ticket.status in (Status.PENDING, Status.SOLVED):
        updates.update(apply_status(ticket, Status.OPEN, now))
    updated, held = apply_sla_reading(principal.org_id, ticket, ticket.model_copy(update=updates), now)
    history = history_entries(actor, updated, diff(ticket, updated), now)
    history += history_entries(actor, updated, [("comment", None, comment.id)], now, "commented")
    writes = extra(updated) if extra else ()
    saved = store.save_ticket(updated, ticket, history, comments=[comment], extra=writes, sla_policy=held)
    return comment, saved


def _commentable(principal: Principal, number: str, copied_email: str | None) -> Ticket:
    """The ticket ``principal`` may comment on: theirs to see and comment on, or, for ``copied_email``,
    one that copies that address (a CC is a customer but not the requester: 404 otherwise)."""
    if copied_email is None:
        ticket = load_ticket(principal, number)
        policy.require(principal, "tickets.comment", Target(owner_id=ticket.customer_id))
        return ticket
    copied = store.get_ticket(principal.org_id, _number(number))
    if (
        copied is None
        or copied.is_deleted
        or principal.role is not Role.CUSTOMER
        or copied_email.lower() not in copied.cc_emails
    ):
        raise NotFound("Not found.")
    policy.require(principal, "tickets.comment")
    return copied


MERGE_HOPS = 5  # merged_into links followed at most (a chain of merges; never a loop)


def merge_target(principal: Principal, ticket: Ticket) -> Ticket:
    """The ticket a write to ``ticket`` goes to: a merged source's target (following ``merged_into``
    up to ``MERGE_HOPS`` times), when the caller may see it; else ``ticket`` itself."""
    current = ticket
    for _ in range(MERGE_HOPS):
        if current.merged_into is None:
            return current
        try:
            current = load_ticket(principal, current.merged_into)
        except NotFound:
            return ticket
    return current if current.merged_into is None else ticket


def _refuse_unseen_replies(principal: Principal, ticket: Ticket, seen_comment_id: str) -> None:
    """Collision detection: 409 ``newer_reply`` (the newer comments in ``details``) when someone else
    commented after the newest comment the client showed. Runs inside the comment's retried write,
    after the ticket's read, with a strongly consistent read of the comments: a reply committed
    since bumped the version this write is conditional on, so two simultaneous replies cannot both
    pass (the second's retry finds the first). 422 when the id is not a comment the caller can see."""
    customer = principal.role is Role.CUSTOMER
    newer = presence.newer_replies(
        presence_store.comments_newest_first(ticket.org_id, ticket.number),
        seen_comment_id,
        principal.user_id,
        public_only=customer,
    )
    if newer is None:
        raise InvalidInput(
            "seen_comment_id is not a comment of this ticket.",
            details=[
                {"field": "seen_comment_id", "message": "not a comment of this ticket", "type": "unknown_comment"}
            ],
        )
    if newer:
        raise Conflict(
            f"{len(newer)} newer comment(s) since the one you saw; read them, then send with confirm: true.",
            code="newer_reply",
            details=[
                {
                    "field": None,
                    "message": "a newer comment",
                    "type": "newer_reply",
                    "id": c.id,
                    "author_id": c.author_id,
                    "comment_type": c.comment_type.value,
                    "content": c.content,
                    "created_at": iso(c.created_at),
                }
                for c in newer
            ],
        )


@retry_on_conflict
def link_work_order(principal: Principal, number: str, work_order_number: str, actor: Actor, extra: Extra) -> Ticket:
    """Back-link a work order created from a ticket: the link and an internal note on the ticket,
    written in ONE transaction with ``extra`` (the work order itself)."""
    ticket = load_ticket(principal, number)
    policy.require(principal, "tickets.internal_notes")
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")
    now = utcnow()
    note = Comment(
        id=secrets.token_hex(8),
        org_id=ticket.org_id,
        ticket_number=ticket.number,
        author_id=principal.user_id,
        content=f"Work order {work_order_number} was created from this ticket.",
        comment_type=CommentType.INTERNAL,
        created_at=now,
        updated_at=now,
    )
    links = [*ticket.work_order_numbers, work_order_number]
    updated = ticket.model_copy(update={"work_order_numbers": links, "updated_at": now})
    history = history_entries(actor, updated, diff(ticket, updated), now)
    history += history_entries(actor, updated, [("comment", None, note.id)], now, "commented")
    return store.save_ticket(updated, ticket, history, comments=[note], extra=extra(updated))


def _follow_up(
    principal: Principal, closed: Ticket, command: CommentCommand, actor: Actor, now: datetime, extra: Extra | None
) -> tuple[Comment, Ticket]:
    create = CreateTicketCommand(
        subject=f"Follow-up: {closed.subject}"[:250],
        description=command.content,
        priority=closed.priority,
        channel=closed.channel,
        category=closed.category,
    )
    saved = create_ticket(
        principal, create, actor, extra, follow_up_of=closed.ticket_number, department_id=closed.department_id
    )
    comment = Comment(
        id="description",
        org_id=saved.org_id,
        ticket_number=saved.number,
        author_id=principal.user_id,
        content=command.content,
        comment_type=CommentType.PUBLIC,
        created_at=now,
        updated_at=now,
    )
    return comment, saved


def list_comments(principal: Principal, number: str, limit: int, cursor: str | None) -> Page[Comment]:
    ticket = load_ticket(principal, number)
    return store.list_comments(
        principal.org_id,
        ticket.number,
        limit=limit,
        cursor=cursor,
        public_only=principal.role is Role.CUSTOMER,
        merged_from=ticket.merged_from,
    )


def list_history(principal: Principal, number: str, limit: int, cursor: str | None) -> Page[HistoryEntry]:
    ticket = load_ticket(principal, number)
    if principal.role is Role.CUSTOMER:
        raise Forbidden("The change history is for staff.", code="forbidden")
    return store.list_history(principal.org_id, ticket.number, limit=limit, cursor=cursor)


@retry_on_conflict
def rate_ticket(principal: Principal, number: str, command: RatingCommand, actor: Actor) -> Ticket:
    """The signed-in requester rates their solved ticket (the rules: ``record_rating``)."""
    ticket = load_ticket(principal, number)
    return record_rating(principal, ticket, command.score, command.comment, actor)


def record_rating(
    principal: Principal,
    ticket: Ticket,
    score: int,
    comment: str | None,
    actor: Actor,
    source: str | None = None,
    extra: Sequence[Operation] = (),
) -> Ticket:
    """Record the requester's rating, whatever path it came by (a session, a mailed link): once per
    ticket (409 ``already_rated``), solved or closed tickets only, with the CSAT report counters of
    the assignee and their departments at this moment, and ``extra`` (a link's use), in ONE
    transaction conditional on the ticket's version. ``source`` names the path in the history."""
    policy.require(principal, "tickets.rate", Target(owner_id=ticket.customer_id))
    if ticket.status not in (Status.SOLVED, Status.CLOSED):
        raise RuleViolation("Only solved or closed tickets can be rated.", code="not_solved")
    if ticket.customer_satisfaction_score is not None:
        raise Conflict("This ticket was already rated.", code="already_rated")
    now = utcnow()
    updated = ticket.model_copy(
        update={"customer_satisfaction_score": score, "satisfaction_comment": comment, "updated_at": now}
    )
    history = [
        entry.model_copy(update={"source": source})
        for entry in history_entries(actor, updated, diff(ticket, updated), now, "rated")
    ]
    agent = ticket.assigned_agent_id
    departments = departments_store.department_ids_of_user(ticket.org_id, agent) if agent else []
    counters = csat_store.rating_operations(ticket.org_id, now.date(), score, agent, departments)
    return store.save_ticket(updated, ticket, history, extra=[*extra, *counters])


def attachment_key(org_id: str, number: int, attachment_id: str, file_name: str) -> str:
    """Every object of an organization lives under ``org/<org_id>/``."""
    return f"org/{org_id}/tickets/{number}/{attachment_id}/{safe_file_name(file_name)}"


@retry_on_conflict
def add_attachment(
    principal: Principal, number: str, command: AttachmentCommand, actor: Actor
) -> tuple[Ticket, Attachment, dict[str, object]]:
    """Record the attachment and return a presigned upload limited to its size and type."""
    ticket, comments, _ = get_ticket(principal, number, comment_limit=None)
    policy.require(principal, "tickets.comment", Target(owner_id=ticket.customer_id))
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")
    org = _org_settings(principal)
    content_type = command.file_type.strip().lower()
    if content_type not in org.settings.attachment_content_types:
        raise RuleViolation(
            "This file type is not accepted.",
            code="file_type_not_allowed",
            details=[{"allowed": org.settings.attachment_content_types}],
        )
    if command.file_size > org.settings.attachment_max_bytes:
        raise RuleViolation(f"Files are at most {org.settings.attachment_max_bytes} bytes.", code="file_too_large")
    is_public = command.is_public
    if principal.role is Role.CUSTOMER:
        is_public = True  # customers only ever add what they can see
    marked: list[Comment] = []
    if command.comment_id is not None:
        comment = next((c for c in comments.items if c.id == command.comment_id), None)
        if comment is None:
            raise RuleViolation("comment_id is not a comment of this ticket.", code="invalid_comment")
        marked = [comment.model_copy(update={"has_attachments": True})]
    now = utcnow()
    attachment_id = secrets.token_hex(8)
    attachment = Attachment(
        id=attachment_id,
        org_id=ticket.org_id,
        ticket_number=ticket.number,
        comment_id=command.comment_id,
        uploaded_by_id=principal.user_id,
        file_name=command.file_name,
        file_size=command.file_size,
        file_type=content_type,
        file_path=attachment_key(ticket.org_id, ticket.number, attachment_id, command.file_name),
        is_public=is_public,
        uploaded_at=now,
    )
    updated = ticket.model_copy(update={"updated_at": now})
    history = history_entries(actor, updated, [("attachment", None, attachment.file_name)], now, "attachment_added")
    store.add_attachment(updated, ticket, attachment, history, marked)
    upload = blobs.presign_upload(attachment.file_path, content_type, command.file_size)
    return ticket, attachment, upload


def download_attachment(principal: Principal, number: str, attachment_id: str) -> tuple[Ticket, Attachment, str]:
    """A presigned GET for an attachment the caller may see; counts the download."""
    ticket = load_ticket(principal, number)
    attachment = (
        store.get_attachment(principal.org_id, ticket.number, attachment_id) if len(attachment_id) <= 40 else None
    )
    if (
        attachment is None
        or (principal.role is Role.CUSTOMER and not attachment.is_public)
        or not shown_on(ticket, attachment.merged_from)
    ):
        raise NotFound("Not found.")
    store.count_download(principal.org_id, ticket.number, attachment.id)
    url = blobs.presign_download(attachment.file_path, safe_file_name(attachment.file_name))
    return ticket, attachment.model_copy(update={"download_count": attachment.download_count + 1}), url


def rematch_requester(org_id: str, customer_id: str) -> int:
    """Re-apply the SLA policies to a requester's active tickets (their customer tier changed).

    Run from the table stream (jobs.sla_rematch), not inside the request that changed the user:
    a customer may have many tickets. Idempotent: a ticket that already matches is not written.
    Returns how many tickets changed.
    """
    requester = identity_store.get_user(org_id, customer_id)
    if requester is None:
        return 0
    tier, policies = _tier(requester), sla_store.list_policies(org_id)
    active = store.status_in([s for s in Status if s in ACTIVE])
    changed, cursor = 0, None
    while True:
        page = store.list_queue(org_id, "requester", customer_id, limit=100, cursor=cursor, filter_condition=active)
        for ticket in page.items:
            changed += _rematch(ticket, policies, tier)
        cursor = page.next_cursor
        if cursor is None:
            return changed


def _rematch(ticket: Ticket, policies: list[SLAPolicy], tier: str | None) -> int:
    for _ in range(3):
        now = utcnow()
        updated = sla.stamp(ticket, policies, tier).model_copy(update={"updated_at": now})
        changes = diff(ticket, updated)
        if not changes:
            return 0
        try:
            store.save_ticket(updated, ticket, system_entries(ticket, changes, now, "sla_rematched", "sla-rematch"))
            return 1
        except Conflict as exc:
            if exc.code != "stale_version":
                raise
            fresh = store.get_ticket(ticket.org_id, ticket.number)
            if fresh is None or fresh.is_deleted or fresh.status not in ACTIVE:
                return 0
            ticket = fresh
    raise Conflict("The ticket kept changing; the stream retries the record.", code="stale_version")
