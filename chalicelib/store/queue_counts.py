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

from chalicelib.domain import queue_counts as domain
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


def _existing(org_id: str) -> list[str]:
    """Every counter of the organization: ONE paged Query on ``begins_with(SK, "QUEUECOUNT#")``."""
    return [
        counter_name(i)
        for i in QueueCountItem.query(org_pk(org_id), QueueCountItem.SK.startswith(PREFIX))
        if isinstance(i, QueueCountItem)
    ]


def set_counters(org_id: str, totals: dict[str, dict[str, int]]) -> int:
    """Overwrite the organization's counters with ``totals`` (counters it does not name are set to
    zero): the recount. Returns how many counter items were written."""
    names = sorted(set(totals) | set(_existing(org_id)))
    for start in range(0, len(names), 25):
        operations: list[Operation] = []
        for name in names[start : start + 25]:
            values = totals.get(name, {})
            pk, sk = counter_key(org_id, name)
            item = QueueCountItem(PK=pk, SK=sk)
            for attribute in domain.ATTRIBUTES:
                setattr(item, attribute, values.get(attribute, 0))
            operations.append(Put(item, check_version=False))
        transact_write(operations)
    return len(names)
