"""The audit log: who did what to which object, when and from where. Append-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from chalicelib.domain.entity import Entity

# The actions recorded (docs/security.md lists them): <object>.<verb>.
ACTIONS = frozenset(
    {
        "organization.updated",
        "organization.deleted",
        "organization.restored",
        "organization.export_started",
        "organization.offboarding_started",
        "user.role_changed",
        "user.email_change_requested",
        "user.email_changed",
        "user.registered",
        "user.deleted",
        "user.restored",
        "user.exported",
        "user.anonymized",
        "user.2fa_disabled",
        "user.2fa_reset",
        "user.session_ended",
        "permission.granted",
        "permission.revoked",
        "sla_policy.created",
        "sla_policy.updated",
        "sla_policy.deleted",
        "sla_policy.restored",
        "automation_rule.restored",
        "automation_rule.reordered",
        "customer.deleted",
        "customer.restored",
        "automation_rule.created",
        "automation_rule.updated",
        "automation_rule.deleted",
        "macro.created",  # organization macros (issue 23); personal ones are their owner's business
        "macro.updated",
        "macro.deleted",
        "retention_policy.updated",
        "webhook_secret.created",
        "webhook_secret.revoked",
        "webhook_subscription.created",
        "webhook_subscription.updated",
        "webhook_subscription.deleted",
        "webhook_subscription.restored",
        "webhook_delivery.resent",
        "support_address.added",
        "support_address.confirmation_sent",
        "support_address.verified",
        "support_address.removed",
        "support_address.changed",
        "support_address.updated",
        "api_token.created",
        "api_token.revoked",
        "invitation.created",
        "invitation.resent",
        "invitation.revoked",
        "invitation.accepted",
        "user.password_reset",
        # Single sign-on (issue 21).
        "sso.configured",
        "sso.removed",
        "user.sso_signed_in",
        "user.sso_provisioned",
    }
)


class AuditEntry(Entity):
    id: str
    org_id: str
    action: str
    actor_id: str = Field(description="a user id, or system:<job> for scheduled work")
    actor_role: str | None = None
    target_type: str
    target_id: str
    details: dict[str, Any] = Field(default_factory=dict)
    ip_address: str | None = None
    user_agent: str | None = None
    request_id: str | None = None
    created_at: datetime
