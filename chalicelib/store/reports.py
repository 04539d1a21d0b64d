"""SLA report counters: one item per (UTC day, policy, priority, target), kept by ticket transactions.

| item | PK | SK |
|---|---|---|
| SLA counter | ``ORG#o#SLASTATS`` | ``DAY#<yyyy-mm-dd>#<policy_id>#<priority>#<target>[#<department_id>]`` |
| ticket flow counter | ``ORG#o#SLASTATS`` | ``FLOW#<yyyy-mm-dd>`` |
| ticket flow backfill mark | ``ORG#o#SLASTATS`` | ``FLOWBACKFILL`` |

Tickets with a department count under their department's counters (the ``#<department_id>``
suffix); those without under the suffix-less ones, as every ticket did before departments.

Attributes (all ADDed, never read-modify-written): ``met``, ``breached``, ``completed``, ``sec``
and ``bsec`` (summed calendar/business seconds), ``c<i>``/``cs<i>`` and ``b<i>``/``bs<i>`` (count
and sum of each histogram bucket of domain.sla_report.BUCKETS). A report over a date range is
ONE Query (paged) on the partition.

Ticket flow counters (domain.ticket_flow): ``created``, ``solved`` and ``open`` per UTC day, ADDed
in the same transactions; the tickets report reads them with ONE Query on ``begins_with(SK, "FLOW#")``.
Each of those ADDs also adds 1 to the row's ``rev``: the backfill (``jobs.backfill_report_counters``)
replaces a row only while ``rev`` is the one it read, so no ticket write in between is lost, even
one that put the values back where they were. ``FLOWBACKFILL`` (same partition) marks an
organization whose flow counters the backfill made whole.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pynamodb.attributes import JSONAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.operand import Path

from chalicelib.domain.clock import iso
from chalicelib.domain.sla import Target
from chalicelib.domain.sla_report import CounterKey
from chalicelib.domain.tickets import Priority, Ticket
from chalicelib.store.keys import tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Operation, Tally, tallied


class SLACounterItem(TableItem, discriminator="SLACounter"):
    """Numeric attributes are added by name (``Tally``), so they are not declared here."""


class TicketFlowItem(TableItem, discriminator="TicketFlow"):
    """``created``, ``solved`` and ``open`` of one UTC day, added by name (``Tally``), and ``rev``."""


class TicketFlowBackfillItem(TableItem, discriminator="TicketFlowBackfill"):
    """The organization's flow counters were made whole by the backfill (when, what it wrote)."""

    data = JSONAttribute()


FLOW_ATTRIBUTES = ("created", "open", "solved")
REVISION = "rev"  # added 1 by every ticket write to a flow row (the backfill's guard)
BACKFILL_SK = "FLOWBACKFILL"


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
            Tally(TicketFlowItem, pk, flow_sk(day), {**increments, REVISION: 1})
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
        date.fromisoformat(sk.removeprefix("FLOW#")): {k: v for k, v in values.items() if k != REVISION}
        for sk, values in tallied(TicketFlowItem, stats_pk(org_id), "FLOW#", "FLOW#~")
    }


def flow_snapshot(org_id: str) -> dict[date, dict[str, int]]:
    """Every flow row with its ``rev`` (0 when no write added one yet), strongly consistent: one
    paged Query (the backfill's reading of the counters)."""
    connection = TicketFlowItem._get_connection()
    rows: dict[date, dict[str, int]] = {}
    last: dict[str, Any] | None = None
    while True:
        page = connection.query(
            stats_pk(org_id),
            TicketFlowItem.SK.between("FLOW#", "FLOW#~"),
            consistent_read=True,
            exclusive_start_key=last,
        )
        for raw in page.get("Items", []):
            values = {name: int(raw[name]["N"]) if name in raw else 0 for name in (*FLOW_ATTRIBUTES, REVISION)}
            rows[date.fromisoformat(str(raw["SK"]["S"]).removeprefix("FLOW#"))] = values
        last = page.get("LastEvaluatedKey")
        if not last:
            return rows


def replace_flow_row(org_id: str, day: date, values: dict[str, int], seen: dict[str, int] | None) -> bool:
    """Set the day's flow counters to ``values`` if no ticket write touched the row since it was read
    as ``seen`` (None: it did not exist); bumps ``rev``. False when one did (count again)."""
    condition: Condition
    if seen is None:
        condition = TableItem.PK.does_not_exist()
    elif seen[REVISION]:
        condition = Path(REVISION) == seen[REVISION]
    else:
        condition = Path(REVISION).does_not_exist() & TableItem.PK.exists()
    actions = [Path(name).set(values.get(name, 0)) for name in FLOW_ATTRIBUTES]
    actions += [Path(REVISION).add(1), TicketFlowItem.type.set(TicketFlowItem)]  # type: ignore[list-item, arg-type]
    try:
        TicketFlowItem._get_connection().update_item(
            stats_pk(org_id), flow_sk(day), actions=actions, condition=condition
        )
    except UpdateError as exc:
        if exc.cause_response_code != "ConditionalCheckFailedException":
            raise
        return False
    return True


def flow_backfilled(org_id: str) -> dict[str, Any] | None:
    """What the backfill recorded when it made the organization's flow counters whole, or None."""
    try:
        item = TicketFlowBackfillItem.get(stats_pk(org_id), BACKFILL_SK, consistent_read=True)
    except TicketFlowBackfillItem.DoesNotExist:
        return None
    return dict(item.data)


def mark_flow_backfilled(org_id: str, now: datetime, report: dict[str, int]) -> None:
    TicketFlowBackfillItem(PK=stats_pk(org_id), SK=BACKFILL_SK, data={"done_at": iso(now), **report}).save()
