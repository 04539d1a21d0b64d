"""Time entries in the tickets' item collections, and the time report's counter rows (rules:
``domain/time_entries.py``).

| item | PK | SK |
|---|---|---|
| time entry | ``ORG#o#TICKET#n`` | ``TIME#<id>`` (ids sort by creation) |
| time counter | ``ORG#o#TIMESTATS`` | ``<DAY, AGENT, CUSTOMER or DEPT>#<yyyy-mm-dd>#<key>`` |

An entry is written (or changed, or deleted) in ONE transaction with its ticket (the sums, at the
version read) and the counter rows it moves (``Tally``: ADDs, never read-modify-written). A report
reads ONE dimension over a day range: one paged Query on the counter partition.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pynamodb.attributes import JSONAttribute

from chalicelib.domain.errors import Conflict
from chalicelib.domain.time_entries import Dimension, RowKey, TimeEntry
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import ticket_pk
from chalicelib.store.transactions import Delete, Operation, Put, Tally, tallied

PREFIX = "TIME#"


class TimeEntryItem(TableItem, discriminator="TimeEntry"):
    data = JSONAttribute()


class TimeCounterItem(TableItem, discriminator="TimeCounter"):
    """Numeric attributes are added by name (``Tally``), so they are not declared here."""


def entry_sk(entry_id: str) -> str:
    return PREFIX + entry_id


def _item(entry: TimeEntry) -> TimeEntryItem:
    return TimeEntryItem(
        PK=ticket_pk(entry.org_id, entry.number),
        SK=entry_sk(entry.id),
        data=entry.model_dump(mode="json", exclude={"version"}),
    )


def to_entry(item: TimeEntryItem) -> TimeEntry:
    return TimeEntry.model_validate({**item.data, "version": item.version or 1})


def entry_put(entry: TimeEntry, previous: TimeEntry | None) -> Put:
    """A new entry (its id not taken) or a change at the version read (409 ``stale_version``)."""
    item = _item(entry)
    if previous is None:
        return Put(item, condition=TableItem.PK.does_not_exist())
    item.version = previous.version
    return Put(item, on_conflict=Conflict("The time entry was changed by someone else.", code="stale_version"))


def entry_delete(entry: TimeEntry) -> Delete:
    """The entry goes, if still at the version read."""
    item = _item(entry)
    item.version = entry.version
    return Delete(item, on_conflict=Conflict("The time entry was changed by someone else.", code="stale_version"))


def get_entry(org_id: str, number: int, entry_id: str) -> TimeEntry | None:
    try:
        return to_entry(TimeEntryItem.get(ticket_pk(org_id, number), entry_sk(entry_id)))
    except TimeEntryItem.DoesNotExist:
        return None


def list_entries(org_id: str, number: int, *, limit: int, cursor: str | None) -> Page[TimeEntry]:
    """One page of a ticket's entries, oldest first: ONE Query."""
    page = query_page(
        None,
        ticket_pk(org_id, number),
        org_id=org_id,
        scope=f"time:{number}",
        limit=limit,
        cursor=cursor,
        model=TimeEntryItem,
        range_key_condition=TimeEntryItem.SK.startswith(PREFIX),
    )
    return Page([to_entry(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def stats_pk(org_id: str) -> str:
    return tenant_key(org_id, "TIMESTATS")


def counter_sk(row: RowKey) -> str:
    dimension, day, key = row
    return f"{dimension.value}#{day.isoformat()}#{key}"


def counter_operations(org_id: str, changes: dict[RowKey, dict[str, int]]) -> list[Operation]:
    """The counter additions, for the transaction of the write they describe (rows in key order)."""
    return [
        Tally(TimeCounterItem, stats_pk(org_id), counter_sk(row), increments)
        for row, increments in sorted(changes.items(), key=lambda kv: counter_sk(kv[0]))
    ]


def read_counters(org_id: str, dimension: Dimension, start: date, end: date) -> list[tuple[date, str, dict[str, int]]]:
    """``(day, key, values)`` of every ``dimension`` row from ``start`` to ``end`` inclusive: one
    paged Query on the organization's time counter partition."""
    found: list[tuple[date, str, dict[str, int]]] = []
    first, last = f"{dimension.value}#{start.isoformat()}", f"{dimension.value}#{end.isoformat()}#~"
    for sk, values in tallied(TimeCounterItem, stats_pk(org_id), first, last):
        _, day, key = sk.split("#", 2)
        found.append((date.fromisoformat(day), key, values))
    return found


def names(org_id: str, user_ids: Iterable[str], department_ids: Iterable[str]) -> dict[str, str]:
    """Display names of users and departments by id (the report's labels): ONE BatchGetItem per 100."""
    from chalicelib.store.departments import DepartmentItem, department_sk
    from chalicelib.store.identity import UserItem, to_user, user_sk

    keys = [(org_pk(org_id), user_sk(u)) for u in dict.fromkeys(user_ids)]
    keys += [(org_pk(org_id), department_sk(d)) for d in dict.fromkeys(department_ids)]
    found: dict[str, str] = {}
    for start in range(0, len(keys), 100):
        for item in TableItem.batch_get(keys[start : start + 100]):
            if isinstance(item, UserItem):
                user = to_user(item)
                found[user.id] = user.display_name or user.email
            elif isinstance(item, DepartmentItem):
                found[str(item.department_id)] = str(item.name)
    return found
