"""Stream subscriber: keep the ticket search index up to date, asynchronously (request paths never
pay for it). Every handler re-reads the ticket and moves its index to what it holds now, so a
retried or out-of-order record is harmless."""

from __future__ import annotations

from chalicelib.jobs.stream import EVENT_NAMES, MODIFY, REMOVE, subscribe
from chalicelib.observability import logger
from chalicelib.store.changes import TableChange

NAME_FIELDS = ("first_name", "last_name", "email")


def _number(pk: str) -> int | None:
    parts = pk.split("#")
    if len(parts) == 4 and parts[2] == "TICKET" and parts[3].isdigit():
        return int(parts[3])
    return None


# Deleted tickets and comments leave the index; a SearchDoc delete (the ticket's own) drops its postings.
@subscribe(kinds={"Ticket": EVENT_NAMES, "TicketComment": EVENT_NAMES, "SearchDoc": [REMOVE], "User": [MODIFY]})
def on_search_change(change: TableChange) -> None:
    org_id = change.org_id
    if org_id is None or change.item_type is None:
        return
    from chalicelib.services import search

    number = _number(change.pk)
    relevant = change.item_type in ("Ticket", "TicketComment", "SearchDoc")
    if relevant and change.event_name == "REMOVE" and _offboarding(org_id):
        return  # the organization is being deleted: write nothing back into it
    if change.item_type == "Ticket" and number is not None:
        if change.event_name == "MODIFY" and not search.searchable_change(change.old, change.new):
            return
        search.index_ticket(org_id, number)
    elif change.item_type == "TicketComment" and number is not None:
        search.index_ticket(org_id, number)
    elif change.item_type == "SearchDoc" and change.event_name == "REMOVE" and number is not None:
        search.drop_index(org_id, number, search.image_data(change.old))
    elif _renamed_customer(change):
        search.reindex_requester(org_id, str(change.new.get("user_id") or ""))
        logger.info("requester renamed: search re-indexed", extra={"org_id": org_id})


def _offboarding(org_id: str) -> bool:
    from chalicelib.store import tenant_jobs

    return tenant_jobs.deleting(org_id)


def _renamed_customer(change: TableChange) -> bool:
    if change.item_type != "User" or change.event_name != "MODIFY" or change.new.get("role") != "customer":
        return False
    return any(change.old.get(k) != change.new.get(k) for k in NAME_FIELDS)
