"""Table stream records as item changes the services understand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chalicelib.store.keys import org_of_key


@dataclass(frozen=True)
class TableChange:
    """One item written or deleted, as seen on the table stream (images already deserialised)."""

    event_name: str  # INSERT | MODIFY | REMOVE
    sequence_number: str
    pk: str
    sk: str
    item_type: str | None
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)

    @property
    def org_id(self) -> str | None:
        return org_of_key(self.pk)

    @property
    def image(self) -> dict[str, Any]:
        """The newest image: the new item, or the deleted one for REMOVE."""
        return self.new or self.old


def change_from_record(
    event_name: str, sequence_number: str, keys: dict[str, Any], old: dict[str, Any] | None, new: dict[str, Any] | None
) -> TableChange:
    old = old or {}
    new = new or {}
    item_type = (new or old).get("type")
    return TableChange(
        event_name=event_name,
        sequence_number=sequence_number,
        pk=str(keys.get("PK", "")),
        sk=str(keys.get("SK", "")),
        item_type=str(item_type) if item_type is not None else None,
        old=old,
        new=new,
    )
