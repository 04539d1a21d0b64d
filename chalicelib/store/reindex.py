"""Re-indexing of the list keys of items written before their list's index key existed.

The lists of users, customers, SLA policies, automation rules, KB categories and webhook
subscriptions are one Query each on GSI1 (``ORG#o#<LIST>``; deleted ones under ``...#DELETED``,
the trash), the tickets' trash one Query on GSI4 ``ORG#o#TICKETS#DELETED``. Items written before
that layout have no GSI1 keys (rules, policies, categories, subscriptions; deleted customers),
keep a deactivated user in the live list, or (deleted tickets) are in no trash; live tickets
written before the creation, priority, SLA-due and creator orders and the department queues
are in none of them (GSI5 and the ticket's ``INDEX#`` entries: one Query of GSI4
``ORG#o#TICKETS`` pages through them). Any write
recomputes the keys; this re-indexing does it for every item of an organization at once: one
Query per kind over the organization's partition (deleted tickets: one Query of GSI3
``ORG#o#REQUESTER#<u>#DELETED`` per user), and one conditional update of the list's two index
attributes per item whose keys differ (the item's version must not have moved meanwhile; its
version is not bumped, so clients' ETags stay valid). Running it again changes nothing.
It also sets the queue counters (``recount_queues``) of organizations whose tickets predate them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from chalicelib.domain import queue_counts as domain_counts
from chalicelib.domain.tickets import Ticket
from chalicelib.store import automation, customers, identity, kb, metering, queue_counts, sla, tickets, webhooks
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.table import TableItem

# kind: (item model, sort key prefix, the item as it would be written today)
KINDS: dict[str, tuple[type[TableItem], str, Callable[[Any], TableItem]]] = {
    "users": (identity.UserItem, "USER#", identity.reindexed_user),
    "customers": (customers.CustomerItem, "CUSTOMER#", customers.reindexed),
    "sla_policies": (sla.SLAPolicyItem, "SLA#", sla.reindexed),
    "automation_rules": (automation.RuleItem, "RULE#", automation.reindexed),
    "kb_categories": (kb.CategoryItem, "KBCAT#", kb.reindexed_category),
    "webhook_subscriptions": (webhooks.SubscriptionItem, "WEBHOOKSUB#", webhooks.reindexed),
}


def _set_list_keys(item: TableItem, rebuilt: TableItem, names: tuple[str, str] = ("GSI1PK", "GSI1SK")) -> bool:
    """Write ``rebuilt``'s index keys ``names`` onto the stored item if its version is still the one read."""
    actions = []
    for name in names:
        attribute, value = getattr(TableItem, name), getattr(rebuilt, name)
        actions.append(attribute.set(value) if value else attribute.remove())
    unchanged = TableItem.version == item.version if item.version else TableItem.version.does_not_exist()
    try:
        # The connection-level update leaves the version alone (Model.update would bump it).
        type(item)._get_connection().update_item(item.PK, item.SK, actions=actions, condition=unchanged)
    except UpdateError as exc:
        if exc.cause_response_code != "ConditionalCheckFailedException":
            raise
        return False  # written meanwhile: that write computed the keys already
    return True


def reindex_org(org_id: str) -> dict[str, int]:
    """Recompute the list keys of every listed item of one organization; the number rewritten per kind."""
    report: dict[str, int] = {}
    for kind, (model, prefix, rebuild) in KINDS.items():
        rewritten = 0
        for item in model.query(org_pk(org_id), model.SK.startswith(prefix)):
            if not isinstance(item, model):
                continue
            rebuilt = rebuild(item)
            if (item.GSI1PK, item.GSI1SK) != (rebuilt.GSI1PK, rebuilt.GSI1SK):
                rewritten += _set_list_keys(item, rebuilt)
        report[kind] = rewritten
    report["deleted_tickets"] = _reindex_deleted_tickets(org_id)
    report["ticket_orders"] = _reindex_live_tickets(org_id)
    report["queue_counters"] = recount_queues(org_id)
    return report


RECOUNT_ATTEMPTS = 5


class RecountUnsettled(RuntimeError):
    """Ticket writes kept moving the counters through every recount attempt: run it again later."""


def _every_ticket(org_id: str) -> list[Ticket]:
    return list(every_ticket(org_id))


def every_ticket(org_id: str) -> Iterator[Ticket]:
    """Every ticket the organization ever numbered, by key, strongly consistent: the number counter
    (one GetItem), then one BatchGetItem per 100 numbers, yielded as read. No index lag can hide a ticket."""
    try:
        highest = int(
            tickets.TicketCounterItem.get(org_pk(org_id), tickets.COUNTER_SK, consistent_read=True).next_number
        )
    except tickets.TicketCounterItem.DoesNotExist:
        return
    for start in range(1, highest + 1, 100):
        keys = [(tickets.ticket_pk(org_id, n), "TICKET") for n in range(start, min(start + 100, highest + 1))]
        items = tickets.TicketItem.batch_get(keys, consistent_read=True)
        yield from (tickets.to_ticket(i) for i in items if isinstance(i, tickets.TicketItem))


def recount_queues(org_id: str) -> int:
    """Set the organization's queue counters from its tickets (organizations whose tickets predate
    the counters). The counters are read first and replaced only if no ticket write moved one
    meanwhile (else counted again), so the result is exact however busy the organization is.
    Returns the number of counters written (those already right are not: a second run writes none)."""
    for _ in range(RECOUNT_ATTEMPTS):
        seen = queue_counts.snapshot(org_id)
        totals = domain_counts.tally(_every_ticket(org_id))
        written = queue_counts.replace(org_id, totals, seen)
        if written is not None:
            return written
    raise RecountUnsettled(f"queue counters of {org_id} kept moving through {RECOUNT_ATTEMPTS} recounts")


def _reindex_live_tickets(org_id: str) -> int:
    """Give live tickets stored before the creation, priority, SLA-due and creator orders existed
    their place in them: the ticket's GSI5 keys, and its index entries (each Put only where none
    exists, so an entry a newer ticket write made is never replaced by this older read)."""
    rewritten = 0
    for item in tickets.TicketItem.query(tenant_key(org_id, "TICKETS"), index_name="GSI4"):
        if not isinstance(item, tickets.TicketItem):
            continue
        rebuilt = tickets.reindexed(item)
        if (item.GSI5PK, item.GSI5SK) != (rebuilt.GSI5PK, rebuilt.GSI5SK):
            rewritten += _set_list_keys(item, rebuilt, ("GSI5PK", "GSI5SK"))
        for entry in tickets.index_entries(tickets.to_ticket(item)):
            try:
                entry.save(condition=TableItem.PK.does_not_exist())
            except PutError as exc:
                if exc.cause_response_code != "ConditionalCheckFailedException":
                    raise
                continue
            rewritten += 1
    return rewritten


def _reindex_deleted_tickets(org_id: str) -> int:
    """Put deleted tickets stored before the tickets' trash existed into it (GSI4)."""
    rewritten = 0
    users = identity.UserItem.query(org_pk(org_id), identity.UserItem.SK.startswith("USER#"))
    for user in users:
        if not isinstance(user, identity.UserItem):
            continue
        trash = tenant_key(org_id, "REQUESTER", str(user.user_id), "DELETED")
        for item in tickets.TicketItem.query(trash, index_name="GSI3"):
            if not isinstance(item, tickets.TicketItem):
                continue
            rebuilt = tickets.reindexed(item)
            if (item.GSI4PK, item.GSI4SK) != (rebuilt.GSI4PK, rebuilt.GSI4SK):
                rewritten += _set_list_keys(item, rebuilt, ("GSI4PK", "GSI4SK"))
    return rewritten


def organization_ids() -> Iterator[str]:
    """Every organization's id. A one-off whole-table read (a sanctioned Scan, like offboarding's):
    there is no index of organizations, and no request path ever calls this."""
    with metering.sanctioned_scan():
        # allow-scan: the one-off re-indexing job (python -m chalicelib.jobs.reindex_lists), never a request path.
        for item in identity.OrganizationItem.scan(identity.OrganizationItem.SK == "ORG"):
            if isinstance(item, identity.OrganizationItem):
                yield str(item.org_id)
