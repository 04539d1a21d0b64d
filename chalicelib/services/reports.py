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
from chalicelib.store import reports as store
from chalicelib.store import sla as sla_store

MAX_DAYS = 366
DEFAULT_DAYS = 30


def _targets(counts: dict[Target, Counts]) -> dict[str, Any]:
    return {target.value: summary(counts.get(target, Counts())) for target in Target}


def sla_report(principal: Principal, start: date | None, end: date | None) -> dict[str, Any]:
    """Met/breached counts and rates, median and mean times per policy, per priority and both.

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
    for (_, policy_id, priority, target), values in store.read_counters(principal.org_id, start, end):
        for group in (overall, by_policy[policy_id], by_priority[priority.value], by_both[(policy_id, priority.value)]):
            group[target].add(values)
    names = {p.id: p.name for p in sla_store.list_policies(principal.org_id)}
    return {
        "from": start,
        "to": end,
        "overall": _targets(overall),
        "by_policy": [
            {"policy_id": pid, "policy_name": names.get(pid), **_targets(counts)}
            for pid, counts in sorted(by_policy.items(), key=lambda kv: (names.get(kv[0]) or "~", kv[0]))
        ],
        "by_priority": [{"priority": prio, **_targets(counts)} for prio, counts in sorted(by_priority.items())],
        "csat": csat.org_figures(principal.org_id, start, end),
        "by_policy_and_priority": [
            {"policy_id": pid, "policy_name": names.get(pid), "priority": prio, **_targets(counts)}
            for (pid, prio), counts in sorted(by_both.items(), key=lambda kv: (names.get(kv[0][0]) or "~", kv[0]))
        ],
    }
