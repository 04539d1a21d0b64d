"""What a rule builder needs, generated from the rule model itself. Pure.

The triggers come from ``TriggerType``, the condition fields from ``TICKET_FIELDS`` & co. with
their kinds read from the ``Ticket`` / ``WorkOrder`` / ``Comment`` models, the operators and
their value kinds from the ``Condition`` union, the actions and their parameters from the
``Action`` union's JSON Schema. A new operator, field or action appears here without an edit;
``tests/domain/test_rule_schema.py`` checks that every class of both unions does.
"""

from __future__ import annotations

import types
from datetime import datetime
from enum import StrEnum
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from chalicelib.domain.automation import (
    CHANGE_OPERATORS,
    COMMENT_FIELDS,
    EVENT_FIELDS,
    JOB_FIELDS,
    JOB_TRIGGERS,
    NO_CHANGE_TRIGGERS,
    SHARED_ACTIONS,
    TICKET_FIELDS,
    TIME_FIELDS,
    WORK_ORDER_ACTIONS,
    WORK_ORDER_FIELDS,
    WORK_ORDER_TRIGGERS,
    Action,
    Condition,
    TriggerType,
)
from chalicelib.domain.fieldservice import JobAssignment, WorkOrder
from chalicelib.domain.identity import CustomFieldDefinition, CustomFieldType
from chalicelib.domain.tickets import Comment, Ticket

# Which operators make sense for a field of each kind (the union decides which operators exist
# and what value each takes; this decides where they are offered).
KIND_OPERATORS: dict[str, tuple[str, ...]] = {
    "text": (
        *("is", "is_not", "contains", "not_contains", "starts_with", "in", "not_in", "matches"),
        *("changed", "changed_to", "changed_from"),
    ),
    "choice": ("is", "is_not", "in", "not_in", "changed", "changed_to", "changed_from"),
    "number": ("is", "is_not", "gt", "lt", "in", "not_in", "changed", "changed_to", "changed_from"),
    "boolean": ("is", "is_not", "changed", "changed_to", "changed_from"),
    "datetime": ("hours_since", "changed"),
    "list": ("contains", "not_contains", "changed"),
}
RANKED_FIELDS = frozenset({"priority", "work_order.priority"})  # choices with an order: gt / lt apply
CUSTOM_KINDS = {
    CustomFieldType.TEXT: "text",
    CustomFieldType.NUMBER: "number",
    CustomFieldType.BOOLEAN: "boolean",
    CustomFieldType.CHOICE: "choice",
    CustomFieldType.DATE: "text",  # stored as an ISO date string
}


def _members(union: Any) -> list[type[BaseModel]]:
    """The classes of an ``Annotated[A | B | ..., discriminator]`` union."""
    return list(get_args(get_args(union)[0]))


CONDITION_CLASSES = _members(Condition)
ACTION_CLASSES = _members(Action)


def _literal(model: type[BaseModel], name: str) -> tuple[str, ...]:
    return tuple(str(v) for v in get_args(model.model_fields[name].annotation))


def _value_kind(model: type[BaseModel]) -> str:
    """What an operator's ``value`` is: none, list, number, text (a pattern) or scalar."""
    if "value" not in model.model_fields:
        return "none"
    annotation = model.model_fields["value"].annotation
    if get_origin(annotation) is list:
        return "list"
    if annotation is str:
        return "text"
    if str in get_args(annotation):
        return "scalar"
    return "number"


OPERATOR_VALUES: dict[str, str] = {
    op: _value_kind(cls) for cls in CONDITION_CLASSES for op in _literal(cls, "operator")
}


def _kind(annotation: Any) -> tuple[str, list[str]]:
    """A model field's kind and its choices (enums)."""
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return "choice", [m.value for m in annotation]
    if annotation is bool:
        return "boolean", []
    if annotation in (int, float):
        return "number", []
    if annotation is datetime:
        return "datetime", []
    if get_origin(annotation) is list:
        return "list", []
    return "text", []


def _model_field(name: str) -> tuple[str, list[str]]:
    if name in WORK_ORDER_FIELDS:
        return _kind(WorkOrder.model_fields[name.split(".", 1)[1]].annotation)
    if name in JOB_FIELDS:
        return _kind(JobAssignment.model_fields[name.split(".", 1)[1]].annotation)
    if name in COMMENT_FIELDS:
        return _kind(Comment.model_fields[name.split(".", 1)[1]].annotation)
    if name in EVENT_FIELDS:
        return "text", []
    return _kind(Ticket.model_fields[name].annotation)


def _field(name: str, kind: str, choices: list[str], trigger: TriggerType) -> dict[str, Any]:
    operators = list(KIND_OPERATORS[kind])
    if name in RANKED_FIELDS:
        operators += ["gt", "lt"]
    if name not in TIME_FIELDS:
        operators = [op for op in operators if op != "hours_since"]
    if trigger in NO_CHANGE_TRIGGERS:
        operators = [op for op in operators if op not in CHANGE_OPERATORS]
    return {
        "name": name,
        "kind": kind,
        "choices": choices,
        "operators": [{"operator": op, "value": OPERATOR_VALUES[op]} for op in operators],
    }


def trigger_fields(trigger: TriggerType, custom_fields: list[CustomFieldDefinition]) -> list[dict[str, Any]]:
    """The fields a rule of ``trigger`` may test, each with its kind, choices and operators."""
    if trigger in JOB_TRIGGERS:
        names = sorted(WORK_ORDER_FIELDS | JOB_FIELDS)
    elif trigger in WORK_ORDER_TRIGGERS:
        names = sorted(WORK_ORDER_FIELDS)
    else:
        names = sorted(TICKET_FIELDS)
        if trigger is TriggerType.COMMENT_ADDED:
            names += sorted(COMMENT_FIELDS)
        if trigger in (TriggerType.SLA_WARNING, TriggerType.SLA_BREACHED):
            names += sorted(EVENT_FIELDS)
    fields = [_field(name, *_model_field(name), trigger) for name in names]
    if trigger not in WORK_ORDER_TRIGGERS:
        for definition in custom_fields:
            kind = CUSTOM_KINDS[definition.type]
            fields.append(_field(f"custom_fields.{definition.name}", kind, list(definition.choices), trigger))
    return fields


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop:
        return {**defs[prop["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


def _parameter(name: str, prop: dict[str, Any], defs: dict[str, Any], required: bool) -> dict[str, Any]:
    """One action parameter from its JSON Schema: kind, choices, nullable, bounds."""
    prop = _resolve(prop, defs)
    options = [_resolve(o, defs) for o in prop.get("anyOf", [prop])]
    nullable = any(o.get("type") == "null" for o in options)
    options = [o for o in options if o.get("type") != "null"]
    choices: list[Any] = []
    if len(options) > 1:
        kind = "scalar"
    else:
        only = options[0] if options else {}
        choices = list(only.get("enum", []))
        kind = {"integer": "number", "number": "number", "boolean": "boolean", "array": "list"}.get(
            only.get("type", ""), "text"
        )
        if choices:
            kind = "choice"
        elif only.get("format") == "uri":
            kind = "url"
        prop = {**only, **{k: v for k, v in prop.items() if k in ("default", "description")}}
    limits = {k: prop[k] for k in ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems") if k in prop}
    return {
        "name": name,
        "kind": kind,
        "required": required,
        "nullable": nullable,
        "choices": choices,
        "default": prop.get("default"),
        "description": prop.get("description", ""),
        "limits": limits,
    }


def action_schema(model: type[BaseModel]) -> dict[str, Any]:
    """An action type with its parameters, from the class's JSON Schema."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    parameters = [
        _parameter(name, prop, defs, name in required)
        for name, prop in schema.get("properties", {}).items()
        if name != "type"
    ]
    return {
        "type": _literal(model, "type")[0],
        "description": (model.__doc__ or "").strip().split("\n")[0] if model.__doc__ else "",
        "parameters": parameters,
    }


def trigger_actions(trigger: TriggerType) -> list[str]:
    """The action types a rule of ``trigger`` may take (as ``trigger_mismatches`` allows)."""
    types_ = [_literal(cls, "type")[0] for cls in ACTION_CLASSES]
    if trigger in WORK_ORDER_TRIGGERS:
        return [t for t in types_ if t in WORK_ORDER_ACTIONS]
    return [t for t in types_ if t not in WORK_ORDER_ACTIONS - SHARED_ACTIONS]


def builder_schema(custom_fields: list[CustomFieldDefinition]) -> dict[str, Any]:
    """Everything a rule builder shows: triggers with their fields/operators/actions, actions with parameters."""
    return {
        "triggers": [
            {
                "type": trigger.value,
                "subject": "work_order" if trigger in WORK_ORDER_TRIGGERS else "ticket",
                "tests_changes": trigger not in NO_CHANGE_TRIGGERS,
                "fields": trigger_fields(trigger, custom_fields),
                "actions": trigger_actions(trigger),
            }
            for trigger in TriggerType
        ],
        "operators": [{"operator": op, "value": kind} for op, kind in OPERATOR_VALUES.items()],
        "actions": [action_schema(cls) for cls in ACTION_CLASSES],
    }
