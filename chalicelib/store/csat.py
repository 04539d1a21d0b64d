"""CSAT report counters, kept by the transaction that records each rating (rules: ``domain/csat.py``).

| item | PK | SK |
|---|---|---|
| CSAT counter, organization | ``ORG#o#CSATSTATS`` | ``ORG#<yyyy-mm-dd>#`` |
| CSAT counter, agent | ``ORG#o#CSATSTATS`` | ``AGENT#<yyyy-mm-dd>#<user id, or - unassigned>`` |
| CSAT counter, department | ``ORG#o#CSATSTATS`` | ``DEPT#<yyyy-mm-dd>#<department id>`` |

Attributes (ADDed, never read-modify-written): ``n`` (ratings), ``sum`` (of scores), ``good``,
``bad``. A report reads ONE dimension over a date range: one paged Query on the partition.
"""

from __future__ import annotations

from datetime import date

from chalicelib.domain.csat import Dimension, increments, rows
from chalicelib.store.keys import tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Tally, tallied


class CSATCounterItem(TableItem, discriminator="CSATCounter"):
    """Numeric attributes are added by name (``Tally``), so they are not declared here."""


def stats_pk(org_id: str) -> str:
    return tenant_key(org_id, "CSATSTATS")


def counter_sk(dimension: Dimension, day: date, key: str) -> str:
    return f"{dimension.value}#{day.isoformat()}#{key}"


def rating_operations(
    org_id: str, day: date, score: int, agent_id: str | None, department_ids: list[str]
) -> list[Tally]:
    """The counter additions of one rating, for the transaction that records it."""
    return [
        Tally(CSATCounterItem, stats_pk(org_id), counter_sk(dimension, when, key), increments(score))
        for dimension, when, key in rows(day, agent_id, department_ids)
    ]


def read_counters(org_id: str, dimension: Dimension, start: date, end: date) -> list[tuple[date, str, dict[str, int]]]:
    """``(day, key, values)`` of every ``dimension`` row from ``start`` to ``end`` inclusive: one
    paged Query on the organization's CSAT partition."""
    found: list[tuple[date, str, dict[str, int]]] = []
    first, last = f"{dimension.value}#{start.isoformat()}", f"{dimension.value}#{end.isoformat()}#~"
    for sk, values in tallied(CSATCounterItem, stats_pk(org_id), first, last):
        _, day, key = sk.split("#", 2)
        found.append((date.fromisoformat(day), key, values))
    return found
