"""Knowledge base: categories (a tree), articles, Markdown rendering and search terms. Pure.

Search works on the terms of ``domain/search.py``'s analyzer (shared with ticket search): an
article is indexed under each term of its title, tags and body with a weight (a title occurrence
counts most, then tags, then the body), and a query reads only the index entries of its own terms.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pydantic import Field

from chalicelib.domain.entity import Entity
from chalicelib.domain.lifecycle import Lifecycle
from chalicelib.domain.search import terms

MAX_DEPTH = 5  # a category is at most this many levels deep (root = 1)
TITLE_WEIGHT = 10.0
TAG_WEIGHT = 5.0
BODY_WEIGHT = 1.0
MAX_TERMS = 300  # distinct terms indexed per article (the most weighty ones)
MAX_QUERY_TERMS = 8


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class KBCategory(Lifecycle):
    id: str
    org_id: str
    name: str
    description: str = ""
    parent_id: str | None = None
    sort_order: int = 0
    created_at: datetime
    updated_at: datetime
    version: int = 1


class KBArticle(Entity):
    id: str
    org_id: str
    category_id: str
    title: str
    content: str  # Markdown
    status: ArticleStatus = ArticleStatus.DRAFT
    tags: list[str] = Field(default_factory=list)
    author_id: str
    published_at: datetime | None = None
    view_count: int = 0
    helpful_count: int = 0
    not_helpful_count: int = 0
    deflection_count: int = 0
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @property
    def is_published(self) -> bool:
        return self.status is ArticleStatus.PUBLISHED


# ---- tree -------------------------------------------------------------------------------------


def depth_of(category_id: str | None, parents: dict[str, str | None]) -> int:
    """Levels from the root down to ``category_id`` (a root category is 1)."""
    depth, seen = 0, set()
    while category_id is not None:
        if category_id in seen:
            raise ValueError("the categories form a cycle")
        seen.add(category_id)
        depth += 1
        category_id = parents.get(category_id)
    return depth


def subtree_height(category_id: str, parents: dict[str, str | None]) -> int:
    """Levels of ``category_id`` and its descendants (a leaf is 1)."""
    children: dict[str | None, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)

    def height(node: str, guard: int = 0) -> int:
        if guard > 100:
            raise ValueError("the categories form a cycle")
        return 1 + max((height(c, guard + 1) for c in children.get(node, [])), default=0)

    return height(category_id)


def check_move(category_id: str, new_parent: str | None, parents: dict[str, str | None]) -> None:
    """Refuse a parent that is the category itself or one of its descendants, or that makes the tree too deep."""
    ancestor = new_parent
    while ancestor is not None:
        if ancestor == category_id:
            raise ValueError("a category cannot be moved under itself or one of its descendants")
        ancestor = parents.get(ancestor)
    if depth_of(new_parent, parents) + subtree_height(category_id, parents) > MAX_DEPTH:
        raise ValueError(f"categories nest at most {MAX_DEPTH} levels deep")


# ---- Markdown ---------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # html=False: raw HTML in the source is shown as text, never passed through.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")


def render(markdown: str) -> str:
    """Markdown to HTML, then sanitised (nh3): no script, no event handlers, no javascript: URLs."""
    import nh3

    html = _markdown().render(markdown)
    return str(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


# ---- search terms -----------------------------------------------------------------------------


def index_terms(article: KBArticle) -> dict[str, float]:
    """Term -> weight for a published article (title above tags above body); empty otherwise."""
    if not article.is_published:
        return {}
    weights: dict[str, float] = {}
    for term in terms(article.title):
        weights[term] = weights.get(term, 0.0) + TITLE_WEIGHT
    for term in terms(" ".join(article.tags)):
        weights[term] = weights.get(term, 0.0) + TAG_WEIGHT
    body = Counter(terms(article.content))
    for term, n in body.items():
        weights[term] = weights.get(term, 0.0) + BODY_WEIGHT * min(n, 10)
    heaviest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return {t: round(w, 2) for t, w in heaviest}


def query_terms(query: str) -> list[str]:
    return list(dict.fromkeys(terms(query)))[:MAX_QUERY_TERMS]
