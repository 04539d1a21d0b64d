"""Organization reports, read from counters the ticket transactions keep (never by reading tickets)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain import queue_counts, ticket_flow
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import Principal
from chalicelib.domain.sla import Target
from chalicelib.domain.sla_report import Counts, summary
from chalicelib.domain.tickets import ACTIVE, Priority, Status
from chalicelib.services import csat
from chalicelib.store import departments as departments_store
from chalicelib.store import identity as identity_store
from chalicelib.store import queue_counts as queue_counts_store
from chalicelib.store import reports as store
from chalicelib.store import sla as sla_store

NO_DEPARTMENT = "none"  # the SLA report's department filter for tickets without a department
MAX_DAYS = 366
DEFAULT_DAYS = 30


def _range(start: date | None, end: date | None) -> tuple[date, date]:
    """The report's UTC days: the defaults filled in, 422 when reversed or longer than MAX_DAYS."""
    end = end or utcnow().date()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("'from' must not be after 'to'.", code="invalid_query", details=[{"field": "from"}])
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(
            f"A report covers at most {MAX_DAYS} days.", code="range_too_long", details=[{"field": "from"}]
        )
    return start, end


def _targets(counts: dict[Target, Counts]) -> dict[str, Any]:
    return {target.value: summary(counts.get(target, Counts())) for target in Target}


def sla_report(
    principal: Principal,
    start: date | None,
    end: date | None,
    priority: Priority | None = None,
    department_id: str | None = None,
) -> dict[str, Any]:
    """Met/breached counts and rates, median and mean times per policy, per priority and both, per
    department (tickets without one in the row whose ``department_id`` is null, last) and per day;
    only the tickets of ``priority`` and of ``department_id`` (``none``: without one) when given.

    Days are UTC days: an outcome counts on the day it was decided (see domain.sla_report).
    """
    policy.require(principal, "reports.read")
    start, end = _range(start, end)
    overall: dict[Target, Counts] = defaultdict(Counts)
    by_policy: dict[str, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_priority: dict[str, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_both: dict[tuple[str, str], dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_department: dict[str | None, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_day: dict[date, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    wanted_department = None if department_id == NO_DEPARTMENT else department_id
    for (day, policy_id, prio, target, department), values in store.read_counters(principal.org_id, start, end):
        if (priority is not None and prio != priority) or (
            department_id is not None and department != wanted_department
        ):
            continue
        for group in (
            overall,
            by_day[day],
            by_policy[policy_id],
            by_priority[prio.value],
            by_both[(policy_id, prio.value)],
            by_department[department],
        ):
            group[target].add(values)
    names = {p.id: p.name for p in sla_store.list_policies(principal.org_id)}
    # The departments the counters name (ONE BatchGetItem; none when no ticket had a department).
    named = departments_store.get_departments(principal.org_id, [d for d in by_department if d])
    departments = {d.id: d.name for d in named.values()}
    return {
        "from": start,
        "to": end,
        "overall": _targets(overall),
        "by_policy": [
            {"policy_id": pid, "policy_name": names.get(pid), **_targets(counts)}
            for pid, counts in sorted(by_policy.items(), key=lambda kv: (names.get(kv[0]) or "~", kv[0]))
        ],
        "by_priority": [{"priority": prio, **_targets(counts)} for prio, counts in sorted(by_priority.items())],
        "by_department": [
            {"department_id": did, "department_name": departments.get(did) if did else None, **_targets(counts)}
            for did, counts in sorted(
                by_department.items(), key=lambda kv: (kv[0] is None, departments.get(kv[0] or "") or "~", kv[0] or "")
            )
        ],
        "by_day": [{"day": day, **_targets(counts)} for day, counts in sorted(by_day.items())],
        "csat": csat.org_figures(principal.org_id, start, end),
        "by_policy_and_priority": [
            {"policy_id": pid, "policy_name": names.get(pid), "priority": prio, **_targets(counts)}
            for (pid, prio), counts in sorted(by_both.items(), key=lambda kv: (names.get(kv[0][0]) or "~", kv[0]))
        ],
    }


def tickets_report(principal: Principal, start: date | None, end: date | None) -> dict[str, Any]:
    """Tickets created and solved per UTC day of the range, the backlog (active tickets by age of
    their creation day, now) and each agent's open tickets by status, from counter rows only: ONE
    Query of the flow counters, ONE Query of the queue counters, ONE BatchGetItem of the agents."""
    policy.require(principal, "reports.read")
    start, end = _range(start, end)
    today = utcnow().date()
    flow = store.read_flow(principal.org_id)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    backlog = dict.fromkeys((name for name, _, _ in ticket_flow.AGE_BUCKETS), 0)
    for day, values in flow.items():
        if values.get("open", 0) > 0:
            backlog[ticket_flow.age_bucket(max((today - day).days, 0))] += values["open"]
    counters = queue_counts_store.snapshot(principal.org_id)
    loads = {
        name.removeprefix("AGENT#"): values
        for name, values in counters.items()
        if name.startswith("AGENT#") and any(values.get(f"status_{s.value}", 0) for s in ACTIVE)
    }
    users = identity_store.get_users(principal.org_id, list(loads))
    unassigned = counters.get(queue_counts.UNASSIGNED, {})
    return {
        "from": start,
        "to": end,
        # Never below 0: a ticket older than the counters takes back on change what it never added.
        "by_day": [
            {
                "day": day,
                "created": max(flow.get(day, {}).get("created", 0), 0),
                "solved": max(flow.get(day, {}).get("solved", 0), 0),
            }
            for day in days
        ],
        "backlog": [{"bucket": name, "open": count} for name, count in backlog.items()],
        "workload": sorted(
            (
                {
                    "agent_id": agent_id,
                    "agent_name": users[agent_id].display_name if agent_id in users else None,
                    **_active(values),
                }
                for agent_id, values in loads.items()
            ),
            key=lambda row: (-int(row["active"]), str(row["agent_name"] or "~"), str(row["agent_id"])),
        ),
        "unassigned": _active(unassigned),
    }


def _active(values: dict[str, int]) -> dict[str, int]:
    """A queue counter's active tickets, by status and in all."""
    statuses = {s.value: max(values.get(f"status_{s.value}", 0), 0) for s in Status if s in ACTIVE}
    return {**statuses, "active": sum(statuses.values())}
