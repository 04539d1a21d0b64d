"""CCs and followers of a ticket.

CCs are customer-side addresses copied on the ticket's public replies (and its acknowledgement);
followers are staff notified of every update (``services/notifications.py``). Both lists live on
the ticket item: a change is one write conditional on the version read, with a history entry in
the same transaction, re-run on a lost race (``retry_on_conflict``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chalicelib.auth import policy
from chalicelib.auth.policy import Target
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.identity import STAFF_ROLES, Organization, Principal
from chalicelib.domain.tickets import Status, Ticket, diff
from chalicelib.services import tickets as ticket_service
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import identity as identity_store
from chalicelib.store import tickets as store

MAX_CCS = 20  # addresses copied on one ticket
MAX_FOLLOWERS = 50  # staff following one ticket


def normalised_address(address: str) -> str | None:
    """``address`` as CCs are kept (email-validator's form, lower-cased), or None when it is not a
    usable address (malformed, a display name or header text smuggled in, too long).

    >>> normalised_address(" Casey@Example.COM "), normalised_address("a@b.c\\r\\nBcc: x@y.z")
    ('casey@example.com', None)
    """
    from email_validator import EmailNotValidError, validate_email  # lazy: keeps dnspython out of cold starts

    text = address.strip()
    if not text or len(text) > 254 or any(ch in text for ch in "\r\n<>,;\"'() \t"):
        return None
    try:
        return str(validate_email(text, check_deliverability=False).normalized).lower()
    except EmailNotValidError:
        return None


def is_support_address(org: Organization, address: str) -> bool:
    """One of the organization's own addresses, or anything at the inbound domain (a mail loop)."""
    from chalicelib.services.channels import is_own_address

    return is_own_address(org, address)


def mail_ccs(org: Organization, requester_email: str, current: Sequence[str], candidates: Iterable[str]) -> list[str]:
    """``current`` with the usable ``candidates`` added (an inbound message's To/Cc): never a
    support address, the requester or a duplicate, and at most ``MAX_CCS`` in all (the rest is
    dropped: a message naming hundreds of addresses copies none of them past the cap)."""
    result = list(current)
    refused = {requester_email.lower()}
    for candidate in candidates:
        if len(result) >= MAX_CCS:
            break
        if is_support_address(org, candidate.strip().lower()):
            continue
        address = normalised_address(candidate)
        if address is None or address in result or address in refused or is_support_address(org, address):
            continue
        result.append(address)
    return result


def _cc_problem(index: int, address: str, message: str, kind: str) -> dict[str, object]:
    return {"field": f"add[{index}]", "message": message, "type": kind, "value": address[:254]}


@retry_on_conflict
def change_ccs(
    principal: Principal, number: str, add: Sequence[str], remove: Sequence[str], actor: ticket_service.Actor
) -> Ticket:
    """``POST /tickets/{number}/ccs``: staff who may update tickets, or the ticket's requester.

    422 ``invalid_cc`` (one detail per refused address: malformed, a support address of the
    organization, the requester's own address), 422 ``too_many_ccs`` past ``MAX_CCS``, 409
    ``ticket_closed``. Addresses already there (or absent, for ``remove``) change nothing.
    """
    ticket = ticket_service.load_ticket(principal, number)
    policy.require(principal, "tickets.ccs", Target(owner_id=ticket.customer_id))
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")
    org = identity_store.get_organization(principal.org_id)
    requester = identity_store.get_user(principal.org_id, ticket.customer_id)
    requester_email = requester.email.lower() if requester is not None else ""
    problems: list[dict[str, object]] = []
    added: list[str] = []
    for index, raw in enumerate(add):
        address = normalised_address(raw)
        if org is not None and is_support_address(org, address or raw.strip().lower()):
            problems.append(_cc_problem(index, raw, "a support address of the organization", "support_address"))
        elif address is None:
            problems.append(_cc_problem(index, raw, "not a valid email address", "invalid_email"))
        elif address == requester_email:
            problems.append(_cc_problem(index, raw, "the requester's own address", "requester"))
        elif address not in added:
            added.append(address)
    if problems:
        raise RuleViolation("Some addresses cannot be copied on this ticket.", code="invalid_cc", details=problems)
    removed = {normalised_address(r) or r.strip().lower() for r in remove}
    ccs = [a for a in ticket.cc_emails if a not in removed]
    ccs += [a for a in added if a not in ccs and a not in removed]
    if len(ccs) > MAX_CCS:
        raise RuleViolation(
            f"A ticket copies at most {MAX_CCS} addresses.",
            code="too_many_ccs",
            details=[{"field": "add", "message": f"at most {MAX_CCS} CCs", "type": "too_many", "limit": MAX_CCS}],
        )
    return _save(actor, ticket, ticket.model_copy(update={"cc_emails": ccs}))


def _me(principal: Principal, user_id: str) -> str:
    return principal.user_id if user_id == "me" else user_id


@retry_on_conflict
def change_followers(
    principal: Principal, number: str, add: Sequence[str], remove: Sequence[str], actor: ticket_service.Actor
) -> Ticket:
    """``POST /tickets/{number}/followers``: staff only. Anyone on staff adds or removes
    themselves (``tickets.follow``); others' follows need ``tickets.update``. Added ids must be
    active staff of the organization (422 ``invalid_follower``); ``me`` names the caller."""
    add, remove = [_me(principal, u) for u in add], [_me(principal, u) for u in remove]
    ticket = ticket_service.load_ticket(principal, number)
    policy.require(principal, "tickets.follow")
    if any(user_id != principal.user_id for user_id in [*add, *remove]):
        policy.require(principal, "tickets.update")
    if ticket.status is Status.CLOSED:
        raise Conflict("Closed tickets are read-only.", code="ticket_closed")
    wanted = [u for u in dict.fromkeys(add) if u not in ticket.follower_ids]
    users = identity_store.get_users(principal.org_id, wanted) if wanted else {}
    problems = [
        {"field": f"add[{index}]", "message": "not an active staff member", "type": "invalid_follower", "value": u}
        for index, u in enumerate(add)
        if u in wanted and ((user := users.get(u)) is None or not user.is_active or user.role not in STAFF_ROLES)
    ]
    if problems:
        raise RuleViolation(
            "Followers are active agents, managers or admins of the organization.",
            code="invalid_follower",
            details=problems,
        )
    followers = [u for u in ticket.follower_ids if u not in set(remove)]
    followers += [u for u in wanted if u not in followers and u not in set(remove)]
    if len(followers) > MAX_FOLLOWERS:
        raise RuleViolation(
            f"A ticket has at most {MAX_FOLLOWERS} followers.",
            code="invalid_follower",
            details=[{"field": "add", "message": f"at most {MAX_FOLLOWERS} followers", "type": "too_many"}],
        )
    return _save(actor, ticket, ticket.model_copy(update={"follower_ids": followers}))


def _save(actor: ticket_service.Actor, ticket: Ticket, updated: Ticket) -> Ticket:
    """The change and its history entry in one write conditional on the version read."""
    changes = diff(ticket, updated)
    if not changes:
        return ticket
    now = utcnow()
    updated = updated.model_copy(update={"updated_at": now})
    history = ticket_service.history_entries(actor, updated, changes, now)
    return store.save_ticket(updated, ticket, history)


def is_cc(ticket: Ticket, email: str) -> bool:
    """Whether ``email`` is copied on ``ticket`` (the right of a CC to reply to it by mail)."""
    return email.lower() in ticket.cc_emails
