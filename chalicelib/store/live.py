"""Live-update connections (WebSocket), in the organization's partition, and the directory item
that maps a connection id to its organization for ``$disconnect`` (which knows only the id).

| item | PK | SK |
|---|---|---|
| connection | ``ORG#o`` | ``LIVE#CONN#<connection id>`` (TTL ``expires_at``) |
| generation | ``ORG#o`` | ``LIVE#`` (``generation``: bumped by every admission) |
| directory | ``PLATFORM#LIVE#<connection id>`` | ``LIVE`` (``org_id``; TTL) |

ONE Query (``ORG#o``, ``begins_with(SK, "LIVE#")``) reads the generation and every connection of
the organization: the admission counts them, the stream fan-out filters them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Role
from chalicelib.domain.live import Connection
from chalicelib.store.keys import org_pk, platform_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Counter, Delete, Put, transact_write

PREFIX = "LIVE#"
CONNECTION_PREFIX = "LIVE#CONN#"
DIRECTORY_SK = "LIVE"


class LiveConnectionItem(TableItem, discriminator="LiveConnection"):
    data = JSONAttribute()  # the Connection (domain.live), as JSON


class LiveGenerationItem(TableItem, discriminator="LiveGeneration"):
    generation = NumberAttribute(default=0)


class LiveDirectoryItem(TableItem, discriminator="LiveDirectory"):
    org_id = UnicodeAttribute()


def connection_sk(connection_id: str) -> str:
    return CONNECTION_PREFIX + connection_id


def directory_pk(connection_id: str) -> str:
    return platform_key("LIVE", connection_id)


def to_data(connection: Connection) -> dict[str, Any]:
    return {
        "connection_id": connection.connection_id,
        "org_id": connection.org_id,
        "user_id": connection.user_id,
        "role": connection.role.value,
        "credential_id": connection.credential_id,
        "kind": connection.kind,
        "permissions": sorted(connection.permissions),
        "allowed_actions": None if connection.allowed_actions is None else sorted(connection.allowed_actions),
        "ticket_number": connection.ticket_number,
        "departments": None if connection.departments is None else sorted(connection.departments),
        "valid_until": iso(connection.valid_until),
        "topics": list(connection.topics),
        "created_at": iso(connection.created_at) if connection.created_at else None,
    }


def to_connection(data: dict[str, Any]) -> Connection:
    allowed = data.get("allowed_actions")
    departments = data.get("departments")
    created = data.get("created_at")
    return Connection(
        connection_id=str(data["connection_id"]),
        org_id=str(data["org_id"]),
        user_id=str(data["user_id"]),
        role=Role(str(data["role"])),
        credential_id=str(data["credential_id"]),
        kind=str(data["kind"]),
        permissions=frozenset(data.get("permissions") or []),
        allowed_actions=None if allowed is None else frozenset(allowed),
        ticket_number=int(data["ticket_number"]) if data.get("ticket_number") is not None else None,
        departments=None if departments is None else frozenset(departments),
        valid_until=parse_iso(str(data["valid_until"])),
        topics=tuple(data.get("topics") or ()),
        created_at=parse_iso(str(created)) if created else None,
    )


def list_connections(org_id: str) -> tuple[int, list[Connection]]:
    """The organization's admission generation and every connection it holds (expired ones
    included: the callers compare ``valid_until``): ONE Query, paged by DynamoDB."""
    generation = 0
    found: list[Connection] = []
    for item in TableItem.query(org_pk(org_id), TableItem.SK.startswith(PREFIX)):
        if isinstance(item, LiveGenerationItem):
            generation = int(item.generation or 0)
        elif isinstance(item, LiveConnectionItem):
            found.append(to_connection(item.data))
    return generation, found


def admit(connection: Connection, seen_generation: int, expires_at: datetime, renewal: bool) -> None:
    """Write the connection and its directory item, bumping the generation from ``seen_generation``:
    ONE transaction of 3 items. A concurrent admission in the same organization moved the generation:
    ``Conflict(code="stale_version")`` (``retry_on_conflict`` counts again)."""
    pk = org_pk(connection.org_id)
    attribute = LiveGenerationItem.generation
    race = Conflict("Another connection was admitted meanwhile; retry.", code="stale_version")
    seen = attribute.does_not_exist() if seen_generation == 0 else attribute == seen_generation
    item = LiveConnectionItem(PK=pk, SK=connection_sk(connection.connection_id), data=to_data(connection))
    item.expires_at = expires_at
    directory = LiveDirectoryItem(PK=directory_pk(connection.connection_id), SK=DIRECTORY_SK, org_id=connection.org_id)
    directory.expires_at = expires_at
    operations: list[object] = [
        Put(item, check_version=False),
        Put(directory, check_version=False),
    ]
    if not renewal:  # a renewal (auth again on the same connection) does not add a connection
        operations.append(Counter(LiveGenerationItem, pk, PREFIX, attribute, 1, condition=seen, on_conflict=race))
    transact_write(operations)  # type: ignore[arg-type]


def set_topics(org_id: str, connection_id: str, topics: tuple[str, ...]) -> Connection | None:
    """Replace what the connection watches (it must exist): one GetItem and one conditional PutItem;
    None when the connection is gone."""
    try:
        item = LiveConnectionItem.get(org_pk(org_id), connection_sk(connection_id))
    except LiveConnectionItem.DoesNotExist:
        return None
    data = dict(item.data)
    data["topics"] = list(topics)
    item.data = data
    item.save(condition=LiveConnectionItem.PK.exists(), add_version_condition=False)
    return to_connection(data)


def org_of(connection_id: str) -> str | None:
    """The organization of an authenticated connection (its directory item): ONE GetItem."""
    try:
        return LiveDirectoryItem.get(directory_pk(connection_id), DIRECTORY_SK).org_id
    except LiveDirectoryItem.DoesNotExist:
        return None


def forget(org_id: str, connection_ids: list[str]) -> None:
    """Delete connections and their directory items (idempotent: gone ones are fine), in
    transactions of up to 50 connections (100 items)."""
    for start in range(0, len(connection_ids), 50):
        chunk = connection_ids[start : start + 50]
        operations: list[object] = []
        for connection_id in chunk:
            operations.append(
                Delete(LiveConnectionItem(PK=org_pk(org_id), SK=connection_sk(connection_id)), check_version=False)
            )
            operations.append(
                Delete(LiveDirectoryItem(PK=directory_pk(connection_id), SK=DIRECTORY_SK), check_version=False)
            )
        transact_write(operations)  # type: ignore[arg-type]
