"""One page of a Query, with a signed cursor for the next one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pynamodb.expressions.condition import Condition

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
    start = decode_cursor(org_id, scope, cursor)
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
    items = [item for item in results if isinstance(item, model)]
    return Page(items, encode_cursor(org_id, scope, results.last_evaluated_key))
