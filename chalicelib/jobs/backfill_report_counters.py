"""One-off migration: make the tickets report's flow counters whole for tickets older than them.

The flow counters (``created``, ``open``, ``solved`` per UTC day; ``store.reports``) are kept by
the ticket transactions, which ADD each change's difference. A ticket stored before they existed
was never added, and its later changes took back what it never gave (negative rows). This
backfill sets every flow row of an organization to the sum over its tickets' contributions
(``domain.ticket_flow``), so the report counts every ticket once. Run once after deploying, with
the stage's environment (TABLE_NAME, credentials)::

    python -m chalicelib.jobs.backfill_report_counters                 # every organization
    python -m chalicelib.jobs.backfill_report_counters --org <org_id>  # one
    make backfill-report-counters                                      # the running local stack

Concurrent ticket writes are safe: the rows are read (with their ``rev``, which every ticket
write to a row adds 1 to), then every ticket, then the rows again; a row is replaced only if its
``rev`` has not moved since the first read, and a row that moved is counted again (at most
``ATTEMPTS`` times per organization). Resumable and idempotent: an organization whose counters
were made whole is marked (``FLOWBACKFILL``) and skipped by the next run; an interrupted one is
counted again, and rows already right are not written. It prints a JSON report.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import Any

from chalicelib.jobs import migration

ATTEMPTS = 5


class BackfillUnsettled(RuntimeError):
    """Ticket writes kept moving the same rows through every attempt: run it again later."""


def backfill_org(org_id: str) -> dict[str, Any]:
    """Make one organization's flow counters whole (skipped when marked done); what it did."""
    from chalicelib.domain import ticket_flow
    from chalicelib.domain.clock import utcnow
    from chalicelib.store import reindex
    from chalicelib.store import reports as store

    done = store.flow_backfilled(org_id)
    if done is not None:
        return {"skipped": True, **done}
    written = 0
    for attempt in range(1, ATTEMPTS + 1):
        seen = store.flow_snapshot(org_id)
        totals: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(store.FLOW_ATTRIBUTES, 0))
        counted = 0
        for ticket in reindex.every_ticket(org_id):
            counted += 1
            for day, attribute in ticket_flow.contributions(ticket):
                totals[day][attribute] += 1
        after = store.flow_snapshot(org_id)
        moved = 0
        for day in sorted(set(seen) | set(totals)):
            before = seen.get(day)
            want = totals.get(day) or dict.fromkeys(store.FLOW_ATTRIBUTES, 0)
            if before is not None and all(before[name] == want[name] for name in store.FLOW_ATTRIBUTES):
                # Right as read; still right now only if no write touched it since.
                moved += after.get(day, {}).get(store.REVISION) != before[store.REVISION]
            elif store.replace_flow_row(org_id, day, want, before):
                written += 1
            else:
                moved += 1
        if not moved:
            report = {"tickets": counted, "rows_written": written, "attempts": attempt}
            store.mark_flow_backfilled(org_id, utcnow(), report)
            return {"skipped": False, **report}
    raise BackfillUnsettled(f"flow counters of {org_id} kept moving through {ATTEMPTS} attempts; run it again")


def run(org_ids: list[str] | None = None) -> dict[str, Any]:
    """Backfill ``org_ids`` (None: every organization); what was done per organization."""
    from chalicelib.store import reindex  # after the stage's environment is in place (TABLE_NAME)

    organizations = {org_id: backfill_org(org_id) for org_id in (org_ids or reindex.organization_ids())}
    return {
        "organizations": len(organizations),
        "skipped": sum(1 for report in organizations.values() if report["skipped"]),
        "rows_written": sum(int(r["rows_written"]) for r in organizations.values() if not r["skipped"]),
        "by_organization": organizations,
    }


def main(argv: list[str] | None = None) -> int:
    return migration.main("python -m chalicelib.jobs.backfill_report_counters", __doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
