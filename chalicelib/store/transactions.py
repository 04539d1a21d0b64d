"""All-or-nothing writes across items (TransactWriteItems) with typed conflict errors.

Each operation may carry the domain error to raise when *its* condition fails, so a service
can say "that email is taken" rather than "the transaction was cancelled".
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.operand import Path
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import Conflict, DesklessError, Unavailable
from chalicelib.store.table import TableItem


@dataclass
class Put:
    item: TableItem
    condition: Condition | None = None
    on_conflict: DesklessError | None = None
    check_version: bool = True  # False: last write wins (items only ever written with a guarding item)


@dataclass
class Update:
    item: TableItem
    actions: list[Action] = field(default_factory=list)
    condition: Condition | None = None
    on_conflict: DesklessError | None = None


@dataclass
class Delete:
    item: TableItem
    condition: Condition | None = None
    on_conflict: DesklessError | None = None
    check_version: bool = True  # False for items deleted by key without reading them first (guards)


@dataclass
class Check:
    model: type[TableItem]
    pk: str
    sk: str
    condition: Condition
    on_conflict: DesklessError | None = None


@dataclass
class Counter:
    """ADD ``delta`` to a numeric attribute without version checks (counters are never read-modify-written).

    With ``below``, the transaction fails (``on_conflict``) unless the current value is below it,
    so a limit holds under any concurrency. The item is created on first use, discriminator included.
    """

    model: type[TableItem]
    pk: str
    sk: str
    attribute: Any
    delta: int
    below: int | None = None
    on_conflict: DesklessError | None = None
    condition: Condition | None = None  # and this must hold too (e.g. the item's version)
    expires_at: datetime | None = None  # the item's TTL, set with each change (counters of a period)


@dataclass
class Touch:
    """Apply ``actions`` to an existing item without a version check (flags on write-once items)."""

    model: type[TableItem]
    pk: str
    sk: str
    actions: list[Action]
    on_conflict: DesklessError | None = None
    condition: Condition | None = None  # and this must hold too (the item exists in any case)


@dataclass
class Tally:
    """ADD several numeric attributes (negative to subtract) on an item created on first use.

    For aggregate counters (the SLA report) whose attribute names are data, not schema.
    """

    model: type[TableItem]
    pk: str
    sk: str
    increments: dict[str, int]
    on_conflict: DesklessError | None = None


def tallied(model: type[TableItem], pk: str, first_sk: str, last_sk: str) -> Iterator[tuple[str, dict[str, int]]]:
    """``(sk, values)`` of the ``Tally`` counter items of ``pk`` with ``first_sk <= SK <= last_sk``:
    one paged Query; ``values`` are the item's numeric attributes (the counters)."""
    from decimal import Decimal

    connection = model._get_connection()
    last: dict[str, Any] | None = None
    while True:
        page = connection.query(pk, model.SK.between(first_sk, last_sk), exclusive_start_key=last)
        for raw in page.get("Items", []):
            values = {
                name: int(Decimal(value["N"]))
                for name, value in raw.items()
                if isinstance(value, dict) and "N" in value and name not in ("version", "expires_at")
            }
            yield str(raw["SK"]["S"]), values
        last = page.get("LastEvaluatedKey")
        if not last:
            return


Operation = Put | Update | Delete | Check | Counter | Touch | Tally
_WIRE_ORDER: dict[type, int] = {Check: 0, Delete: 1, Put: 2, Update: 3, Counter: 3, Touch: 3, Tally: 3}
# A transaction cancelled only because another one held the same items is retried this many times.
CONFLICT_ATTEMPTS = 4

_connection: Connection | None = None
# Writes waiting to join the next transaction of the current context (see ``riding``).
_riders: ContextVar[tuple[Operation, ...]] = ContextVar("riders", default=())


def _get_connection() -> Connection:
    global _connection
    if _connection is None:
        meta: Any = TableItem.Meta
        _connection = Connection(
            region=meta.region,
            connect_timeout_seconds=meta.connect_timeout_seconds,
            read_timeout_seconds=meta.read_timeout_seconds,
            max_retry_attempts=meta.max_retry_attempts,
        )
    return _connection


def is_condition_failure(exc: Exception) -> bool:
    """Whether a PynamoDB write failed on its condition (stale version, taken key...)."""
    return getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException"


def _add_counter(transaction: TransactWrite, op: Counter) -> None:
    condition = op.condition
    if op.below is not None:
        below = op.attribute.does_not_exist() | (op.attribute < op.below)
        condition = below if condition is None else condition & below
    actions: list[Action] = [op.attribute.add(op.delta), op.model.type.set(op.model)]  # type: ignore[arg-type]
    if op.expires_at is not None:
        actions.append(op.model.expires_at.set(op.expires_at))
    kwargs = op.model._get_connection().get_operation_kwargs(op.pk, op.sk, actions=actions, condition=condition)
    # TransactWrite.update() would add a version condition; counters have none by design.
    transaction._update_items.append(kwargs)


def _add_touch(transaction: TransactWrite, op: Touch) -> None:
    condition = op.model.PK.exists() if op.condition is None else op.model.PK.exists() & op.condition
    kwargs = op.model._get_connection().get_operation_kwargs(op.pk, op.sk, actions=op.actions, condition=condition)
    transaction._update_items.append(kwargs)


def _add_tally(transaction: TransactWrite, op: Tally) -> None:
    actions: list[Action] = [Path(name).add(value) for name, value in sorted(op.increments.items())]
    actions.append(op.model.type.set(op.model))  # type: ignore[arg-type]
    kwargs = op.model._get_connection().get_operation_kwargs(op.pk, op.sk, actions=actions)
    transaction._update_items.append(kwargs)


@contextmanager
def riding(operations: Sequence[Operation]) -> Iterator[None]:
    """Let ``operations`` (an audit entry) join the next ``transact_write`` inside the block, so they
    are written if and only if the change they describe is. When the block writes no transaction,
    they are written on their own at its end; when it raises, they are dropped."""
    token = _riders.set((*_riders.get(), *operations))
    try:
        yield
        left = _riders.get()
        _riders.set(())
        if left:
            transact_write(left)
    finally:
        _riders.reset(token)


def transact_write(operations: Sequence[Operation]) -> None:
    """Apply every operation or none.

    Raises the ``on_conflict`` error of the first operation whose condition failed (a generic
    ``Conflict`` when it has none), ``Conflict(code="transaction_conflict")`` when another
    transaction kept touching the same items through ``CONFLICT_ATTEMPTS`` tries (short jittered
    pauses between them), ``Unavailable`` when DynamoDB throttled.
    """
    riders = _riders.get()
    if riders:
        _riders.set(())
        operations = [*operations, *riders]
    if not operations:
        return
    # PynamoDB sends checks, deletes, puts, then updates, and DynamoDB reports cancellation
    # reasons in the order sent: order the operations the same way to pair each reason with its op.
    operations = sorted(operations, key=lambda op: _WIRE_ORDER[type(op)])
    for attempt in range(1, CONFLICT_ATTEMPTS + 1):
        try:
            _transact_once(operations)
            return
        except Conflict as exc:
            # Cancelled as a whole because a concurrent transaction held one of the items (a hot
            # counter): nothing was written and the conditions are evaluated afresh, so a retry is safe.
            if exc.code != "transaction_conflict" or attempt == CONFLICT_ATTEMPTS:
                raise
            time.sleep(random.uniform(0.01, 0.05) * attempt)


# A transaction of one write is sent as that write: as atomic and conditional, billed half the units
# (DynamoDB bills each item of TransactWriteItems twice).
_SINGLE_WRITES = (("_put_items", "PutItem"), ("_update_items", "UpdateItem"), ("_delete_items", "DeleteItem"))


class _SingleWriteFailed(Exception):
    """A lone write was refused; ``code`` is DynamoDB's error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class _SingleWrite(TransactWrite):
    """``TransactWrite`` that commits a lone write (no condition check) as PutItem, UpdateItem or
    DeleteItem, with the same condition; a refusal raises ``_SingleWriteFailed``."""

    def _commit(self) -> Any:
        writes = [items for attribute, _ in _SINGLE_WRITES if (items := getattr(self, attribute))]
        if self._condition_check_items or len(writes) != 1 or len(writes[0]) != 1:
            return super()._commit()
        operation = next(name for attribute, name in _SINGLE_WRITES if getattr(self, attribute))
        try:
            response = self._connection.dispatch(operation, dict(writes[0][0]))
        except ClientError as exc:
            raise _SingleWriteFailed(str(exc.response.get("Error", {}).get("Code", ""))) from exc
        for model in self._models_for_version_attribute_update:
            model.update_local_version_attribute()
        return response


def _transact_once(operations: Sequence[Operation]) -> None:
    try:
        with _SingleWrite(connection=_get_connection()) as transaction:
            for op in operations:
                if isinstance(op, Put) and not op.check_version:
                    args, kwargs = op.item._get_save_args(condition=op.condition, add_version_condition=False)
                    kwargs["key"] = "Item"
                    transaction._put_items.append(op.item._get_connection().get_operation_kwargs(*args, **kwargs))
                elif isinstance(op, Put):
                    transaction.save(op.item, condition=op.condition)
                elif isinstance(op, Update):
                    transaction.update(op.item, actions=op.actions, condition=op.condition)
                elif isinstance(op, Counter):
                    _add_counter(transaction, op)
                elif isinstance(op, Touch):
                    _add_touch(transaction, op)
                elif isinstance(op, Tally):
                    _add_tally(transaction, op)
                elif isinstance(op, Delete):
                    transaction.delete(op.item, condition=op.condition, add_version_condition=op.check_version)
                else:
                    transaction.condition_check(op.model, op.pk, op.sk, condition=op.condition)
    except _SingleWriteFailed as exc:
        if exc.code == "ConditionalCheckFailedException":
            raise (
                operations[0].on_conflict or Conflict("The item was changed by someone else.", code="stale_version")
            ) from exc
        if exc.code == "TransactionConflictException":
            raise Conflict("A concurrent change touched the same items; retry.", code="transaction_conflict") from exc
        if exc.code in ("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"):
            raise Unavailable("The table is busy; retry shortly.", code="throttled") from exc
        cause = exc.__cause__ if isinstance(exc.__cause__, Exception) else None
        raise TransactWriteError(f"Failed to write the item: {exc.code}", cause) from exc
    except TransactWriteError as exc:
        reasons = exc.cancellation_reasons or []
        for op, reason in zip(operations, reasons, strict=False):
            if reason is not None and reason.code == "ConditionalCheckFailed":
                raise (
                    op.on_conflict or Conflict("The item was changed by someone else.", code="stale_version")
                ) from exc
        codes = {reason.code for reason in reasons if reason is not None}
        if "TransactionConflict" in codes:
            raise Conflict("A concurrent change touched the same items; retry.", code="transaction_conflict") from exc
        if codes & {"ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded"}:
            raise Unavailable("The table is busy; retry shortly.", code="throttled") from exc
        raise


def reset_connection() -> None:
    global _connection
    _connection = None
