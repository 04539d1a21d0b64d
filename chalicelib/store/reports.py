"""SLA report counters: one item per (UTC day, policy, priority, target), kept by ticket transactions.

| item | PK | SK |
|---|---|---|
| SLA counter | ``ORG#o#SLASTATS`` | ``DAY#<yyyy-mm-dd>#<policy_id>#<priority>#<target>[#<department_id>]`` |
| ticket flow counter | ``ORG#o#SLASTATS`` | ``FLOW#<yyyy-mm-dd>`` |

Tickets with a department count under their department's counters (the ``#<department_id>``
suffix); those without under the suffix-less ones, as every ticket did before departments.

Attributes (all ADDed, never read-modify-written): ``met``, ``breached``, ``completed``, ``sec``
and ``bsec`` (summed calendar/business seconds), ``c<i>``/``cs<i>`` and ``b<i>``/``bs<i>`` (count
and sum of each histogram bucket of domain.sla_report.BUCKETS). A report over a date range is
ONE Query (paged) on the partition.

Ticket flow counters (domain.ticket_flow): ``created``, ``solved`` and ``open`` per UTC day, ADDed
in the same transactions; the tickets report reads them with ONE Query on ``begins_with(SK, "FLOW#")``.
"""

from __future__ import annotations

from datetime import date

from chalicelib.domain.sla import Target
from chalicelib.domain.sla_report import CounterKey
from chalicelib.domain.tickets import Priority, Ticket
from chalicelib.store.keys import tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Operation, Tally, tallied


class SLACounterItem(TableItem, discriminator="SLACounter"):
    """Numeric attributes are added by name (``Tally``), so they are not declared here."""


class TicketFlowItem(TableItem, discriminator="TicketFlow"):
    """``created``, ``solved`` and ``open`` of one UTC day, added by name (``Tally``)."""


def stats_pk(org_id: str) -> str:
    return tenant_key(org_id, "SLASTATS")


def counter_sk(key: CounterKey) -> str:
    day, policy_id, priority, target, department_id = key
    suffix = f"#{department_id}" if department_id else ""
    return f"DAY#{day.isoformat()}#{policy_id}#{priority.value}#{target.value}{suffix}"


def flow_sk(day: date) -> str:
    return f"FLOW#{day.isoformat()}"


def report_operations(before: Ticket | None, after: Ticket) -> list[Operation]:
    """The SLA and ticket flow counter changes that move ``before``'s contribution to ``after``'s
    (usually none)."""
    from chalicelib.domain import ticket_flow
    from chalicelib.domain.sla_report import deltas

    changes = deltas(before, after)
    pk = stats_pk(after.org_id)
    return [
        *(
            Tally(SLACounterItem, pk, counter_sk(key), increments)
            for key, increments in sorted(changes.items(), key=lambda kv: counter_sk(kv[0]))
        ),
        *(
            Tally(TicketFlowItem, pk, flow_sk(day), increments)
            for day, increments in sorted(ticket_flow.deltas(before, after).items())
        ),
    ]


def read_counters(org_id: str, start: date, end: date) -> list[tuple[CounterKey, dict[str, int]]]:
    """Every counter from ``start`` to ``end`` inclusive: one paged Query on the org's stats partition."""
    rows: list[tuple[CounterKey, dict[str, int]]] = []
    for sk, values in tallied(SLACounterItem, stats_pk(org_id), f"DAY#{start.isoformat()}", f"DAY#{end.isoformat()}#~"):
        _, day, policy_id, priority, target, *department = sk.split("#", 5)
        key: CounterKey = (
            date.fromisoformat(day),
            policy_id,
            Priority(priority),
            Target(target),
            department[0] if department else None,
        )
        rows.append((key, values))
    return rows


def read_flow(org_id: str) -> dict[date, dict[str, int]]:
    """Every day's ticket flow counters, all time (the backlog needs every creation day): one paged
    Query on ``FLOW#`` rows, one row per UTC day with activity."""
    return {
        date.fromisoformat(sk.removeprefix("FLOW#")): values
        for sk, values in tallied(TicketFlowItem, stats_pk(org_id), "FLOW#", "FLOW#~")
    }
