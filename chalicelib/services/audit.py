"""The audit log of administrative actions.

``recorded(...)`` wraps the write it describes: the entry joins that write's transaction
(``store.transactions.riding``), so an action is in the log if and only if it happened. Where it
came from (address, user agent, request id) is taken from the current request (``origin``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from chalicelib import origin
from chalicelib.auth import policy
from chalicelib.domain.audit import ACTIONS, AuditEntry
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import RuleViolation
from chalicelib.domain.identity import Principal
from chalicelib.store import audit as store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import riding

MAX_RANGE = timedelta(days=366)


def entry(
    org_id: str,
    actor: Principal | str,
    action: str,
    target_type: str,
    target_id: str,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    where = origin.current() or origin.Origin()
    if isinstance(actor, Principal) and actor.kind == "api_token":
        # The actor is the token's creator; the entry also names the token that acted.
        details = {**(details or {}), "api_token_id": actor.session_id}
    return AuditEntry(
        id=secrets.token_hex(8),
        org_id=org_id,
        action=action,
        actor_id=actor if isinstance(actor, str) else actor.user_id,
        actor_role=None if isinstance(actor, str) else actor.role.value,
        target_type=target_type,
        target_id=target_id,
        details=details or {},
        ip_address=where.ip_address,
        user_agent=where.user_agent,
        request_id=where.request_id,
        created_at=utcnow(),
    )


@contextmanager
def recorded(
    principal: Principal | str,
    action: str,
    target_type: str,
    target_id: str,
    details: dict[str, Any] | None = None,
    *,
    org_id: str | None = None,
) -> Iterator[AuditEntry]:
    """Record ``action`` with the write made inside the block (nothing when the block raises)."""
    org = org_id or (principal.org_id if isinstance(principal, Principal) else "")
    record = entry(org, principal, action, target_type, target_id, details)
    with riding([store.entry_put(record)]):
        yield record


def list_entries(
    principal: Principal,
    since: datetime | None,
    until: datetime | None,
    action: str | None,
    limit: int,
    cursor: str | None,
) -> Page[AuditEntry]:
    policy.require(principal, "audit.read")
    end = until or utcnow()
    start = since or end - timedelta(days=30)
    if start > end or end - start > MAX_RANGE:
        raise RuleViolation("from must be before to, at most 366 days apart.", code="invalid_range")
    return store.list_entries(principal.org_id, since=start, until=end, action=action, limit=limit, cursor=cursor)
