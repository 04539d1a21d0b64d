"""Knowledge base items.

| item | PK | SK | indexes |
|---|---|---|---|
| category | ``ORG#o`` | ``KBCAT#<id>`` | GSI1 ``ORG#o#KBCATS`` (deleted: ``...#DELETED``), below |
| article | ``ORG#o#KBART#<id>`` | ``ARTICLE`` | GSI1 by category and status, GSI2 by update (below) |
| counters | ``ORG#o#KBART#<id>`` | ``COUNTERS`` | views, votes, deflections: ADD only (edits never touch) |
| revision | ``ORG#o#KBART#<id>`` | ``REV#<version:08d>`` | the article as it was before each edit |
| view | ``ORG#o#KBART#<id>`` | ``VIEW#<at>#<viewer>`` | raw view, at most 1,000 a day; TTL = the view retention |
| viewer-day | ``ORG#o#KBART#<id>`` | ``VIEWER#<date>#<viewer>`` | one per viewer and day; TTL 2 days |
| views-day | ``ORG#o#KBART#<id>`` | ``VIEWDAY#<date>`` | raw view items stored that day (the cap); TTL 2 days |
| vote | ``ORG#o#KBART#<id>`` | ``VOTE#<viewer>`` | helpful or not, one per viewer |
| deflector-day | ``ORG#o#KBART#<id>`` | ``DEFLECTED#<date>#<viewer>`` | one deflection per person and day; TTL 2 days |
| deflections-day | ``ORG#o#KBSTATS`` | ``ART#<date>#<article id>`` | ``deflections`` that UTC day (ADD) |
| search term | ``ORG#o#KBTERM#<term>`` | ``<article id>`` | weight; published articles only |

GSI1 ``ORG#o#KBCAT#<category>#<status>`` / ``<title>#<id>``; GSI2 ``ORG#o#KBARTICLES`` / ``<updated>#<id>``.
Categories: GSI1 ``ORG#o#KBCATS`` / ``<parent>#<sort order>#<name>#<id>`` (the list's order).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.domain.clock import iso
from chalicelib.domain.errors import Conflict
from chalicelib.domain.kb import ArticleStatus, KBArticle, KBCategory
from chalicelib.domain.lifecycle import list_position
from chalicelib.store import search as search_store
from chalicelib.store.keys import org_pk, retention_keys, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.search import KB, STATS_SK, SearchStatsItem, VocabularyItem, vocabulary_pk
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Counter, Operation, Put, Tally, tallied, transact_write

VIEW_RETENTION = timedelta(days=90)
VIEW_ITEMS_PER_DAY = 1_000  # raw view items stored per article and UTC day; the count goes on past it
TERM_READ_LIMIT = 500  # index entries read per query term (the heaviest first is not guaranteed: see search)
# The article's counters: kept on its COUNTERS item, never in the article's own data.
COUNTS = ("view_count", "helpful_count", "not_helpful_count", "deflection_count")


class CategoryItem(TableItem, discriminator="KBCategory"):
    data = JSONAttribute()


class ArticleItem(TableItem, discriminator="KBArticle"):
    data = JSONAttribute()
    status = UnicodeAttribute()


class ArticleCountersItem(TableItem, discriminator="KBArticleCounters"):
    view_count = NumberAttribute(default=0)
    helpful_count = NumberAttribute(default=0)
    not_helpful_count = NumberAttribute(default=0)
    deflection_count = NumberAttribute(default=0)


class RevisionItem(TableItem, discriminator="KBArticleRevision"):
    data = JSONAttribute()


class ViewItem(TableItem, discriminator="KBArticleView"):
    data = JSONAttribute()


class ViewerDayItem(TableItem, discriminator="KBViewerDay"):
    pass


class ViewDayItem(TableItem, discriminator="KBViewDay"):
    """How many raw view items one article stored on one UTC day."""

    stored = NumberAttribute(default=0)


class VoteItem(TableItem, discriminator="KBVote"):
    helpful = NumberAttribute()  # 1 or 0


class DeflectorDayItem(TableItem, discriminator="KBDeflectorDay"):
    """One person's deflection by one article on one UTC day (the once-a-day guard)."""


class KBStatsItem(TableItem, discriminator="KBStats"):
    """A day counter of the KB report; numeric attributes are added by name (``Tally``)."""


class ArticleDayItem(TableItem, discriminator="KBArticleDay"):
    """One article's counts of one UTC day (``DAY#<day>``): views, net helpful / not helpful vote
    changes, deflections; numeric attributes added by name (``Tally``)."""


def _day(pk: str, day: str, increments: dict[str, int]) -> Tally:
    return Tally(ArticleDayItem, pk, f"DAY#{day}", increments)


class TermItem(TableItem, discriminator="KBTerm"):
    weight = NumberAttribute()


# ---- categories -------------------------------------------------------------------------------


def category_list_pk(org_id: str, deleted: bool) -> str:
    return tenant_key(org_id, "KBCATS", *(["DELETED"] if deleted else []))


def category_position(category: KBCategory) -> str:
    """Where a category is listed: under its parent (top level first), by sort order, then name."""
    return f"{category.parent_id or ''}#{list_position(category.sort_order, category.name, category.id)}"


def _category_item(category: KBCategory) -> CategoryItem:
    return CategoryItem(
        PK=org_pk(category.org_id),
        SK=f"KBCAT#{category.id}",
        GSI1PK=category_list_pk(category.org_id, category.is_deleted),
        GSI1SK=category_position(category),
        data=category.model_dump(mode="json", exclude={"version"}),
    )


def _category(item: CategoryItem) -> KBCategory:
    return KBCategory.model_validate({**item.data, "version": item.version or 1})


def reindexed_category(item: CategoryItem) -> CategoryItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = _category_item(_category(item))
    rebuilt.version = item.version
    return rebuilt


def page_categories(org_id: str, *, deleted: bool, limit: int, cursor: str | None) -> Page[KBCategory]:
    """Live (or deleted) categories in list order: one Query on GSI1."""
    page = query_page(
        TableItem.gsi1,
        category_list_pk(org_id, deleted),
        org_id=org_id,
        scope=f"kb-categories:{'deleted' if deleted else 'live'}",
        limit=limit,
        cursor=cursor,
        model=CategoryItem,
    )
    return Page([_category(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def list_categories(org_id: str, *, include_deleted: bool = False) -> list[KBCategory]:
    """Every category of the organization (deleted ones only when asked): ONE Query (a short list;
    the tree is built in memory)."""
    items = CategoryItem.query(org_pk(org_id), CategoryItem.SK.startswith("KBCAT#"), limit=1000)
    found = [_category(i) for i in items]
    return [c for c in found if include_deleted or not c.is_deleted]


def save_category(category: KBCategory, previous: KBCategory | None) -> KBCategory:
    item = _category_item(category)
    stale = Conflict("The category was changed by someone else; reload it.", code="stale_version")
    if previous is None:
        transact_write([Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=stale)])
        return category.model_copy(update={"version": 1})
    item.version = previous.version
    transact_write([Put(item, on_conflict=stale)])
    return category.model_copy(update={"version": previous.version + 1})


# ---- articles ---------------------------------------------------------------------------------


def article_pk(org_id: str, article_id: str) -> str:
    return tenant_key(org_id, "KBART", article_id)


def _article_item(article: KBArticle) -> ArticleItem:
    item = ArticleItem(
        PK=article_pk(article.org_id, article.id),
        SK="ARTICLE",
        data=article.model_dump(mode="json", exclude={"version", *COUNTS}),
        status=article.status.value,
    )
    item.GSI1PK = tenant_key(article.org_id, "KBCAT", article.category_id, article.status.value)
    item.GSI1SK = f"{article.title.lower()[:100]}#{article.id}"
    item.GSI2PK = tenant_key(article.org_id, "KBARTICLES")
    item.GSI2SK = f"{iso(article.updated_at)}#{article.id}"
    return item


def _article(item: ArticleItem, counters: ArticleCountersItem | None) -> KBArticle:
    counts = {name: int(getattr(counters, name) or 0) if counters else 0 for name in COUNTS}
    return KBArticle.model_validate({**item.data, "version": item.version or 1, **counts})


def get_article(org_id: str, article_id: str) -> KBArticle | None:
    """The article with its counters: ONE BatchGetItem."""
    return get_articles(org_id, [article_id]).get(article_id)


def get_articles(org_id: str, article_ids: Iterable[str]) -> dict[str, KBArticle]:
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {}
    keys = [(article_pk(org_id, a), "ARTICLE") for a in ids] + [(article_pk(org_id, a), "COUNTERS") for a in ids]
    articles: dict[str, ArticleItem] = {}
    counters: dict[str, ArticleCountersItem] = {}
    for item in TableItem.batch_get(keys):
        article_id = str(item.PK).rsplit("#", 1)[1]
        if isinstance(item, ArticleItem):
            articles[article_id] = item
        elif isinstance(item, ArticleCountersItem):
            counters[article_id] = item
    return {a: _article(articles[a], counters.get(a)) for a in ids if a in articles}


def create_article(article: KBArticle) -> KBArticle:
    counters = ArticleCountersItem(PK=article_pk(article.org_id, article.id), SK="COUNTERS")
    transact_write(
        [
            Put(_article_item(article), condition=TableItem.PK.does_not_exist()),
            Put(counters, condition=TableItem.PK.does_not_exist()),
        ]
    )
    return article.model_copy(update={"version": 1})


def save_article(article: KBArticle, previous: KBArticle) -> KBArticle:
    """The new article and the previous one as a revision, in one transaction (version-checked)."""
    item = _article_item(article)
    item.version = previous.version
    revision = RevisionItem(
        PK=article_pk(article.org_id, article.id),
        SK=f"REV#{previous.version:08d}",
        data=previous.model_dump(mode="json", exclude=set(COUNTS)),
    )
    stale = Conflict("The article was changed by someone else; reload it.", code="stale_version")
    transact_write([Put(item, on_conflict=stale), Put(revision, check_version=False)])
    return article.model_copy(update={"version": previous.version + 1})


def list_revisions(org_id: str, article_id: str, *, limit: int, cursor: str | None) -> Page[KBArticle]:
    page = query_page(
        None,
        article_pk(org_id, article_id),
        org_id=org_id,
        scope=f"kb-revisions:{article_id}",
        limit=limit,
        cursor=cursor,
        model=RevisionItem,
        range_key_condition=RevisionItem.SK.startswith("REV#"),
        scan_index_forward=False,
    )
    return Page([KBArticle.model_validate(i.data) for i in page.items], page.next_cursor)  # type: ignore[attr-defined]


def get_revision(org_id: str, article_id: str, version: int) -> KBArticle | None:
    try:
        item = RevisionItem.get(article_pk(org_id, article_id), f"REV#{version:08d}")
    except RevisionItem.DoesNotExist:
        return None
    return KBArticle.model_validate(item.data)


def list_articles(
    org_id: str, category_id: str | None, status: ArticleStatus | None, *, limit: int, cursor: str | None
) -> Page[KBArticle]:
    """A category's articles of one status by title (GSI1), or every article by last update (GSI2)."""
    if category_id is not None:
        wanted = status or ArticleStatus.PUBLISHED
        page = query_page(
            TableItem.gsi1,
            tenant_key(org_id, "KBCAT", category_id, wanted.value),
            org_id=org_id,
            scope=f"kb:{category_id}:{wanted.value}",
            limit=limit,
            cursor=cursor,
            model=ArticleItem,
        )
    else:
        page = query_page(
            TableItem.gsi2,
            tenant_key(org_id, "KBARTICLES"),
            org_id=org_id,
            scope=f"kb:all:{status.value if status else ''}",
            limit=limit,
            cursor=cursor,
            model=ArticleItem,
            filter_condition=(ArticleItem.status == status.value) if status else None,
            scan_index_forward=False,
        )
    return Page([_article(i, None) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def category_has_articles(org_id: str, category_id: str) -> bool:
    for status in ArticleStatus:
        pk = tenant_key(org_id, "KBCAT", category_id, status.value)
        if any(True for _ in ArticleItem.gsi1.query(pk, limit=1)):
            return True
    return False


def articles_in_category(org_id: str, category_id: str) -> list[KBArticle]:
    found: list[KBArticle] = []
    for status in ArticleStatus:
        pk = tenant_key(org_id, "KBCAT", category_id, status.value)
        found += [_article(i, None) for i in ArticleItem.gsi1.query(pk) if isinstance(i, ArticleItem)]
    return found


# ---- search index -----------------------------------------------------------------------------


def term_pk(org_id: str, term: str) -> str:
    return tenant_key(org_id, "KBTERM", term)


def update_index(org_id: str, article_id: str, old: dict[str, float], new: dict[str, float]) -> int:
    """Write the term entries that changed (BatchWriteItem), then the vocabulary's document
    frequencies and the statistics (ADD, transactions of 100) that BM25, completions and near
    spellings read; returns how many items were written."""
    changed = 0
    with TermItem.batch_write() as batch:
        for term in old.keys() - new.keys():
            batch.delete(TermItem(PK=term_pk(org_id, term), SK=article_id))
            changed += 1
        for term, weight in new.items():
            if old.get(term) != weight:
                batch.save(TermItem(PK=term_pk(org_id, term), SK=article_id, weight=weight))
                changed += 1
    counts: list[Operation] = [
        Tally(VocabularyItem, vocabulary_pk(org_id, t, KB), t, {"df": 1}) for t in sorted(new.keys() - old.keys())
    ]
    counts += [
        Tally(VocabularyItem, vocabulary_pk(org_id, t, KB), t, {"df": -1}) for t in sorted(old.keys() - new.keys())
    ]
    stats = {"docs": int(bool(new)) - int(bool(old)), "length": round(sum(new.values()) - sum(old.values()))}
    if any(stats.values()):
        counts.append(
            Tally(SearchStatsItem, search_store.stats_pk(org_id, KB), STATS_SK, {k: v for k, v in stats.items() if v})
        )
    for start in range(0, len(counts), 100):
        transact_write(counts[start : start + 100])
    return changed + len(counts)


def postings(org_id: str, term: str) -> list[tuple[str, float]]:
    """(article id, weight) of one term: ONE Query."""
    return [
        (str(i.SK), float(i.weight))
        for i in TermItem.query(term_pk(org_id, term), limit=TERM_READ_LIMIT)
        if isinstance(i, TermItem)
    ]


# ---- views and votes --------------------------------------------------------------------------


def record_view(org_id: str, article_id: str, viewer: str, data: dict[str, Any], now: datetime) -> bool:
    """+1 view_count when this viewer had not viewed the article this UTC day, and the raw view item
    while fewer than ``VIEW_ITEMS_PER_DAY`` were stored that day. Exact under concurrency: the
    viewer-day guard and the day's stored count are conditions of the same transaction as the
    counters. Returns whether the view counted."""
    pk = article_pk(org_id, article_id)
    day = now.date().isoformat()
    expires = now + timedelta(days=2)
    view = ViewItem(PK=pk, SK=f"VIEW#{iso(now)}#{viewer[:12]}", data=data, expires_at=now + VIEW_RETENTION)
    view.DUEPK, view.DUESK = retention_keys(org_id, "kb_views", iso(now))
    if data.get("user_id"):
        # A signed-in reader's views, for their personal-data export and erasure.
        view.GSI1PK, view.GSI1SK = tenant_key(org_id, "USER", data["user_id"], "KBVIEWS"), iso(now)
    first = ViewerDayItem(PK=pk, SK=f"VIEWER#{day}#{viewer}", expires_at=expires)
    seen = Conflict("This viewer was counted today.", code="viewed_today")
    full = Conflict("Enough raw views were stored today.", code="views_stored")
    counted: list[Operation] = [
        Put(first, condition=TableItem.PK.does_not_exist(), check_version=False, on_conflict=seen),
        Counter(ArticleCountersItem, pk, "COUNTERS", ArticleCountersItem.view_count, 1),
        _day(pk, day, {"views": 1}),
    ]
    stored: list[Operation] = [
        Put(view, check_version=False),
        Counter(
            ViewDayItem,
            pk,
            f"VIEWDAY#{day}",
            ViewDayItem.stored,
            1,
            below=VIEW_ITEMS_PER_DAY,
            on_conflict=full,
            expires_at=expires,
        ),
    ]
    try:
        transact_write([*counted, *stored])
        return True
    except Conflict as exc:
        if exc.code == "viewed_today":
            with suppress(Conflict):  # past the day's cap: not stored either
                transact_write(stored)
            return False
        if exc.code != "views_stored":
            raise
    try:
        transact_write(counted)
        return True
    except Conflict as exc:
        if exc.code != "viewed_today":
            raise
        return False


def vote(org_id: str, article_id: str, viewer: str, helpful: bool, now: datetime) -> None:
    """One vote per viewer; changing it moves the counts (and the day row of ``now``). Exact under
    concurrency: the vote item's previous value is a condition of the same transaction as the
    counter changes."""
    pk = article_pk(org_id, article_id)
    sk = f"VOTE#{viewer}"
    for _ in range(5):
        try:
            current = VoteItem.get(pk, sk, consistent_read=True)
            previous: int | None = int(current.helpful)
        except VoteItem.DoesNotExist:
            previous = None
        value = 1 if helpful else 0
        if previous == value:
            return
        operations: list[Operation] = []
        increments = {"helpful_count": 0, "not_helpful_count": 0}
        increments["helpful_count" if helpful else "not_helpful_count"] += 1
        if previous is not None:
            increments["helpful_count" if previous == 1 else "not_helpful_count"] -= 1
            condition: Any = VoteItem.helpful == previous
        else:
            condition = TableItem.PK.does_not_exist()
        operations.append(Put(VoteItem(PK=pk, SK=sk, helpful=value), condition=condition, check_version=False))
        changed = {k: v for k, v in increments.items() if v}
        operations.append(Tally(ArticleCountersItem, pk, "COUNTERS", changed))
        operations.append(_day(pk, now.date().isoformat(), {k.removesuffix("_count"): v for k, v in changed.items()}))
        try:
            transact_write(operations)
            return
        except Conflict:
            continue  # the viewer voted concurrently: read again
    raise Conflict("The vote kept changing; retry.", code="transaction_conflict")


def views_of_user(org_id: str, user_id: str) -> list[ViewItem]:
    """Every stored view of a signed-in reader (GSI1 ``ORG#o#USER#u#KBVIEWS``), paged."""
    items = ViewItem.query(tenant_key(org_id, "USER", user_id, "KBVIEWS"), index_name="GSI1")
    return [i for i in items if isinstance(i, ViewItem)]


# ---- deflections and the KB report ------------------------------------------------------------


def stats_pk(org_id: str) -> str:
    return tenant_key(org_id, "KBSTATS")


def record_deflection(org_id: str, article_id: str, viewer: str, now: datetime) -> bool:
    """+1 deflection on the article and on its day row, unless this person was counted for this
    article this UTC day. Exact under concurrency and retries: the person's day guard is a
    condition of the same transaction as both counters. Returns whether it counted."""
    pk = article_pk(org_id, article_id)
    day = now.date().isoformat()
    guard = DeflectorDayItem(PK=pk, SK=f"DEFLECTED#{day}#{viewer}", expires_at=now + timedelta(days=2))
    seen = Conflict("This person's deflection was counted today.", code="deflected_today")
    try:
        transact_write(
            [
                Put(guard, condition=TableItem.PK.does_not_exist(), check_version=False, on_conflict=seen),
                Counter(ArticleCountersItem, pk, "COUNTERS", ArticleCountersItem.deflection_count, 1),
                Tally(KBStatsItem, stats_pk(org_id), f"ART#{day}#{article_id}", {"deflections": 1}),
                _day(pk, day, {"deflections": 1}),
            ]
        )
    except Conflict as exc:
        if exc.code != "deflected_today":
            raise
        return False
    return True


def read_deflections(org_id: str, start: date, end: date) -> dict[str, int]:
    """Deflections per article from ``start`` to ``end`` inclusive (UTC days): one paged Query on
    the organization's KB report partition."""
    connection = KBStatsItem._get_connection()
    found: dict[str, int] = {}
    last: dict[str, Any] | None = None
    while True:
        page = connection.query(
            stats_pk(org_id),
            KBStatsItem.SK.between(f"ART#{start.isoformat()}", f"ART#{end.isoformat()}#~"),
            exclusive_start_key=last,
        )
        for raw in page.get("Items", []):
            article_id = str(raw["SK"]["S"]).split("#", 2)[2]
            value = raw.get("deflections", {}).get("N", "0")
            found[article_id] = found.get(article_id, 0) + int(Decimal(value))
        last = page.get("LastEvaluatedKey")
        if not last:
            return found


def every_article(org_id: str) -> list[KBArticle]:
    """Every article of the organization with its counters (the KB report): the list's index
    (GSI2, paged Query) and the counters (BatchGetItem, 100 keys a call)."""
    items = [i for i in ArticleItem.gsi2.query(tenant_key(org_id, "KBARTICLES")) if isinstance(i, ArticleItem)]
    ids = [str(i.PK).rsplit("#", 1)[1] for i in items]
    counters = {
        str(c.PK).rsplit("#", 1)[1]: c
        for c in ArticleCountersItem.batch_get([(article_pk(org_id, a), "COUNTERS") for a in ids])
        if isinstance(c, ArticleCountersItem)
    }
    return [_article(item, counters.get(article_id)) for item, article_id in zip(items, ids, strict=True)]


def read_days(org_id: str, article_id: str, start: date, end: date) -> dict[str, dict[str, int]]:
    """The article's day rows from ``start`` to ``end`` inclusive, by ISO day: one paged Query on
    the article's partition (at most one item per day)."""
    pk = article_pk(org_id, article_id)
    rows = tallied(ArticleDayItem, pk, f"DAY#{start.isoformat()}", f"DAY#{end.isoformat()}")
    return {sk.removeprefix("DAY#"): values for sk, values in rows}
