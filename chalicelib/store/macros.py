"""Macros, their usage counters, the per-owner caps and the apply guards.

| item | PK | SK | attributes |
|---|---|---|---|
| macro | ``ORG#o`` | ``MACRO#<id>`` | ``data`` (JSON), ``owner_key`` (``ORG`` or the owner's id), version |
| usage | ``ORG#o`` | ``MACRO#<id>#USAGE`` | ``usage_count``, ``last_used_at``, ``owner_key`` |
| cap counter | ``ORG#o`` | ``MACROCOUNT#ORG`` / ``MACROCOUNT#USER#<user id>`` | ``macro_count`` |
| apply guard | ``ORG#o#TICKET#n`` | ``MACRORUN#<request key>`` | ``macro_id``; TTL 7 days |

A reader's macros are ONE Query of the organization's partition (``begins_with(SK, MACRO#)``,
filtered on ``owner_key IN (ORG, <reader>)``; the organization's export reaches them with the rest
of ``ORG#o``): macros and their usage items come
together. The usage item is its own item so that edits (versioned Puts) and applications (ADDs
inside each ticket's transaction) never overwrite each other. Creating a macro ADDs 1 to its
owner's cap counter in the same transaction, conditional on it being below the cap, so the cap
holds under concurrency; deleting subtracts 1.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.expressions.operand import Path

from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.macros import MAX_PERSONAL, MAX_SHARED, Macro, MacroScope
from chalicelib.store.keys import org_pk
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import ticket_pk
from chalicelib.store.transactions import Counter, Delete, Put, Touch, transact_write

GUARD_TTL = timedelta(days=7)


class MacroItem(TableItem, discriminator="Macro"):
    data = JSONAttribute()
    owner_key = UnicodeAttribute()


class MacroUsageItem(TableItem, discriminator="MacroUsage"):
    usage_count = NumberAttribute(default=0)
    last_used_at = UnicodeAttribute(null=True)
    owner_key = UnicodeAttribute()


class MacroCountItem(TableItem, discriminator="MacroCount"):
    macro_count = NumberAttribute(default=0)


class MacroRunItem(TableItem, discriminator="MacroRun"):
    macro_id = UnicodeAttribute()


def macros_pk(org_id: str) -> str:
    return org_pk(org_id)


def macro_sk(macro_id: str) -> str:
    return f"MACRO#{macro_id}"


def usage_sk(macro_id: str) -> str:
    return f"MACRO#{macro_id}#USAGE"


def _count_sk(macro: Macro) -> str:
    return "MACROCOUNT#ORG" if macro.scope is MacroScope.ORGANIZATION else f"MACROCOUNT#USER#{macro.owner_id}"


def _item(macro: Macro) -> MacroItem:
    return MacroItem(
        PK=macros_pk(macro.org_id),
        SK=macro_sk(macro.id),
        data=macro.model_dump(mode="json", exclude={"version"}),
        owner_key=macro.owner_key,
    )


def _macro(item: MacroItem) -> Macro:
    return Macro.model_validate({**item.data, "version": item.version or 1})


def usage_of(item: MacroUsageItem | None) -> dict[str, Any]:
    return {
        "usage_count": int(item.usage_count or 0) if item else 0,
        "last_used_at": item.last_used_at if item else None,
    }


def _cap(macro: Macro, delta: int) -> Counter:
    cap = MAX_SHARED if macro.scope is MacroScope.ORGANIZATION else MAX_PERSONAL
    full = RuleViolation(
        f"At most {cap} {macro.scope.value} macros (per user for personal ones).", code="too_many_macros"
    )
    return Counter(
        MacroCountItem,
        macros_pk(macro.org_id),
        _count_sk(macro),
        MacroCountItem.macro_count,
        delta,
        below=cap if delta > 0 else None,
        on_conflict=full,
    )


def create_macro(macro: Macro) -> Macro:
    """The macro, its usage item and its owner's cap counter: ONE transaction."""
    usage = MacroUsageItem(PK=macros_pk(macro.org_id), SK=usage_sk(macro.id), owner_key=macro.owner_key)
    transact_write(
        [
            Put(_item(macro), condition=TableItem.PK.does_not_exist()),
            Put(usage, condition=TableItem.PK.does_not_exist()),
            _cap(macro, 1),
        ]
    )
    return macro.model_copy(update={"version": 1})


def _stale() -> Conflict:
    return Conflict("The macro was changed by someone else; reload it.", code="stale_version")


def save_macro(macro: Macro, previous: Macro) -> Macro:
    item = _item(macro)
    item.version = previous.version
    transact_write([Put(item, on_conflict=_stale())])
    return macro.model_copy(update={"version": previous.version + 1})


def delete_macro(macro: Macro) -> None:
    """The macro (if still at the version read) and its usage item; its owner's count goes down."""
    item = _item(macro)
    item.version = macro.version
    usage = MacroUsageItem(PK=macros_pk(macro.org_id), SK=usage_sk(macro.id), owner_key=macro.owner_key)
    transact_write([Delete(item, on_conflict=_stale()), Delete(usage, check_version=False), _cap(macro, -1)])


def get_macro(org_id: str, macro_id: str) -> tuple[Macro | None, dict[str, Any]]:
    """The macro and its usage: ONE Query (``begins_with(SK, MACRO#<id>)``)."""
    macro, usage = None, None
    for item in TableItem.query(macros_pk(org_id), TableItem.SK.startswith(macro_sk(macro_id))):
        if isinstance(item, MacroItem) and macro_sk(macro_id) == item.SK:
            macro = _macro(item)
        elif isinstance(item, MacroUsageItem) and usage_sk(macro_id) == item.SK:
            usage = item
    return macro, usage_of(usage)


def list_macros(org_id: str, reader_id: str) -> list[tuple[Macro, dict[str, Any]]]:
    """The organization's macros and the reader's personal ones with their usage, by position then
    name: ONE Query of the macros partition filtered on the owner."""
    macros: dict[str, Macro] = {}
    usage: dict[str, MacroUsageItem] = {}
    mine = Path("owner_key").is_in("ORG", reader_id)
    for item in TableItem.query(macros_pk(org_id), TableItem.SK.startswith("MACRO#"), filter_condition=mine):
        if isinstance(item, MacroItem):
            found = _macro(item)
            macros[found.id] = found
        elif isinstance(item, MacroUsageItem):
            usage[str(item.SK).split("#")[1]] = item
    ordered = sorted(macros.values(), key=lambda m: m.list_position)
    return [(m, usage_of(usage.get(m.id))) for m in ordered]


def used(org_id: str, macro_id: str, now: datetime) -> Touch:
    """ADD 1 to the macro's usage in a ticket's transaction; a macro deleted meanwhile fails it."""
    gone = Conflict("The macro was deleted meanwhile.", code="macro_deleted")
    return Touch(
        MacroUsageItem,
        macros_pk(org_id),
        usage_sk(macro_id),
        [Path("usage_count").add(1), Path("last_used_at").set(iso(now))],
        on_conflict=gone,
    )


def guard_put(org_id: str, number: int, request_key: str, macro_id: str, now: datetime) -> Put:
    """Once per (request, ticket): a retried request finds it and changes nothing on that ticket."""
    item = MacroRunItem(
        PK=ticket_pk(org_id, number), SK=f"MACRORUN#{request_key}", macro_id=macro_id, expires_at=now + GUARD_TTL
    )
    done = Conflict("This request was already applied to the ticket.", code="already_applied")
    return Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=done, check_version=False)
