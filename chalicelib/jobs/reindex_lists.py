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

import argparse
import json
import sys
from pathlib import Path
from typing import Any


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
    parser = argparse.ArgumentParser(prog="python -m chalicelib.jobs.reindex_lists", description=__doc__)
    parser.add_argument("--org", action="append", help="only this organization (repeatable)")
    parser.add_argument("--endpoint", help="the running local stack's database, e.g. http://127.0.0.1:8001")
    parser.add_argument("--data-dir", type=Path, default=Path(".local"), help="the local stack's data directory")
    args = parser.parse_args(argv)
    if args.endpoint:
        from chalicelib.local.environment import apply_stage, use_endpoints

        apply_stage(Path(__file__).resolve().parents[2], "local", args.data_dir)
        use_endpoints(args.endpoint)
    print(json.dumps(run(args.org), indent=2), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
