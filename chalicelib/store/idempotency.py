"""Powertools idempotency records: one per delivery of an at-least-once event, or per
``Idempotency-Key`` of an HTTP create (``chalicelib.api.idempotency``), in their own table.

Two layers make the event entry points that would otherwise do real work twice (``ingest_email``,
``retention_sweep_job``) safe to deliver more than once:

1. a Powertools record per delivery (``OncePerDelivery`` below), written before the work starts: a
   duplicate of the same delivery gets the saved result back without redoing the work, and a
   duplicate arriving while the first still runs finds the record in progress and starts nothing;
2. the guard items written in the business transaction itself (the Message-ID guard, the retention
   batch markers): the guarantee. They still hold when the record is gone (expired, never written,
   a different event for the same message).

The records live in a table of their own (``config.idempotency_table_name()``: PK ``id``, TTL
``expiration``, on demand): they belong to no tenant, expire within a day and must not reach the
main table's stream. Their calls are not metered (``store.metering`` counts the main table's).

Cold start: Powertools' idempotency utility imports boto3 and jmespath (about 50 ms), so this
module imports it only on the first guarded call. The persistence layer is built then too: its
boto3 client binds the endpoint (``AWS_ENDPOINT_URL`` in the local stack, moto in tests) when it
is created, and ``reset()`` forgets it when the endpoint changes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalicelib import config

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

KEY_ATTRIBUTE = "id"
TTL_ATTRIBUTE = "expiration"

Result = dict[str, Any]


def table_spec(table_name: str | None = None) -> dict[str, Any]:
    """CreateTable parameters (boto3 shape) for the idempotency records' table."""
    return {
        "TableName": table_name or config.idempotency_table_name(),
        "AttributeDefinitions": [{"AttributeName": KEY_ATTRIBUTE, "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": KEY_ATTRIBUTE, "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    }


def ttl_spec() -> dict[str, Any]:
    return {"Enabled": True, "AttributeName": TTL_ATTRIBUTE}


def create_idempotency_table(client: Any, table_name: str | None = None) -> str:
    """Create the records' table (and its TTL setting) with a boto3 client; returns its name.

    Used by the test fixtures and the local stack, next to ``table.create_table``. An existing
    table is left as it is.
    """
    spec = table_spec(table_name)
    name = str(spec["TableName"])
    try:
        client.create_table(**spec)
    except client.exceptions.ResourceInUseException:
        return name
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    client.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl_spec())
    return name


class _Budget:
    """Stands in for the Lambda context when there is none (direct calls): Powertools reads only
    ``get_remaining_time_in_millis`` from it, to bound how long a crashed run's record blocks others."""

    def __init__(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class _NotRecorded(Exception):
    """Raised inside the guarded call so Powertools deletes the record; carries the result out."""

    def __init__(self, result: Result) -> None:
        super().__init__("result not recorded")
        self.result = result


def _run_work(*, delivery: dict[str, str], work: Callable[[], Result], record_if: Callable[[Result], bool]) -> Result:
    # ``delivery`` is what Powertools hashes into the record's key; the work ignores it.
    result = work()
    if not record_if(result):
        raise _NotRecorded(result)
    return result


def _always(result: Result) -> bool:
    return True


class OncePerDelivery:
    """Runs a piece of work at most once per delivery key, with a Powertools record.

    One instance per entry point, created on its first delivery (the entry point imports this module
    only then); the Powertools objects are built on the first call too. Each instance has its own
    ``IdempotencyConfig`` and ``DynamoDBPersistenceLayer`` (Powertools configures a persistence
    layer once, from the first config it sees).
    """

    def __init__(
        self,
        key_prefix: str,
        expires_after_seconds: int,
        fallback_budget_seconds: float,
        *,
        key_path: str = "",
        payload_path: str = "",
    ) -> None:
        """``key_path`` (a JMESPath into the delivery; "" for all of it) is what the record is keyed by;
        with ``payload_path`` a repeat whose value there differs from the record's raises
        Powertools' ``IdempotencyValidationError`` instead of getting the saved result."""
        self.key_prefix = key_prefix
        self.expires_after_seconds = expires_after_seconds
        self.fallback_budget_seconds = fallback_budget_seconds
        self.key_path = key_path
        self.payload_path = payload_path
        self._lock = threading.Lock()
        self._built: tuple[IdempotencyConfig, Callable[..., Result]] | None = None
        _instances.append(self)

    def _build(self) -> tuple[IdempotencyConfig, Callable[..., Result]]:
        with self._lock:
            if self._built is None:
                from aws_lambda_powertools.utilities.idempotency import (
                    DynamoDBPersistenceLayer,
                    IdempotencyConfig,
                    idempotent_function,
                )

                settings = IdempotencyConfig(
                    expires_after_seconds=self.expires_after_seconds,
                    event_key_jmespath=self.key_path,
                    payload_validation_jmespath=self.payload_path,
                )
                persistence = DynamoDBPersistenceLayer(
                    table_name=config.idempotency_table_name(), key_attr=KEY_ATTRIBUTE, expiry_attr=TTL_ATTRIBUTE
                )
                guarded = idempotent_function(
                    _run_work,
                    data_keyword_argument="delivery",
                    persistence_store=persistence,
                    config=settings,
                    key_prefix=self.key_prefix,
                )
                self._built = (settings, guarded)
            return self._built

    def reset(self) -> None:
        with self._lock:
            self._built = None

    def run(
        self,
        delivery: dict[str, str],
        context: Any,
        work: Callable[[], Result],
        record_if: Callable[[Result], bool] = _always,
        on_in_progress: Callable[[Exception], Result] | None = None,
    ) -> Result:
        """``work()`` once for ``delivery``; a repeat within the expiry returns the saved result.

        ``context`` (the Lambda context, or None) bounds a run's in-progress record to the
        invocation's remaining time, so a run killed by a timeout does not block its retry until the
        record expires; without one, ``fallback_budget_seconds`` does. A result for which
        ``record_if`` is false is returned but not saved (the record is deleted, a repeat runs).

        When another run holds the record, Powertools raises ``IdempotencyAlreadyInProgressError``:
        ``on_in_progress(error)`` decides (returns a result or raises); without it the error propagates.
        ``IdempotencyPersistenceLayerError`` means the records' table failed; whatever ``work`` raises
        propagates after the record is deleted, so a retry runs.
        """
        from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyAlreadyInProgressError

        settings, guarded = self._build()
        if not callable(getattr(context, "get_remaining_time_in_millis", None)):
            context = _Budget(self.fallback_budget_seconds)
        settings.register_lambda_context(context)
        try:
            return guarded(delivery=delivery, work=work, record_if=record_if)
        except _NotRecorded as unrecorded:
            return unrecorded.result
        except IdempotencyAlreadyInProgressError as busy:
            if on_in_progress is None:
                raise
            return on_in_progress(busy)


_instances: list[OncePerDelivery] = []


def reset() -> None:
    """Forget the persistence layers (their boto3 clients) so the next call picks up a new endpoint."""
    for instance in _instances:
        instance.reset()
