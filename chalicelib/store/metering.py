"""Counts every DynamoDB call the store makes, through botocore's event hooks.

Each botocore client PynamoDB creates gets a ``before-call``/``after-call`` handler pair (see
``attach``). Listeners receive one ``DynamoCall`` per API call with its operation name, the
capacity DynamoDB reports, the request parameters and the parsed response. The API middleware uses
it to log calls per request, the bench harness to cost each call from its items' sizes
(bench/capacity.py), and the test suite to fail on any Scan.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pynamodb.connection.base import Connection


@dataclass
class DynamoCall:
    operation: str
    capacity_units: float = 0.0  # as DynamoDB reports it (moto reports none for transactions)
    items_read: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[DynamoCall], None]
BeforeListener = Callable[[str, dict[str, Any]], None]

_after_listeners: list[Listener] = []
_before_listeners: list[BeforeListener] = []
_local = threading.local()


def _consumed(parsed: dict[str, Any]) -> float:
    consumed = parsed.get("ConsumedCapacity")
    if isinstance(consumed, dict):
        return float(consumed.get("CapacityUnits", 0.0))
    if isinstance(consumed, list):
        return float(sum(c.get("CapacityUnits", 0.0) for c in consumed))
    return 0.0


def _before_parameter_build(params: dict[str, Any], model: Any, **_: Any) -> None:
    if model.name != "DescribeTable":
        # Ask DynamoDB to report capacity so calls can be costed; it changes nothing else.
        params.setdefault("ReturnConsumedCapacity", "TOTAL")
    _local.pending_params = params


def _before_call(model: Any, **_: Any) -> None:
    params: dict[str, Any] = getattr(_local, "pending_params", None) or {}
    for listener in list(_before_listeners):
        listener(model.name, params)


def _after_call(model: Any, parsed: dict[str, Any], **_: Any) -> None:
    capacity = _consumed(parsed)
    params: dict[str, Any] = getattr(_local, "pending_params", None) or {}
    items_read = int(parsed.get("ScannedCount", parsed.get("Count", 0)) or 0)
    if model.name == "GetItem":
        items_read = 1 if parsed.get("Item") else 0
    elif model.name == "BatchGetItem":
        items_read = sum(len(v) for v in (parsed.get("Responses") or {}).values())
    call = DynamoCall(model.name, capacity, items_read, params, parsed)
    for meter in getattr(_local, "meters", ()):
        meter.append(call)
    for listener in list(_after_listeners):
        listener(call)


def attach(client: Any) -> Any:
    """Register the metering hooks on one botocore client (idempotent)."""
    if not getattr(client, "_deskless_metered", False):
        client.meta.events.register("before-parameter-build.dynamodb", _before_parameter_build)
        client.meta.events.register("before-call.dynamodb", _before_call)
        client.meta.events.register("after-call.dynamodb", _after_call)
        client._deskless_metered = True
    return client


def add_listener(listener: Listener) -> None:
    _after_listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    _after_listeners.remove(listener)


@contextmanager
def sanctioned_scan() -> Iterator[None]:
    """Marks the Scans made inside the block as deliberate: only the offboarding job reads the whole
    table (a tenant's items have no one index); no request path ever scans."""
    previous = getattr(_local, "scan_sanctioned", False)
    _local.scan_sanctioned = True
    try:
        yield
    finally:
        _local.scan_sanctioned = previous


def scan_sanctioned() -> bool:
    return bool(getattr(_local, "scan_sanctioned", False))


def add_before_listener(listener: BeforeListener) -> None:
    """Called before each call is sent; raising aborts the call (used by the Scan guard)."""
    _before_listeners.append(listener)


def remove_before_listener(listener: BeforeListener) -> None:
    _before_listeners.remove(listener)


@contextmanager
def metered() -> Iterator[list[DynamoCall]]:
    """Collect the calls made by the current thread inside the block (blocks may nest).

    >>> with metered() as calls:
    ...     ping()
    >>> [c.operation for c in calls]
    ['GetItem']
    """
    calls: list[DynamoCall] = []
    meters: list[list[DynamoCall]] = getattr(_local, "meters", None) or []
    _local.meters = [*meters, calls]
    try:
        yield calls
    finally:
        _local.meters = meters


def current() -> list[list[DynamoCall]]:
    """The meters of the current thread: hand them to ``joined`` in a worker thread."""
    return list(getattr(_local, "meters", None) or [])


@contextmanager
def joined(meters: list[list[DynamoCall]]) -> Iterator[None]:
    """Count a worker thread's calls in the meters of the thread that started it (``current``)."""
    previous = getattr(_local, "meters", None) or []
    _local.meters = meters
    try:
        yield
    finally:
        _local.meters = previous


@contextmanager
def apart() -> Iterator[list[DynamoCall]]:
    """Collect the calls made inside the block in a list of their own, out of the enclosing blocks.

    For work whose cost is accounted separately: the rate limiter's claims are amortised over many
    requests, so the request log reports them on their own and an operation's call counts stay
    the operation's (listeners still see every call).
    """
    calls: list[DynamoCall] = []
    meters: list[list[DynamoCall]] = getattr(_local, "meters", None) or []
    _local.meters = [calls]
    try:
        yield calls
    finally:
        _local.meters = meters


def _install() -> None:
    # PynamoDB builds its botocore clients lazily inside Connection.client; wrapping that one
    # property meters model calls and transactions alike, whichever thread created the client.
    original: Any = Connection.client
    if getattr(original.fget, "_deskless_metered", False):
        return

    def client(self: Connection) -> Any:
        return attach(original.fget(self))

    client._deskless_metered = True  # type: ignore[attr-defined]
    Connection.client = property(client)  # type: ignore[method-assign,assignment]


_install()
