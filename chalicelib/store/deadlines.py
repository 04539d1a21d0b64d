"""SLA deadline items and the sparse DUE index the sweep reads.

* deadline: ``ORG#o#TICKET#n`` / ``DEADLINE#<target>``; DUE index
  ``DUE#<yyyy-mm-ddThh>#<shard>`` / ``<next event iso>#o#n#<target>``
* sweep state: ``PLATFORM#SWEEP`` / ``STATE`` (the first hour still to read)

Only deadlines with a pending event carry the DUE keys; the sweep reads, per shard, the hour
partitions from its last position to now with ``DUESK <= now``: items read are proportional to
the events due, not to the tickets stored.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from pynamodb.attributes import JSONAttribute, UnicodeAttribute

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.deadlines import Deadline
from chalicelib.domain.sla import Target
from chalicelib.store.keys import platform_key
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import ticket_pk
from chalicelib.store.transactions import Delete, Operation, Put, is_condition_failure

SHARDS = 4


class DeadlineItem(TableItem, discriminator="Deadline"):
    data = JSONAttribute()
    next_at = UnicodeAttribute(null=True)


class SweepStateItem(TableItem, discriminator="SweepState"):
    swept_from_hour = UnicodeAttribute()


def hour_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H")


def shard_of(org_id: str, number: int) -> int:
    return int(hashlib.sha256(f"{org_id}#{number}".encode()).hexdigest(), 16) % SHARDS


def deadline_sk(target: Target) -> str:
    return f"DEADLINE#{target.value}"


def deadline_item(deadline: Deadline) -> DeadlineItem:
    item = DeadlineItem(
        PK=ticket_pk(deadline.org_id, deadline.ticket_number),
        SK=deadline_sk(deadline.target),
        data=deadline.model_dump(mode="json", exclude={"version"}),
    )
    if deadline.next_at is not None:
        item.next_at = iso(deadline.next_at)
        item.DUEPK = f"DUE#{hour_of(deadline.next_at)}#{shard_of(deadline.org_id, deadline.ticket_number)}"
        item.DUESK = f"{iso(deadline.next_at)}#{deadline.org_id}#{deadline.ticket_number}#{deadline.target.value}"
    return item


def to_deadline(item: DeadlineItem) -> Deadline:
    return Deadline.model_validate({**item.data, "version": item.version or 1})


def write_operations(org_id: str, number: int, planned: dict[Target, Deadline | None]) -> list[Operation]:
    """Overwrite (or delete) each target's deadline, in the ticket's transaction.

    The ticket's version guards these writes: deadlines change only with their ticket.
    """
    operations: list[Operation] = []
    for target, deadline in planned.items():
        if deadline is None:
            stub = DeadlineItem(PK=ticket_pk(org_id, number), SK=deadline_sk(target), data={})
            operations.append(Delete(stub, check_version=False))
        else:
            operations.append(Put(deadline_item(deadline), check_version=False))
    return operations


def due_in_hour(hour: str, shard: int, now: datetime) -> list[Deadline]:
    """Deadlines of one hour partition whose next event is at or before ``now``: one Query."""
    items = DeadlineItem.due.query(f"DUE#{hour}#{shard}", f"{iso(now)}~" >= DeadlineItem.DUESK)
    return [to_deadline(i) for i in items if isinstance(i, DeadlineItem)]


def swept_from(now: datetime, lookback: timedelta, sweep: str = "STATE") -> tuple[datetime, int | None]:
    """The first hour the sweep still has to read (its saved position, or ``lookback`` ago), and the
    version of the position read (for ``save_position``). ``sweep`` names the sweep's position item
    (``STATE``: the SLA sweep's; ``WORKORDERS``: the work order overdue sweep's)."""
    try:
        item = SweepStateItem.get(platform_key("SWEEP"), sweep)
    except SweepStateItem.DoesNotExist:
        return (now - lookback).replace(minute=0, second=0, microsecond=0), None
    return parse_iso(item.swept_from_hour + ":00:00Z"), item.version


def save_position(hour: datetime, read_version: int | None, sweep: str = "STATE") -> None:
    """Move the position to ``hour``, never past work another sweep left unfinished.

    Conditional on the version read; when a concurrent sweep saved in between, the earlier of the
    two positions wins (the later sweep re-reads and merges).
    """
    from pynamodb.exceptions import PutError

    wanted, version = hour, read_version
    for _ in range(5):
        item = SweepStateItem(PK=platform_key("SWEEP"), SK=sweep, swept_from_hour=hour_of(wanted))
        if version is not None:
            item.version = version
        try:
            item.save()
            return
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
        stored, version = swept_from(wanted, timedelta(0), sweep)
        wanted = min(wanted, stored)
