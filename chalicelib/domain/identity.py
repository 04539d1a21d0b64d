"""Identity entities: organizations, users, departments, customers, sessions, permission grants.

Pure pydantic models and rules; no storage. Secrets (password hash, TOTP secret) live on the
entity but are never part of an API output model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, ConfigDict, Field

from chalicelib.domain.base import Model
from chalicelib.domain.entity import Entity
from chalicelib.domain.lifecycle import Lifecycle

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$")
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,40}$")


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    AGENT = "agent"
    CUSTOMER = "customer"


STAFF_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT})


class SubscriptionTier(StrEnum):
    FREE = "free"
    STANDARD = "standard"
    PROFESSIONAL = "professional"
    ENTERPRISE = "enterprise"


class CustomerTier(StrEnum):
    STANDARD = "standard"
    PREMIUM = "premium"
    VIP = "vip"


class Availability(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    AWAY = "away"
    OFFLINE = "offline"


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc
    return name


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise ValueError("3-40 lowercase letters, digits or hyphens, not starting or ending with a hyphen")
    return slug


TimeZoneName = Annotated[str, AfterValidator(check_timezone)]
Slug = Annotated[str, AfterValidator(check_slug)]
HHMM = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class BusinessHours(Model):
    model_config = ConfigDict(extra="forbid")

    days: list[Annotated[int, Field(ge=0, le=6)]] = Field(default_factory=lambda: [0, 1, 2, 3, 4], max_length=7)
    start: HHMM = "09:00"
    end: HHMM = "17:00"


DEFAULT_ATTACHMENT_TYPES = (
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/json",
    "message/rfc822",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


class CustomFieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    DATE = "date"


class CustomFieldDefinition(Model):
    """A ticket custom field the organization defines (``settings.custom_fields``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    type: CustomFieldType = CustomFieldType.TEXT
    required: bool = False
    choices: list[str] = Field(default_factory=list, max_length=100)
    customer_visible: bool = Field(
        False,
        description="customers see the field on their tickets and may set it when they open one; "
        "otherwise it is internal: never shown to customers, and a customer's request setting it is 422",
    )


# How a new ticket arrived (``OrgSettings.channel_departments``): staff in the web app, a customer
# (portal), an API token, an inbound mail or an inbound webhook.
ArrivalChannel = Literal["web", "portal", "api", "email", "webhook"]


class OrgSettings(Model):
    """Per-organization settings (``PATCH /organization`` replaces the fields it names)."""

    model_config = ConfigDict(extra="forbid")

    ticket_number_prefix: str = Field("T", pattern=r"^[A-Z][A-Z0-9]{0,7}$")
    support_email_addresses: list[str] = Field(default_factory=list, max_length=20)
    timezone: TimeZoneName = "UTC"
    business_hours: BusinessHours = Field(default_factory=BusinessHours)
    default_language: str = Field("en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    session_idle_minutes: int = Field(480, ge=5, le=7 * 24 * 60)
    session_lifetime_hours: int = Field(168, ge=1, le=90 * 24)
    custom_fields: list[CustomFieldDefinition] = Field(default_factory=list, max_length=50)
    attachment_max_bytes: int = Field(25 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    attachment_content_types: list[str] = Field(default_factory=lambda: list(DEFAULT_ATTACHMENT_TYPES), max_length=100)
    accept_legacy_webhook_signatures: bool = Field(
        False,
        description="also accept inbound webhook signatures over <t>.<body> without the delivery id "
        "(deprecated, for one release); each such signature is then honoured for one delivery id only",
    )
    # Customer portal (issue 21): who may open an account on the portal without being invited.
    customer_registration: Literal["off", "open", "domains"] = Field(
        "off",
        description="customer self-registration on the portal: off, open to anyone, or only for "
        "addresses at registration_domains",
    )
    registration_domains: list[Annotated[str, Field(max_length=253, pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")]] = Field(
        default_factory=list, max_length=50, description="lowercase domains allowed to register (setting 'domains')"
    )
    # Issue 21, invitations: staff invited from now on set up two-factor login to accept.
    require_two_factor: bool = Field(
        False,
        description="staff must have two-factor login: a staff invitation is accepted only with a TOTP code "
        "(existing staff without it can still log in; GET /users shows two_factor_enabled)",
    )
    # Issue 24: inbound mail's To/Cc addresses (other than the support addresses and the sender) become CCs.
    ticket_ccs_from_mail: Literal["add", "off"] = Field(
        "add",
        description="add: a new ticket from mail copies the message's other To/Cc addresses (at most 20; never a "
        "support address), and a reply by mail adds the new ones; off: CCs only by hand",
    )
    # Issue 24, departments on tickets: where a new ticket goes, and who sees the unassigned ones.
    channel_departments: dict[ArrivalChannel, str] = Field(
        default_factory=dict,
        description="the department a new ticket gets by the channel it arrives through (web: staff in the app, "
        "portal: customers, api: API tokens, email, webhook), unless its support address names one",
    )
    unassigned_visibility: Literal["all", "own_departments"] = Field(
        "all",
        description="own_departments: agents without tickets.view_all see unassigned tickets only of their "
        "departments (and those with no department)",
    )


class Organization(Lifecycle):
    id: str
    name: str
    slug: str
    domain: str | None = None
    subscription_tier: SubscriptionTier = SubscriptionTier.FREE
    settings: OrgSettings = Field(default_factory=OrgSettings)
    created_at: datetime
    updated_at: datetime
    version: int = 1


class User(Lifecycle):
    id: str
    org_id: str
    email: str
    username: str
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    role: Role
    customer_tier: CustomerTier | None = None
    phone: str | None = None
    timezone: str = "UTC"
    language: str = "en"
    two_factor_enabled: bool = False
    skills: list[str] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    max_concurrent_tickets: int = Field(10, ge=0, le=1000)
    availability_status: Availability = Availability.AVAILABLE
    email_notifications: bool = True
    sms_notifications: bool = False
    push_notifications: bool = True
    last_active: datetime | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1
    # An email change waiting for the new address to confirm it (services/email_change.py).
    pending_email: str | None = None
    pending_email_expires_at: datetime | None = None
    # When the person last proved they read this address (a link or code mailed to it was used).
    email_verified_at: datetime | None = None
    # Secrets and bookkeeping: never serialised to clients.
    pending_email_hash: str | None = None  # SHA-256 of the single-use confirmation token
    password_hash: str = ""
    totp_secret: str | None = None
    totp_pending_secret: str | None = None
    totp_last_step: int = 0
    session_epoch: int = 0
    granted: dict[str, str | None] = Field(default_factory=dict)  # permission -> expires_at ISO or None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Department(Lifecycle):
    id: str
    org_id: str
    name: str
    description: str = ""
    manager_id: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1


class Customer(Lifecycle):
    id: str
    org_id: str
    user_id: str | None = None
    company: str = ""
    phone: str | None = None
    lifetime_value: Decimal = Decimal("0")
    tags: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    version: int = 1


class Session(Entity):
    id: str  # sha256 of the token: the token itself is never stored
    org_id: str
    user_id: str
    ip_address: str | None = None
    user_agent: str | None = None
    created_at: datetime
    last_activity: datetime
    expires_at: datetime
    is_active: bool = True
    epoch: int = 0
    # Opened by a ticket's "view your request" link: the session sees that one ticket only.
    ticket_number: int | None = None


class PermissionGrant(Entity):
    org_id: str
    user_id: str
    permission: str
    granted_by_id: str
    granted_at: datetime
    expires_at: datetime | None = None
    is_active: bool = True


@dataclass(frozen=True)
class TicketCounterSnapshot:
    """The organization's ticket counter item as read: the last ticket number allocated (0: none
    yet) and the version of its SLA policies (every policy write adds one, in its transaction)."""

    last_number: int
    sla_version: int


@dataclass(frozen=True)
class Principal:
    """Who is calling: built by the authorizer from a live session, trusted by the services."""

    org_id: str
    user_id: str
    role: Role
    session_id: str
    permissions: frozenset[str] = field(default_factory=frozenset)
    org_active: bool = True
    subscription_tier: SubscriptionTier = SubscriptionTier.FREE  # the organization's (its rate limit)
    # What the credential is: a login "session", an integration's "api_token", or a "ticket_link"
    # session opened from a notification mail.
    kind: str = "session"
    # None: every action the role and grants allow. A set: only these (an API token's action scope,
    # a ticket-link session's few actions), intersected with what the role and grants allow.
    allowed_actions: frozenset[str] | None = None
    # A session opened by a ticket's link sees that one ticket and nothing else.
    ticket_number: int | None = None
    # What authentication's one BatchGetItem read beside the credential, handed to the request so
    # the services do not read it again: the organization, and on the routes that create tickets
    # the ticket counter (not part of the principal's identity: excluded from equality).
    organization: Organization | None = field(default=None, compare=False, repr=False)
    ticket_counter: TicketCounterSnapshot | None = field(default=None, compare=False, repr=False)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES
