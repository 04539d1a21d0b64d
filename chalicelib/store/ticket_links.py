"""Ticket links, one item on each side, in the tickets' item collections (rules: ``domain/ticket_links.py``).

| item | PK | SK |
|---|---|---|
| link (one side) | ``ORG#o#TICKET#n`` | ``LINK#<other number, 12 digits>`` |

The SK names the other ticket only, so a pair has at most one link: creating one is conditional on
both sides not existing, in the transaction that writes both tickets (``parent_number``,
``child_count``) at the versions read. A ticket's links are ONE Query (``begins_with(SK, "LINK#")``);
the linked tickets' summaries ONE BatchGetItem per 100.
"""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.attributes import JSONAttribute

from chalicelib.domain.errors import Conflict
from chalicelib.domain.ticket_links import LinkKind, TicketLink
from chalicelib.domain.tickets import Ticket
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import TicketItem, ticket_pk, to_ticket
from chalicelib.store.transactions import Check, Delete, Operation, Put

PREFIX = "LINK#"


class TicketLinkItem(TableItem, discriminator="TicketLink"):
    data = JSONAttribute()


def link_sk(other_number: int) -> str:
    return f"{PREFIX}{other_number:012d}"


def _item(link: TicketLink) -> TicketLinkItem:
    return TicketLinkItem(
        PK=ticket_pk(link.org_id, link.number), SK=link_sk(link.other_number), data=link.model_dump(mode="json")
    )


def to_link(item: TicketLinkItem) -> TicketLink:
    return TicketLink.model_validate(item.data)


def link_puts(link: TicketLink, mirror: TicketLink) -> list[Operation]:
    """Both sides of a new link; 409 ``ticket_link_exists`` when the pair is already linked."""
    exists = Conflict("These tickets are already linked.", code="ticket_link_exists")
    return [
        Put(_item(side), condition=TableItem.PK.does_not_exist(), on_conflict=exists, check_version=False)
        for side in (link, mirror)
    ]


def link_deletes(link: TicketLink, mirror: TicketLink) -> list[Operation]:
    """Both sides of a link that goes (each must still be there)."""
    gone = Conflict("The link was removed meanwhile.", code="stale_version")
    return [
        Delete(_item(side), condition=TableItem.PK.exists(), on_conflict=gone, check_version=False)
        for side in (link, mirror)
    ]


def unchanged(ticket: Ticket) -> Check:
    """The ticket is still at the version read (an ancestor walked when refusing cycles)."""
    stale = Conflict("A linked ticket changed meanwhile; retry.", code="stale_version")
    return Check(
        TicketItem, ticket_pk(ticket.org_id, ticket.number), "TICKET", TicketItem.version == ticket.version, stale
    )


def get_link(org_id: str, number: int, other_number: int) -> TicketLink | None:
    try:
        return to_link(TicketLinkItem.get(ticket_pk(org_id, number), link_sk(other_number), consistent_read=True))
    except TicketLinkItem.DoesNotExist:
        return None


def list_links(org_id: str, number: int, *, limit: int, cursor: str | None) -> Page[TicketLink]:
    """One page of a ticket's links, by the other ticket's number: ONE Query."""
    page = query_page(
        None,
        ticket_pk(org_id, number),
        org_id=org_id,
        scope=f"links:{number}",
        limit=limit,
        cursor=cursor,
        model=TicketLinkItem,
        range_key_condition=TicketLinkItem.SK.startswith(PREFIX),
    )
    return Page([to_link(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def links_of_kind(org_id: str, number: int, kind: LinkKind) -> list[TicketLink]:
    """Every link of ``kind`` a ticket holds (its children, for solving them): ONE paged Query."""
    items = TicketLinkItem.query(ticket_pk(org_id, number), TicketLinkItem.SK.startswith(PREFIX))
    links = [to_link(i) for i in items if isinstance(i, TicketLinkItem)]
    return [link for link in links if link.kind is kind]


def tickets_by_number(org_id: str, numbers: Iterable[int]) -> dict[int, Ticket]:
    """The tickets with these numbers (missing ones left out): ONE BatchGetItem per 100."""
    keys = [(ticket_pk(org_id, n), "TICKET") for n in dict.fromkeys(numbers)]
    found: dict[int, Ticket] = {}
    for start in range(0, len(keys), 100):
        for item in TicketItem.batch_get(keys[start : start + 100]):
            if isinstance(item, TicketItem):
                ticket = to_ticket(item)
                found[ticket.number] = ticket
    return found
