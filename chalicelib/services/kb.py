"""Knowledge base use cases: categories, articles with revisions, the public portal, search, views,
feedback and ticket deflection.

Visibility: agents, managers and admins write and see every article; customers and the public
portal see published articles only, everywhere (lists, reads, search, suggestions): search
results are re-read and filtered on their status, so a stale index entry can never show an
unpublished article.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from chalicelib.auth import policy
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import (
    KBArticleCommand,
    KBArticlePatch,
    KBCategoryCommand,
    KBCategoryPatch,
)
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, RuleViolation, require_version
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.kb import MAX_QUERY_TERMS, ArticleStatus, KBArticle, KBCategory, check_move, index_terms, render
from chalicelib.domain.search import MIN_PREFIX, Word, bm25, expansions, max_edits, prefix_read, tokens
from chalicelib.observability import count, logger
from chalicelib.services import csat
from chalicelib.services.anonymize import key_for
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import identity as identity_store
from chalicelib.store import kb as store
from chalicelib.store import search as search_store
from chalicelib.store.pagination import Page, list_page, position_after, position_cursor

SEARCH_LIMIT = 10
EXPANSION_DISCOUNT = 0.9  # a completion or near spelling scores a little below the word itself
SUGGESTIONS = 3


@dataclass(frozen=True)
class Reader:
    """Who reads: an organization, and whether drafts are visible (staff) or not (customers, public)."""

    org_id: str
    staff: bool
    user_id: str | None = None
    principal: Principal | None = None


def reader_of(principal: Principal) -> Reader:
    policy.require(principal, "kb.read")
    return Reader(principal.org_id, principal.role is not Role.CUSTOMER, principal.user_id, principal)


def public_reader(slug: str) -> Reader:
    """The portal of an organization: 404 for an unknown or deactivated one."""
    org_id = identity_store.org_id_for_slug(slug) if 2 <= len(slug) <= 63 else None
    org = identity_store.get_organization(org_id) if org_id else None
    if org is None or not org.is_active:
        raise NotFound("Not found.")
    return Reader(org.id, staff=False)


# ---- categories -------------------------------------------------------------------------------


def list_categories(reader: Reader, deleted: bool, limit: int, cursor: str | None) -> Page[KBCategory]:
    """Staff: every live category (``deleted``: the trash, for writers), one Query on the list's
    index. Customers and the portal: the categories that are active with all their ancestors,
    from the whole tree (one Query), paged in the same order."""
    if deleted:
        if not reader.staff or reader.principal is None:
            raise Forbidden("The trash is for those who may restore categories.", code="forbidden")
        policy.require(reader.principal, "kb.write")
    if reader.staff:
        return store.page_categories(reader.org_id, deleted=deleted, limit=limit, cursor=cursor)
    shown = _shown_categories(reader)
    return list_page(
        shown, store.category_position, org_id=reader.org_id, scope="kb-categories:public", limit=limit, cursor=cursor
    )


def _shown_categories(reader: Reader) -> list[KBCategory]:
    """The live categories this reader sees, in list order (one Query): staff every one, customers and
    the portal those active with all their ancestors."""
    categories = store.list_categories(reader.org_id)
    if not reader.staff:
        active = {c.id for c in categories if c.is_active}
        parents = {c.id: c.parent_id for c in categories}

        def visible(category_id: str | None) -> bool:
            while category_id is not None:
                if category_id not in active:
                    return False
                category_id = parents.get(category_id)
            return True

        categories = [c for c in categories if visible(c.id)]
    return sorted(categories, key=store.category_position)


def get_category(reader: Reader, category_id: str) -> KBCategory:
    """One category as ``list_categories`` shows it to this reader (the same one Query); else 404."""
    found = next((c for c in _shown_categories(reader) if c.id == category_id), None)
    if found is None:
        raise NotFound("Not found.")
    return found


def _category(org_id: str, category_id: str) -> tuple[KBCategory, list[KBCategory]]:
    categories = store.list_categories(org_id)
    found = next((c for c in categories if c.id == category_id), None)
    if found is None:
        raise NotFound("Not found.")
    return found, categories


def _check_tree(category_id: str, parent_id: str | None, categories: list[KBCategory]) -> None:
    parents = {c.id: c.parent_id for c in categories}
    if parent_id is not None and parent_id not in parents:
        raise RuleViolation("parent_id is not a category of this organization.", code="invalid_parent")
    parents.setdefault(category_id, None)
    try:
        check_move(category_id, parent_id, parents)
    except ValueError as exc:
        raise RuleViolation(str(exc), code="invalid_parent", details=[{"field": "parent_id"}]) from exc


def create_category(principal: Principal, command: KBCategoryCommand) -> KBCategory:
    policy.require(principal, "kb.write")
    now = utcnow()
    category = KBCategory(
        id=secrets.token_hex(10), org_id=principal.org_id, created_at=now, updated_at=now, **command.model_dump()
    )
    _check_tree(category.id, category.parent_id, store.list_categories(principal.org_id))
    return store.save_category(category, None)


@retry_on_conflict
def update_category(principal: Principal, category_id: str, patch: KBCategoryPatch, if_match: int | None) -> KBCategory:
    policy.require(principal, "kb.write")
    current, categories = _category(principal.org_id, category_id)
    require_version("category", current.version, if_match)
    changes = patch.changes()
    if "parent_id" in changes:
        _check_tree(current.id, changes["parent_id"], categories)
    updated = current.model_copy(update={**changes, "updated_at": utcnow()})
    return store.save_category(updated, current)


@retry_on_conflict
def delete_category(principal: Principal, category_id: str, move_articles_to: str | None) -> None:
    """409 while it has articles or sub-categories, unless its articles are moved (``move_articles_to``)."""
    policy.require(principal, "kb.write")
    current, categories = _category(principal.org_id, category_id)
    if any(c.parent_id == current.id for c in categories):
        raise Conflict("Move or delete the sub-categories first.", code="category_has_children")
    if move_articles_to is not None:
        if move_articles_to == current.id or not any(c.id == move_articles_to for c in categories):
            raise RuleViolation("move_articles_to is not another category.", code="invalid_category")
        for article in store.articles_in_category(principal.org_id, current.id):
            fresh = store.get_article(principal.org_id, article.id)
            if fresh is not None:
                moved = fresh.model_copy(update={"category_id": move_articles_to, "updated_at": utcnow()})
                store.save_article(moved, fresh)
    if store.category_has_articles(principal.org_id, current.id):
        raise Conflict(
            "The category has articles: move them (move_articles_to) or archive and move them first.",
            code="category_has_articles",
        )
    store.save_category(lifecycle.soft_delete(current, utcnow()), current)


@retry_on_conflict
def restore_category(principal: Principal, category_id: str) -> KBCategory:
    """A deleted category back (at the top level when its parent is gone)."""
    policy.require(principal, "kb.write")
    every = store.list_categories(principal.org_id, include_deleted=True)
    found = next((c for c in every if c.id == category_id), None)
    if found is None:
        raise NotFound("Not found.")
    if not found.is_deleted:
        return found
    live = {c.id for c in every if not c.is_deleted}
    parent = found.parent_id if found.parent_id in live else None
    return store.save_category(lifecycle.restore(found, utcnow(), parent_id=parent), found)


# ---- articles ---------------------------------------------------------------------------------


def _check_category(org_id: str, category_id: str) -> None:
    if not any(c.id == category_id for c in store.list_categories(org_id)):
        raise RuleViolation("category_id is not a category of this organization.", code="invalid_category")


def create_article(principal: Principal, command: KBArticleCommand) -> KBArticle:
    policy.require(principal, "kb.write")
    _check_category(principal.org_id, command.category_id)
    now = utcnow()
    article = KBArticle(
        id=secrets.token_hex(10),
        org_id=principal.org_id,
        author_id=principal.user_id,
        created_at=now,
        updated_at=now,
        published_at=now if command.status is ArticleStatus.PUBLISHED else None,
        **command.model_dump(),
    )
    saved = store.create_article(article)
    store.update_index(principal.org_id, saved.id, {}, index_terms(saved))
    return saved


def get_article(reader: Reader, article_id: str) -> KBArticle:
    article = store.get_article(reader.org_id, article_id) if len(article_id) <= 40 else None
    if article is None or (not reader.staff and not article.is_published):
        raise NotFound("Not found.")
    return article


@retry_on_conflict
def update_article(principal: Principal, article_id: str, patch: KBArticlePatch, if_match: int | None) -> KBArticle:
    policy.require(principal, "kb.write")
    current = get_article(reader_of(principal), article_id)
    require_version("article", current.version, if_match)
    return _save(principal, current, patch.changes())


def _save(principal: Principal, current: KBArticle, changes: dict[str, Any]) -> KBArticle:
    if "category_id" in changes and changes["category_id"] != current.category_id:
        _check_category(principal.org_id, changes["category_id"])
    now = utcnow()
    updated = current.model_copy(update={**changes, "updated_at": now})
    if updated.status is ArticleStatus.PUBLISHED and current.status is not ArticleStatus.PUBLISHED:
        updated = updated.model_copy(update={"published_at": now})
    if updated == current.model_copy(update={"updated_at": now}):
        return current
    saved = store.save_article(updated, current)
    store.update_index(principal.org_id, saved.id, index_terms(current), index_terms(saved))
    return saved


def preview(principal: Principal, content: str) -> str:
    """``content`` rendered and sanitised as a saved article's would be; writers only, nothing stored."""
    policy.require(principal, "kb.write")
    return render(content)


def list_articles(
    reader: Reader, category_id: str | None, status: ArticleStatus | None, limit: int, cursor: str | None
) -> Page[KBArticle]:
    if not reader.staff:
        if status not in (None, ArticleStatus.PUBLISHED):
            raise Forbidden("Customers see published articles only (leave out status, or status=published).")
        status = ArticleStatus.PUBLISHED
    page = store.list_articles(reader.org_id, category_id, status, limit=limit, cursor=cursor)
    if not reader.staff:
        page = Page([a for a in page.items if a.is_published], page.next_cursor)
    return page


def list_revisions(principal: Principal, article_id: str, limit: int, cursor: str | None) -> Page[KBArticle]:
    policy.require(principal, "kb.write")
    article = get_article(reader_of(principal), article_id)
    return store.list_revisions(principal.org_id, article.id, limit=limit, cursor=cursor)


@retry_on_conflict
def restore_revision(principal: Principal, article_id: str, version: int) -> KBArticle:
    """The article's title, content, tags and category as they were at ``version`` (a new version)."""
    policy.require(principal, "kb.write")
    current = get_article(reader_of(principal), article_id)
    old = store.get_revision(principal.org_id, current.id, version)
    if old is None:
        raise NotFound("Not found.")
    changes = {"title": old.title, "content": old.content, "tags": old.tags, "category_id": old.category_id}
    return _save(principal, current, changes)


# ---- search, views, feedback ------------------------------------------------------------------


def _ranked(reader: Reader, query: str) -> tuple[list[tuple[str, float]], str]:
    """Candidate article ids ranked best first, and the list scope of this query (a cursor is good
    for the same terms only). Ranked as ticket search ranks (``domain/search.py``): BM25 over the
    term weights (title > tags > body; no length normalisation: the weights are capped), any word
    matching; the last word also as a prefix, a long word the vocabulary lacks by its near spellings."""
    words = list({w.term: w for w in (Word(t.word, t.term) for t in tokens(query))}.values())[:MAX_QUERY_TERMS]
    if words and len(words[-1].word) >= MIN_PREFIX:
        words[-1].prefix = True
    groups = [[w.term] for w in words]
    df, documents, _ = search_store.vocabulary_and_stats(reader.org_id, [w.term for w in words], search_store.KB)
    for word, group in zip(words, groups, strict=True):
        if word.prefix:
            begins = prefix_read(word)
            near = search_store.vocabulary_near(reader.org_id, begins, begins, search_store.KB)
        elif df.get(word.term, 0) <= 0 and max_edits(word.word):
            near = search_store.vocabulary_near(reader.org_id, word.term, word.term[:3], search_store.KB)
        else:
            continue
        frequencies = dict(near)
        for term in expansions(word, near):
            group.append(term)
            df[term] = frequencies[term]
    scores: dict[str, float] = {}
    for group in groups:
        best: dict[str, float] = {}
        for rank, term in enumerate(group):
            found = store.postings(reader.org_id, term)
            frequency = max(df.get(term, 0), len(found))  # articles indexed before the vocabulary: their count
            discount = 1.0 if rank == 0 else EXPANSION_DISCOUNT
            for article_id, weight in found:
                value = discount * bm25(weight, frequency, max(documents, frequency), 1, 1.0)
                best[article_id] = max(best.get(article_id, 0.0), value)
        for article_id, value in best.items():
            scores[article_id] = scores.get(article_id, 0.0) + value
    ranked = sorted(((a, round(v, 4)) for a, v in scores.items()), key=lambda kv: (-kv[1], kv[0]))
    searched = sorted({t for group in groups for t in group})
    digest = hashlib.sha256("\n".join(searched).encode()).hexdigest()[:24]
    return ranked, f"kb-search:{digest}"


def search_page(reader: Reader, query: str, limit: int, cursor: str | None) -> Page[tuple[KBArticle, float]]:
    """Published articles ranked by relevance, a page at a time. The candidates are ranked from the
    term index; each page re-reads its candidates (one BatchGetItem per ``limit`` of them) and
    keeps the published ones, reading on until the page is full, so a stale index entry never
    shows an unpublished article and never makes a page short. The cursor is the rank reached."""
    ranked, scope = _ranked(reader, query)
    after = position_after(reader.org_id, scope, cursor)
    index = int(after) + 1 if after is not None else 0
    found: list[tuple[KBArticle, float]] = []
    while index < len(ranked) and len(found) < limit:
        chunk = ranked[index : index + limit]
        articles = store.get_articles(reader.org_id, [a for a, _ in chunk])
        for article_id, score in chunk:
            index += 1
            article = articles.get(article_id)
            if article is not None and article.is_published:
                found.append((article, score))
                if len(found) == limit:
                    break
    count("KBSearches", 1)
    more = index < len(ranked)
    return Page(found, position_cursor(reader.org_id, scope, f"{index - 1:08d}") if more else None)


def search(reader: Reader, query: str, limit: int = SEARCH_LIMIT) -> list[tuple[KBArticle, float]]:
    """The best ``limit`` published articles for ``query`` (suggestions, deflection)."""
    return search_page(reader, query, limit, None).items


def suggestions(reader: Reader, text: str) -> list[KBArticle]:
    return [article for article, _ in search(reader, text, SUGGESTIONS)]


def suggestions_for_new_ticket(principal: Principal, subject: str) -> list[KBArticle]:
    """Deflection: the articles a customer opening a ticket is shown (staff are shown none). The
    ticket exists already, so a failure here is logged, never raised."""
    if principal.role is not Role.CUSTOMER:
        return []
    try:
        return suggestions(reader_of(principal), subject)
    except Exception:
        logger.exception("knowledge base suggestions failed")
        return []


def viewer_key(org_id: str, user_id: str | None, ip_address: str | None) -> str:
    """Who counts as one viewer and one voter: a signed-in reader by user id, an anonymous one by
    client address (never the User-Agent, which a client sets at will). The address is kept as a
    keyed hash (the organization's pseudonym key), so the stored key cannot be reversed by trying
    every address."""
    if user_id:
        return hashlib.sha256(f"user:{user_id}".encode()).hexdigest()[:32]
    return hmac.new(key_for(org_id), f"anon:{ip_address or ''}".encode(), hashlib.sha256).hexdigest()[:32]


def view_article(
    reader: Reader, article_id: str, ip_address: str | None, user_agent: str | None
) -> tuple[KBArticle, bool]:
    """The article, after recording the view (counted once per viewer, article and UTC day)."""
    article = get_article(reader, article_id)
    now = utcnow()
    data = {
        "article_id": article.id,
        "user_id": reader.user_id,
        "ip_address": ip_address,
        "user_agent": (user_agent or "")[:512] or None,
        "created_at": now.isoformat(),
    }
    viewer = viewer_key(reader.org_id, reader.user_id, ip_address)
    counted = store.record_view(reader.org_id, article.id, viewer, data, now)
    return article.model_copy(update={"view_count": article.view_count + int(counted)}), counted


def feedback(reader: Reader, article_id: str, helpful: bool, ip_address: str | None) -> KBArticle:
    """Helpful or not: one vote per viewer and article (see ``viewer_key``); voting again changes it."""
    article = get_article(reader, article_id)
    store.vote(reader.org_id, article.id, viewer_key(reader.org_id, reader.user_id, ip_address), helpful, utcnow())
    return get_article(reader, article_id)


# ---- deflection and its report ----------------------------------------------------------------


def record_deflection(reader: Reader, article_id: str, query: str | None) -> bool:
    """The article answered ``reader``'s question and they left without opening a request: counted
    once per person, article and UTC day (a retry or a second click is not a second count). Only a
    published article the reader can read counts (else 404). ``query`` (what they had typed) is
    validated but not stored: the report counts, it does not keep what people typed. Returns
    whether it counted."""
    if reader.user_id is None:
        raise NotFound("Not found.")
    article = get_article(reader, article_id)
    if not article.is_published:
        raise NotFound("Not found.")
    viewer = viewer_key(reader.org_id, reader.user_id, None)
    counted = store.record_deflection(reader.org_id, article.id, viewer, utcnow())
    if counted:
        count("KBDeflections", 1)
    return counted


def report(principal: Principal, start: date | None, end: date | None) -> dict[str, Any]:
    """Deflections per article over UTC days ``start``-``end`` (day counter rows: one paged Query),
    with each article's views and helpful / not helpful votes, which are the article's all-time
    counts (views and votes have no day rows). Every article is listed, most deflections first."""
    policy.require(principal, "reports.read")
    start, end = csat.report_range(start, end)
    deflections = store.read_deflections(principal.org_id, start, end)
    rows: list[dict[str, Any]] = [
        {
            "article_id": a.id,
            "title": a.title,
            "views": a.view_count,
            "deflections": deflections.get(a.id, 0),
            "helpful": a.helpful_count,
            "not_helpful": a.not_helpful_count,
        }
        for a in store.every_article(principal.org_id)
    ]
    rows.sort(key=lambda r: (-r["deflections"], -r["views"], r["title"], r["article_id"]))
    totals = {name: sum(r[name] for r in rows) for name in ("views", "helpful", "not_helpful")}
    return {"from": start, "to": end, "deflections": sum(deflections.values()), **totals, "by_article": rows}


def article_stats(principal: Principal, article_id: str, start: date | None, end: date | None) -> dict[str, Any]:
    """One article's views, votes and deflections per UTC day ``start``-``end`` (every day listed,
    zeros included) from its day rows, with its all-time counts; writers only."""
    policy.require(principal, "kb.write")
    article = get_article(reader_of(principal), article_id)
    start, end = csat.report_range(start, end)
    found = store.read_days(principal.org_id, article.id, start, end)
    names = ("views", "helpful", "not_helpful", "deflections")
    days = []
    for offset in range((end - start).days + 1):
        day = (start + timedelta(days=offset)).isoformat()
        days.append({"day": day, **{name: found.get(day, {}).get(name, 0) for name in names}})
    return {
        "article_id": article.id,
        "from": start,
        "to": end,
        "days": days,
        "view_count": article.view_count,
        "helpful_count": article.helpful_count,
        "not_helpful_count": article.not_helpful_count,
        "deflection_count": article.deflection_count,
    }
