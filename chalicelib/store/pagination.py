"""One page of a Query, with a signed cursor for the next one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pynamodb.exceptions import QueryError
from pynamodb.expressions.condition import Condition

from chalicelib.domain.errors import Invalid
from chalicelib.store.cursor import decode_cursor, encode_cursor
from chalicelib.store.table import TableItem

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def query_page(
    index: Any,
    hash_key: str,
    *,
    org_id: str,
    scope: str,
    limit: int,
    cursor: str | None,
    model: type[TableItem],
    range_key_condition: Condition | None = None,
    filter_condition: Condition | None = None,
    scan_index_forward: bool = True,
) -> Page[TableItem]:
    """Query ``hash_key`` (on the table when ``index`` is None, else on that index) through ``model``.

    Querying through the subclass adds PynamoDB's discriminator filter, so only that item type
    comes back. The cursor is bound to ``org_id`` and ``scope`` (see store/cursor.py).
    """
    names = {"PK", "SK"}
    partition = "PK"
    if index is not None:
        keys = [a for a in index.Meta.attributes.values() if a.is_hash_key or a.is_range_key]
        names |= {a.attr_name for a in keys}
        partition = next(a.attr_name for a in keys if a.is_hash_key)
    start = decode_cursor(org_id, scope, cursor, frozenset(names), (partition, hash_key))
    results = model.query(
        hash_key,
        range_key_condition,
        filter_condition,
        index_name=index.Meta.index_name if index is not None else None,
        scan_index_forward=scan_index_forward,
        limit=limit,
        page_size=limit,
        last_evaluated_key=start,
    )
    try:
        items = [item for item in results if isinstance(item, model)]
    except QueryError as exc:
        # DynamoDB refuses a start key the query cannot resume from (e.g. outside its key condition).
        if start is None or exc.cause_response_code != "ValidationException":
            raise
        raise Invalid(
            "The cursor is not valid for this list.",
            code="invalid_cursor",
            details=[{"field": "cursor", "type": "key"}],
        ) from exc
    return Page(items, encode_cursor(org_id, scope, results.last_evaluated_key))
