"""Bulk data for the scaling benchmarks, written straight into the local database server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from chalicelib.domain.clock import utcnow
from chalicelib.domain.tickets import Ticket

PASSWORD = "bench-password-2026"  # noqa: S105 (benchmark accounts only)


def signup_tenant(client: Any, slug: str) -> dict[str, Any]:
    """An organization (admin token) with one customer user."""
    headers = {"Content-Type": "application/json"}
    created = client.http.post(
        "/organizations",
        headers=headers,
        body=json.dumps(
            {
                "name": slug,
                "slug": slug,
                "admin_email": f"admin@{slug}.example.com",
                "admin_password": PASSWORD,
                "admin_first_name": "Bench",
                "admin_last_name": "Admin",
            }
        ),
    )
    tenant: dict[str, Any] = json.loads(created.body)
    customer = client.http.post(
        "/users",
        headers={**headers, "Authorization": f"Bearer {tenant['token']}"},
        body=json.dumps(
            {
                "email": f"customer@{slug}.example.com",
                "first_name": "C",
                "last_name": "B",
                "role": "customer",
                "password": PASSWORD,
            }
        ),
    )
    tenant["customer_id"] = json.loads(customer.body)["id"]
    tenant["org_id"] = tenant["organization"]["id"]
    return tenant


def bulk_tickets(tenant: dict[str, Any], count: int) -> None:
    """``count`` tickets written into moto's memory (the same items the API writes), stream off."""
    from chalicelib import config
    from chalicelib.domain import queue_counts
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.queue_counts import QueueCountItem, counter_key
    from chalicelib.store.tickets import ticket_item

    start = utcnow() - timedelta(days=30)
    items = []
    tickets: list[Ticket] = []
    for number in range(1, count + 1):
        moment = start + timedelta(seconds=number)
        ticket = Ticket(
            org_id=tenant["org_id"],
            number=number + 1_000_000,
            ticket_number=f"B-{number}",
            subject="Bulk",
            customer_id=tenant["customer_id"],
            created_by_id=tenant["customer_id"],
            created_at=moment,
            updated_at=moment,
        )
        item = ticket_item(ticket)
        item.version = 1
        items.append(item.serialize())
        tickets.append(ticket)
    # The queue counters their creation would have ADDed (the API keeps them in each ticket's transaction).
    for counter, values in queue_counts.tally(tickets).items():
        pk, sk = counter_key(tenant["org_id"], counter)
        counter_item = QueueCountItem(PK=pk, SK=sk)
        for name, value in values.items():
            setattr(counter_item, name, value)
        items.append(counter_item.serialize())
    load_table(config.table_name(), items)


def bulk_sla_tickets(org_id: str, customer_id: str, policy_id: str, total: int, due: int, now: Any) -> None:
    """``total`` open tickets with SLA deadlines: ``due`` of them with a first response overdue at ``now``.

    Items are the ones the API writes (ticket + deadline items), loaded straight into moto.
    """
    from chalicelib import config
    from chalicelib.domain.deadlines import plan
    from chalicelib.local.snapshot import load_table
    from chalicelib.store import sla as sla_store
    from chalicelib.store.deadlines import deadline_item
    from chalicelib.store.tickets import ticket_item

    policy = sla_store.get_policy(org_id, policy_id)
    items = []
    for n in range(1, total + 1):
        # Due ones: first response due 30 minutes ago; the rest: nothing due for a week.
        created = now - timedelta(hours=4, minutes=30) if n <= due else now + timedelta(days=7)
        ticket = Ticket(
            org_id=org_id,
            number=2_000_000 + n,
            ticket_number=f"S-{n}",
            subject="SLA",
            customer_id=customer_id,
            created_by_id=customer_id,
            created_at=created,
            updated_at=created,
            sla_policy_id=policy_id,
            first_response_due=created + timedelta(hours=4),
            resolution_due=created + timedelta(hours=24),
        )
        item = ticket_item(ticket)
        item.version = 1
        items.append(item.serialize())
        for target in ("first_response", "resolution"):
            from chalicelib.domain.sla import Target

            deadline = plan(ticket, policy, Target(target))
            if deadline is not None:
                d = deadline_item(deadline)
                d.version = 1
                items.append(d.serialize())
    load_table(config.table_name(), items)


def bulk_work_orders(org_id: str, customer_id: str, total: int, due: int, now: Any) -> None:
    """``total`` open, scheduled work orders: ``due`` of them past their due time at ``now``, the rest
    scheduled a week ahead. Items are the ones the API writes, loaded straight into moto."""
    from chalicelib import config
    from chalicelib.domain.fieldservice import WorkOrder, WorkOrderStatus
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.fieldservice import _order_item

    items = []
    for n in range(1, total + 1):
        scheduled = now - timedelta(hours=2) if n <= due else now + timedelta(days=7)
        written = now - timedelta(hours=3)
        order = WorkOrder(
            org_id=org_id,
            number=n,
            work_order_number=f"S-WO-{n}",
            title="Overdue",
            status=WorkOrderStatus.SCHEDULED,
            customer_id=customer_id,
            created_by_id=customer_id,
            scheduled_at=scheduled,
            expected_duration_minutes=60,
            created_at=written,
            updated_at=written,
        )
        item = _order_item(order)
        item.version = 1
        items.append(item.serialize())
    load_table(config.table_name(), items)


@contextmanager
def in_process_aws() -> Iterator[None]:
    """moto in-process (``mock_aws``) with the real table and buckets, built as the test fixtures
    build them, and the local stack's transaction patch."""
    import os

    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    import boto3
    from moto import mock_aws

    from chalicelib import config
    from chalicelib.store.blobs import reset_client
    from chalicelib.store.table import create_table, reset_connections

    with mock_aws():
        reset_connections()
        reset_client()
        create_table(boto3.client("dynamodb"))
        for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
            boto3.client("s3").create_bucket(Bucket=bucket)
        try:
            yield
        finally:
            reset_connections()
            reset_client()
