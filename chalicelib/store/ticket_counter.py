"""The organization's ticket counter item (``PK=ORG#o``, ``SK=COUNTER#TICKET``): the last ticket
number allocated, and the version of the organization's SLA policies.

A ticket takes its number inside its own transaction: the counter moves from the value the
request read (with authentication's BatchGetItem on ``POST /tickets``, else one consistent
GetItem) to the next one on the condition that it still holds that value, so two creates never
share a number and a number is never skipped. Every SLA policy write adds one to ``sla_version``
in its transaction, so a container's cached policy list is used only while the version it was
read at is the version the request read.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute

from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import TicketCounterSnapshot
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Counter

COUNTER_SK = "COUNTER#TICKET"


class TicketCounterItem(TableItem, discriminator="TicketCounter"):
    next_number = NumberAttribute(default=0)  # the last number allocated (the name is historical)
    sla_version = NumberAttribute(null=True)


def counter_key(org_id: str) -> tuple[str, str]:
    return org_pk(org_id), COUNTER_SK


def snapshot_of(item: TicketCounterItem | None) -> TicketCounterSnapshot:
    """The counter as read (an organization without one yet: nothing allocated, version 0)."""
    if item is None:
        return TicketCounterSnapshot(last_number=0, sla_version=0)
    return TicketCounterSnapshot(last_number=int(item.next_number or 0), sla_version=int(item.sla_version or 0))


def read_counter(org_id: str) -> TicketCounterSnapshot:
    """The counter now (strongly consistent GetItem): where the request had none, or after a conflict."""
    try:
        return snapshot_of(TicketCounterItem.get(*counter_key(org_id), consistent_read=True))
    except TicketCounterItem.DoesNotExist:
        return snapshot_of(None)


def claim_number(org_id: str, expected: int) -> Counter:
    """Take number ``expected + 1`` in the ticket's transaction: the counter must still hold
    ``expected`` (absent when 0), else 409 ``number_moved`` (another create took it: read again)."""
    attribute = TicketCounterItem.next_number
    unchanged = attribute == expected
    if expected == 0:
        unchanged = attribute.does_not_exist() | unchanged
    moved = Conflict("Another ticket took this number; retry.", code="number_moved")
    return Counter(TicketCounterItem, org_pk(org_id), COUNTER_SK, attribute, 1, condition=unchanged, on_conflict=moved)


def sla_policies_changed(org_id: str) -> Counter:
    """One more SLA policy version: rides in every transaction that writes a policy."""
    return Counter(TicketCounterItem, org_pk(org_id), COUNTER_SK, TicketCounterItem.sla_version, 1)
