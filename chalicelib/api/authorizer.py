"""The built-in Chalice authorizer: bearer token -> principal (runs under ``chalice local`` too).

A token that is missing from the header is refused by the gateway (401). A token we cannot
accept (unknown, expired, revoked) is *allowed through* with the reason in the context, so the
route answers 401 with the project's JSON error body instead of the gateway's bare 403; no
handler runs without a principal (``Api.route`` raises ``Unauthenticated`` first).
Results are not cached (``ttl_seconds=0``): a revoked session stops working at once.
"""

from __future__ import annotations

from chalice.app import AuthRequest, AuthResponse, Blueprint, Request

from chalicelib.api.http import set_authorizer, set_principal_loader
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal, Role, SubscriptionTier
from chalicelib.observability import count
from chalicelib.services import identity

blueprint = Blueprint(__name__)


@blueprint.authorizer(ttl_seconds=0)
def bearer(auth_request: AuthRequest) -> AuthResponse:
    try:
        principal = identity.authenticate(auth_request.token)
    except Unauthenticated as exc:
        count("AuthRejected", 1)
        return AuthResponse(
            routes=["*"], principal_id="anonymous", context={"auth_error": exc.code, "auth_message": exc.message}
        )
    count("AuthAccepted", 1)
    return AuthResponse(
        routes=["*"],
        principal_id=principal.user_id,
        context={
            "org_id": principal.org_id,
            "user_id": principal.user_id,
            "role": principal.role.value,
            "session_id": principal.session_id,
            "permissions": " ".join(sorted(principal.permissions)),
            "org_active": "true" if principal.org_active else "false",
            "subscription_tier": principal.subscription_tier.value,  # the request's rate limit
            "kind": principal.kind,
            # "*" = unrestricted; else the space-separated actions the credential is limited to.
            "allowed_actions": "*"
            if principal.allowed_actions is None
            else " ".join(sorted(principal.allowed_actions)),
            "ticket_number": "" if principal.ticket_number is None else str(principal.ticket_number),
        },
    )


def principal_from(request: Request) -> Principal:
    """The principal the authorizer put in the request context (API Gateway passes strings)."""
    context = (request.context or {}).get("authorizer") or {}
    if context.get("auth_error") or not context.get("user_id"):
        raise Unauthenticated(
            str(context.get("auth_message") or "Send Authorization: Bearer <token> from POST /auth/login."),
            code=str(context.get("auth_error") or "unauthenticated"),
        )
    from chalicelib.observability import logger

    logger.append_keys(org_id=context["org_id"], user_id=context["user_id"])
    return Principal(
        org_id=str(context["org_id"]),
        user_id=str(context["user_id"]),
        role=Role(str(context["role"])),
        session_id=str(context["session_id"]),
        permissions=frozenset(str(context.get("permissions") or "").split()),
        org_active=str(context.get("org_active")) == "true",
        subscription_tier=SubscriptionTier(str(context.get("subscription_tier") or SubscriptionTier.FREE.value)),
        kind=str(context.get("kind") or "session"),
        allowed_actions=_restriction(context.get("allowed_actions")),
        ticket_number=int(str(context["ticket_number"])) if context.get("ticket_number") else None,
    )


def _restriction(value: object) -> frozenset[str] | None:
    """The context's ``allowed_actions``: absent or "*" is unrestricted, anything else a list."""
    if value is None or str(value) == "*":
        return None
    return frozenset(str(value).split())


set_authorizer(bearer)
set_principal_loader(principal_from)
