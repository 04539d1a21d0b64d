"""Key builders for the single table.

Every tenant key starts with ``ORG#<org_id>``; ``tenant_key`` refuses to build one without a
valid org id, so a missing tenant is a crash in development, never a cross-tenant read.
Platform directory keys (``PLATFORM#...``) are built only by ``platform_key``.
"""

from __future__ import annotations

import re

_ID = re.compile(r"^[A-Za-z0-9_.:@+-]{1,128}$")
TENANT_PREFIX = "ORG#"
PLATFORM_PREFIX = "PLATFORM#"


class UnsafeKey(ValueError):
    """A key was about to be built from a missing or unsafe part (a programming error)."""


def is_safe_part(value: object) -> bool:
    """Whether ``value`` can be part of a key (non-empty, no ``#``, no surrounding spaces).

    For values typed by a caller that are looked up rather than validated first, e.g. the slug
    and email of a login: an unusable one is simply not found.
    """
    text = str(value) if value is not None else ""
    return bool(text) and "#" not in text and text == text.strip()


def _part(value: object, what: str) -> str:
    text = str(value) if value is not None else ""
    if not is_safe_part(text):
        raise UnsafeKey(f"{what} {value!r} cannot be part of a key")
    return text


def check_org_id(org_id: str) -> str:
    if not isinstance(org_id, str) or not _ID.match(org_id):
        raise UnsafeKey(f"organization id {org_id!r} is required to build a tenant key")
    return org_id


def org_pk(org_id: str) -> str:
    """``ORG#<org_id>``: the partition of the organization's small lists."""
    return TENANT_PREFIX + check_org_id(org_id)


def tenant_key(org_id: str, *parts: object) -> str:
    """``ORG#<org_id>#<part>#<part>...``.

    >>> tenant_key("o1", "TICKET", 42)
    'ORG#o1#TICKET#42'
    """
    return "#".join([org_pk(org_id), *(_part(p, "key part") for p in parts)])


def platform_key(*parts: object) -> str:
    """``PLATFORM#<part>...``: global directory items (slug, inbound address)."""
    if not parts:
        raise UnsafeKey("a platform key needs at least one part")
    return PLATFORM_PREFIX + "#".join(_part(p, "key part") for p in parts)


def org_of_key(key: str) -> str | None:
    """The org id a tenant key belongs to, or None for platform keys."""
    if not key.startswith(TENANT_PREFIX):
        return None
    return key[len(TENANT_PREFIX) :].split("#", 1)[0]


def retention_keys(org_id: str, entity: str, since: str) -> tuple[str, str]:
    """(DUEPK, DUESK) of an item the retention sweep finds by age: ``ORG#o#RETAIN#<entity>`` /
    ``<since>``, on the sparse DUE index."""
    return tenant_key(org_id, "RETAIN", entity), since
