"""Linked tickets: parent/child (problem and incidents) and related links between two tickets. Pure.

A link is stored on BOTH tickets, each side naming what the OTHER ticket is to it: when T-9 is the
parent of T-4, T-4 holds ``parent -> T-9`` and T-9 holds ``child -> T-4``. A pair of tickets has
at most one link (of any kind). A ticket has at most one parent (``Ticket.parent_number``) and
counts its children (``Ticket.child_count``). Following parents upwards never comes back to the
ticket (no cycles) and stops within ``MAX_DEPTH`` levels.

Merge and split links are not stored as links: they are read from the tickets' own fields
(``merged_into``, ``merged_from``, ``split_from``, ``split_into``).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from chalicelib.domain.commands import Command
from chalicelib.domain.entity import Entity
from chalicelib.domain.tickets import MAX_COMMENT, Ticket

# Levels of parents above a ticket: the walk that refuses cycles reads at most this many tickets.
MAX_DEPTH = 10


class LinkKind(StrEnum):
    """What the other ticket is to this one."""

    PARENT = "parent"
    CHILD = "child"
    RELATED = "related"


# The kinds read from a ticket's merge and split fields (never written as links).
DERIVED_KINDS = ("merged_into", "merged_from", "split_from", "split_into")

INVERSE: dict[LinkKind, LinkKind] = {
    LinkKind.PARENT: LinkKind.CHILD,
    LinkKind.CHILD: LinkKind.PARENT,
    LinkKind.RELATED: LinkKind.RELATED,
}


class TicketLink(Entity):
    """One side of a link, kept in ``number``'s item collection."""

    org_id: str
    number: int  # the ticket holding this side
    kind: LinkKind  # what the other ticket is to it
    other_number: int
    other_ticket_number: str  # the other's display number, e.g. "T-9"
    created_at: datetime
    created_by_id: str

    def mirror(self, ticket_number: str) -> TicketLink:
        """The other side: held by the other ticket, naming this one (``ticket_number``)."""
        return TicketLink(
            org_id=self.org_id,
            number=self.other_number,
            kind=INVERSE[self.kind],
            other_number=self.number,
            other_ticket_number=ticket_number,
            created_at=self.created_at,
            created_by_id=self.created_by_id,
        )


def derived_links(ticket: Ticket) -> list[tuple[str, str]]:
    """``(kind, display number)`` of the merge and split links the ticket's fields record."""
    found: list[tuple[str, str]] = []
    if ticket.merged_into:
        found.append(("merged_into", ticket.merged_into))
    found += [("merged_from", n) for n in ticket.merged_from]
    if ticket.split_from:
        found.append(("split_from", ticket.split_from))
    found += [("split_into", n) for n in ticket.split_into]
    return found


class TicketLinkCommand(Command):
    """``POST /tickets/{number}/links``: ``kind`` is what ``ticket_number`` is to the ticket of the path."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"kind": "parent", "ticket_number": "T-9"}]})

    kind: LinkKind = Field(description="what `ticket_number` is to this ticket: `parent` = it is the parent")
    ticket_number: str = Field(min_length=1, max_length=40, description="the other ticket, e.g. `T-9`")


class SolveChildrenCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reply": "The outage is fixed; thank you for waiting."}]}
    )

    reply: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_COMMENT)] | None = (
        Field(None, description="a public reply added to each child it solves")
    )
