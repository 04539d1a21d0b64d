"""Writes without ``If-Match`` apply to whatever is current: a lost version race is re-run.

Every read-modify-write is conditional on the version it read, so two writers never lose each
other's change: one of them gets ``stale_version``. A client that sent ``If-Match`` asked for
"only if it is still at version n": a version lost between its check and the write means the
resource is no longer at n, and that is its answer (412 ``precondition_failed``, like a mismatch
found by ``require_version``). A client that sent none
asked for "apply my change to the current state", so the whole use case runs again from its reads:
the business rules are checked afresh against the new state (a status transition the ticket no
longer allows is refused, never forced), a bounded number of times with growing, jittered pauses.

>>> @retry_on_conflict
... def update_ticket(principal, number, command, if_match, actor): ...
"""

from __future__ import annotations

import functools
import inspect
import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from chalicelib.domain.errors import Conflict, PreconditionFailed
from chalicelib.observability import count, logger

P = ParamSpec("P")
T = TypeVar("T")

# A version lost to a concurrent writer, or a transaction cancelled by one: the state moved on.
RETRYABLE = frozenset({"stale_version", "transaction_conflict"})
ATTEMPTS = 20
# Attempt n then waits a random time up to BASE_DELAY * 2**n seconds, at most MAX_DELAY ("full
# jitter"): a hundred writers racing for one ticket spread out instead of colliding again.
BASE_DELAY = 0.05
MAX_DELAY = 2.0
# No pause starts past this many seconds from the first attempt: the API answers within its 29 s.
BUDGET = 20.0

# Set while a retried use case runs, so a retried use case it calls does not retry on its own
# (attempts would multiply); the outermost one re-runs everything.
_running: ContextVar[bool] = ContextVar("retried_write_running", default=False)


def pause(attempt: int) -> float:
    """Seconds to wait after ``attempt`` failed: random up to an exponentially growing ceiling."""
    return random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2**attempt))


def retry_on_conflict(operation: Callable[P, T]) -> Callable[P, T]:
    """Re-run ``operation`` when it lost a version race, unless the caller sent ``If-Match``.

    The caller's ``If-Match`` is the operation's ``if_match`` argument, if it has one (None: not sent);
    operations without it (adding a comment or an attachment) always apply to the current state.
    With ``If-Match`` a lost version race is ``PreconditionFailed`` (412), never re-run. After
    ``ATTEMPTS`` lost races the last ``Conflict`` is raised.
    """
    parameters = list(inspect.signature(operation).parameters)
    position = parameters.index("if_match") if "if_match" in parameters else None
    name = operation.__qualname__

    @functools.wraps(operation)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        if_match = None
        if position is not None:
            if_match = args[position] if len(args) > position else kwargs.get("if_match")
        if _running.get():
            return operation(*args, **kwargs)
        if if_match is not None:
            try:
                return operation(*args, **kwargs)
            except Conflict as exc:
                if exc.code != "stale_version":
                    raise
                raise PreconditionFailed(
                    "The resource changed after its version was checked; read it again.",
                    details=[{"field": "If-Match", "message": exc.message, "type": "version_lost"}],
                ) from exc
        token = _running.set(True)
        started = time.monotonic()
        try:
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    result = operation(*args, **kwargs)
                except Conflict as exc:
                    if exc.code not in RETRYABLE:
                        raise
                    wait = pause(attempt)
                    if attempt == ATTEMPTS or time.monotonic() - started + wait > BUDGET:
                        logger.warning("write kept losing races", extra={"operation": name, "attempts": attempt})
                        raise
                    time.sleep(wait)
                    continue
                if attempt > 1:
                    count("WriteRetries", attempt - 1)
                    logger.info("write retried", extra={"operation": name, "attempts": attempt})
                return result
            raise AssertionError("unreachable")
        finally:
            _running.reset(token)

    return run
