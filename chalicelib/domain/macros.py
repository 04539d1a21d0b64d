"""Macros: named bundles of automation actions an agent applies by hand to tickets. Pure.

A macro's actions are the automation engine's (``domain.automation.Action``), limited to what an
agent could do by hand on the ticket: field changes, tags, a custom field, an internal note, a
reply from a template. Notifications, webhooks, SLA policies and work orders stay with rules.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from chalicelib.domain.automation import (
    Action,
    AddInternalNote,
    AddTags,
    AssignTo,
    RemoveTags,
    ReplyToRequester,
    SetCustomField,
    SetDepartment,
    SetPriority,
    SetStatus,
)
from chalicelib.domain.entity import Entity
from chalicelib.domain.lifecycle import list_position

MAX_PERSONAL = 100  # personal macros per user
MAX_SHARED = 500  # organization macros
MAX_TICKETS = 100  # tickets one apply (or bulk change) acts on

MACRO_ACTIONS: tuple[type, ...] = (
    SetStatus,
    SetPriority,
    AssignTo,
    SetDepartment,
    AddTags,
    RemoveTags,
    SetCustomField,
    AddInternalNote,
    ReplyToRequester,
)
MACRO_ACTION_TYPES = (
    "set_status",
    "set_priority",
    "assign_to",
    "set_department",
    "add_tags",
    "remove_tags",
    "set_custom_field",
    "add_internal_note",
    "reply_to_requester",
)
# Actions that change the ticket's fields (need tickets.update when applied).
FIELD_ACTIONS: tuple[type, ...] = (SetStatus, SetPriority, AssignTo, SetDepartment, AddTags, RemoveTags, SetCustomField)


class MacroScope(StrEnum):
    PERSONAL = "personal"
    ORGANIZATION = "organization"


class Macro(Entity):
    id: str
    org_id: str
    name: str
    description: str = ""
    scope: MacroScope
    owner_id: str | None = None  # the user a personal macro belongs to; None for organization macros
    actions: list[Action] = Field(min_length=1, max_length=20)
    position: int = 0
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @property
    def list_position(self) -> str:
        """Where the macro sorts in a reader's list: by position, then name."""
        return list_position(self.position, self.name, self.id)

    @property
    def owner_key(self) -> str:
        """Whose list the macro is in: ``ORG`` (everyone's) or the owner's user id."""
        return "ORG" if self.scope is MacroScope.ORGANIZATION else str(self.owner_id)


def unsupported_actions(actions: list[Any]) -> list[dict[str, Any]]:
    """One 422 detail per action a macro cannot hold (``actions.<i>.type``)."""
    allowed = ", ".join(MACRO_ACTION_TYPES)
    return [
        {
            "field": f"actions.{i}.type",
            "message": f"macros do not {action.type.replace('_', ' ')}; allowed: {allowed}",
            "type": "unsupported_action",
        }
        for i, action in enumerate(actions)
        if not isinstance(action, MACRO_ACTIONS)
    ]
