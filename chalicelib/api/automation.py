"""Automation rules: CRUD, statistics and dry runs (admins and managers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output, TrashQuery, next_cursor_field
from chalicelib.api.tickets import TicketOut
from chalicelib.domain.automation import AutomationRule, TriggerType
from chalicelib.domain.commands import (
    AutomationRuleCommand,
    AutomationRulePatch,
    DryRunCommand,
    RuleOrderCommand,
    SimulateCommand,
)
from chalicelib.services import automation, tickets

api = Api("automation", __name__)


class RuleStats(Output):
    execution_count: int
    success_count: int
    failure_count: int
    average_execution_time: float | None = Field(description="seconds per execution")
    last_executed_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None


class BrokenReferenceOut(Output):
    field: str = Field(description="where the rule names it, e.g. `actions.2.user_id`")
    kind: Literal["user", "department", "sla_policy", "custom_field", "technician"]
    id: str = Field(description="the id (custom fields: the name) the rule names")
    reason: Literal["missing", "deleted", "inactive", "not_staff", "invalid_value"]
    message: str


class RuleOut(Output):
    outside_version = ("statistics",)  # counted by every run

    id: str
    name: str
    description: str
    trigger_type: TriggerType
    trigger_conditions: dict[str, Any]
    actions: list[dict[str, Any]] = Field(description="call_webhook secrets are never returned")
    execution_order: int
    is_active: bool
    stop_on_match: bool
    created_at: datetime
    updated_at: datetime
    version: int
    statistics: RuleStats | None = None
    broken_references: list[BrokenReferenceOut] = Field(
        default_factory=list,
        description="what the actions name that no longer exists or can no longer be used (checked when read); "
        "such an action fails when the rule runs",
    )

    @classmethod
    def of(
        cls, rule: AutomationRule, stats: dict[str, Any] | None = None, broken: list[dict[str, Any]] | None = None
    ) -> RuleOut:
        data = rule.model_dump(mode="json")
        data["actions"] = [{**a, "secret": None} if a.get("type") == "call_webhook" else a for a in data["actions"]]
        return cls.model_validate({**data, "statistics": stats, "broken_references": broken or []})


class RuleList(Output):
    items: list[RuleOut]
    broken_rules: int = Field(description="how many of the rules on this page have broken references")
    next_cursor: str | None = next_cursor_field()


class ConditionResult(Output):
    path: str
    field: str
    operator: str
    value: Any = None
    actual: Any = None
    held: bool


class DryRunOut(Output):
    matched: bool
    conditions: list[ConditionResult]
    actions: list[dict[str, Any]]
    changes: list[dict[str, Any]] = Field(default_factory=list)
    comments: list[dict[str, Any]] = Field(default_factory=list)
    ticket: TicketOut = Field(description="the ticket as it would be after the actions")


Kind = Literal["text", "choice", "number", "boolean", "datetime", "list"]


class RuleOperatorOut(Output):
    operator: str
    value: Literal["none", "list", "number", "text", "scalar"] = Field(
        description="what the condition's value is: none (no value), a list, a number, text (a pattern), a scalar"
    )


class RuleFieldOut(Output):
    name: str = Field(description="the condition's `field`")
    kind: Kind
    choices: list[str] = Field(description="the values a choice field takes")
    operators: list[RuleOperatorOut] = Field(description="the operators offered for this field and trigger")


class RuleTriggerOut(Output):
    type: TriggerType
    subject: Literal["ticket", "work_order"]
    tests_changes: bool = Field(description="whether changed / changed_to / changed_from apply")
    fields: list[RuleFieldOut]
    actions: list[str] = Field(description="the action types this trigger's rules may take")


class RuleParameterOut(Output):
    name: str
    kind: Literal["text", "choice", "number", "boolean", "list", "url", "scalar"]
    required: bool
    nullable: bool
    choices: list[str]
    default: Any = None
    description: str
    limits: dict[str, int] = Field(description="minLength, maxLength, minimum, maximum, minItems, maxItems")


class RuleActionSchemaOut(Output):
    type: str
    description: str
    parameters: list[RuleParameterOut]


class RuleSchemaOut(Output):
    triggers: list[RuleTriggerOut]
    operators: list[RuleOperatorOut]
    actions: list[RuleActionSchemaOut]


class RuleSimulatedTicket(Output):
    ticket_number: str
    subject: str
    events_checked: int = Field(description="events of the rule's trigger replayed on this ticket")
    matched: bool
    would: list[dict[str, Any]] = Field(description="the actions planned on the first matching event (a dry run)")
    reason: str


class RuleSimulationOut(Output):
    rule_id: str | None
    trigger_type: TriggerType
    tickets: int
    matched: int
    events_checked: int
    items: list[RuleSimulatedTicket]


@api.route(
    "/automation-rules/schema",
    "GET",
    summary="What a rule builder offers: triggers with their fields, operators and actions; actions with their "
    "parameters (generated from the rule model; the organization's custom fields included)",
    response=RuleSchemaOut,
)
def rule_schema(call: Call[None, NoQuery]) -> RuleSchemaOut:
    return RuleSchemaOut.model_validate(automation.rule_schema(call.principal))


class RuleOrderOut(Output):
    items: list[RuleOut] = Field(description="the reordered rules, with their new execution_order and version")


@api.route(
    "/automation-rules/order",
    "POST",
    summary="Reorder rules: the listed ones get execution_order 10, 20, 30... in ONE transaction, version-checked",
    request=RuleOrderCommand,
    response=RuleOrderOut,
    errors=(404, 409, 422),
)
def order_rules(call: Call[RuleOrderCommand, NoQuery]) -> RuleOrderOut:
    rules = automation.reorder_rules(call.principal, call.body.ids, call.body.versions)
    return RuleOrderOut(items=[RuleOut.of(rule) for rule in rules])


@api.route(
    "/automation-rules/simulate",
    "POST",
    summary="What a rule (unsaved, or a saved one's id) would have done to the last N tickets, replayed over "
    "their recent history; nothing is written",
    request=SimulateCommand,
    response=RuleSimulationOut,
    errors=(404, 422),
    invalid_code="invalid_rule",
)
def simulate(call: Call[SimulateCommand, NoQuery]) -> RuleSimulationOut:
    body = call.body
    return RuleSimulationOut.model_validate(automation.simulate(call.principal, body.rule, body.rule_id, body.last))


@api.route(
    "/automation-rules",
    "GET",
    summary="Automation rules in execution order, with statistics and broken references (deleted=true: the trash)",
    response=RuleList,
    query=TrashQuery,
)
def list_rules(call: Call[None, TrashQuery]) -> RuleList:
    q = call.query
    page = automation.list_rules(call.principal, q.deleted, q.limit, q.cursor)
    return RuleList(
        items=[RuleOut.of(rule, stats, broken) for rule, stats, broken in page.items],
        broken_rules=sum(1 for _, _, broken in page.items if broken),
        next_cursor=page.next_cursor,
    )


@api.route(
    "/automation-rules",
    "POST",
    summary="Create an automation rule (422 names the invalid part)",
    request=AutomationRuleCommand,
    response=RuleOut,
    status=201,
    location="/automation-rules/{id}",
    errors=(422,),
    invalid_code="invalid_rule",
)
def create_rule(call: Call[AutomationRuleCommand, NoQuery]) -> RuleOut:
    return RuleOut.of(automation.create_rule(call.principal, call.body))


@api.route(
    "/automation-rules/{rule_id}", "GET", summary="One rule with its statistics", response=RuleOut, errors=(404,)
)
def get_rule(call: Call[None, NoQuery], rule_id: str) -> RuleOut:
    return RuleOut.of(*automation.read_rule(call.principal, rule_id))


@api.route(
    "/automation-rules/{rule_id}",
    "PATCH",
    summary="Change a rule (If-Match: version)",
    request=AutomationRulePatch,
    response=RuleOut,
    errors=(404, 409, 422),
    invalid_code="invalid_rule",
    if_match=True,
)
def update_rule(call: Call[AutomationRulePatch, NoQuery], rule_id: str) -> RuleOut:
    rule, broken = automation.update_rule(call.principal, rule_id, call.body, call.if_match())
    return RuleOut.of(rule, broken=broken)


@api.route("/automation-rules/{rule_id}", "DELETE", summary="Delete a rule (restorable)", status=204, errors=(404,))
def delete_rule(call: Call[None, NoQuery], rule_id: str) -> None:
    automation.delete_rule(call.principal, rule_id)


@api.route(
    "/automation-rules/{rule_id}/dry-run",
    "POST",
    summary="What the rule would do to a ticket now: conditions, actions, resulting ticket (nothing written; "
    "ticket rules only)",
    request=DryRunCommand,
    response=DryRunOut,
    errors=(404, 422),
)
def dry_run(call: Call[DryRunCommand, NoQuery], rule_id: str) -> DryRunOut:
    result = automation.dry_run(call.principal, rule_id, call.body.ticket_number, call.body.changes)
    shown = tickets.visible_custom_fields(call.principal)
    return DryRunOut.model_validate({**result, "ticket": TicketOut.of(result["ticket"], shown)})


@api.route(
    "/automation-rules/{rule_id}/restore",
    "POST",
    summary="Bring a deleted rule back (active again, statistics kept; 422 while it names something gone)",
    response=RuleOut,
    errors=(404, 422),
)
def restore_rule(call: Call[None, NoQuery], rule_id: str) -> RuleOut:
    return RuleOut.of(automation.restore_rule(call.principal, rule_id))
