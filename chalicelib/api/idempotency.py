"""Creates that are safe to retry: the ``Idempotency-Key`` header on every creating POST.

The first request with a key runs and its answer is kept for 24 hours in a Powertools idempotency
record (``store.idempotency.OncePerDelivery``, the records table). A repeat with the same key and
the same request gets that answer back (status, body, ``Location``, ``ETag``) with
``Idempotent-Replayed: true`` and creates nothing; with another request (another body, method or
path) it is 422 ``idempotency_key_reused``. A repeat arriving while the first is still being
served waits for it (up to ``WAIT`` seconds) and then gets its answer, or 409
``idempotency_in_progress`` with ``Retry-After`` when it takes longer. Only a success (2xx) is
kept: an error leaves nothing behind (no request writes part of its work), so the same key simply
runs again.

A record is keyed by (organization, user, key), or (client address, key) for the public signup:
keys never meet across callers. What is stored holds no secret in clear: the request's
fingerprint is an HMAC under the deployment's secret (a body may hold a password) and the
response is sealed (``domain.sealing``) under a key derived from that secret and the client's key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalice.app import Response

from chalicelib import config
from chalicelib.domain.errors import Invalid, InvalidInput, RequestInProgress, Unavailable
from chalicelib.domain.sealing import SealBroken, derive_key, open_sealed, seal
from chalicelib.observability import count, logger
from chalicelib.store.idempotency import OncePerDelivery

if TYPE_CHECKING:
    from chalicelib.api.http import Call

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
EXPIRES_AFTER_SECONDS = 24 * 3600
# A repeat waits this long for the first request to finish, polling every POLL_SECONDS.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1
# How long a record stays "in progress" if its request dies: past the API function's 29 s timeout,
# so a first request still running can never be overtaken by its repeat.
IN_PROGRESS_SECONDS = 30.0
# The headers a replay repeats; the request id is the repeat's own.
KEPT_HEADERS = ("Content-Type", "Location", "ETag")
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")
SECRET_NAME = "CURSOR_SECRET"  # noqa: S105 (the variable name, not a value)

_records = OncePerDelivery(
    "http", EXPIRES_AFTER_SECONDS, IN_PROGRESS_SECONDS, key_path="scope", payload_path="fingerprint"
)


def key_of(call: Call[Any, Any]) -> str | None:
    """The request's ``Idempotency-Key``: 1-255 visible ASCII characters (a UUID is a good one)."""
    key = call.header(HEADER)
    if key is None:
        return None
    if not KEY_PATTERN.match(key):
        raise Invalid(
            "Idempotency-Key must be 1-255 visible ASCII characters, e.g. a UUID.",
            code="invalid_idempotency_key",
            details=[{"field": HEADER, "message": "1-255 visible ASCII characters", "type": "string_pattern"}],
        )
    return key


def _scope(call: Call[Any, Any], key: str) -> str:
    principal = call.principal
    if principal is None:
        return f"public/{call.client_ip or 'unknown'}/{key}"
    return f"{principal.org_id}/{principal.user_id}/{key}"


def _fingerprint(call: Call[Any, Any], path: str) -> str:
    """What makes two requests "the same": method, path and the JSON body (key order and spacing aside)."""
    raw = call.request.raw_body or b""
    body = ""
    if raw.strip():
        body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    message = f"{call.request.method} {path}\n{body}".encode()
    return hmac.new(config.secret(SECRET_NAME), b"idempotency-request\x00" + message, hashlib.sha256).hexdigest()


def _sealing_key(scope: str) -> bytes:
    return derive_key(config.secret(SECRET_NAME), "idempotency-response", scope)


def _kept(response: Response, scope: str) -> dict[str, Any]:
    body = response.body if isinstance(response.body, str | bytes) else json.dumps(response.body)
    raw = body.encode() if isinstance(body, str) else body
    headers = {name: str(value) for name, value in response.headers.items() if name in KEPT_HEADERS}
    return {"status": response.status_code, "headers": headers, "body": seal(_sealing_key(scope), raw)}


def _replayed(kept: dict[str, Any], scope: str) -> Response:
    try:
        body = open_sealed(_sealing_key(scope), str(kept["body"])).decode()
    except SealBroken as exc:
        # Only a changed deployment secret gets here: the request cannot be matched to its record.
        raise Unavailable("The first response to this key cannot be read back; use a new key.") from exc
    headers = {**kept["headers"], REPLAYED: "true"}
    return Response(body=body, status_code=int(kept["status"]), headers=headers)


def _succeeded(kept: dict[str, Any]) -> bool:
    return 200 <= int(kept["status"]) < 300


def serve_once(call: Call[Any, Any], key: str, path: str, serve: Callable[[], Response]) -> Response:
    """``serve()`` once per (caller, key) within 24 hours; a repeat gets the first answer back.

    ``path`` is the request's path (without the stage), ``serve`` answers the request (errors included,
    as responses). Raises ``InvalidInput`` (``idempotency_key_reused``), ``RequestInProgress`` or
    ``Unavailable`` (the records table did not answer).
    """
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyInconsistentStateError,
        IdempotencyPersistenceLayerError,
        IdempotencyValidationError,
    )

    scope = _scope(call, key)
    delivery = {"scope": scope, "fingerprint": _fingerprint(call, path)}
    served: list[Response] = []

    def work() -> dict[str, Any]:
        response = serve()
        served.append(response)
        return _kept(response, scope)

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            kept = _records.run(delivery, None, work, record_if=_succeeded)
            break
        except (IdempotencyAlreadyInProgressError, IdempotencyInconsistentStateError) as busy:
            if time.monotonic() + POLL_SECONDS > deadline:
                raise RequestInProgress(
                    "A request with this Idempotency-Key is still being served; retry after Retry-After seconds.",
                    details=[{"field": HEADER, "message": "the first request is still running", "type": "in_progress"}],
                ) from busy
            time.sleep(POLL_SECONDS)
        except IdempotencyValidationError as exc:
            raise InvalidInput(
                "This Idempotency-Key was used for a different request; use a new key for a new request.",
                code="idempotency_key_reused",
                details=[{"field": HEADER, "message": "already used for another request", "type": "key_reused"}],
            ) from exc
        except IdempotencyPersistenceLayerError as exc:
            logger.warning("idempotency records unavailable", extra={"error": str(exc), "served": bool(served)})
            if served:  # the work was done and only its record failed: the answer is still the truth
                return served[0]
            raise Unavailable("Retry in a moment.", code="idempotency_unavailable") from exc
    if served:
        return served[0]
    count("IdempotentReplays", 1)
    return _replayed(kept, scope)
