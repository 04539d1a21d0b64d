"""Output models of the identity routes (what clients see: never secrets)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import Field

from chalicelib.api.models import Output, next_cursor_field
from chalicelib.domain.identity import (
    Availability,
    CustomerTier,
    Organization,
    OrgSettings,
    PermissionGrant,
    Role,
    Session,
    SubscriptionTier,
    User,
)


class OrganizationOut(Output):
    id: str
    name: str
    slug: str
    domain: str | None
    subscription_tier: SubscriptionTier
    settings: OrgSettings
    is_active: bool
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, org: Organization) -> OrganizationOut:
        return cls.model_validate(org.model_dump())


class UserOut(Output):
    outside_version = ("last_active",)  # touched at most once a minute, without a new version

    id: str
    email: str
    username: str
    first_name: str
    last_name: str
    role: Role
    customer_tier: CustomerTier | None
    phone: str | None
    timezone: str
    language: str
    two_factor_enabled: bool
    skills: list[str]
    certifications: list[str]
    max_concurrent_tickets: int
    availability_status: Availability
    email_notifications: bool
    sms_notifications: bool
    push_notifications: bool
    is_active: bool
    deleted_at: datetime | None
    last_active: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    pending_email: str | None = Field(None, description="a new address waiting for its confirmation")
    pending_email_expires_at: datetime | None = None
    email_verified_at: datetime | None = Field(
        None, description="when the person last proved they read this address (a link or code mailed to it)"
    )

    @classmethod
    def of(cls, user: User) -> UserOut:
        secrets = {"password_hash", "totp_secret", "totp_pending_secret", "pending_email_hash"}
        return cls.model_validate(user.model_dump(exclude=secrets))


class UserPage(Output):
    items: list[UserOut]
    next_cursor: str | None = None


class SignupOut(Output):
    organization: OrganizationOut
    user: UserOut
    token: str = Field(description="Bearer token for the new admin")


class LoginOut(Output):
    token: str
    expires_at: datetime
    user: UserOut


class OrganizationSummary(Output):
    id: str
    name: str
    slug: str
    is_active: bool


class MeOut(Output):
    user: UserOut
    organization: OrganizationSummary
    permissions: list[str] = Field(description="Granted permissions in force, beyond the role")


class SessionOut(Output):
    id: str
    ip_address: str | None
    user_agent: str | None
    created_at: datetime
    last_activity: datetime
    expires_at: datetime
    is_active: bool
    current: bool

    @classmethod
    def of(cls, session: Session, current_id: str, epoch: int) -> SessionOut:
        data = session.model_dump()
        data["is_active"] = session.is_active and session.epoch == epoch
        return cls.model_validate({**data, "current": session.id == current_id})


class SessionPage(Output):
    items: list[SessionOut]
    next_cursor: str | None = None


class TotpSetupOut(Output):
    secret: str
    otpauth_uri: str


class PermissionOut(Output):
    permission: str
    granted_by_id: str
    granted_at: datetime
    expires_at: datetime | None
    is_active: bool

    @classmethod
    def of(cls, grant: PermissionGrant) -> PermissionOut:
        return cls.model_validate(grant.model_dump())


class PermissionList(Output):
    items: list[PermissionOut]
    next_cursor: str | None = next_cursor_field()


class DepartmentOut(Output):
    outside_version = ("members",)  # a member is an item of its own

    id: str
    name: str
    description: str
    manager_id: str | None
    is_active: bool
    members: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    version: int


class DepartmentPage(Output):
    items: list[DepartmentOut]
    next_cursor: str | None = None


class CustomerOut(Output):
    id: str
    user_id: str | None
    company: str
    phone: str | None
    lifetime_value: Decimal
    tags: list[str]
    is_active: bool
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class CustomerPage(Output):
    items: list[CustomerOut]
    next_cursor: str | None = None
