"""What validating input and every change costs: an entity's validated ``model_copy`` against pydantic's
unvalidated one, how many a ticket PATCH makes, and the raw-bytes JSON depth check."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel


def _cpu_us(action: Callable[[], object], loops: int = 2_000, runs: int = 7) -> float:
    """Median over ``runs`` of the CPU (``thread_time``) per call of ``action``, in microseconds."""
    samples = []
    for _ in range(runs):
        started = time.thread_time()
        for _ in range(loops):
            action()
        samples.append((time.thread_time() - started) / loops * 1e6)
    return round(statistics.median(samples), 2)


def _ticket() -> Any:
    from chalicelib.domain.tickets import Ticket

    now = datetime.now(UTC)
    return Ticket(
        org_id="o" * 20,
        number=42,
        ticket_number="T-42",
        subject="Printer on fire",
        description="Smoke everywhere. " * 50,
        customer_id="c" * 20,
        created_by_id="c" * 20,
        tags=["printer", "urgent"],
        custom_fields={"asset": "P-100", "floor": 3},
        created_at=now,
        updated_at=now,
    )


def change_validation() -> dict[str, Any]:
    """CPU of one validated ``model_copy`` of a ticket vs pydantic's plain copy, the copies one
    ``PATCH /tickets/{n}`` makes (counted through the service on in-process moto), and the JSON
    depth check on a typical body and on the largest accepted one."""
    from chalicelib.domain.jsondepth import json_depth

    ticket = _ticket()
    update = {"subject": "Printer still on fire", "updated_at": datetime.now(UTC)}
    validated = _cpu_us(lambda: ticket.model_copy(update=update))
    plain = _cpu_us(lambda: BaseModel.model_copy(ticket, update=update))
    copies = _copies_per_patch()
    body = json.dumps({"subject": "x" * 100, "description": "y" * 2000, "tags": ["a", "b"]}).encode()
    worst = b"[" + b"[]," * 87_000 + b"[]]"  # ~256 KB, the largest body parse_body accepts
    return {
        "ticket model_copy, validated (us)": validated,
        "ticket model_copy, pydantic unvalidated (us)": plain,
        "model_copy calls per ticket PATCH": copies,
        "added CPU per ticket PATCH (us)": round((validated - plain) * copies, 1),
        "JSON depth check, 2 KB body (us)": _cpu_us(lambda: json_depth(body)),
        "JSON depth check, 256 KB of brackets (us)": _cpu_us(lambda: json_depth(worst), loops=20),
    }


def _copies_per_patch() -> int:
    """``model_copy(update=...)`` calls one ticket PATCH (subject, priority, status) makes."""
    from bench.seeding import in_process_aws

    with in_process_aws():
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib.domain.entity import Entity

        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "bench-validation")
            headers = {"Authorization": f"Bearer {tenant['token']}", "Content-Type": "application/json"}
            body = {"subject": "Validated", "customer_id": tenant["customer_id"]}
            created = json.loads(client.http.post("/tickets", headers=headers, body=json.dumps(body)).body)
            counted: list[int] = []
            real = Entity.model_copy

            def counting(self: Any, *, update: Any = None, deep: bool = False) -> Any:
                if update:
                    counted.append(1)
                return real(self, update=update, deep=deep)

            Entity.model_copy = counting  # type: ignore[method-assign]
            try:
                patch = {"subject": "Changed", "priority": "high", "status": "pending"}
                reply = client.http.patch(
                    f"/tickets/{created['ticket_number']}", headers=headers, body=json.dumps(patch)
                )
            finally:
                Entity.model_copy = real  # type: ignore[method-assign]
            assert reply.status_code == 200, reply.body
            return len(counted)
