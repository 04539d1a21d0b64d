"""Opaque, signed pagination cursors.

A cursor wraps DynamoDB's LastEvaluatedKey with the caller's org id and the list it came from
(its *scope*), signed with HMAC-SHA256. Decoding rejects (``Invalid``, HTTP 400) a cursor that
was tampered with, that belongs to another organization or list, or whose keys are not the
caller's tenant, so a client can never steer a Query outside its own partition.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from chalicelib import config
from chalicelib.domain.errors import Invalid
from chalicelib.store.keys import TENANT_PREFIX, check_org_id

MAX_CURSOR_LENGTH = 2048
SECRET_NAME = "CURSOR_SECRET"  # noqa: S105 (the variable name, not a value)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(payload: bytes) -> bytes:
    return hmac.new(config.secret(SECRET_NAME), payload, hashlib.sha256).digest()


def _invalid(reason: str) -> Invalid:
    """``reason`` (malformed, signature, scope, key, tenant) is the detail's type."""
    message = "The cursor is not valid for this list."
    return Invalid(message, code="invalid_cursor", details=[{"field": "cursor", "message": message, "type": reason}])


def encode_cursor(org_id: str, scope: str, last_evaluated_key: dict[str, Any] | None) -> str | None:
    """The cursor for the next page, or None when the list is exhausted."""
    if not last_evaluated_key:
        return None
    payload = json.dumps(
        {"o": check_org_id(org_id), "s": scope, "k": last_evaluated_key}, separators=(",", ":"), sort_keys=True
    ).encode()
    return _b64(payload) + "." + _b64(_sign(payload))


def decode_cursor(
    org_id: str,
    scope: str,
    cursor: str | None,
    key_names: frozenset[str] | None = None,
    partition: tuple[str, str] | None = None,
) -> dict[str, Any] | None:
    """The ExclusiveStartKey carried by ``cursor``; raises ``Invalid`` unless it is the caller's own
    and usable: exactly the attributes ``key_names`` (the list's table or index keys), each one
    string value, and ``partition`` (attribute, value) the partition the list queries."""
    if cursor is None or cursor == "":
        return None
    if len(cursor) > MAX_CURSOR_LENGTH or cursor.count(".") != 1:
        raise _invalid("malformed")
    body, signature = cursor.split(".")
    try:
        payload = _unb64(body)
        given = _unb64(signature)
    except (binascii.Error, ValueError) as exc:
        raise _invalid("malformed") from exc
    if not hmac.compare_digest(given, _sign(payload)):
        raise _invalid("signature")
    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise _invalid("malformed") from exc
    if not isinstance(data, dict) or data.get("o") != org_id or data.get("s") != scope:
        raise _invalid("scope")
    key = data.get("k")
    if not isinstance(key, dict) or not key:
        raise _invalid("malformed")
    if key_names is not None and set(key) != key_names:
        raise _invalid("key")
    # Every key attribute of the table is a non-empty string ({"S": "..."} on the wire).
    values = {name: _string(value) for name, value in key.items()}
    if None in values.values():
        raise _invalid("key")
    tenant = TENANT_PREFIX + org_id
    for name, text in values.items():
        if name.endswith("PK") and not (text == tenant or str(text).startswith(tenant + "#")):
            raise _invalid("tenant")
    if partition is not None and values.get(partition[0]) != partition[1]:
        raise _invalid("partition")
    return key


def _string(value: Any) -> str | None:
    if isinstance(value, dict) and set(value) == {"S"} and isinstance(value["S"], str) and value["S"]:
        return str(value["S"])
    return None
