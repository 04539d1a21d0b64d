"""Stream subscriber: when a customer's tier changes, re-match the SLA policy of their active tickets."""

from __future__ import annotations

from chalicelib.jobs.stream import MODIFY, subscribe
from chalicelib.observability import count, logger
from chalicelib.store.changes import TableChange


@subscribe(kinds={"User": [MODIFY]})
def on_customer_tier_change(change: TableChange) -> None:
    if change.item_type != "User" or change.event_name != "MODIFY":
        return
    old, new = change.old.get("customer_tier"), change.new.get("customer_tier")
    org_id, user_id = change.new.get("org_id"), change.new.get("user_id")
    if old == new or not org_id or not user_id or change.new.get("role") != "customer":
        return
    from chalicelib.services.tickets import rematch_requester

    changed = rematch_requester(str(org_id), str(user_id))
    count("SLARematchedTickets", changed)
    logger.info("customer tier changed", extra={"org_id": org_id, "user_id": user_id, "tickets_rematched": changed})
