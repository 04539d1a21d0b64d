"""Data lifecycle figures: the retention sweep over 1,000 expired tickets (each with 2 comments and
3 history entries), archiving then deleting, and then anonymising instead: items per second and
DynamoDB calls per 1,000 tickets (in-process moto)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from typing import Any


def _closed_tickets(org_id: str, customer_id: str, count: int) -> list[dict[str, Any]]:
    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.tickets import Comment, CommentType, HistoryEntry, Status, Ticket
    from chalicelib.store.tickets import comment_item, history_item, ticket_item

    now = utcnow() - timedelta(days=400)
    items = []
    for n in range(1, count + 1):
        ticket = Ticket(
            org_id=org_id,
            number=n,
            ticket_number=f"T-{n}",
            subject=f"Printer {n} jams, call me on +44 20 7946 0{n:03d}",
            description="The printer on floor 2 jams on every page. " * 5,
            status=Status.CLOSED,
            customer_id=customer_id,
            created_by_id=customer_id,
            created_at=now,
            updated_at=now,
            closed_at=now,
        )
        record = ticket_item(ticket)
        record.version = 1
        items.append(record.serialize())
        for c in range(2):
            comment = Comment(
                id=f"c{n}x{c}",
                org_id=org_id,
                ticket_number=n,
                author_id=customer_id,
                content="Thanks, still jamming. " * 10,
                comment_type=CommentType.PUBLIC,
                created_at=now + timedelta(minutes=c),
                updated_at=now,
            )
            items.append(comment_item(comment).serialize())
        for h in range(3):
            entry = HistoryEntry(
                id=f"h{n}x{h}",
                org_id=org_id,
                ticket_number=n,
                user_id=customer_id,
                field_name="status",
                old_value="open",
                new_value="closed",
                change_type="status_changed",
                ip_address="203.0.113.7",
                user_agent="bench",
                created_at=now + timedelta(minutes=h),
            )
            items.append(history_item(entry).serialize())
    return items


def retention_sweep(tickets: int = 1000) -> dict[str, Any]:
    from bench.seeding import in_process_aws

    results: dict[str, Any] = {"tickets": tickets, "items_per_ticket": 6}
    for mode in ("archive_then_delete", "anonymize"):
        with in_process_aws():
            from chalice.test import Client

            from app import app
            from bench.seeding import signup_tenant
            from chalicelib import config
            from chalicelib.domain.clock import utcnow
            from chalicelib.domain.retention import RetainedEntity, RetentionPolicy
            from chalicelib.local.snapshot import load_table
            from chalicelib.services import retention
            from chalicelib.store import metering
            from chalicelib.store import retention as store

            with Client(app, stage_name="local") as client:
                tenant = signup_tenant(client, f"bench-retention-{mode.replace('_', '-')}")
            org_id = tenant["org_id"]
            load_table(config.table_name(), _closed_tickets(org_id, tenant["customer_id"], tickets))
            store.save_policy(
                RetentionPolicy(
                    org_id=org_id,
                    entity=RetainedEntity.TICKETS,
                    retention_period_days=365,
                    archive_before_delete=mode == "archive_then_delete",
                    anonymize_personal_data=mode == "anonymize",
                ),
                0,
            )
            with metering.metered() as calls:
                started, cpu = time.perf_counter(), time.process_time()
                report = retention.sweep(utcnow(), budget_seconds=3600)
                wall, cpu_s = time.perf_counter() - started, time.process_time() - cpu
            by_operation = Counter(c.operation for c in calls)
            handled = report.deleted + report.anonymized
            results[mode] = {
                "items": handled,
                "archived": report.archived,
                "batches": report.batches,
                "wall_s": round(wall, 2),
                "items_per_s": round(handled / wall, 1),
                "cpu_s": round(cpu_s, 2),
                "dynamodb_calls": len(calls),
                "dynamodb_calls_per_1000_tickets": round(len(calls) * 1000 / tickets),
                "calls_by_operation": dict(sorted(by_operation.items())),
            }
    return results


def export_cost(big_tickets: int = 500, small_tickets: int = 5) -> list[dict[str, Any]]:
    """An organization export (the whole job) of a small tenant beside a large one, then of the large
    one: DynamoDB calls and items read, against what a whole-table read would have cost."""
    import boto3

    from bench.seeding import in_process_aws

    results = []
    with in_process_aws():
        import json

        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib import config
        from chalicelib.local.snapshot import load_table
        from chalicelib.services import offboarding
        from chalicelib.store import metering
        from chalicelib.store.keys import org_pk
        from chalicelib.store.tickets import COUNTER_SK, TicketCounterItem

        with Client(app, stage_name="local") as client:
            big = signup_tenant(client, "bench-export-big")
            small = signup_tenant(client, "bench-export-small")
            items = _closed_tickets(big["org_id"], big["customer_id"], big_tickets)
            counter = TicketCounterItem(PK=org_pk(big["org_id"]), SK=COUNTER_SK, next_number=big_tickets)
            load_table(config.table_name(), [*items, counter.serialize()])
            headers = {"Authorization": f"Bearer {small['token']}", "Content-Type": "application/json"}
            for n in range(small_tickets):
                body = json.dumps({"subject": f"Small {n}", "customer_id": small["customer_id"]})
                assert client.http.post("/tickets", headers=headers, body=body).status_code == 201

            def stored(org_id: str | None = None) -> int:
                dynamodb, count, start = boto3.client("dynamodb"), 0, None
                while True:
                    kwargs: dict[str, Any] = {"ExclusiveStartKey": start} if start else {}
                    page = dynamodb.scan(TableName=config.table_name(), **kwargs)
                    count += sum(1 for i in page["Items"] if org_id is None or i["PK"]["S"].startswith(f"ORG#{org_id}"))
                    start = page.get("LastEvaluatedKey")
                    if not start:
                        return count

            for label, tenant in (("small tenant beside a large one", small), ("the large tenant", big)):
                headers = {"Authorization": f"Bearer {tenant['token']}"}
                assert client.http.post("/organization/exports", headers=headers).status_code == 202
                own = stored(tenant["org_id"])
                with metering.metered() as calls:
                    started = time.perf_counter()
                    report = offboarding.advance(3600)
                    wall = time.perf_counter() - started
                assert report["finished"] == 1, report
                results.append(
                    {
                        "case": label,
                        "tenant_items": own,
                        "table_items": stored(),
                        "dynamodb_calls": len(calls),
                        "calls_by_operation": ", ".join(
                            f"{k} {v}" for k, v in sorted(Counter(c.operation for c in calls).items())
                        ),
                        "items_read": sum(c.items_read for c in calls),
                        "scans": sum(1 for c in calls if c.operation == "Scan"),
                        "wall_s (moto)": round(wall, 2),
                    }
                )
    return results
