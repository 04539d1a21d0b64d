"""moto in server mode, made to behave like a database (shared/design/pitfalls.md).

Two fixes over plain ``ThreadedMotoServer``:

* **Serialised requests.** moto is not thread-safe: concurrent ``UpdateItem ADD`` calls lose
  updates and concurrent transactions crash. A WSGI middleware holds one lock per request, so
  every request is atomic, as each DynamoDB request is.
* **O(1) transactions.** moto's TransactWriteItems deep-copies every table it touches, once per
  item, to be able to roll back; its cost grows with the table (549 ms per one-item transaction
  at 20,000 items). ``transact_write_items`` below checks every condition first, then applies
  the writes, snapshotting only the items it touches (and the stream's length) for rollback.
  This also avoids an upstream bug where a failed transaction swaps the table object and open
  stream iterators stop seeing writes.

The same middleware journals every write when the stack persists (``SerialisedApp.recorder``,
chalicelib/local/journal.py): a response leaves only once the write is on disk.
"""

from __future__ import annotations

import copy
import json
import logging
import socket
import threading
from collections.abc import Iterable
from typing import Any

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from chalicelib.local.journal import JournalClosed, Recorder

_OPERATIONS = {"ConditionCheck", "Put", "Delete", "Update"}


def _key_of(table: Table, op_type: str, op: dict[str, Any]) -> dict[str, Any]:
    if op_type != "Put":
        return dict(op["Key"])
    attrs = op["Item"]
    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = attrs[table.range_key_attr]
    return key


def _restore(table: Table, key: dict[str, Any], before: Item | None) -> None:
    hash_value = DynamoType(key[table.hash_key_attr])
    range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
    if range_value is None:
        if before is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = before  # type: ignore[assignment]
        return
    if before is None:
        table.items[hash_value].pop(range_value, None)
        if not table.items[hash_value]:
            del table.items[hash_value]
    else:
        table.items[hash_value][range_value] = before


def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    """Drop-in replacement for ``DynamoDBBackend.transact_write_items`` (same errors, O(items))."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    seen: set[tuple[str, str]] = set()
    prepared: list[tuple[str, dict[str, Any], Table, dict[str, Any], Item | None]] = []
    errors: list[tuple[str | None, str | None, dict[str, Any] | None]] = []
    for entry in transact_items:
        if len(entry) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(entry.items()))
        if op_type not in _OPERATIONS:
            raise MockValidationException(f"Unsupported transaction operation {op_type}")
        table = self.get_table(op["TableName"])
        key = _key_of(table, op_type, op)
        identity = (str(op["TableName"]), str(dict(sorted(key.items()))))
        if identity in seen:
            raise MultipleTransactionsException()
        seen.add(identity)
        current = self.get_item(op["TableName"], key)
        condition = op.get("ConditionExpression")
        failed: tuple[str | None, str | None, dict[str, Any] | None] = (None, None, None)
        if condition is not None:
            check = get_filter_expression(
                condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
            )
            if not check.expr(current):
                old = None
                if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current is not None:
                    old = current.to_json()["Attributes"]
                failed = ("ConditionalCheckFailed", ConditionalCheckFailed().message, old)
        errors.append(failed)
        prepared.append((op_type, op, table, key, current))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)

    # Every condition held: apply, keeping just enough to undo a write that fails validation.
    snapshots = [(table, key, copy.deepcopy(current)) for _, _, table, key, current in prepared]
    stream_lengths = {id(t): (t, len(t.stream_shard.items)) for _, _, t, _, _ in prepared if t.stream_shard is not None}
    position = 0
    try:
        for index, (op_type, op, _table, key, _current) in enumerate(prepared):
            position = index
            name = op["TableName"]
            if op_type == "Put":
                self.put_item(name, op["Item"])
            elif op_type == "Delete":
                self.delete_item(name, key)
            elif op_type == "Update":
                self.update_item(
                    name,
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=op.get("ExpressionAttributeNames") or {},
                    expression_attribute_values=op.get("ExpressionAttributeValues") or {},
                )
    except Exception as exc:
        for table, key, before in snapshots:
            _restore(table, key, before)
        for table, length in stream_lengths.values():
            del table.stream_shard.items[length:]  # type: ignore[union-attr]
        if isinstance(exc, MockValidationException):
            raise
        failures: list[tuple[str | None, str | None, dict[str, Any] | None]] = [(None, None, None)] * len(prepared)
        failures[position] = (type(exc).__name__, str(exc), None)
        raise TransactionCanceledException(failures) from exc


def install_transaction_patch() -> None:
    """Replace moto's table-copying transaction with the O(items) one (idempotent)."""
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


_STOPPING = json.dumps({"__type": "ServiceUnavailable", "message": "the local stack is stopping"}).encode()


class SerialisedApp:
    """WSGI middleware: one request at a time, response fully built inside the lock.

    With a ``recorder`` (chalicelib/local/journal.py) each write is journaled inside the lock, and
    every response waits, outside the lock, until the journal holds what it reflects.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lock = threading.RLock()
        self.recorder: Recorder | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        recorder = self.recorder
        statuses: list[str] = []

        def keep_status(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            statuses.append(status)
            return start_response(status, headers, exc_info)

        with self.lock:
            try:
                captured = recorder.capture(environ) if recorder is not None else None
            except JournalClosed:
                start_response("503 Service Unavailable", [("Content-Type", "application/x-amz-json-1.0")])
                return [_STOPPING]
            result = self.app(environ, keep_status)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
            if recorder is not None:
                position = recorder.commit(captured, int(statuses[-1].split()[0]) if statuses else 500)
        if recorder is not None:
            recorder.durable(position)
        return [body]


class LockedMotoServer(ThreadedMotoServer):
    """``ThreadedMotoServer`` with serialised requests and the O(1) transaction patch.

    Unlike upstream, a port that cannot be bound raises at ``start()`` instead of hanging.
    """

    def __init__(self, ip_address: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(ip_address=ip_address, port=port, verbose=False)
        # An unread pipe full of access logs would block the server; keep only warnings.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.app = SerialisedApp(DomainDispatcherApplication(create_backend_app))
        self._error: BaseException | None = None
        install_transaction_patch()

    def _server_entry(self) -> None:
        try:
            # Bound here, not by werkzeug, which prints to stderr and exits when the port is taken.
            listening = socket.create_server((self._ip_address, self._port), backlog=128)
            try:
                self._server = make_server(
                    self._ip_address,
                    self._port,
                    self.app,
                    True,
                    request_handler=MotoRequestHandler,
                    fd=listening.fileno(),
                )
            finally:
                listening.close()  # werkzeug serves a duplicate of the descriptor
        except BaseException as exc:  # surfaced by start()
            self._error = exc
            self._server_ready_event.set()
            return
        self._server_ready_event.set()
        self._server.serve_forever()

    def start(self) -> None:
        super().start()
        if self._error is not None:
            raise RuntimeError(
                f"cannot start the local DynamoDB server on {self._ip_address}:{self._port}: {self._error}"
            ) from self._error

    @property
    def endpoint(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{host}:{port}"

    def stop(self) -> None:
        super().stop()
        if self._server is not None:
            self._server.server_close()
