"""Organization reports, read from counters the ticket transactions keep (never by reading tickets)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import Principal
from chalicelib.domain.sla import Target
from chalicelib.domain.sla_report import Counts, summary
from chalicelib.services import csat
from chalicelib.store import departments as departments_store
from chalicelib.store import reports as store
from chalicelib.store import sla as sla_store

MAX_DAYS = 366
DEFAULT_DAYS = 30


def _targets(counts: dict[Target, Counts]) -> dict[str, Any]:
    return {target.value: summary(counts.get(target, Counts())) for target in Target}


def sla_report(principal: Principal, start: date | None, end: date | None) -> dict[str, Any]:
    """Met/breached counts and rates, median and mean times per policy, per priority and both, and
    per department (tickets without one in the row whose ``department_id`` is null, last).

    Days are UTC days: an outcome counts on the day it was decided (see domain.sla_report).
    """
    policy.require(principal, "reports.read")
    end = end or utcnow().date()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("'from' must not be after 'to'.", code="invalid_query", details=[{"field": "from"}])
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(
            f"A report covers at most {MAX_DAYS} days.", code="range_too_long", details=[{"field": "from"}]
        )
    overall: dict[Target, Counts] = defaultdict(Counts)
    by_policy: dict[str, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_priority: dict[str, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_both: dict[tuple[str, str], dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    by_department: dict[str | None, dict[Target, Counts]] = defaultdict(lambda: defaultdict(Counts))
    for (_, policy_id, priority, target, department), values in store.read_counters(principal.org_id, start, end):
        for group in (
            overall,
            by_policy[policy_id],
            by_priority[priority.value],
            by_both[(policy_id, priority.value)],
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
        "csat": csat.org_figures(principal.org_id, start, end),
        "by_policy_and_priority": [
            {"policy_id": pid, "policy_name": names.get(pid), "priority": prio, **_targets(counts)}
            for (pid, prio), counts in sorted(by_both.items(), key=lambda kv: (names.get(kv[0][0]) or "~", kv[0]))
        ],
    }
