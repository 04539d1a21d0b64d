"""API tokens for integrations: create (the secret shown once), list, read, revoke, authenticate.

A token acts for its creator and never does more than the creator may do at the time of each
request (docs/security.md, "API tokens"):

- a **role token** acts with its role, lowered to the creator's current role, without the
  creator's permission grants;
- an **action token** acts with the creator's current role and grants, limited to its actions
  (``Principal.allowed_actions``: ``policy.scope_of`` answers NONE for any other action).

Writes made with a token are the creator's writes (ticket history, authorship); audit entries
also name the token (``details.api_token_id``). A creator who is deactivated or no longer staff
stops every token they created.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

from chalicelib.auth import policy, tokens
from chalicelib.auth.tokens import ParsedApiToken
from chalicelib.domain.api_tokens import ROLE_RANK, ApiToken, lower_role
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import ApiTokenCommand
from chalicelib.domain.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from chalicelib.domain.identity import STAFF_ROLES, Principal, Role
from chalicelib.services import audit
from chalicelib.store import api_tokens as store
from chalicelib.store.api_tokens import LAST_USE_RESOLUTION, AlreadyRevoked
from chalicelib.store.departments import is_id
from chalicelib.store.pagination import Page

ACTION = "api_tokens.manage"


def _escalation(message: str) -> Forbidden:
    return Forbidden(message, code="privilege_escalation")


def _check_scope(principal: Principal, command: ApiTokenCommand) -> list[str] | None:
    """The token's action list (sorted, without repeats), after checking that the caller holds
    every right the token would have: 422 for unknown actions, 403 ``privilege_escalation``."""
    if command.role is not None:
        if principal.allowed_actions is not None:
            raise _escalation("A credential limited to a list of actions cannot create a role token.")
        if ROLE_RANK[command.role] > ROLE_RANK[principal.role]:
            raise _escalation(f"A token cannot have a role above yours ({principal.role.value}).")
        return None
    actions = sorted(set(command.actions or []))
    unknown = [a for a in actions if a not in policy.MATRIX]
    if unknown:
        raise InvalidInput(
            "Unknown actions: each must be an action of the policy matrix (docs/security.md).",
            details=[
                {"field": "actions", "message": f"unknown action {a!r}", "type": "unknown_action", "value": a}
                for a in unknown
            ],
        )
    beyond = [a for a in actions if policy.scope_of(principal, a) is policy.Scope.NONE]
    if beyond:
        raise _escalation(f"A token cannot take actions you may not take: {', '.join(beyond)}.")
    return actions


def create(principal: Principal, command: ApiTokenCommand) -> tuple[ApiToken, str]:
    """A new token and its secret (the only time the secret is available)."""
    policy.require(principal, ACTION)
    now = utcnow()
    if command.expires_at is not None and command.expires_at <= now:
        raise InvalidInput(
            "The expiry must be in the future.",
            details=[{"field": "expires_at", "message": "must be in the future", "type": "value_error"}],
        )
    actions = _check_scope(principal, command)
    token_id = secrets.token_hex(10)
    secret = tokens.new_api_token(principal.org_id, principal.user_id, token_id)
    token = ApiToken(
        id=token_id,
        org_id=principal.org_id,
        name=command.name,
        role=command.role,
        actions=actions,
        created_by_id=principal.user_id,
        created_at=now,
        expires_at=command.expires_at,
        secret_hash=tokens.token_hash(secret),
    )
    details = {"name": token.name, "role": token.role.value if token.role else None, "actions": actions}
    with audit.recorded(principal, "api_token.created", "api_token", token.id, details):
        store.create(token)
    return token, secret


def list_tokens(principal: Principal, limit: int, cursor: str | None) -> Page[ApiToken]:
    policy.require(principal, ACTION)
    return store.page(principal.org_id, limit=limit, cursor=cursor)


def get(principal: Principal, token_id: str) -> ApiToken:
    policy.require(principal, ACTION)
    token = store.get(principal.org_id, token_id) if is_id(token_id) else None
    if token is None:
        raise NotFound("No such API token.")
    return token


def revoke(principal: Principal, token_id: str) -> None:
    """Revoke a token: the next request made with it is 401. Revoking a revoked token is a no-op."""
    token = get(principal, token_id)
    if token.revoked_at is not None:
        return
    try:
        with audit.recorded(principal, "api_token.revoked", "api_token", token.id, {"name": token.name}):
            store.revoke(token, utcnow(), principal.user_id)
    except AlreadyRevoked:
        return  # a concurrent request revoked it (and recorded it) first


def _rejected(message: str, code: str) -> Unauthenticated:
    return Unauthenticated(message, code=code)


def authenticate(parsed: ParsedApiToken, now: datetime, counter: bool = False) -> Principal:
    """The principal an API token stands for, or ``Unauthenticated``. One BatchGetItem (token,
    creator, organization; ``counter``: the ticket counter too), plus at most one conditional write
    a minute to record the last use."""
    token, creator, org, ticket_counter = store.auth_snapshot(
        parsed.org_id, parsed.creator_id, parsed.token_id, counter
    )
    if (
        token is None
        or creator is None
        or org is None
        or token.created_by_id != creator.id
        or not hmac.compare_digest(token.secret_hash, parsed.secret_hash)
    ):
        raise _rejected("The API token does not exist.", "invalid_token")
    if token.revoked_at is not None:
        raise _rejected("The API token was revoked.", "token_revoked")
    if not token.usable_at(now):
        raise _rejected("The API token has expired.", "token_expired")
    org_closed = not org.is_active and creator.role is not Role.ADMIN  # as for sessions: admins restore it
    if not creator.is_active or creator.role not in STAFF_ROLES or org_closed:
        raise _rejected("The API token's creator can no longer use it; create a new one.", "token_creator_inactive")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        store.touch_last_used(org.id, token.id, now)
    if token.role is not None:
        role, permissions, allowed = lower_role(token.role, creator.role), frozenset[str](), None
    else:
        from chalicelib.services.identity import active_permissions  # identity dispatches to this module

        role, permissions, allowed = creator.role, active_permissions(creator, now), frozenset(token.actions or [])
    return Principal(
        org_id=org.id,
        user_id=creator.id,
        role=role,
        session_id=token.id,
        permissions=permissions,
        org_active=org.is_active,
        subscription_tier=org.subscription_tier,
        kind="api_token",
        allowed_actions=allowed,
        organization=org,
        ticket_counter=ticket_counter,
    )
