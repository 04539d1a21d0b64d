"""Read and write capacity units per DynamoDB call, computed from item sizes as DynamoDB bills them.

moto reports capacity loosely (a flat figure per Query, none for transactions), so the bench costs
each call itself, from the sizes of the items it touched:

* **Item size**: the UTF-8 bytes of every attribute name plus the size of every value (moto's own
  ``Item.size()``: strings and binary by length, numbers by their digits, maps/lists recursively).
* **Reads** cost one unit per 4 KB, strongly consistent; half of that eventually consistent (no
  ``ConsistentRead``). GetItem rounds the item up; Query and Scan add up the sizes of every item
  *evaluated* (before any filter) and round the sum up once per call; BatchGetItem rounds each
  item. TransactGetItems costs two units per 4 KB of each item. A read that finds nothing still
  costs one unit (half eventually consistent).
* **Writes** cost one unit per 1 KB of the larger of the item before and after the write (a delete:
  the deleted item), at least one per item; BatchWriteItem rounds each item. TransactWriteItems
  costs two units per 1 KB of each item, ConditionCheck included.

Sizes come straight from moto's in-process backend (no DynamoDB call is made to measure): the item
before a write is looked up when the call is about to be sent, the item after it when the answer is
back; the items a Query or Scan evaluates are recorded as moto's filter sees them.
"""

from __future__ import annotations

import copy
import inspect
import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import SecondaryIndex, Table
from moto.dynamodb.models.utilities import bytesize

from chalicelib.store import metering

READ_UNIT = 4 * 1024
WRITE_UNIT = 1024
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


@dataclass(frozen=True)
class Cost:
    rcu: float = 0.0
    wcu: float = 0.0
    index_wcu: float = 0.0  # writes to the global secondary indexes, on top of ``wcu``
    # Per item written: (item kind, table WCU, index WCU); the kind is the item's ``type``.
    items: tuple[tuple[str, float, float], ...] = field(default=(), compare=False)


def item_size(attributes: dict[str, Any]) -> int:
    """Bytes DynamoDB bills for an item in wire format (``{"name": {"S": "value"}, ...}``)."""
    return sum(bytesize(name) + DynamoType(value).size() for name, value in attributes.items())


def read_units(size: int, consistent: bool = False) -> float:
    """One GetItem (or the summed items of one Query) of ``size`` bytes."""
    units = max(1, math.ceil(size / READ_UNIT))
    return float(units) if consistent else units / 2


def write_units(size: int) -> float:
    """One item written (put, updated or deleted) of ``size`` bytes."""
    return float(max(1, math.ceil(size / WRITE_UNIT)))


def query_read_units(sizes: list[int], consistent: bool = False) -> float:
    """A Query or Scan that evaluated items of ``sizes`` (filtered-out ones included)."""
    return read_units(sum(sizes), consistent)


def put_cost(before: int | None, after: int | None, transaction: bool = False) -> float:
    """Write units for one item, ``before``/``after`` its sizes (None: absent)."""
    return write_units(max(before or 0, after or 0)) * (2 if transaction else 1)


Attributes = dict[str, DynamoType]


# What-if costing of a projection change the table does not have yet (docs/architecture.md "Cost"):
# ``BENCH_QUEUE_PROJECTION=KEYS_ONLY`` bills the queue indexes' entries as keys and ``type`` only.
QUEUE_INDEXES = ("GSI1", "GSI2", "GSI3", "GSI4")


def _projection(index: SecondaryIndex) -> dict[str, Any]:
    what_if = os.environ.get("BENCH_QUEUE_PROJECTION")
    if what_if and index.name in QUEUE_INDEXES:
        return {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["type"]} if what_if == "KEYS_ONLY" else {}
    return dict(index.projection or {})


def index_entry(index: SecondaryIndex, attributes: Attributes | None) -> Attributes | None:
    """What ``index`` holds for an item with ``attributes`` (None: the item is not in the index)."""
    if attributes is None:
        return None
    keys = [k["AttributeName"] for k in index.schema]
    if any(name not in attributes for name in keys):
        return None
    projection_spec = _projection(index)
    projection = projection_spec.get("ProjectionType", "ALL")
    if projection == "ALL":
        return dict(attributes)
    kept = set(index.table_key_attrs) | set(keys)
    if projection == "INCLUDE":
        kept |= set(projection_spec.get("NonKeyAttributes", []))
    return {name: value for name, value in attributes.items() if name in kept}


def _entry_size(entry: Attributes) -> int:
    return sum(bytesize(name) + value.size() for name, value in entry.items())


def index_write_units(index: SecondaryIndex, before: Attributes | None, after: Attributes | None) -> float:
    """Write units ``index`` is billed when an item goes from ``before`` to ``after`` (None: absent)."""
    old, new = index_entry(index, before), index_entry(index, after)
    if old is None and new is None:
        return 0.0
    if old is None or new is None:
        return write_units(_entry_size(old or new or {}))
    keys = [k["AttributeName"] for k in index.schema]
    if any(old[name] != new[name] for name in keys):
        return write_units(_entry_size(old)) + write_units(_entry_size(new))
    if old != new:
        return write_units(max(_entry_size(old), _entry_size(new)))
    return 0.0


def backend() -> DynamoDBBackend:
    return dynamodb_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]


def _stored(table_name: str, key: dict[str, Any]) -> int | None:
    """The size of the stored item with ``key`` (None when absent), read from moto's memory."""
    table = backend().get_table(table_name)
    hash_value = key.get(table.hash_key_attr)
    range_value = key.get(table.range_key_attr) if table.range_key_attr else None
    if hash_value is None:
        return None
    found: Item | None = table.get_item(DynamoType(hash_value), DynamoType(range_value) if range_value else None)
    return found.size() if found is not None else None


def _stored_attributes(table_name: str, key: dict[str, Any]) -> Attributes | None:
    """A copy of the stored item with ``key`` (None when absent), read from moto's memory."""
    table = backend().get_table(table_name)
    hash_value = key.get(table.hash_key_attr)
    range_value = key.get(table.range_key_attr) if table.range_key_attr else None
    if hash_value is None:
        return None
    found: Item | None = table.get_item(DynamoType(hash_value), DynamoType(range_value) if range_value else None)
    return copy.deepcopy(found.attrs) if found is not None else None


def _index_cost(table_name: str, before: Attributes | None, after: Attributes | None) -> float:
    table = backend().get_table(table_name)
    return sum(index_write_units(index, before, after) for index in table.global_indexes)


def _key_of(table_name: str, item: dict[str, Any]) -> dict[str, Any]:
    table = backend().get_table(table_name)
    names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    return {name: item[name] for name in names if name in item}


def _size(attributes: Attributes | None) -> int | None:
    return None if attributes is None else _entry_size(attributes)


def item_kind(table_name: str, before: Attributes | None, after: Attributes | None) -> str:
    """The kind of a written item: its ``type`` discriminator, else the table's name (the
    idempotency table's records have none)."""
    for attributes in (after, before):
        if attributes and "type" in attributes:
            return str(attributes["type"].value)
    return table_name


def _written_keys(operation: str, params: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """(table, key, kind) of every item a write call touches; kind is the request type."""
    if operation == "PutItem":
        return [(params["TableName"], _key_of(params["TableName"], params["Item"]), "Put")]
    if operation in ("UpdateItem", "DeleteItem"):
        return [(params["TableName"], dict(params["Key"]), operation.removesuffix("Item").capitalize())]
    if operation == "BatchWriteItem":
        keys = []
        for table_name, requests in params.get("RequestItems", {}).items():
            for request in requests:
                if "PutRequest" in request:
                    keys.append((table_name, _key_of(table_name, request["PutRequest"]["Item"]), "Put"))
                else:
                    keys.append((table_name, dict(request["DeleteRequest"]["Key"]), "Delete"))
        return keys
    if operation == "TransactWriteItems":
        keys = []
        for entry in params.get("TransactItems", []):
            kind, op = next(iter(entry.items()))
            key = _key_of(op["TableName"], op["Item"]) if kind == "Put" else dict(op["Key"])
            keys.append((op["TableName"], key, kind))
        return keys
    return []


class _RecordingFilter:
    """Stands in for moto's filter expression: records the size of each item it is asked about."""

    def __init__(self, inner: Any, sizes: list[int]) -> None:
        self.inner = inner
        self.sizes = sizes

    def expr(self, item: Item) -> bool:
        self.sizes.append(item.size())
        return True if self.inner is None else bool(self.inner.expr(item))


@dataclass
class CapacityMeter:
    """Costs every DynamoDB call made while installed; ``cost(call)`` for a ``metering.DynamoCall``."""

    costs: dict[int, Cost] = field(default_factory=dict)
    # CPU seconds the meter itself spent in the calling thread (looking items up in moto's backend):
    # the harness takes it out of the handler's CPU, which it is not part of.
    cpu_s: float = 0.0
    _before: list[Attributes | None] = field(default_factory=list)
    _evaluated: list[int] = field(default_factory=list)

    def cost(self, call: metering.DynamoCall) -> Cost:
        return self.costs.get(id(call), Cost())

    def before(self, operation: str, params: dict[str, Any]) -> None:
        started = time.thread_time()
        self._evaluated = []
        written = _written_keys(operation, params) if operation in WRITES else []
        self._before = [_stored_attributes(t, k) for t, k, _ in written]
        self.cpu_s += time.thread_time() - started

    def after(self, call: metering.DynamoCall) -> None:
        started = time.thread_time()
        self.costs[id(call)] = self.compute(call.operation, call.params, call.response, self._before, self._evaluated)
        self.cpu_s += time.thread_time() - started

    @staticmethod
    def compute(
        operation: str,
        params: dict[str, Any],
        response: dict[str, Any],
        before: list[Attributes | None],
        evaluated: list[int],
    ) -> Cost:
        consistent = bool(params.get("ConsistentRead"))
        if operation == "GetItem":
            return Cost(rcu=read_units(_stored(params["TableName"], params["Key"]) or 0, consistent))
        if operation in ("Query", "Scan"):
            return Cost(rcu=query_read_units(evaluated, consistent))
        if operation == "BatchGetItem":
            rcu = 0.0
            for table_name, request in params.get("RequestItems", {}).items():
                strong = bool(request.get("ConsistentRead"))
                # Keys DynamoDB did not get to (UnprocessedKeys) are not charged.
                skipped = response.get("UnprocessedKeys", {}).get(table_name, {}).get("Keys", [])
                for key in request["Keys"]:
                    if key not in skipped:
                        rcu += read_units(_stored(table_name, key) or 0, strong)
            return Cost(rcu=rcu)
        if operation == "TransactGetItems":
            rcu = sum(
                2 * read_units(_stored(e["Get"]["TableName"], e["Get"]["Key"]) or 0, True)
                for e in params.get("TransactItems", [])
            )
            return Cost(rcu=rcu)
        if operation in WRITES:
            transaction = operation == "TransactWriteItems"
            written = _written_keys(operation, params)
            items = []
            for (table_name, key, request), old in zip(written, before, strict=True):
                new = _stored_attributes(table_name, key)
                item_wcu = put_cost(_size(old), _size(new), transaction)
                label = item_kind(table_name, old, new) + (" (condition check)" if request == "ConditionCheck" else "")
                items.append((label, item_wcu, _index_cost(table_name, old, new)))
            return Cost(wcu=sum(i[1] for i in items), index_wcu=sum(i[2] for i in items), items=tuple(items))
        return Cost()

    def _install_filter_recorder(self) -> Callable[[], None]:
        originals = {name: getattr(Table, name) for name in ("query", "scan")}

        def wrap(original: Any) -> Any:
            signature = inspect.signature(original)

            def recorded(table: Table, *args: Any, **kwargs: Any) -> Any:
                bound = signature.bind(table, *args, **kwargs)
                bound.arguments["filter_expression"] = _RecordingFilter(
                    bound.arguments.get("filter_expression"), self._evaluated
                )
                return original(*bound.args, **bound.kwargs)

            return recorded

        for name, original in originals.items():
            setattr(Table, name, wrap(original))

        def restore() -> None:
            for name, original in originals.items():
                setattr(Table, name, original)

        return restore


@contextmanager
def capacity_meter() -> Iterator[CapacityMeter]:
    """Cost every call made inside the block (moto in this process: ``mock_aws`` or the local server)."""
    meter = CapacityMeter()
    restore = meter._install_filter_recorder()
    metering.add_before_listener(meter.before)
    metering.add_listener(meter.after)
    try:
        yield meter
    finally:
        metering.remove_listener(meter.after)
        metering.remove_before_listener(meter.before)
        restore()
