"""At scale: the capacity units each request puts on each partition key, and the largest tenant
DynamoDB's per-partition limits allow (1,000 WCU/s and 3,000 RCU/s per partition key).

One organization's hottest paths run through the API on the local stack's database server: ticket
creation, an agent's reply, and the inbox's poll. Each call's capacity units are split by the
partition key they land on: the table's ``PK``, and for every global secondary index the entry's
partition key (an index is partitioned by its own key, and a hot index key throttles the table's
writes). A key hit by every request of the organization (its counters, its queue index partitions)
caps the organization; keys that differ per ticket (the ticket's own item collection) or that are
spread by a shard suffix (the DUE index's ``DUE#<hour>#<shard>``) do not.

The emulator serialises every request behind one lock, so its own limit is the request rate it
serves, shown for scale; the tenant's limit is computed from the units, not observed.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Units = dict[tuple[str, str], float]
PARTITION_WCU = 1_000
PARTITION_RCU = 3_000
CREATES = 40
POLLS = 20
ROOT = Path(__file__).resolve().parents[1]


def poll_seconds() -> float:
    """The agent inbox's poll interval, read from the web app (web/src/agent/Inbox.tsx)."""
    try:
        found = re.search(r"POLL_MS\s*=\s*([\d_]+)", (ROOT / "web/src/agent/Inbox.tsx").read_text())
    except OSError:
        found = None
    return int(found.group(1).replace("_", "")) / 1000 if found else 20.0


class KeyMeter:
    """Capacity units per (table or index, partition key value) of every call made while installed."""

    def __init__(self) -> None:
        self.wcu: Units = defaultdict(float)
        self.rcu: Units = defaultdict(float)
        self.item_wcu: Units = defaultdict(float)  # per item: split for heat never divides one item
        self._before: list[tuple[str, dict[str, Any], Any]] = []

    def before(self, operation: str, params: dict[str, Any]) -> None:
        from bench.capacity import WRITES, _stored_attributes, _written_keys

        written = _written_keys(operation, params) if operation in WRITES else []
        self._before = [(t, k, _stored_attributes(t, k)) for t, k, _ in written]

    def after(self, call: Any, units: float) -> None:
        from bench.capacity import (
            WRITES,
            _size,
            _stored,
            _stored_attributes,
            backend,
            index_entry,
            index_write_units,
            put_cost,
            read_units,
        )

        if call.operation in WRITES:
            transaction = call.operation == "TransactWriteItems"
            for table_name, key, old in self._before:
                new = _stored_attributes(table_name, key)
                spent_on_item = put_cost(_size(old), _size(new), transaction)
                self.wcu[("table", key["PK"]["S"])] += spent_on_item
                self.item_wcu[("item", f"{key['PK']['S']} / {key['SK']['S']}")] += spent_on_item
                for index in backend().get_table(table_name).global_indexes:
                    spent = index_write_units(index, old, new)
                    hash_key = next(k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH")
                    entries = [index_entry(index, a) for a in (old, new)]
                    keys = {str(e[hash_key].value) for e in entries if e is not None}
                    for value in keys:
                        self.wcu[(index.name, value)] += spent / len(keys)
        elif call.operation == "GetItem":
            self.rcu[("table", call.params["Key"]["PK"]["S"])] += units
        elif call.operation == "BatchGetItem":
            for table_name, request in call.params.get("RequestItems", {}).items():
                for key in request["Keys"]:
                    size = _stored(table_name, key) or 0
                    self.rcu[("table", key["PK"]["S"])] += read_units(size, bool(request.get("ConsistentRead")))
        elif call.operation == "Query":
            self.rcu[(call.params.get("IndexName", "table"), _partition_of(call.params))] += units


def _partition_of(params: dict[str, Any]) -> str:
    """The partition key value a Query's key condition names (``#n = :v`` on a ``...PK`` attribute)."""
    names = params.get("ExpressionAttributeNames", {})
    values = params.get("ExpressionAttributeValues", {})
    for name, value in re.findall(r"(#\w+) = (:\w+)", params.get("KeyConditionExpression", "")):
        if str(names.get(name, "")).endswith("PK"):
            return str(values[value]["S"])
    return "?"


@contextmanager
def key_meter() -> Iterator[KeyMeter]:
    from bench.capacity import capacity_meter
    from chalicelib.store import metering

    keys = KeyMeter()
    with capacity_meter() as meter:

        def after(call: Any) -> None:
            keys.after(call, meter.cost(call).rcu)

        metering.add_before_listener(keys.before)
        metering.add_listener(after)
        try:
            yield keys
        finally:
            metering.remove_listener(after)
            metering.remove_before_listener(keys.before)


def _label(org_id: str, key: tuple[str, str]) -> str:
    """``GSI4 ORG#<o>#TICKETS``: the key with the organization's id and any ticket number generalised."""
    where, value = key
    value = value.replace(org_id, "<o>")
    value = re.sub(r"TICKET#\d+", "TICKET#<n>", value)
    value = re.sub(r"DUE#[\dT-]+#", "DUE#<hour>#", value)
    value = re.sub(r"\b[0-9a-f]{40,}\b", "<hash>", value)
    value = re.sub(r"\b[0-9a-f]{20}\b", "<id>", value)
    return f"{where} {value}"


def _hottest(units: Units, runs: int, org_id: str, limit: float, top: int = 6) -> list[Any]:
    rows = []
    for key, spent in sorted(units.items(), key=lambda kv: -kv[1])[:top]:
        per_request = spent / runs
        rows.append(
            {
                "partition key": _label(org_id, key),
                "units per request": round(per_request, 2),
                "requests/s at the partition limit": round(limit / per_request, 1) if per_request else "",
            }
        )
    return rows


def _by_key(rows: list[Any]) -> dict[str, Any]:
    return {r["partition key"]: {k: v for k, v in r.items() if k != "partition key"} for r in rows}


def hot_keys(creates: int = CREATES, polls: int = POLLS) -> dict[str, Any]:
    """Units per partition key of ticket creation, an agent's reply and the inbox poll (one organization),
    the largest tenant they allow, and the emulator's own rate for the create path."""
    from bench.harness import local_database

    with local_database(idempotency=True):  # the stage's environment first, then the app
        from chalice.test import Client

        from app import app
        from bench.operations import add_user, call, login, ok, tenant

        with Client(app, stage_name="local") as client:
            state = tenant(client)
            add_user(client, state, "agent", "agent")
            agent = login(client, state["slug"], state["agent_email"])
            org_id = state["org_id"]
            policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
            ok(call(client, "POST", "/sla-policies", state["token"], policy))
            body = {"subject": "Printer jams", "description": "It jams. " * 40, "customer_id": state["customer_id"]}
            numbers = []
            started = time.perf_counter()  # the emulator's own rate, unmetered
            for _ in range(creates):
                numbers.append(ok(call(client, "POST", "/tickets", state["token"], body))["ticket_number"])
            elapsed = time.perf_counter() - started
            with key_meter() as created:
                for _ in range(creates):
                    numbers.append(ok(call(client, "POST", "/tickets", state["token"], body))["ticket_number"])
            with key_meter() as replied:
                for number in numbers[-creates:]:
                    reply = {"content": "We are on it. " * 10}
                    ok(call(client, "POST", f"/tickets/{number}/comments", agent, reply))
            query = "/tickets?view=unassigned&limit=25&include=users,sla_policy,sla,counts"
            with key_meter() as polled:
                for _ in range(polls):
                    ok(call(client, "GET", query, agent))
    create_rows = _hottest(created.wcu, creates, org_id, PARTITION_WCU)
    reply_rows = _hottest(replied.wcu, creates, org_id, PARTITION_WCU)
    poll_rows = _hottest(polled.rcu, polls, org_id, PARTITION_RCU)
    item_rows = _hottest(created.item_wcu, creates, org_id, PARTITION_WCU, top=4)
    due_shards = {_label(org_id, k): round(v, 1) for k, v in sorted(created.wcu.items()) if k[1].startswith("DUE#")}
    interval = poll_seconds()
    polls_per_second = poll_rows[0]["requests/s at the partition limit"] if poll_rows else 0
    return {
        "tickets created": len(numbers),
        "distinct ticket numbers": len(set(numbers)),
        "emulator: creates/s (one lock, serial)": round(creates / elapsed, 1),
        "largest tenant: tickets created/s (hottest write key)": create_rows[0]["requests/s at the partition limit"],
        "largest tenant: agent replies/s (hottest write key)": reply_rows[0]["requests/s at the partition limit"],
        "largest tenant: inbox polls/s (hottest read key)": polls_per_second,
        "inbox poll interval s (web app)": interval,
        "largest tenant: agents polling": round(polls_per_second * interval) if polls_per_second else "",
        "largest tenant: tickets created/s (hottest single item)": item_rows[0]["requests/s at the partition limit"],
        "create: WCU per partition key (hottest first)": _by_key(create_rows),
        "create: WCU per item (hottest first)": _by_key(item_rows),
        "create: WCU per DUE index partition (the sharded deadline index)": due_shards,
        "agent reply: WCU per partition key": _by_key(reply_rows),
        "inbox poll: RCU per partition key": _by_key(poll_rows),
    }
