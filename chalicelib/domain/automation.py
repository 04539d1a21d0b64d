"""Automation rules: triggers, conditions and actions as validated data, and their evaluation. Pure.

A rule is ``trigger_type`` + ``trigger_conditions`` (``{"all": [...], "any": [...]}`` of
``{field, operator, value}``) + ``actions``. Conditions and actions are pydantic discriminated
unions (on ``operator`` and ``type``), so a bad rule is refused with the path of the bad part.

Evaluation reads a ``Facts`` snapshot (the ticket now, before the change, the comment, the
clock) and never does I/O; planning an action turns it into changes to the ticket and
``Effect``s (comments, notifications, webhooks, assignments) that the service applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from chalicelib.domain import patterns
from chalicelib.domain.base import Model
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.fieldservice import WorkOrderStatus
from chalicelib.domain.identity import STAFF_ROLES, Role
from chalicelib.domain.lifecycle import Lifecycle, list_position
from chalicelib.domain.tickets import Priority, Status, validate_custom_fields

MAX_DEPTH = 5  # changes made by rules trigger rules up to this depth, then stop
REGEX_TIMEOUT = 0.02  # seconds a `matches` condition may spend on one value
MAX_MATCH_INPUT = 10_000  # characters of a value a regex looks at
COMPILED_PATTERNS = 256  # compiled patterns kept per container (each at most ~0.2 MB: domain/patterns.py)


class TriggerType(StrEnum):
    TICKET_CREATED = "ticket_created"
    TICKET_UPDATED = "ticket_updated"
    COMMENT_ADDED = "comment_added"
    SLA_WARNING = "sla_warning"
    SLA_BREACHED = "sla_breached"
    TIME_BASED = "time_based"
    TICKET_MERGED = "ticket_merged"  # other tickets were merged into this one
    WORK_ORDER_CREATED = "work_order_created"
    WORK_ORDER_STATUS_CHANGED = "work_order_status_changed"
    WORK_ORDER_ASSIGNED = "work_order_assigned"
    JOB_DECLINED = "job_declined"
    WORK_ORDER_COMPLETED = "work_order_completed"
    WORK_ORDER_OVERDUE = "work_order_overdue"


# Triggers about a work order (and its jobs): their rules see work_order.* / job.* fields and take
# the work order actions; every other trigger is about a ticket.
WORK_ORDER_TRIGGERS = frozenset(
    {
        TriggerType.WORK_ORDER_CREATED,
        TriggerType.WORK_ORDER_STATUS_CHANGED,
        TriggerType.WORK_ORDER_ASSIGNED,
        TriggerType.JOB_DECLINED,
        TriggerType.WORK_ORDER_COMPLETED,
        TriggerType.WORK_ORDER_OVERDUE,
    }
)
JOB_TRIGGERS = frozenset({TriggerType.WORK_ORDER_ASSIGNED, TriggerType.JOB_DECLINED})  # a job's change: job.* known

# Fields a condition may test. ``custom_fields.<name>`` addresses one custom field.
TICKET_FIELDS = frozenset(
    {
        "status",
        "priority",
        "channel",
        "source",
        "category",
        "subcategory",
        "subject",
        "description",
        "tags",
        "assigned_agent_id",
        "customer_id",
        "sla_breach",
        "sla_policy_id",
        "created_at",
        "updated_at",
        "parent_number",
        "child_count",
    }
)
COMMENT_FIELDS = frozenset({"comment.content", "comment.comment_type", "comment.author_id"})
EVENT_FIELDS = frozenset({"sla.target"})
WORK_ORDER_FIELDS = frozenset(
    {
        "work_order.status",
        "work_order.priority",
        "work_order.required_skills",
        "work_order.customer_id",
        "work_order.technician_id",
    }
)
JOB_FIELDS = frozenset({"job.status"})
TIME_FIELDS = frozenset({"created_at", "updated_at"})
_CUSTOM = re.compile(r"^custom_fields\.[a-z][a-z0-9_]{0,49}$")
PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}

Scalar = str | int | float | bool | None


def _known_field(name: str) -> str:
    if name in TICKET_FIELDS or name in COMMENT_FIELDS or name in EVENT_FIELDS or _CUSTOM.match(name):
        return name
    if name in WORK_ORDER_FIELDS or name in JOB_FIELDS:
        return name
    raise ValueError(
        f"unknown field {name!r}: use a ticket field ({', '.join(sorted(TICKET_FIELDS))}), "
        "custom_fields.<name>, comment.content, comment.comment_type, comment.author_id, sla.target, "
        f"or on work order rules {', '.join(sorted(WORK_ORDER_FIELDS | JOB_FIELDS))}"
    )


FieldName = Annotated[str, Field(max_length=64)]


class _Condition(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)

    field: FieldName

    @field_validator("field")
    @classmethod
    def _field(cls, value: str) -> str:
        return _known_field(value)


class Compare(_Condition):
    operator: Literal["is", "is_not", "contains", "not_contains", "starts_with"]
    value: Scalar = Field(description="a string, number, boolean or null")

    @field_validator("value")
    @classmethod
    def _length(cls, value: Scalar) -> Scalar:
        if isinstance(value, str) and len(value) > 1000:
            raise ValueError("at most 1000 characters")
        return value


class Membership(_Condition):
    operator: Literal["in", "not_in"]
    value: list[Scalar] = Field(min_length=1, max_length=100)


class Order(_Condition):
    operator: Literal["gt", "lt"]
    value: float | Priority = Field(description="a number, or a priority (low < normal < high < urgent)")


class Changed(_Condition):
    operator: Literal["changed"]


class ChangedValue(_Condition):
    operator: Literal["changed_to", "changed_from"]
    value: Scalar


class Matches(_Condition):
    operator: Literal["matches"]
    value: str = Field(
        min_length=1,
        max_length=patterns.MAX_LENGTH,
        description="a regular expression (bounded size and structure, checked before it is compiled; "
        "bounded run time)",
    )

    @field_validator("value")
    @classmethod
    def _bounded(cls, value: str, info: ValidationInfo) -> str:
        """Limits first, then one throwaway compile for syntax errors; nothing is cached here."""
        if (info.context or {}).get("stored"):
            return value  # checked when stored; ``_compiled`` checks again before compiling it
        return patterns.validate(value)


class HoursSince(_Condition):
    operator: Literal["hours_since"]
    value: float = Field(gt=0, le=24 * 365, description="at least this many hours have passed since the field")

    @field_validator("field")
    @classmethod
    def _time_field(cls, value: str) -> str:
        if value not in TIME_FIELDS:
            raise ValueError("hours_since applies to created_at or updated_at")
        return value


Condition = Annotated[
    Compare | Membership | Order | Changed | ChangedValue | Matches | HoursSince, Field(discriminator="operator")
]
CHANGE_OPERATORS = frozenset({"changed", "changed_to", "changed_from"})
# Triggers without a "before": their rules cannot test changes.
NO_CHANGE_TRIGGERS = frozenset(
    {TriggerType.TICKET_CREATED, TriggerType.TIME_BASED, TriggerType.WORK_ORDER_CREATED, TriggerType.WORK_ORDER_OVERDUE}
)


class Conditions(Model):
    """Every ``all`` condition holds, and at least one ``any`` condition (when there are any)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    all: list[Condition] = Field(default_factory=list, max_length=50)
    any: list[Condition] = Field(default_factory=list, max_length=50)

    def every(self) -> list[Condition]:
        return [*self.all, *self.any]


# ---- actions --------------------------------------------------------------------------------


class _Action(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SetStatus(_Action):
    type: Literal["set_status"]
    status: Status


class SetPriority(_Action):
    type: Literal["set_priority"]
    priority: Priority


class AssignTo(_Action):
    """A named agent, or one of a department's available agents with free capacity."""

    type: Literal["assign_to"]
    user_id: str | None = Field(None, max_length=40)
    department_id: str | None = Field(None, max_length=40)
    strategy: Literal["round_robin", "least_loaded"] = "least_loaded"

    @model_validator(mode="after")
    def _one_target(self) -> AssignTo:
        if (self.user_id is None) == (self.department_id is None):
            raise ValueError("give exactly one of user_id or department_id")
        return self


class SetDepartment(_Action):
    """Move the ticket to an active department of the organization (null: no department)."""

    type: Literal["set_department"]
    department_id: str | None = Field(description="an active department's id; null clears it", max_length=40)


class AddTags(_Action):
    type: Literal["add_tags"]
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(min_length=1, max_length=20)


class RemoveTags(_Action):
    type: Literal["remove_tags"]
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(min_length=1, max_length=20)


class SetCustomField(_Action):
    type: Literal["set_custom_field"]
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,49}$")
    value: Scalar


class AddInternalNote(_Action):
    type: Literal["add_internal_note"]
    content: str = Field(min_length=1, max_length=10_000)


PLACEHOLDER = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")
AGENT_FIELDS = frozenset({"agent.first_name", "agent.name"})  # known only when an agent applies a macro
TEMPLATE_FIELDS = (
    frozenset(
        {
            "ticket.ticket_number",
            "ticket.subject",
            "ticket.status",
            "ticket.priority",
            "requester.first_name",
            "requester.name",
        }
    )
    | AGENT_FIELDS
)


def placeholders(value: str) -> set[str]:
    """The ``{{...}}`` placeholder names a template uses."""
    return {m.group(1) for m in PLACEHOLDER.finditer(value)}


def known_placeholders(value: str) -> str:
    """A template's ``{{...}}`` placeholders must all be known fields."""
    unknown = sorted(placeholders(value) - TEMPLATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown placeholders {unknown}; known: {sorted(TEMPLATE_FIELDS)}")
    return value


Template = Annotated[str, AfterValidator(known_placeholders)]


class ReplyToRequester(_Action):
    """A public reply from a template; ``{{ticket.ticket_number}}``-style placeholders."""

    type: Literal["reply_to_requester"]
    template: Template = Field(min_length=1, max_length=10_000)


class Notify(_Action):
    type: Literal["notify"]
    recipient: Literal["assignee", "requester", "user", "role"]
    user_id: str | None = Field(None, max_length=40)
    role: Role | None = None
    message: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def _complete(self) -> Notify:
        if self.recipient == "user" and not self.user_id:
            raise ValueError("recipient 'user' needs user_id")
        if self.recipient == "role" and self.role is None:
            raise ValueError("recipient 'role' needs role")
        return self


class CallWebhook(_Action):
    """POST the event to ``url``, signed with ``secret`` (``X-Deskless-Signature: t=<unix>,v1=<hex>``)."""

    type: Literal["call_webhook"]
    url: HttpUrl
    secret: str = Field(min_length=16, max_length=128, description="write-only: shown as null when read")


class ApplySLAPolicy(_Action):
    type: Literal["apply_sla_policy"]
    policy_id: str = Field(max_length=40)


SkillName = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=60)]


class CreateWorkOrder(_Action):
    """A work order for the ticket's requester, linked to the ticket (note + back-link), once per event."""

    type: Literal["create_work_order"]
    title: Template = Field("{{ticket.subject}}", min_length=1, max_length=250, description="a template, like replies")
    description: Template = Field("", max_length=10_000)
    priority: Priority | None = Field(None, description="default: the ticket's")
    required_skills: list[SkillName] = Field(default_factory=list, max_length=20)
    required_certifications: list[SkillName] = Field(default_factory=list, max_length=20)
    expected_duration_minutes: int = Field(60, ge=1, le=7 * 24 * 60)


class SetWorkOrderStatus(_Action):
    """Move the work order along its transition table (as a dispatcher's PATCH would)."""

    type: Literal["set_work_order_status"]
    status: WorkOrderStatus


class AutoDispatch(_Action):
    """Assign the best technician of the dispatch suggestions (the work order must be scheduled)."""

    type: Literal["auto_dispatch"]


class AssignTechnician(_Action):
    """Assign a named technician (eligible for the work order, with a free slot that day)."""

    type: Literal["assign_technician"]
    technician_id: str = Field(min_length=1, max_length=40)


class AddTicketNote(_Action):
    """An internal note on the ticket the work order is linked to (nothing when it has none)."""

    type: Literal["add_ticket_note"]
    content: str = Field(min_length=1, max_length=10_000)


Action = Annotated[
    SetStatus
    | SetPriority
    | AssignTo
    | SetDepartment
    | AddTags
    | RemoveTags
    | SetCustomField
    | AddInternalNote
    | ReplyToRequester
    | Notify
    | CallWebhook
    | ApplySLAPolicy
    | CreateWorkOrder
    | SetWorkOrderStatus
    | AutoDispatch
    | AssignTechnician
    | AddTicketNote,
    Field(discriminator="type"),
]
# What a work order rule may do; ticket rules may do everything else (and notify, call_webhook).
WORK_ORDER_ACTIONS = frozenset(
    {"set_work_order_status", "auto_dispatch", "assign_technician", "notify", "call_webhook", "add_ticket_note"}
)
SHARED_ACTIONS = frozenset({"notify", "call_webhook"})


class AutomationRule(Lifecycle):
    id: str
    org_id: str
    name: str
    description: str = ""
    trigger_type: TriggerType
    trigger_conditions: Conditions = Field(default_factory=Conditions)
    actions: list[Action] = Field(min_length=1, max_length=20)
    execution_order: int = 0
    stop_on_match: bool = False
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @property
    def position(self) -> str:
        """Where the rule runs (and is listed): by ``execution_order``, then name."""
        return list_position(self.execution_order, self.name, self.id)

    @model_validator(mode="after")
    def _consistent(self) -> AutomationRule:
        conditions = self.trigger_conditions.every()
        operators = {c.operator for c in conditions}
        if self.trigger_type in NO_CHANGE_TRIGGERS and operators & CHANGE_OPERATORS:
            raise ValueError(f"{self.trigger_type.value} rules cannot test changes (changed, changed_to, changed_from)")
        if self.trigger_type is TriggerType.TIME_BASED:
            timers = [c for c in self.trigger_conditions.all if isinstance(c, HoursSince)]
            if len(timers) != 1 or timers[0].field != "updated_at":
                raise ValueError(
                    "time_based rules need exactly one 'all' condition {field: updated_at, operator: hours_since}"
                )
        if any(c.field.startswith("comment.") for c in conditions) and self.trigger_type is not (
            TriggerType.COMMENT_ADDED
        ):
            raise ValueError("comment.* fields are only known to comment_added rules")
        if any(c.field == "sla.target" for c in conditions) and self.trigger_type not in (
            TriggerType.SLA_WARNING,
            TriggerType.SLA_BREACHED,
        ):
            raise ValueError("sla.target is only known to sla_warning and sla_breached rules")
        agent = sorted({name for action in self.actions for name in template_placeholders(action)} & AGENT_FIELDS)
        if agent:
            raise ValueError(f"rules run without an agent: {agent} are known to macros only")
        return self

    def status_candidates(self) -> list[Status] | None:
        """Statuses a time-based rule can match (from its ``all`` conditions), None = any."""
        for condition in self.trigger_conditions.all:
            if condition.field != "status":
                continue
            if isinstance(condition, Compare) and condition.operator == "is" and isinstance(condition.value, str):
                return [Status(condition.value)] if condition.value in Status._value2member_map_ else []
            if isinstance(condition, Membership) and condition.operator == "in":
                return [Status(str(v)) for v in condition.value if v in Status._value2member_map_]
        return None

    def hours(self) -> float:
        return next(c.value for c in self.trigger_conditions.all if isinstance(c, HoursSince))


def trigger_mismatches(rule: AutomationRule) -> list[dict[str, Any]]:
    """What a rule's conditions and actions ask of a trigger that does not know it: ticket actions
    and fields on a work order trigger, work order ones on a ticket trigger. One detail
    ``{field, message, type}`` per part, ``field`` its path (``actions.1``, ``trigger_conditions.all.0.field``)."""
    found: list[dict[str, Any]] = []
    on_work_order = rule.trigger_type in WORK_ORDER_TRIGGERS
    trigger = rule.trigger_type.value
    for group in ("all", "any"):
        for i, condition in enumerate(getattr(rule.trigger_conditions, group)):
            name = condition.field
            if on_work_order and name not in WORK_ORDER_FIELDS | JOB_FIELDS:
                message = f"{name!r} is a ticket field; {trigger} rules test work_order.* and job.* fields"
            elif on_work_order and name in JOB_FIELDS and rule.trigger_type not in JOB_TRIGGERS:
                message = f"job.* fields are known to work_order_assigned and job_declined rules, not {trigger}"
            elif not on_work_order and name in WORK_ORDER_FIELDS | JOB_FIELDS:
                message = f"{name!r} is known to work order rules only, not {trigger}"
            else:
                continue
            found.append({"field": f"trigger_conditions.{group}.{i}.field", "message": message})
    for i, action in enumerate(rule.actions):
        if on_work_order and action.type not in WORK_ORDER_ACTIONS:
            message = f"{action.type} acts on a ticket; {trigger} rules take {', '.join(sorted(WORK_ORDER_ACTIONS))}"
        elif not on_work_order and action.type in WORK_ORDER_ACTIONS - SHARED_ACTIONS:
            message = f"{action.type} acts on a work order; {trigger} rules cannot take it"
        else:
            continue
        found.append({"field": f"actions.{i}", "message": message})
    return [{**f, "type": "trigger_mismatch"} for f in found]


def template_placeholders(action: Any) -> set[str]:
    """The placeholders an action's templates use (replies, work orders)."""
    if isinstance(action, ReplyToRequester):
        return placeholders(action.template)
    if isinstance(action, CreateWorkOrder):
        return placeholders(action.title) | placeholders(action.description)
    return set()


# ---- what a rule points at -------------------------------------------------------------------


class ReferenceKind(StrEnum):
    USER = "user"
    DEPARTMENT = "department"
    SLA_POLICY = "sla_policy"
    CUSTOM_FIELD = "custom_field"
    TECHNICIAN = "technician"


@dataclass(frozen=True)
class Reference:
    """Something an action names that must exist for the action to work: its ``field`` is the
    path of the name in the rule (``actions.2.user_id``)."""

    kind: ReferenceKind
    id: str
    field: str
    staff_only: bool = False  # assign_to: the user must be staff
    value: Scalar = None  # set_custom_field: the value, checked against the field's definition
    value_field: str = ""


def references(rule: Any) -> list[Reference]:
    """Every user, department, SLA policy and custom field the actions of a rule (or macro) name, in order."""
    found: list[Reference] = []
    for i, action in enumerate(rule.actions):
        at = f"actions.{i}"
        if isinstance(action, AssignTo) and action.user_id is not None:
            found.append(Reference(ReferenceKind.USER, action.user_id, f"{at}.user_id", staff_only=True))
        elif isinstance(action, AssignTo | SetDepartment) and action.department_id is not None:
            found.append(Reference(ReferenceKind.DEPARTMENT, action.department_id, f"{at}.department_id"))
        elif isinstance(action, Notify) and action.recipient == "user" and action.user_id:
            found.append(Reference(ReferenceKind.USER, action.user_id, f"{at}.user_id"))
        elif isinstance(action, AssignTechnician):
            found.append(Reference(ReferenceKind.TECHNICIAN, action.technician_id, f"{at}.technician_id"))
        elif isinstance(action, ApplySLAPolicy):
            found.append(Reference(ReferenceKind.SLA_POLICY, action.policy_id, f"{at}.policy_id"))
        elif isinstance(action, SetCustomField):
            found.append(
                Reference(
                    ReferenceKind.CUSTOM_FIELD,
                    action.name,
                    f"{at}.name",
                    value=action.value,
                    value_field=f"{at}.value",
                )
            )
    return found


@dataclass
class Targets:
    """What the references resolved to (absent: no such thing in the organization)."""

    users: dict[str, Any] = field(default_factory=dict)
    departments: dict[str, Any] = field(default_factory=dict)
    policies: dict[str, Any] = field(default_factory=dict)
    custom_fields: list[Any] = field(default_factory=list)
    technicians: dict[str, Any] = field(default_factory=dict)


_NOUN = {
    ReferenceKind.USER: "user",
    ReferenceKind.DEPARTMENT: "department",
    ReferenceKind.SLA_POLICY: "SLA policy",
    ReferenceKind.CUSTOM_FIELD: "custom field",
    ReferenceKind.TECHNICIAN: "technician",
}


def broken_references(refs: list[Reference], targets: Targets) -> list[dict[str, Any]]:
    """One entry ``{field, kind, id, reason, message}`` per reference that does not resolve to something
    usable. Reasons: ``missing`` (no such thing in the organization), ``deleted``, ``inactive``,
    ``not_staff`` (assign_to names a customer), ``invalid_value`` (the custom field refuses the value)."""
    broken: list[dict[str, Any]] = []

    def mark(ref: Reference, reason: str, message: str, at: str | None = None) -> None:
        entry = {"field": at or ref.field, "kind": ref.kind.value, "id": ref.id, "reason": reason}
        broken.append({**entry, "message": message})

    for ref in refs:
        noun = _NOUN[ref.kind]
        if ref.kind is ReferenceKind.CUSTOM_FIELD:
            definition = next((d for d in targets.custom_fields if d.name == ref.id), None)
            if definition is None:
                mark(ref, "missing", f"{ref.id!r} is not a custom field of the organization")
                continue
            try:
                validate_custom_fields([definition], {ref.id: ref.value}, partial=True)
            except InvalidInput as exc:
                problem = exc.details[0]["message"] if exc.details else "not valid"
                mark(ref, "invalid_value", f"the custom field {ref.id!r} {problem}", ref.value_field)
            continue
        found = {
            ReferenceKind.USER: targets.users,
            ReferenceKind.DEPARTMENT: targets.departments,
            ReferenceKind.SLA_POLICY: targets.policies,
            ReferenceKind.TECHNICIAN: targets.technicians,
        }[ref.kind].get(ref.id)
        if found is None:
            mark(ref, "missing", f"no {noun} of the organization has this id")
        elif getattr(found, "deleted_at", None) is not None:
            mark(ref, "deleted", f"the {noun} was deleted")
        elif ref.kind is not ReferenceKind.SLA_POLICY and not found.is_active:
            mark(ref, "inactive", f"the {noun} is deactivated")
        elif ref.staff_only and found.role not in STAFF_ROLES:
            mark(ref, "not_staff", "tickets are assigned to agents, managers or admins, not customers")
    return broken


# ---- evaluation ----------------------------------------------------------------------------


@lru_cache(maxsize=COMPILED_PATTERNS)
def _compiled(pattern: str) -> Any | None:
    """A stored rule's pattern, compiled on its first use with the ``regex`` library (whose
    matching takes a timeout). None when it breaks the limits (a rule stored before them): such a
    condition never holds. Only evaluation calls this, so only accepted rules are ever cached."""
    try:
        patterns.check(pattern)
        return patterns.compile_uncached(pattern)
    except Exception:  # PatternRefused, regex.error: the condition cannot hold
        return None


@dataclass
class Facts:
    """What conditions see: flat field -> value maps of the ticket now and before the change."""

    current: dict[str, Any]
    previous: dict[str, Any] | None = None
    now: datetime | None = None


def ticket_facts(ticket: Any, comment: Any = None, sla_target: str | None = None) -> dict[str, Any]:
    """Flatten a ticket (and comment, SLA event) into the names conditions use."""
    facts: dict[str, Any] = {name: getattr(ticket, name, None) for name in TICKET_FIELDS}
    for name, value in (ticket.custom_fields or {}).items():
        facts[f"custom_fields.{name}"] = value
    if comment is not None:
        facts["comment.content"] = comment.content
        facts["comment.comment_type"] = comment.comment_type
        facts["comment.author_id"] = comment.author_id
    if sla_target is not None:
        facts["sla.target"] = sla_target
    return facts


def work_order_facts(order: Any, job: Any = None) -> dict[str, Any]:
    """Flatten a work order (and the job whose change it is) into the names conditions use."""
    facts: dict[str, Any] = {name: getattr(order, name.split(".", 1)[1], None) for name in WORK_ORDER_FIELDS}
    if job is not None:
        facts["job.status"] = job.status
    return facts


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _same(actual: Any, expected: Any) -> bool:
    actual = _plain(actual)
    if isinstance(actual, list):
        return expected in actual
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected or actual == expected
    if isinstance(actual, int | float) and isinstance(expected, int | float):
        return float(actual) == float(expected)
    return actual == expected or (actual is not None and expected is not None and str(actual) == str(expected))


def _rank(value: Any) -> float | None:
    value = _plain(value)
    if isinstance(value, str) and value in Priority._value2member_map_:
        return float(PRIORITY_RANK[Priority(value)])
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def holds(condition: Condition, facts: Facts) -> bool:
    actual = facts.current.get(condition.field)
    if isinstance(condition, Compare):
        op, expected = condition.operator, condition.value
        if op == "is":
            return _same(actual, expected)
        if op == "is_not":
            return not _same(actual, expected)
        if op == "contains":
            if isinstance(actual, list):
                return any(_same(v, expected) for v in actual)
            return str(expected).lower() in _text(actual).lower()
        if op == "not_contains":
            if isinstance(actual, list):
                return not any(_same(v, expected) for v in actual)
            return str(expected).lower() not in _text(actual).lower()
        return _text(actual).lower().startswith(str(expected).lower())
    if isinstance(condition, Membership):
        inside = any(_same(actual, v) for v in condition.value)
        return inside if condition.operator == "in" else not inside
    if isinstance(condition, Order):
        left, right = _rank(actual), _rank(condition.value)
        if left is None or right is None:
            return False
        return left > right if condition.operator == "gt" else left < right
    if isinstance(condition, Changed | ChangedValue):
        if facts.previous is None:
            return False
        before = facts.previous.get(condition.field)
        if _plain(before) == _plain(actual):
            return False
        if isinstance(condition, Changed):
            return True
        if condition.operator == "changed_to":
            return _same(actual, condition.value)
        return _same(before, condition.value)
    if isinstance(condition, Matches):
        compiled = _compiled(condition.value)
        if compiled is None:
            return False
        try:
            return compiled.search(_text(actual)[:MAX_MATCH_INPUT], timeout=REGEX_TIMEOUT) is not None
        except TimeoutError:
            return False
    # HoursSince
    if not isinstance(actual, datetime) or facts.now is None:
        return False
    return (facts.now - actual).total_seconds() >= condition.value * 3600


@dataclass
class Verdict:
    matched: bool
    results: list[tuple[str, Condition, bool]] = field(default_factory=list)  # (path, condition, held)


def evaluate(conditions: Conditions, facts: Facts, explain: bool = False) -> Verdict:
    """Whether the conditions hold; with ``explain``, every condition's result (for dry runs)."""
    if not explain:
        matched = all(holds(c, facts) for c in conditions.all) and (
            not conditions.any or any(holds(c, facts) for c in conditions.any)
        )
        return Verdict(matched)
    results = [(f"all[{i}]", c, holds(c, facts)) for i, c in enumerate(conditions.all)]
    results += [(f"any[{i}]", c, holds(c, facts)) for i, c in enumerate(conditions.any)]
    all_ok = all(ok for path, _, ok in results if path.startswith("all"))
    any_results = [ok for path, _, ok in results if path.startswith("any")]
    return Verdict(all_ok and (not any_results or any(any_results)), results)


def render(template: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


@dataclass(frozen=True)
class Context:
    """The chain a change belongs to: the originating event, how deep rules went, which rules fired."""

    origin: str
    depth: int = 0
    fired: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"origin": self.origin, "depth": self.depth, "fired": list(self.fired)}

    @classmethod
    def of(cls, data: dict[str, Any] | None, origin: str) -> Context:
        if not data:
            return cls(origin=origin)
        return cls(
            origin=str(data.get("origin") or origin),
            depth=int(data.get("depth") or 0),
            fired=tuple(str(r) for r in data.get("fired") or ()),
        )
