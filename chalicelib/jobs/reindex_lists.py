"""One-off migration: recompute the list index keys of items stored before issue 20's list layout.

Deleted users, customers, SLA policies, rules, KB categories and webhook subscriptions leave their
lists by key design (their GSI1 partition is ``...#DELETED``); items stored before that keep old
keys (or none) until written again. It also sets the queue counters (issue 22; per department,
issue 24) of organizations whose tickets predate them (``store.reindex.recount_queues``) and puts
live tickets into the orders and department queues of GSI5 (their missing ``INDEX#`` entries).
Run once after deploying, with the stage's environment
(TABLE_NAME, credentials)::

    python -m chalicelib.jobs.reindex_lists                       # every organization
    python -m chalicelib.jobs.reindex_lists --org <org_id>        # one
    make reindex-lists                                            # the running local stack

It prints a JSON report (items rewritten per organization and kind). Running it again is safe:
it rewrites only items whose keys differ, each on the version it read.
"""

from __future__ import annotations

import sys
from typing import Any

from chalicelib.jobs import migration


def run(org_ids: list[str] | None = None) -> dict[str, Any]:
    """Re-index ``org_ids`` (None: every organization); the items rewritten per organization and kind."""
    from chalicelib.store import reindex  # after the stage's environment is in place (TABLE_NAME)

    organizations = {org_id: reindex.reindex_org(org_id) for org_id in (org_ids or reindex.organization_ids())}
    return {
        "organizations": len(organizations),
        "rewritten": sum(sum(kinds.values()) for kinds in organizations.values()),
        "by_organization": organizations,
    }


def main(argv: list[str] | None = None) -> int:
    return migration.main("python -m chalicelib.jobs.reindex_lists", __doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
