"""The seed's ActiveModel and StatusModel as one mechanism for every entity that can be removed.

``is_active`` (ActiveModel) switches an entity off; ``deleted_at`` marks it deleted. Its
``record_status`` (StatusModel) is therefore ``active``, ``inactive`` or ``deleted``. A deleted
entity leaves every list and lookup but stays stored, so ``restore`` brings it back, until the
organization's retention (or its offboarding) removes it. Services record both moves in the audit
log (or, for tickets, their history).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from chalicelib.domain.entity import Entity


class RecordStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DELETED = "deleted"


class Lifecycle(Entity):
    is_active: bool = True
    deleted_at: datetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def record_status(self) -> RecordStatus:
        if self.deleted_at is not None:
            return RecordStatus.DELETED
        return RecordStatus.ACTIVE if self.is_active else RecordStatus.INACTIVE


L = TypeVar("L", bound=Lifecycle)


def soft_delete(entity: L, now: datetime, **also: object) -> L:
    """The entity switched off and marked deleted (``also``: further fields to change with it)."""
    return entity.model_copy(update={"is_active": False, "deleted_at": now, "updated_at": now, **also})


def restore(entity: L, now: datetime, **also: object) -> L:
    return entity.model_copy(update={"is_active": True, "deleted_at": None, "updated_at": now, **also})


def list_position(rank: int, name: str, entity_id: str) -> str:
    """Where an entity sorts in an ordered list: by ``rank``, then name (case-insensitive), then id.

    One string serves both the list's index key and the code that orders the whole list (the SLA
    policies tried, the rules run), so a page and the engine always agree on the order.

    >>> list_position(10, "Gold", "ab12")
    '000010#gold#ab12'
    """
    return f"{rank:06d}#{name.lower()}#{entity_id}"
