"""Satisfaction ratings by mailed link, and the CSAT report (rules: ``chalicelib.domain.csat``).

The "ticket solved" mail to the requester carries one CSAT link (``links``, purpose ``csat``, bound
to the requester and the ticket, ``VALID_FOR``): one-click ``good``/``bad`` pages and a 1-5 form,
all the same token. The web page POSTs the token: ``preview`` shows what is rated without using
the link; ``rate`` uses it and records the rating in ONE transaction (``tickets.record_rating``,
the same rule as a signed-in rating). Nothing here signs anyone in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.csat import UNASSIGNED, Dimension, Totals, week_of
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.domain.identity import Organization, Principal, User
from chalicelib.domain.links import Link, Purpose
from chalicelib.domain.tickets import Ticket
from chalicelib.services import links, tickets
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import csat as store
from chalicelib.store import identity as identity_store
from chalicelib.store import tickets as tickets_store
from chalicelib.store.transactions import Operation

VALID_FOR = timedelta(days=14)
MAX_DAYS = 366
DEFAULT_DAYS = 30


def rating_invitation(org: Organization, ticket: Ticket, user: User, body: str) -> tuple[str, list[Operation]]:
    """The solved mail's ``body`` with the rating links for ``user`` (the requester), and the write
    that stores the new link (to commit with the mail's record, before it is sent)."""
    token, _, put = links.issue(org.id, Purpose.CSAT, user.id, VALID_FOR, {"ticket_number": ticket.number})
    page = links.url("rate", token)
    text = (
        f"{body}\n\nHow did we do? One click is enough:\n"
        f"  Good: {page}&rating=good\n"
        f"  Bad:  {page}&rating=bad\n"
        f"Or give a score from 1 to 5 with a comment: {page}\n"
        f"(These links work once, for {VALID_FOR.days} days.)"
    )
    return text, [put]


@dataclass(frozen=True)
class Rateable:
    """What a usable rating link rates."""

    link: Link
    org: Organization
    ticket: Ticket
    principal: Principal


def _open(token: str, now: datetime) -> Rateable:
    """The link's ticket and the requester as the principal of the rating (restricted to rating
    that one ticket), or why not: 400/410 for the link, 404 when the ticket is gone, 403
    ``not_requester`` when the ticket's requester changed since the mail."""
    link = links.check(token, Purpose.CSAT, now)
    number = link.data.get("ticket_number")
    org = identity_store.get_organization(link.org_id)
    ticket = tickets_store.get_ticket(link.org_id, number) if isinstance(number, int) else None
    if org is None or ticket is None or ticket.is_deleted:
        raise NotFound("This ticket no longer exists.")
    if ticket.customer_id != link.user_id:
        raise Forbidden("This link was sent to someone who is no longer this ticket's requester.", code="not_requester")
    user = identity_store.get_user(link.org_id, link.user_id)
    if user is None or not user.is_active:
        raise Forbidden("This link's recipient can no longer rate tickets.", code="not_requester")
    principal = Principal(
        org_id=org.id,
        user_id=user.id,
        role=user.role,
        session_id="",
        org_active=org.is_active,
        kind="ticket_link",
        allowed_actions=frozenset({"tickets.rate"}),
        ticket_number=ticket.number,
    )
    return Rateable(link, org, ticket, principal)


def preview(token: str) -> dict[str, Any]:
    """What the rating page shows; the link stays unused (three GetItems)."""
    found = _open(token, utcnow())
    policy.require(found.principal, "tickets.rate", policy.Target(owner_id=found.ticket.customer_id))
    return {
        "ticket_number": found.ticket.ticket_number,
        "subject": found.ticket.subject,
        "organization_name": found.org.name,
        "already_rated": found.ticket.customer_satisfaction_score is not None,
        "expires_at": found.link.expires_at,
    }


@retry_on_conflict
def rate(token: str, score: int, comment: str | None, ip_address: str | None, user_agent: str | None) -> Ticket:
    """Use the link and record the rating together (a concurrent second use: 410 ``link_used``)."""
    now = utcnow()
    found = _open(token, now)
    actor = tickets.Actor(found.principal, ip_address, user_agent)
    try:
        return tickets.record_rating(
            found.principal, found.ticket, score, comment, actor, source="link", extra=[links.use(found.link, now)]
        )
    except Conflict as exc:
        if exc.code == "already_rated":
            # A concurrent use of this link rated the ticket between our link and ticket reads:
            # that is a used link (410), as when the use itself loses the race.
            links.check(token, Purpose.CSAT, now)
        raise


def report_range(start: date | None, end: date | None) -> tuple[date, date]:
    """A report's UTC days: default the last 30 up to today; 422 when reversed or over a year."""
    end = end or utcnow().date()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("'from' must not be after 'to'.", code="invalid_query", details=[{"field": "from"}])
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(
            f"A report covers at most {MAX_DAYS} days.", code="range_too_long", details=[{"field": "from"}]
        )
    return start, end


def org_figures(org_id: str, start: date, end: date) -> dict[str, Any]:
    """The organization's ratings from ``start`` to ``end`` (one Query on its day rows)."""
    return _total(store.read_counters(org_id, Dimension.ORG, start, end)).figures()


def _total(rows: list[tuple[date, str, dict[str, int]]]) -> Totals:
    totals = Totals()
    for _, _, values in rows:
        totals.add(values)
    return totals


def report(principal: Principal, start: date | None, end: date | None, group_by: str) -> dict[str, Any]:
    """Ratings per agent, per department or per ISO week over UTC days ``start``-``end``, and the
    total; read from counter rows (one Query on the day rows, and one for the agent or department
    rows), never from tickets."""
    policy.require(principal, "reports.read")
    start, end = report_range(start, end)
    days = store.read_counters(principal.org_id, Dimension.ORG, start, end)
    groups: dict[str, Totals] = defaultdict(Totals)
    if group_by == "week":
        for day, _, values in days:
            groups[week_of(day)[0]].add(values)
        rows: list[dict[str, Any]] = [
            {"week": week, "week_start": date.fromisocalendar(int(week[:4]), int(week[6:]), 1), **totals.figures()}
            for week, totals in sorted(groups.items())
        ]
    else:
        dimension = Dimension.AGENT if group_by == "agent" else Dimension.DEPARTMENT
        for _, key, values in store.read_counters(principal.org_id, dimension, start, end):
            groups[key].add(values)
        field = "agent_id" if group_by == "agent" else "department_id"
        ordered = sorted(groups.items(), key=lambda kv: (-kv[1].count, kv[0]))
        rows = [{field: None if key == UNASSIGNED else key, **totals.figures()} for key, totals in ordered]
    overall = _total(days).figures()
    return {"from": start, "to": end, "group_by": group_by, "overall": overall, "rows": rows}
