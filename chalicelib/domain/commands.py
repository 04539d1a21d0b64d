"""Input models for the use cases: the API parses request bodies straight into them."""

from __future__ import annotations

from copy import deepcopy
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    HttpUrl,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue

from chalicelib.domain.automation import Action as RuleAction
from chalicelib.domain.automation import Conditions as RuleConditions
from chalicelib.domain.automation import TriggerType
from chalicelib.domain.base import Model
from chalicelib.domain.clock import Moment
from chalicelib.domain.csat import QuickRating, score_of
from chalicelib.domain.errors import RuleViolation
from chalicelib.domain.fieldservice import (
    MAX_JOBS_PER_DAY,
    Certification,
    JobStatus,
    Location,
    ServiceArea,
    Skill,
    TechnicianStatus,
    WorkOrderStatus,
)
from chalicelib.domain.identity import (
    ArrivalChannel,
    Availability,
    BusinessHours,
    CustomerTier,
    CustomFieldDefinition,
    Role,
    Slug,
    SubscriptionTier,
    TimeZoneName,
)
from chalicelib.domain.kb import ArticleStatus
from chalicelib.domain.macros import MAX_TICKETS, MacroScope
from chalicelib.domain.sla import Calendar, Conditions, EscalationStep, Targets, checked_calendar
from chalicelib.domain.tickets import Channel, CommentType, Priority, Status

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]


class Command(Model):
    """Unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Patch(Command):
    """A PATCH body, applied as a JSON Merge Patch (RFC 7396): a field left out keeps its value, a
    value replaces it, and ``null`` clears it when the field is in ``cleared`` (mapped to the value
    a cleared field has). ``null`` on any other field is refused with 422 ``invalid_request`` naming
    the field, where it used to be ignored silently or to fail later."""

    cleared: ClassVar[dict[str, Any]] = {}

    @model_validator(mode="before")
    @classmethod
    def _nulls_only_where_clearable(cls, data: Any) -> Any:
        # A DesklessError is not a ValueError: pydantic lets it through as it is (a 422, not a 400).
        problems = cls.refused_nulls(data) if isinstance(data, dict) else []
        if problems:
            raise RuleViolation(
                "null clears a field, and these fields cannot be cleared; leave a field out to keep its value.",
                code="invalid_request",
                details=problems,
            )
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The schema says which fields take ``null`` (the clearable ones), so generated clients do too."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        for name, prop in schema.get("properties", {}).items():
            options = prop.get("anyOf")
            if name in cls.cleared or not options or {"type": "null"} not in options:
                continue
            rest = [o for o in options if o != {"type": "null"}]
            del prop["anyOf"]
            if len(rest) == 1:
                prop.update(rest[0])
            else:
                prop["anyOf"] = rest
            if prop.get("default", 0) is None:
                del prop["default"]
        return schema

    @classmethod
    def refused_nulls(cls, data: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
        """One detail per ``null`` on a field that cannot be cleared, nested patches included."""
        problems: list[dict[str, Any]] = []
        for name, value in data.items():
            field = cls.model_fields.get(name)
            if field is None:
                continue  # an unknown field: ``extra="forbid"`` reports it
            if value is None and name not in cls.cleared:
                problems.append(
                    {"field": f"{prefix}{name}", "message": f"{name} cannot be cleared.", "type": "not_clearable"}
                )
            nested = next((a for a in getattr(field.annotation, "__args__", ()) if _is_patch(a)), None)
            if isinstance(value, dict) and nested is not None:
                problems += nested.refused_nulls(value, f"{prefix}{name}.")
        return problems

    def changes(self, **dump: Any) -> dict[str, Any]:
        """The fields the patch sets, dumped (``model_dump(exclude_unset=True, **dump)``), a ``null``
        replaced by the value of the cleared field."""
        fields = self.model_dump(exclude_unset=True, **dump)
        return {name: self._or_cleared(name, value) for name, value in fields.items()}

    def values(self) -> dict[str, Any]:
        """The fields the patch sets as parsed (nested models stay models), ``null`` as in ``changes``."""
        return {name: self._or_cleared(name, getattr(self, name)) for name in self.model_fields_set}

    def _or_cleared(self, name: str, value: Any) -> Any:
        return deepcopy(self.cleared[name]) if value is None and name in self.cleared else value


def _is_patch(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Patch)


class SignupCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Acme Support",
                    "slug": "acme",
                    "admin_email": "ada@acme.example",
                    "admin_password": "correct horse battery staple",
                    "admin_first_name": "Ada",
                    "admin_last_name": "Lovelace",
                    "timezone": "Europe/London",
                }
            ]
        }
    )

    name: Name
    slug: Slug
    domain: str | None = Field(None, max_length=253)
    subscription_tier: SubscriptionTier = SubscriptionTier.FREE
    admin_email: str = Field(max_length=254)
    admin_password: Password
    admin_first_name: Name
    admin_last_name: Name
    admin_username: str | None = Field(None, max_length=40)
    timezone: TimeZoneName = "UTC"


class LoginCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"organization": "demo", "email": "admin@demo.example.com", "password": "deskless-demo-2026"}]
        }
    )

    organization: str = Field(max_length=40, description="The organization's slug")
    email: str = Field(max_length=254)
    password: Password
    totp_code: str | None = Field(None, max_length=10)


class SettingsPatch(Patch):
    ticket_number_prefix: str | None = Field(None, pattern=r"^[A-Z][A-Z0-9]{0,7}$")
    support_email_addresses: list[str] | None = Field(None, max_length=20)
    timezone: TimeZoneName | None = None
    business_hours: BusinessHours | None = None
    default_language: Language | None = None
    session_idle_minutes: int | None = Field(None, ge=5, le=7 * 24 * 60)
    session_lifetime_hours: int | None = Field(None, ge=1, le=90 * 24)
    custom_fields: list[CustomFieldDefinition] | None = Field(None, max_length=50)
    attachment_max_bytes: int | None = Field(None, ge=1024, le=100 * 1024 * 1024)
    attachment_content_types: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z0-9.+-]+$")]] | None = Field(
        None, max_length=100
    )
    accept_legacy_webhook_signatures: bool | None = None
    require_two_factor: bool | None = None  # issue 21, invitations
    ticket_ccs_from_mail: Literal["add", "off"] | None = None  # issue 24: inbound To/Cc become CCs
    # Customer portal (issue 21): self-registration (off | open | domains) and its allowed domains.
    customer_registration: Literal["off", "open", "domains"] | None = None
    registration_domains: (
        list[Annotated[str, StringConstraints(max_length=253, pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")]] | None
    ) = Field(None, max_length=50)
    # Issue 24: each id an active department of the organization (422 invalid_department otherwise).
    channel_departments: dict[ArrivalChannel, Annotated[str, StringConstraints(max_length=40)]] | None = Field(
        None, description="replaces the map; {} routes no channel"
    )
    unassigned_visibility: Literal["all", "own_departments"] | None = None


class OrganizationPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"domain": None}

    name: Name | None = None
    domain: str | None = Field(None, max_length=253)
    subscription_tier: SubscriptionTier | None = None
    settings: SettingsPatch | None = None


class UserFields(Command):
    first_name: Name | None = None
    last_name: Name | None = None
    customer_tier: CustomerTier | None = None
    phone: str | None = Field(None, max_length=32)
    timezone: TimeZoneName | None = None
    language: Language | None = None
    skills: list[Tag] | None = Field(None, max_length=50)
    certifications: list[Tag] | None = Field(None, max_length=50)
    max_concurrent_tickets: int | None = Field(None, ge=0, le=1000)
    availability_status: Availability | None = None
    email_notifications: bool | None = None
    sms_notifications: bool | None = None
    push_notifications: bool | None = None


class CreateUserCommand(UserFields):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "riley@demo.example.com",
                    "first_name": "Riley",
                    "last_name": "Reed",
                    "role": "agent",
                    "password": "a long unique passphrase",
                    "skills": ["billing", "printers"],
                    "max_concurrent_tickets": 20,
                },
                {
                    "email": "dana@initech.example",
                    "first_name": "Dana",
                    "last_name": "Porter",
                    "role": "customer",
                    "password": "another long passphrase",
                    "customer_tier": "premium",
                },
            ]
        }
    )

    email: str = Field(max_length=254)
    username: str | None = Field(None, max_length=40)
    first_name: Name
    last_name: Name
    role: Role
    password: Password


class UpdateUserCommand(UserFields, Patch):
    cleared: ClassVar[dict[str, Any]] = {"phone": None, "customer_tier": None, "skills": [], "certifications": []}

    email: str | None = Field(None, max_length=254)
    username: str | None = Field(None, max_length=40)
    role: Role | None = None


class CurrentCredentials(Command):
    """What a signed-in user proves again before a security change: the password, and a current
    two-factor code when two-factor login is on."""

    current_password: Password
    totp_code: str | None = Field(None, max_length=10, description="Required when two-factor login is on")


class ChangePasswordCommand(CurrentCredentials):
    new_password: Password


class TotpSetupCommand(CurrentCredentials):
    """Start (or restart, with a current code) two-factor setup."""


class TotpDisableCommand(CurrentCredentials):
    """Turn two-factor login off."""


class TotpVerifyCommand(Command):
    code: str = Field(max_length=10)


class ConfirmEmailCommand(Command):
    token: str = Field(max_length=200, description="the code mailed to the new address")


class GrantCommand(Command):
    permission: str = Field(max_length=64)
    expires_at: Moment | None = None


class DepartmentCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Field Service", "description": "On-site repairs"}]}
    )

    name: Name
    description: str = Field("", max_length=2000)
    manager_id: str | None = Field(None, max_length=40)
    is_active: bool = True


class DepartmentPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"description": "", "manager_id": None}

    name: Name | None = None
    description: str | None = Field(None, max_length=2000)
    manager_id: str | None = Field(None, max_length=40)
    is_active: bool | None = None


class CustomerCommand(Command):
    """A customer record (company, value, tags) about a customer user, linked by ``user_id``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": "3f9a1c0e5b7d2a4c6e80",
                    "company": "Initech",
                    "phone": "+44 20 7946 0000",
                    "lifetime_value": "12500.00",
                    "tags": ["enterprise"],
                }
            ]
        }
    )

    user_id: str | None = Field(None, max_length=40)
    company: str = Field("", max_length=200)
    phone: str | None = Field(None, max_length=32)
    lifetime_value: Decimal = Field(Decimal("0"), ge=0, max_digits=14, decimal_places=2)
    tags: list[Tag] = Field(default_factory=list, max_length=50)


class CustomerPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"user_id": None, "company": "", "phone": None, "tags": []}

    user_id: str | None = Field(None, max_length=40)
    company: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=32)
    lifetime_value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    tags: list[Tag] | None = Field(None, max_length=50)


class CreateTicketCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "subject": "Printer on the 3rd floor is offline",
                    "description": "It shows error E-52 since this morning.",
                    "priority": "high",
                    "category": "hardware",
                    "tags": ["printer"],
                    "customer_email": "customer@demo.example.com",
                }
            ]
        }
    )

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)]
    description: str = Field("", max_length=20_000)
    priority: Priority = Priority.NORMAL
    channel: Channel = Channel.WEB
    source: str | None = Field(None, max_length=100)
    category: str | None = Field(None, max_length=100)
    subcategory: str | None = Field(None, max_length=100)
    tags: list[Tag] = Field(default_factory=list, max_length=30)
    custom_fields: dict[str, Any] = Field(default_factory=dict, max_length=50)
    customer_id: str | None = Field(None, max_length=40, description="The requester (a customer-role user)")
    customer_email: str | None = Field(
        None, max_length=254, description="Or the requester's email: unknown ones become customers"
    )
    customer_name: str | None = Field(None, max_length=200)
    assigned_agent_id: str | None = Field(None, max_length=40)
    force: bool = Field(False, description="Managers: assign even when the agent is at max_concurrent_tickets")


class UpdateTicketCommand(Patch):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "open", "priority": "urgent", "add_tags": ["escalated"]}]}
    )

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)] | None = None
    description: str | None = Field(None, max_length=20_000)
    status: Status | None = None
    priority: Priority | None = None
    category: str | None = Field(None, max_length=100)
    subcategory: str | None = Field(None, max_length=100)
    tags: list[Tag] | None = Field(None, max_length=30, description="replaces the ticket's tags")
    add_tags: list[Tag] | None = Field(
        None, max_length=30, description="added to the tags the ticket has when the change applies"
    )
    remove_tags: list[Tag] | None = Field(None, max_length=30, description="removed from the ticket's tags")
    custom_fields: dict[str, Any] | None = Field(None, max_length=50)
    assigned_agent_id: str | None = Field(None, max_length=40, description="null unassigns")
    department_id: str | None = Field(None, max_length=40, description="an active department; null clears it")
    force: bool = False

    cleared: ClassVar[dict[str, Any]] = {
        "description": "",
        "category": None,
        "subcategory": None,
        "tags": [],
        "assigned_agent_id": None,
        "department_id": None,
    }


class CommentCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"content": "Thanks, we are looking into it.", "comment_type": "public"}]}
    )

    content: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
    comment_type: CommentType = CommentType.PUBLIC
    seen_comment_id: str | None = Field(
        None,
        max_length=64,
        description='collision detection: the newest comment the client showed (`""`: it showed none). When '
        "someone else's comment is newer, the reply is refused with 409 `newer_reply` (the newer comments in "
        "`details`) unless `confirm` is true; an id that is not a comment of the ticket is 422",
    )
    confirm: bool = Field(False, description="send even if others replied since `seen_comment_id`")


class RatingCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"score": 5, "comment": "Fixed within the hour, thank you!"}]}
    )

    score: int = Field(ge=1, le=5)
    comment: str | None = Field(None, max_length=2000)


class AttachmentCommand(Command):
    file_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    file_size: int = Field(ge=1, description="bytes; the upload must match it")
    file_type: str = Field(max_length=100, description="content type, from the organization's allow-list")
    comment_id: str | None = Field(None, max_length=40)
    is_public: bool = True


# A calendar as a create or update writes it (bounded, no overlapping hours); reads stay lenient.
WrittenCalendar = Annotated[Calendar, AfterValidator(checked_calendar)]


class SLAPolicyCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "VIP customers",
                    "description": "Faster answers for VIP requesters, London business hours.",
                    "order": 0,
                    "conditions": {"customer_tier": ["vip"]},
                    "first_response_hours": 1,
                    "resolution_hours": 8,
                    "priority_overrides": {"urgent": {"first_response_hours": 0.5, "resolution_hours": 4}},
                    "calendar": {
                        "timezone": "Europe/London",
                        "hours": [{"day": day, "start": "09:00", "end": "17:30"} for day in range(5)],
                        "holidays": ["2030-12-25"],
                    },
                    "escalation_rules": [
                        {
                            "target": "first_response",
                            "when": "before_breach",
                            "percent": 80,
                            "actions": [{"type": "notify", "notify": "assignee"}],
                        }
                    ],
                }
            ]
        }
    )

    name: Name
    description: str = Field("", max_length=2000)
    is_active: bool = True
    order: int = Field(0, ge=0, le=10_000)
    conditions: Conditions = Field(default_factory=Conditions)
    first_response_hours: float = Field(gt=0, le=24 * 365)
    resolution_hours: float = Field(gt=0, le=24 * 365)
    priority_overrides: dict[Priority, Targets] = Field(default_factory=dict)
    calendar: WrittenCalendar = Field(default_factory=Calendar)
    pause_statuses: list[Status] = Field(default_factory=lambda: [Status.PENDING, Status.ON_HOLD])
    escalation_rules: list[EscalationStep] = Field(default_factory=list, max_length=20)


class SLAPolicyPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"description": "", "priority_overrides": {}, "escalation_rules": []}

    name: Name | None = None
    description: str | None = Field(None, max_length=2000)
    is_active: bool | None = None
    order: int | None = Field(None, ge=0, le=10_000)
    conditions: Conditions | None = None
    first_response_hours: float | None = Field(None, gt=0, le=24 * 365)
    resolution_hours: float | None = Field(None, gt=0, le=24 * 365)
    priority_overrides: dict[Priority, Targets] | None = None
    calendar: WrittenCalendar | None = None
    pause_statuses: list[Status] | None = None
    escalation_rules: list[EscalationStep] | None = Field(None, max_length=20)


class SLAPreviewCommand(Command):
    """Due times a ticket would get: under an unsaved ``policy`` (as POSTed) or a saved ``policy_id``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "policy": {"name": "Draft", "first_response_hours": 2, "resolution_hours": 8},
                    "priority": "high",
                    "created_at": "2030-01-07T08:00:00Z",
                }
            ]
        }
    )

    policy: SLAPolicyCommand | None = None
    policy_id: str | None = Field(None, min_length=1, max_length=40)
    priority: Priority = Priority.NORMAL
    created_at: Moment | None = Field(None, description="when the ticket would be created (default: now)")

    @model_validator(mode="after")
    def _one_policy(self) -> SLAPreviewCommand:
        if (self.policy is None) == (self.policy_id is None):
            raise ValueError("give exactly one of policy (unsaved) or policy_id (saved)")
        return self


class AutomationRuleCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Printer tickets are hardware",
                    "description": "Tag and raise printer problems when they come in.",
                    "trigger_type": "ticket_created",
                    "trigger_conditions": {"all": [{"field": "subject", "operator": "contains", "value": "printer"}]},
                    "actions": [
                        {"type": "add_tags", "tags": ["hardware"]},
                        {"type": "set_priority", "priority": "high"},
                    ],
                    "execution_order": 10,
                }
            ]
        }
    )

    name: Name
    description: str = Field("", max_length=2000)
    trigger_type: TriggerType
    trigger_conditions: RuleConditions = Field(default_factory=RuleConditions)
    actions: list[RuleAction] = Field(min_length=1, max_length=20)
    execution_order: int = Field(0, ge=0, le=100_000)
    is_active: bool = True
    stop_on_match: bool = False


class AutomationRulePatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"description": ""}

    name: Name | None = None
    description: str | None = Field(None, max_length=2000)
    trigger_type: TriggerType | None = None
    trigger_conditions: RuleConditions | None = None
    actions: list[RuleAction] | None = Field(None, min_length=1, max_length=20)
    execution_order: int | None = Field(None, ge=0, le=100_000)
    is_active: bool | None = None
    stop_on_match: bool | None = None


class DryRunCommand(Command):
    ticket_number: str = Field(min_length=1, max_length=40)
    changes: dict[str, Any] | None = Field(
        None,
        description="simulate a change to the ticket (e.g. {'priority': 'urgent'}) so that changed/changed_to/"
        "changed_from conditions can be tried; without it the ticket is taken as it is",
    )


class RuleOrderCommand(Command):
    """The rules in the order they should run (each once); ``versions`` the ones the client saw."""

    ids: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(min_length=1, max_length=95)
    versions: list[int] | None = Field(None, description="each rule's version as listed (409 when one moved)")

    @model_validator(mode="after")
    def _consistent(self) -> RuleOrderCommand:
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("each rule once")
        if self.versions is not None and len(self.versions) != len(self.ids):
            raise ValueError("one version per id")
        return self


class SimulateCommand(Command):
    """A rule (as it would be POSTed, unsaved) or a saved rule's id, replayed over the last tickets."""

    rule: AutomationRuleCommand | None = Field(None, description="an unsaved rule, as POST /automation-rules takes it")
    rule_id: str | None = Field(None, min_length=1, max_length=40, description="a saved rule instead")
    last: int = Field(50, ge=1, le=200, description="how many of the newest tickets to replay the rule over")

    @model_validator(mode="after")
    def _one_rule(self) -> SimulateCommand:
        if (self.rule is None) == (self.rule_id is None):
            raise ValueError("give exactly one of rule or rule_id")
        return self


WebhookEvent = Literal[
    "ticket.created",
    "ticket.updated",
    "comment.added",
    "sla.warning",
    "sla.breached",
    "ticket.merged",
    "work_order.created",
    "work_order.updated",
    "work_order.completed",
]


class WebhookSubscriptionCommand(Command):
    url: HttpUrl
    events: list[WebhookEvent] = Field(min_length=1, max_length=20)
    description: str = Field("", max_length=500)
    is_active: bool = True
    secret: str | None = Field(
        None, min_length=16, max_length=128, description="write-only; generated and returned once when omitted"
    )


class WebhookSubscriptionPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"description": ""}

    url: HttpUrl | None = None
    events: list[WebhookEvent] | None = Field(None, min_length=1, max_length=20)
    description: str | None = Field(None, max_length=500)
    is_active: bool | None = None
    secret: str | None = Field(None, min_length=16, max_length=128)


class KBCategoryCommand(Command):
    name: Name
    description: str = Field("", max_length=2000)
    parent_id: str | None = Field(None, max_length=40)
    sort_order: int = Field(0, ge=0, le=100_000)
    is_active: bool = True


class KBCategoryPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"description": "", "parent_id": None}

    name: Name | None = None
    description: str | None = Field(None, max_length=2000)
    parent_id: str | None = Field(None, max_length=40, description="null moves the category to the top level")
    sort_order: int | None = Field(None, ge=0, le=100_000)
    is_active: bool | None = None


KBTag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class KBArticleCommand(Command):
    category_id: str = Field(max_length=40)
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)]
    content: str = Field(max_length=200_000, description="Markdown (raw HTML is shown as text)")
    status: ArticleStatus = ArticleStatus.DRAFT
    tags: list[KBTag] = Field(default_factory=list, max_length=30)


class KBArticlePatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"tags": []}

    category_id: str | None = Field(None, max_length=40)
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)] | None = None
    content: str | None = Field(None, max_length=200_000)
    status: ArticleStatus | None = None
    tags: list[KBTag] | None = Field(None, max_length=30)


class KBFeedbackCommand(Command):
    helpful: bool


class KBDeflectionCommand(Command):
    query: str | None = Field(
        None, max_length=200, description="what the person typed when the article was suggested (the request's subject)"
    )


# ---- field service ----------------------------------------------------------------------------

EmployeeId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class TechnicianCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": "3f9a1c0e5b7d2a4c6e80",
                    "employee_id": "LDN-003",
                    "skills": ["printers", "networking"],
                    "certifications": [{"name": "electrical-safety", "expires_on": "2030-12-31"}],
                    "service_areas": [
                        {
                            "name": "Central London",
                            "postal_codes": ["EC*", "WC*"],
                            "center": {"lat": 51.5155, "lon": -0.0922},
                            "radius_km": 15,
                        }
                    ],
                    "max_jobs_per_day": 6,
                    "working_hours": {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "18:00"},
                    "timezone": "Europe/London",
                }
            ]
        }
    )

    user_id: str = Field(max_length=40, description="an active staff user; one technician per user")
    employee_id: EmployeeId
    skills: list[Skill] = Field(default_factory=list, max_length=50)
    certifications: list[Certification] = Field(default_factory=list, max_length=50)
    service_areas: list[ServiceArea] = Field(default_factory=list, max_length=20)
    availability_status: TechnicianStatus = TechnicianStatus.AVAILABLE
    max_jobs_per_day: int = Field(8, ge=1, le=MAX_JOBS_PER_DAY)
    working_hours: BusinessHours = Field(
        default_factory=lambda: BusinessHours(start="08:00", end="17:00"),
        description="weekdays 0 (Monday)-6 and the local start and end of the working day",
    )
    timezone: TimeZoneName = "UTC"
    is_active: bool = True


class TechnicianPatch(Patch):
    """Technicians may change their own ``availability_status``; everything else is for managers."""

    cleared: ClassVar[dict[str, Any]] = {"skills": [], "certifications": [], "service_areas": []}

    employee_id: EmployeeId | None = None
    skills: list[Skill] | None = Field(None, max_length=50)
    certifications: list[Certification] | None = Field(None, max_length=50)
    service_areas: list[ServiceArea] | None = Field(None, max_length=20)
    availability_status: TechnicianStatus | None = None
    max_jobs_per_day: int | None = Field(None, ge=1, le=MAX_JOBS_PER_DAY)
    working_hours: BusinessHours | None = None
    timezone: TimeZoneName | None = None
    is_active: bool | None = None


WorkOrderTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)]


class WorkOrderCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Replace the printer's fuser unit",
                    "description": "Error E-52 on the 3rd floor printer.",
                    "priority": "high",
                    "ticket_number": "T-3",
                    "location": {
                        "address": "1 Poultry, London",
                        "postal_code": "EC2R 8EJ",
                        "lat": 51.5134,
                        "lon": -0.0904,
                    },
                    "scheduled_at": "2030-01-02T10:00:00Z",
                    "expected_duration_minutes": 90,
                    "required_skills": ["printers"],
                    "required_certifications": ["electrical-safety"],
                }
            ]
        }
    )

    title: WorkOrderTitle
    description: str = Field("", max_length=20_000)
    priority: Priority = Priority.NORMAL
    customer_id: str | None = Field(
        None, max_length=40, description="a customer-role user; from a ticket: its requester"
    )
    ticket_number: str | None = Field(None, max_length=40, description="create from this ticket (linked both ways)")
    location: Location | None = None
    scheduled_at: Moment | None = Field(None, description="setting it moves a new work order to scheduled")
    expected_duration_minutes: int = Field(60, ge=1, le=7 * 24 * 60)
    required_skills: list[Skill] = Field(default_factory=list, max_length=20)
    required_certifications: list[Skill] = Field(default_factory=list, max_length=20)
    custom_fields: dict[str, Any] = Field(default_factory=dict, max_length=50)


class WorkOrderPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {
        "description": "",
        "location": None,
        "scheduled_at": None,
        "required_skills": [],
        "required_certifications": [],
    }

    title: WorkOrderTitle | None = None
    description: str | None = Field(None, max_length=20_000)
    status: WorkOrderStatus | None = None
    priority: Priority | None = None
    location: Location | None = None
    scheduled_at: Moment | None = Field(None, description="null unschedules (only without assignments)")
    expected_duration_minutes: int | None = Field(None, ge=1, le=7 * 24 * 60)
    required_skills: list[Skill] | None = Field(None, max_length=20)
    required_certifications: list[Skill] | None = Field(None, max_length=20)
    custom_fields: dict[str, Any] | None = Field(None, max_length=50)


class AssignCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"auto": True, "notes": "Bring a spare fuser."}, {"technician_id": "7c1e"}]}
    )

    technician_id: str | None = Field(None, max_length=40)
    auto: bool = Field(False, description="assign the top dispatch suggestion")
    notes: str = Field("", max_length=5000)

    @model_validator(mode="after")
    def _one(self) -> AssignCommand:
        if bool(self.technician_id) == self.auto:
            raise ValueError("send technician_id, or auto: true (not both)")
        return self


class JobPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"notes": ""}

    status: JobStatus | None = None
    notes: str | None = Field(None, max_length=5000)


class RetentionPolicyCommand(Command):
    retention_period_days: int = Field(ge=1, le=36_500, description="kept this many days after the clock starts")
    archive_before_delete: bool = Field(True, description="write a verified archive to S3 before deleting")
    anonymize_personal_data: bool = Field(
        False, description="replace personal data with stable pseudonyms instead of deleting"
    )
    is_active: bool = True


# ---------------------------------------------------------------- issue 21: API tokens


class ApiTokenCommand(Command):
    """A new API token: exactly one of ``role`` (a staff role) or ``actions`` (policy actions)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"name": "Zapier", "role": "agent", "expires_at": "2027-01-01T00:00:00Z"},
                {"name": "Reporting export", "actions": ["reports.read", "tickets.view_all"]},
            ]
        }
    )

    name: Name
    role: Literal[Role.AGENT, Role.MANAGER, Role.ADMIN] | None = Field(
        None, description="the token acts with this role (never above its creator's role at the time of use)"
    )
    actions: list[Annotated[str, StringConstraints(min_length=1, max_length=60)]] | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="the token may take only these policy actions, within what its creator may do",
    )
    expires_at: Moment | None = Field(None, description="no expiry when omitted")

    @model_validator(mode="after")
    def _one_scope(self) -> ApiTokenCommand:
        if (self.role is None) == (self.actions is None):
            raise ValueError("send role or actions (exactly one of them)")
        return self


# ---------------------------------------------------------------- customer portal (issue 21)


class PortalEmailCommand(Command):
    email: str = Field(max_length=254, description="the customer's email address")


class LinkTokenCommand(Command):
    token: str = Field(max_length=200, description="the link token (dl_...) from the mail")


class SignInCodeCommand(Command):
    organization: str = Field(max_length=40, description="The organization's slug")
    email: str = Field(max_length=254)
    code: str = Field(pattern=r"^[0-9]{6}$", description="the 6-digit code mailed with the sign-in link")


class PortalRegisterCommand(Command):
    email: str = Field(max_length=254)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field("", max_length=100)
    password: Password


# ---- issue 21: satisfaction ratings by link (CSAT)


class CSATPreviewCommand(Command):
    model_config = ConfigDict(json_schema_extra={"examples": [{"token": "dl_0123456789abcdef0123_" + "A" * 43}]})

    token: str = Field(min_length=1, max_length=200, description="the token from the rating link's #token= fragment")


class CSATRateCommand(CSATPreviewCommand):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"token": "dl_0123456789abcdef0123_" + "A" * 43, "rating": "good"},
                {"token": "dl_0123456789abcdef0123_" + "A" * 43, "score": 4, "comment": "Quick and kind."},
            ]
        }
    )

    rating: QuickRating | None = Field(None, description="one click: good (recorded as 5) or bad (recorded as 1)")
    score: int | None = Field(None, ge=1, le=5, description="the form: a score from 1 to 5")
    comment: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _one_choice(self) -> CSATRateCommand:
        if (self.rating is None) == (self.score is None):
            raise ValueError("send rating (good or bad) or score (1-5), not both")
        return self

    @property
    def chosen_score(self) -> int:
        """The score to record: the form's, or the one-click rating's (good 5, bad 1)."""
        return self.score if self.score is not None else score_of(self.rating or QuickRating.BAD)


# ---------------------------------------------------------------- issue 21: invitations and password reset

LinkToken = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class InvitationCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "sam@demo.example.com", "role": "agent", "first_name": "Sam"}]}
    )

    email: str = Field(max_length=254)
    role: Role
    department_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=20, description="staff only: departments joined on acceptance"
    )
    first_name: Name | None = None
    last_name: Name | None = None


class InvitationTokenCommand(Command):
    token: LinkToken = Field(description="the token from the invitation link (its #token= fragment)")


class AcceptInvitationCommand(InvitationTokenCommand):
    password: Password
    username: str | None = Field(None, max_length=40, description="default: from the email address")
    first_name: Name | None = None
    last_name: Name | None = None
    totp_code: str | None = Field(
        None, max_length=10, description="required when the preview said two_factor_required (its secret's code)"
    )


class ForgotPasswordCommand(Command):
    organization: str = Field(max_length=40, description="The organization's slug")
    email: str = Field(max_length=254)


class ResetPasswordCommand(Command):
    token: LinkToken = Field(description="the token from the reset link (its #token= fragment)")
    new_password: Password
    totp_code: str | None = Field(None, max_length=10, description="Required when two-factor login is on")


# ---------------------------------------------------------------- single sign-on (issue 21)

StaffRoleName = Literal["agent", "manager", "admin"]
EmailDomain = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        max_length=253,
        pattern=r"^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    ),
]


class SsoConfigCommand(Command):
    """``PUT /organization/sso``: the whole configuration (a field left out takes its default)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "issuer": "https://login.example.com",
                    "client_id": "deskless",
                    "client_secret": "s3cr3t-from-the-idp",
                    "allowed_email_domains": ["example.com"],
                    "role_claim": "groups",
                    "role_mapping": {"helpdesk-admins": "admin", "helpdesk-leads": "manager"},
                    "default_role": "agent",
                }
            ]
        },
    )

    issuer: str = Field(min_length=8, max_length=500, description="the OIDC issuer URL (https)")
    client_id: str = Field(min_length=1, max_length=255)
    client_secret: str | None = Field(
        None,
        min_length=1,
        max_length=1024,
        description="write-only; required the first time, left out to keep the stored one",
    )
    redirect_uris: list[Annotated[str, StringConstraints(min_length=8, max_length=2000)]] = Field(
        default_factory=list,
        max_length=10,
        description="web app callback pages the IdP may return to, besides PUBLIC_URL/app/sso/callback",
    )
    allowed_email_domains: list[EmailDomain] = Field(min_length=1, max_length=50)
    role_claim: str | None = Field(None, min_length=1, max_length=100, description="ID token claim holding the roles")
    role_mapping: dict[Annotated[str, StringConstraints(min_length=1, max_length=200)], StaffRoleName] = Field(
        default_factory=dict, max_length=50, description="claim value -> role"
    )
    default_role: Literal["agent", "manager"] | None = Field(
        "agent",
        description="role of a new user when no claim value maps (never admin: only the mapping makes admins);"
        " null refuses the sign-in",
    )
    jit_provisioning: bool = Field(True, description="create a staff user at their first SSO sign-in")
    sso_only: bool = Field(False, description="agents and managers may not log in with a password")
    enabled: bool = True


class SsoStartCommand(Command):
    redirect_uri: str = Field(min_length=1, max_length=2000, description="the web app's callback page")


class SsoCallbackCommand(Command):
    code: str = Field(min_length=1, max_length=4096, description="the authorization code the IdP returned")
    state: str = Field(min_length=1, max_length=512, description="the state the IdP returned")


class MacroCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Waiting for the customer",
                    "description": "Ask for details and set the ticket pending.",
                    "scope": "personal",
                    "actions": [
                        {
                            "type": "reply_to_requester",
                            "template": "Hi {{requester.first_name}}, could you send us a screenshot? "
                            "- {{agent.first_name}}",
                        },
                        {"type": "set_status", "status": "pending"},
                    ],
                    "position": 10,
                }
            ]
        }
    )

    name: Name
    description: str = Field("", max_length=2000)
    scope: MacroScope = MacroScope.PERSONAL
    actions: list[RuleAction] = Field(min_length=1, max_length=20)
    position: int = Field(0, ge=0, le=100_000)


class MacroPatch(Patch):
    cleared: ClassVar[dict[str, Any]] = {"description": ""}

    name: Name | None = None
    description: str | None = Field(None, max_length=2000)
    actions: list[RuleAction] | None = Field(None, min_length=1, max_length=20)
    position: int | None = Field(None, ge=0, le=100_000)


TicketNumbers = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=40)]], Field(min_length=1, max_length=MAX_TICKETS)
]


class MacroPreviewCommand(Command):
    ticket_number: str = Field(min_length=1, max_length=40)


class MacroApplyCommand(Command):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ticket_numbers": ["T-41", "T-42"]}]})

    ticket_numbers: TicketNumbers = Field(description="1 to 100 tickets; each is changed in its own transaction")


class BulkChanges(Patch):
    """What a bulk change sets on every ticket (the rules of ``PATCH /tickets/{number}``)."""

    cleared: ClassVar[dict[str, Any]] = {"assigned_agent_id": None, "department_id": None}

    status: Status | None = None
    priority: Priority | None = None
    assigned_agent_id: str | None = Field(None, max_length=40, description="null unassigns")
    department_id: str | None = Field(None, max_length=40, description="an active department; null clears it")
    add_tags: list[Tag] | None = Field(None, max_length=30)
    remove_tags: list[Tag] | None = Field(None, max_length=30)

    @model_validator(mode="after")
    def _something(self) -> BulkChanges:
        if not self.model_fields_set:
            raise ValueError("name at least one change")
        return self


class BulkUpdateCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"ticket_numbers": ["T-41", "T-42"], "changes": {"status": "pending", "add_tags": ["vip"]}}]
        }
    )

    ticket_numbers: TicketNumbers = Field(description="1 to 100 tickets; each is changed in its own transaction")
    changes: BulkChanges


class MergeCommand(Command):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"source_numbers": ["T-43"], "note": "Same printer, reported twice."}]}
    )

    source_numbers: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        min_length=1, max_length=10, description="1 to 10 tickets merged into this one (duplicates are ignored)"
    )
    note: str | None = Field(None, max_length=2000, description="added to the internal notes the merge writes")


class SplitCommand(Command):
    model_config = ConfigDict(json_schema_extra={"examples": [{"subject": "Second printer: paper jam"}]})

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)] | None = Field(
        None, description='the new ticket\'s subject; default "Split from <number>: <subject>"'
    )
