"""One page of a list, with a signed cursor for the next one.

``query_page`` pages a Query (the list's order is its key order); with ``keep`` it filters in
code and reads on until the page is full or the partition ends, so a page is never short because
items were filtered out. ``list_page`` pages a short list that is read whole anyway (ranked search
results, the retention policy of each entity type): its cursor carries the position of the last
item returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pynamodb.exceptions import QueryError
from pynamodb.expressions.condition import Condition

from chalicelib.domain.errors import Invalid
from chalicelib.store.cursor import decode_cursor, encode_cursor
from chalicelib.store.table import TableItem

T = TypeVar("T")
POSITION = "after"  # the one attribute of a ``list_page`` cursor


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def _key_names(index: Any) -> tuple[frozenset[str], str]:
    names = {"PK", "SK"}
    partition = "PK"
    if index is not None:
        keys = [a for a in index.Meta.attributes.values() if a.is_hash_key or a.is_range_key]
        names |= {a.attr_name for a in keys}
        partition = next(a.attr_name for a in keys if a.is_hash_key)
    return frozenset(names), partition


def _key_of(item: TableItem, names: frozenset[str]) -> dict[str, Any]:
    """The item's position in the Query, as DynamoDB's LastEvaluatedKey would give it."""
    return {name: {"S": str(getattr(item, name))} for name in sorted(names)}


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
    keep: Callable[[Any], bool] | None = None,
) -> Page[TableItem]:
    """Query ``hash_key`` (on the table when ``index`` is None, else on that index) through ``model``.

    Querying through the subclass adds PynamoDB's discriminator filter, so only that item type
    comes back. The cursor is bound to ``org_id`` and ``scope`` (see store/cursor.py). ``keep``:
    only items it accepts are returned, and the Query goes on until ``limit`` of them are found
    (or the partition ends); the cursor then points after the last item returned.
    """
    names, partition = _key_names(index)
    start = decode_cursor(org_id, scope, cursor, names, (partition, hash_key))
    # With ``keep``, one item past the page is looked for, so a full last page has no cursor.
    wanted = limit if keep is None else limit + 1
    kept: list[TableItem] = []
    while True:
        results = model.query(
            hash_key,
            range_key_condition,
            filter_condition,
            index_name=index.Meta.index_name if index is not None else None,
            scan_index_forward=scan_index_forward,
            limit=wanted,
            page_size=wanted,
            last_evaluated_key=start,
        )
        try:
            for item in results:
                if not isinstance(item, model) or (keep is not None and not keep(item)):
                    continue
                kept.append(item)
                if keep is not None and len(kept) > limit:
                    return Page(kept[:limit], encode_cursor(org_id, scope, _key_of(kept[limit - 1], names)))
        except QueryError as exc:
            # DynamoDB refuses a start key the query cannot resume from (e.g. outside its key condition).
            if start is None or exc.cause_response_code != "ValidationException":
                raise
            raise Invalid(
                "The cursor is not valid for this list.",
                code="invalid_cursor",
                details=[{"field": "cursor", "type": "key"}],
            ) from exc
        start = results.last_evaluated_key
        if keep is None:
            return Page(kept, encode_cursor(org_id, scope, start))
        if not start:
            return Page(kept, None)


def position_after(org_id: str, scope: str, cursor: str | None) -> str | None:
    """The position a ``list_page``-style cursor carries (None: the first page)."""
    start = decode_cursor(org_id, scope, cursor, frozenset({POSITION}))
    return str(start[POSITION]["S"]) if start else None


def position_cursor(org_id: str, scope: str, position: str) -> str:
    """A signed cursor for the page after ``position``."""
    return str(encode_cursor(org_id, scope, {POSITION: {"S": position}}))


def list_page(
    items: Sequence[T],
    position: Callable[[T], str],
    *,
    org_id: str,
    scope: str,
    limit: int,
    cursor: str | None,
) -> Page[T]:
    """One page of ``items`` (already in list order, ``position`` strictly increasing along it).

    For short lists that are read whole anyway; the cursor carries the last position returned, so
    the next page starts after it even when items were added or removed meanwhile.
    """
    after = position_after(org_id, scope, cursor)
    remaining = [item for item in items if after is None or position(item) > after]
    page = remaining[:limit]
    more = len(remaining) > limit
    return Page(page, position_cursor(org_id, scope, position(page[-1])) if more else None)
