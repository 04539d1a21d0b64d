"""Queue counters: live tickets per queue (``all``, ``unassigned``, each assignee), kept by the
ticket transactions.

| item | PK | SK |
|---|---|---|
| queue counter | ``ORG#o`` | ``QUEUECOUNT#ALL``, ``QUEUECOUNT#UNASSIGNED``, ``QUEUECOUNT#AGENT#<u>`` |

Attributes (all ADDed in the ticket's transaction, never read-modify-written): ``total``,
``status_<s>`` for new/open/pending/on_hold/solved and ``priority_<p>``. The inbox's counts are
ONE BatchGetItem of up to three of these items.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute
from pynamodb.expressions.condition import Condition

from chalicelib.domain import queue_counts as domain
from chalicelib.domain.errors import Conflict
from chalicelib.domain.tickets import Ticket
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Operation, Put, Tally, transact_write

PREFIX = "QUEUECOUNT#"


class QueueCountItem(TableItem, discriminator="QueueCount"):
    """The attributes are declared so a BatchGetItem of the table's base model reads them."""

    total = NumberAttribute(default=0)
    status_new = NumberAttribute(default=0)
    status_open = NumberAttribute(default=0)
    status_pending = NumberAttribute(default=0)
    status_on_hold = NumberAttribute(default=0)
    status_solved = NumberAttribute(default=0)
    priority_low = NumberAttribute(default=0)
    priority_normal = NumberAttribute(default=0)
    priority_high = NumberAttribute(default=0)
    priority_urgent = NumberAttribute(default=0)


def counter_key(org_id: str, counter: str) -> tuple[str, str]:
    """The (PK, SK) of one counter (``domain.ALL``, ``domain.UNASSIGNED`` or an agent's)."""
    return org_pk(org_id), PREFIX + counter


def counter_name(item: QueueCountItem) -> str:
    return str(item.SK).removeprefix(PREFIX)


def values_of(item: QueueCountItem) -> dict[str, int]:
    return {name: int(getattr(item, name) or 0) for name in domain.ATTRIBUTES}


def queue_count_operations(before: Ticket | None, after: Ticket) -> list[Operation]:
    """The counter ADDs that move ``before``'s contribution to ``after``'s (none when no queue moves)."""
    changes = domain.deltas(before, after)
    return [
        Tally(QueueCountItem, *counter_key(after.org_id, counter), increments)
        for counter, increments in sorted(changes.items())
    ]


def read_counters(org_id: str, counters: list[str]) -> dict[str, dict[str, int]]:
    """The named counters' values: ONE BatchGetItem. A counter never written is absent."""
    keys = [counter_key(org_id, c) for c in dict.fromkeys(counters)]
    return {counter_name(i): values_of(i) for i in TableItem.batch_get(keys) if isinstance(i, QueueCountItem)}


def snapshot(org_id: str) -> dict[str, dict[str, int]]:
    """Every counter of the organization: ONE paged Query on ``begins_with(SK, "QUEUECOUNT#")``."""
    return {
        counter_name(i): values_of(i)
        for i in QueueCountItem.query(org_pk(org_id), QueueCountItem.SK.startswith(PREFIX), consistent_read=True)
        if isinstance(i, QueueCountItem)
    }


def _unchanged(values: dict[str, int] | None) -> Condition:
    """The counter still holds ``values`` (None: it does not exist)."""
    if values is None:
        return QueueCountItem.PK.does_not_exist()
    condition: Condition | None = None
    for name in domain.ATTRIBUTES:
        attribute = getattr(QueueCountItem, name)
        value = values.get(name, 0)
        holds = attribute == value if value else (attribute == 0) | attribute.does_not_exist()
        condition = holds if condition is None else condition & holds
    assert condition is not None
    return condition


def _full(values: dict[str, int] | None) -> dict[str, int]:
    return {name: (values or {}).get(name, 0) for name in domain.ATTRIBUTES}


def replace(org_id: str, totals: dict[str, dict[str, int]], seen: dict[str, dict[str, int]]) -> int | None:
    """Set the organization's counters to ``totals`` (those it does not name to zero), each only if
    it still holds what ``snapshot`` read (``seen``): the recount. Counters already right are left
    alone. Returns how many were written, or None when a ticket write moved a counter meanwhile
    (nothing of that transaction is written; count again). Transactions of 100 counters."""
    names = [n for n in sorted(set(totals) | set(seen)) if _full(totals.get(n)) != _full(seen.get(n))]
    moved = Conflict("A queue counter moved during the recount.", code="stale_version")
    for start in range(0, len(names), 100):
        operations: list[Operation] = []
        for name in names[start : start + 100]:
            pk, sk = counter_key(org_id, name)
            item = QueueCountItem(PK=pk, SK=sk)
            for attribute, value in _full(totals.get(name)).items():
                setattr(item, attribute, value)
            operations.append(Put(item, condition=_unchanged(seen.get(name)), on_conflict=moved, check_version=False))
        try:
            transact_write(operations)
        except Conflict:
            return None
    return len(names)
