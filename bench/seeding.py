"""Bulk data for the scaling benchmarks, written straight into the local database server."""

from __future__ import annotations

import json
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
    from chalicelib.local.snapshot import load_table
    from chalicelib.store.tickets import ticket_item

    start = utcnow() - timedelta(days=30)
    items = []
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
    load_table(config.table_name(), items)
