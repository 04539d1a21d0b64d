"""Knowledge base: staff routes (write, drafts, revisions), customer reads, and the public portal."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import ConfigDict, Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, ListQuery, NoQuery, Output, QueryId, TrashQuery, next_cursor_field
from chalicelib.domain.commands import (
    KBArticleCommand,
    KBArticlePatch,
    KBCategoryCommand,
    KBCategoryPatch,
    KBDeflectionCommand,
    KBFeedbackCommand,
)
from chalicelib.domain.kb import ArticleStatus, KBArticle, KBCategory, render
from chalicelib.services import kb

api = Api("kb", __name__)


class CategoryOut(Output):
    id: str
    name: str
    description: str
    parent_id: str | None
    sort_order: int
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, category: KBCategory) -> CategoryOut:
        return cls.model_validate(category.model_dump())


class CategoryList(Output):
    items: list[CategoryOut]
    next_cursor: str | None = next_cursor_field()


class ArticleSummary(Output):
    id: str
    category_id: str
    title: str
    status: ArticleStatus
    is_published: bool
    tags: list[str]
    published_at: datetime | None
    updated_at: datetime

    @classmethod
    def of(cls, article: KBArticle) -> ArticleSummary:
        return cls.model_validate({**article.model_dump(), "is_published": article.is_published})


class ArticleOut(ArticleSummary):
    outside_version = ("view_count", "helpful_count", "not_helpful_count", "deflection_count")  # counted by readers

    content: str = Field(description="Markdown")
    content_html: str = Field(description="rendered and sanitised")
    author_id: str
    view_count: int = Field(description="distinct viewers per day, summed")
    helpful_count: int
    not_helpful_count: int
    deflection_count: int | None = Field(
        None,
        description="staff: times the article answered someone's question before they opened a request "
        "(once per person and UTC day); null for customers and the public portal",
    )
    created_at: datetime
    version: int

    @classmethod
    def full(cls, article: KBArticle, reader: kb.Reader) -> ArticleOut:
        """The article as ``reader`` sees it: the deflection count is for staff."""
        data = {**article.model_dump(), "is_published": article.is_published, "content_html": render(article.content)}
        if not reader.staff:
            data["deflection_count"] = None
        return cls.model_validate(data)


class ArticlePage(Output):
    items: list[ArticleSummary]
    next_cursor: str | None = None


class RevisionPage(Output):
    items: list[ArticleOut]
    next_cursor: str | None = None


class PreviewCommand(Input):
    content: str = Field(max_length=200_000, description="Markdown, as an article's content")


class PreviewOut(Output):
    content_html: str = Field(description="rendered and sanitised exactly as the article would be")


class StatsQuery(Input):
    model_config = ConfigDict(populate_by_name=True)

    from_: date | None = Field(None, alias="from", description="First UTC day (default: 29 days before `to`).")
    to: date | None = Field(None, description="Last UTC day, inclusive (default: today). At most 366 days in all.")


class ArticleDay(Output):
    day: date
    views: int = Field(description="distinct viewers that day")
    helpful: int = Field(description="net change of helpful votes that day (a changed vote moves one to the other)")
    not_helpful: int
    deflections: int


class ArticleStats(Output):
    model_config = ConfigDict(populate_by_name=True)

    article_id: str
    from_: date = Field(alias="from")
    to: date
    days: list[ArticleDay] = Field(description="every UTC day of the range, oldest first, zeros included")
    view_count: int = Field(description="all time")
    helpful_count: int
    not_helpful_count: int
    deflection_count: int


class SearchHit(ArticleSummary):
    score: float


class SearchResults(Output):
    items: list[SearchHit]
    next_cursor: str | None = next_cursor_field()


class ArticleQuery(ListQuery):
    category_id: QueryId | None = None
    status: ArticleStatus | None = Field(None, description="staff only; customers and the portal see published")


class SuggestionQuery(Input):
    q: str = Field(min_length=1, max_length=200)


class SearchQuery(ListQuery):
    q: str = Field(min_length=1, max_length=200)


class DeleteCategoryQuery(Input):
    move_articles_to: QueryId | None = Field(None, description="move the category's articles here first")


def _hits(found: list[tuple[KBArticle, float]], next_cursor: str | None = None) -> SearchResults:
    return SearchResults(
        items=[SearchHit.model_validate({**ArticleSummary.of(a).model_dump(), "score": s}) for a, s in found],
        next_cursor=next_cursor,
    )


def _search(reader: kb.Reader, query: SearchQuery) -> SearchResults:
    page = kb.search_page(reader, query.q, query.limit, query.cursor)
    return _hits(page.items, page.next_cursor)


def _categories(reader: kb.Reader, query: ListQuery, deleted: bool = False) -> CategoryList:
    page = kb.list_categories(reader, deleted, query.limit, query.cursor)
    return CategoryList(items=[CategoryOut.of(c) for c in page.items], next_cursor=page.next_cursor)


# ---- staff and customers ----------------------------------------------------------------------


@api.route(
    "/kb/categories",
    "GET",
    summary="Knowledge base categories (customers: active ones; deleted=true: the trash, for writers)",
    response=CategoryList,
    query=TrashQuery,
)
def list_categories(call: Call[None, TrashQuery]) -> CategoryList:
    return _categories(kb.reader_of(call.principal), call.query, call.query.deleted)


@api.route(
    "/kb/categories/{category_id}",
    "GET",
    summary="One knowledge base category (customers: when it and its parents are active)",
    response=CategoryOut,
    errors=(404,),
)
def get_category(call: Call[None, NoQuery], category_id: str) -> CategoryOut:
    return CategoryOut.of(kb.get_category(kb.reader_of(call.principal), category_id))


@api.route(
    "/kb/categories",
    "POST",
    summary="Create a category",
    request=KBCategoryCommand,
    response=CategoryOut,
    status=201,
    location="/kb/categories/{id}",
)
def create_category(call: Call[KBCategoryCommand, NoQuery]) -> CategoryOut:
    return CategoryOut.of(kb.create_category(call.principal, call.body))


@api.route(
    "/kb/categories/{category_id}",
    "PATCH",
    summary="Rename, move (parent_id) or reorder (sort_order) a category; If-Match",
    request=KBCategoryPatch,
    response=CategoryOut,
    errors=(404, 409, 422),
    if_match=True,
)
def update_category(call: Call[KBCategoryPatch, NoQuery], category_id: str) -> CategoryOut:
    return CategoryOut.of(kb.update_category(call.principal, category_id, call.body, call.if_match()))


@api.route(
    "/kb/categories/{category_id}",
    "DELETE",
    summary="Delete a category, restorably (409 while it has articles, unless move_articles_to)",
    query=DeleteCategoryQuery,
    status=204,
    errors=(404, 409),
)
def delete_category(call: Call[None, DeleteCategoryQuery], category_id: str) -> None:
    kb.delete_category(call.principal, category_id, call.query.move_articles_to)


@api.route(
    "/kb/categories/{category_id}/restore",
    "POST",
    summary="Bring a deleted category back (top level when its parent is gone)",
    response=CategoryOut,
    errors=(404,),
)
def restore_category(call: Call[None, NoQuery], category_id: str) -> CategoryOut:
    return CategoryOut.of(kb.restore_category(call.principal, category_id))


@api.route("/kb/articles", "GET", summary="Articles (customers: published)", query=ArticleQuery, response=ArticlePage)
def list_articles(call: Call[None, ArticleQuery]) -> ArticlePage:
    q = call.query
    page = kb.list_articles(kb.reader_of(call.principal), q.category_id, q.status, q.limit, q.cursor)
    return ArticlePage(items=[ArticleSummary.of(a) for a in page.items], next_cursor=page.next_cursor)


@api.route(
    "/kb/articles",
    "POST",
    summary="Write an article",
    request=KBArticleCommand,
    response=ArticleOut,
    status=201,
    location="/kb/articles/{id}",
)
def create_article(call: Call[KBArticleCommand, NoQuery]) -> ArticleOut:
    return ArticleOut.full(kb.create_article(call.principal, call.body), kb.reader_of(call.principal))


@api.route("/kb/articles/{article_id}", "GET", summary="One article (records a view)", response=ArticleOut)
def get_article(call: Call[None, NoQuery], article_id: str) -> ArticleOut:
    reader = kb.reader_of(call.principal)
    article, _ = kb.view_article(reader, article_id, call.client_ip, call.header("user-agent"))
    return ArticleOut.full(article, reader)


@api.route(
    "/kb/articles/{article_id}",
    "PATCH",
    summary="Edit, publish, unpublish or archive (status); the previous version is kept; If-Match",
    request=KBArticlePatch,
    response=ArticleOut,
    errors=(404, 409, 422),
    if_match=True,
)
def update_article(call: Call[KBArticlePatch, NoQuery], article_id: str) -> ArticleOut:
    article = kb.update_article(call.principal, article_id, call.body, call.if_match())
    return ArticleOut.full(article, kb.reader_of(call.principal))


@api.route(
    "/kb/preview",
    "POST",
    summary="Render Markdown with the articles' sanitiser, without saving (writers)",
    request=PreviewCommand,
    response=PreviewOut,
    errors=(403, 422),
)
def preview(call: Call[PreviewCommand, NoQuery]) -> PreviewOut:
    return PreviewOut(content_html=kb.preview(call.principal, call.body.content))


@api.route(
    "/kb/articles/{article_id}/stats",
    "GET",
    summary="One article's views, votes and deflections per UTC day, from day counter rows (writers)",
    query=StatsQuery,
    response=ArticleStats,
    errors=(403, 404, 422),
)
def article_stats(call: Call[None, StatsQuery], article_id: str) -> ArticleStats:
    stats = kb.article_stats(call.principal, article_id, call.query.from_, call.query.to)
    return ArticleStats.model_validate(stats)


@api.route(
    "/kb/articles/{article_id}/revisions", "GET", summary="Earlier versions, newest first", query=ListQuery,
    response=RevisionPage,
)  # fmt: skip
def list_revisions(call: Call[None, ListQuery], article_id: str) -> RevisionPage:
    page = kb.list_revisions(call.principal, article_id, call.query.limit, call.query.cursor)
    reader = kb.reader_of(call.principal)
    return RevisionPage(items=[ArticleOut.full(a, reader) for a in page.items], next_cursor=page.next_cursor)


@api.route(
    "/kb/articles/{article_id}/revisions/{version}/restore",
    "POST",
    summary="Restore an earlier version (as a new version)",
    response=ArticleOut,
    errors=(404,),
)
def restore_revision(call: Call[None, NoQuery], article_id: str, version: str) -> ArticleOut:
    if not version.isdigit():
        from chalicelib.domain.errors import NotFound

        raise NotFound("Not found.")
    return ArticleOut.full(kb.restore_revision(call.principal, article_id, int(version)), kb.reader_of(call.principal))


@api.route(
    "/kb/articles/{article_id}/feedback",
    "POST",
    summary="Helpful or not (one vote per person; voting again changes it)",
    request=KBFeedbackCommand,
    response=ArticleOut,
)
def feedback(call: Call[KBFeedbackCommand, NoQuery], article_id: str) -> ArticleOut:
    reader = kb.reader_of(call.principal)
    return ArticleOut.full(kb.feedback(reader, article_id, call.body.helpful, call.client_ip), reader)


@api.route(
    "/kb/articles/{article_id}/deflection",
    "POST",
    summary="The article answered the question: no request needed (counted once per person, article and UTC day)",
    description=(
        "Any signed-in person who can read the article, for a published article (else 404). 204 whether"
        " or not it counted: a retry or a second click the same UTC day is not a second deflection."
    ),
    request=KBDeflectionCommand,
    status=204,
    errors=(404, 422),
)
def record_deflection(call: Call[KBDeflectionCommand, NoQuery], article_id: str) -> None:
    kb.record_deflection(kb.reader_of(call.principal), article_id, call.body.query)


@api.route(
    "/kb/search", "GET", summary="Search published articles, best first", query=SearchQuery, response=SearchResults
)
def search(call: Call[None, SearchQuery]) -> SearchResults:
    return _search(kb.reader_of(call.principal), call.query)


@api.route(
    "/kb/suggestions", "GET", summary="Up to 3 published articles for a subject (one page: next_cursor is null)",
    query=SuggestionQuery, response=SearchResults,
)  # fmt: skip
def suggestions(call: Call[None, SuggestionQuery]) -> SearchResults:
    return _hits(kb.search(kb.reader_of(call.principal), call.query.q, kb.SUGGESTIONS))


# ---- public portal ----------------------------------------------------------------------------


@api.route(
    "/portal/{org_slug}/kb/categories", "GET", summary="Portal: categories", query=ListQuery, response=CategoryList,
    public=True, errors=(404,),
)  # fmt: skip
def portal_categories(call: Call[None, ListQuery], org_slug: str) -> CategoryList:
    return _categories(kb.public_reader(org_slug), call.query)


@api.route(
    "/portal/{org_slug}/kb/categories/{category_id}/articles", "GET", summary="Portal: a category's articles",
    query=ListQuery, response=ArticlePage, public=True, errors=(404,),
)  # fmt: skip
def portal_articles(call: Call[None, ListQuery], org_slug: str, category_id: str) -> ArticlePage:
    reader = kb.public_reader(org_slug)
    page = kb.list_articles(reader, category_id, None, call.query.limit, call.query.cursor)
    return ArticlePage(items=[ArticleSummary.of(a) for a in page.items], next_cursor=page.next_cursor)


@api.route(
    "/portal/{org_slug}/kb/articles/{article_id}", "GET", summary="Portal: an article with its HTML (records a view)",
    response=ArticleOut, public=True, errors=(404,),
)  # fmt: skip
def portal_article(call: Call[None, NoQuery], org_slug: str, article_id: str) -> ArticleOut:
    reader = kb.public_reader(org_slug)
    article, _ = kb.view_article(reader, article_id, call.client_ip, call.header("user-agent"))
    return ArticleOut.full(article, reader)


@api.route(
    "/portal/{org_slug}/kb/search", "GET", summary="Portal: search", query=SearchQuery, response=SearchResults,
    public=True, errors=(404,),
)  # fmt: skip
def portal_search(call: Call[None, SearchQuery], org_slug: str) -> SearchResults:
    return _search(kb.public_reader(org_slug), call.query)


@api.route(
    "/portal/{org_slug}/kb/articles/{article_id}/feedback", "POST", summary="Portal: helpful or not",
    request=KBFeedbackCommand, response=ArticleOut, public=True, errors=(404,),
)  # fmt: skip
def portal_feedback(call: Call[KBFeedbackCommand, NoQuery], org_slug: str, article_id: str) -> ArticleOut:
    reader = kb.public_reader(org_slug)
    return ArticleOut.full(kb.feedback(reader, article_id, call.body.helpful, call.client_ip), reader)
