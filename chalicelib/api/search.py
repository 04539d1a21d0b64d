"""Full-text ticket search and the rebuild of the organization's search index."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.lifecycle import TenantJobOut
from chalicelib.api.models import Input, NoQuery, Output
from chalicelib.api.tickets import TicketOut
from chalicelib.domain.search import MAX_QUERY_CHARS, Highlight
from chalicelib.domain.ticket_filter import TicketFilter
from chalicelib.services import search, ticket_includes, tickets

api = Api("search", __name__)


class TicketSearchQuery(Input):
    q: str = Field(
        max_length=MAX_QUERY_CHARS,
        description='words (the last one also as a prefix), "exact phrase", -word, -"phrase", T-42 or #42, and '
        "filters: status:open,pending priority:high assignee:me|none|<id> department:<id>|none tag:vip -tag:spam "
        "requester:<id or email> created:>2026-01-01 created:<2026-02-01 created:2026-01-01..2026-01-31 updated:... "
        "field.<name>:<value> is:breached. Unknown `key:` is 422 invalid_query.",
    )
    limit: int = Field(25, ge=1, le=50, description="Page size (default 25, at most 50).")
    cursor: str | None = Field(None, max_length=2048, description="`next_cursor` of the previous page.")
    include: Literal["sla"] | None = Field(None, description="`sla`: each ticket's `sla_status`")


class SearchHighlight(Output):
    field: Literal["subject", "description", "comment", "requester", "tags"]
    comment_id: str | None = Field(description="the comment the snippet is from (field `comment`)")
    text: str = Field(description="a plain-text snippet (never HTML: mark the matches yourself)")
    matches: list[tuple[int, int]] = Field(description="[start, end) offsets of the matched words in `text`")

    @classmethod
    def of(cls, found: Highlight) -> SearchHighlight:
        return cls(field=found.field, comment_id=found.comment_id, text=found.text, matches=found.matches)  # type: ignore[arg-type]


class TicketSearchHit(Output):
    ticket: TicketOut
    score: float = Field(description="relevance (BM25 with field boosts and recency): higher is better")
    highlights: list[SearchHighlight]


class TicketSearchQueryOut(Output):
    terms: list[str] = Field(description="the stems searched, with the completions and near spellings used")
    filter: TicketFilter = Field(description="the filters of the query")


class TicketSearchResults(Output):
    items: list[TicketSearchHit]
    next_cursor: str | None = None
    query: TicketSearchQueryOut


@api.route(
    "/search/tickets",
    "GET",
    summary="Full-text ticket search, best first, with highlights (what the caller may list)",
    query=TicketSearchQuery,
    response=TicketSearchResults,
    errors=(422,),
)
def search_tickets(call: Call[None, TicketSearchQuery]) -> TicketSearchResults:
    q = call.query
    found = search.search(call.principal, q.q, q.limit, q.cursor)
    hits = found.page.items
    badges = {}
    if q.include == "sla":
        badges = ticket_includes.included(call.principal, [h.ticket for h in hits], frozenset({"sla"})).sla or {}
    shown = tickets.visible_custom_fields(call.principal)
    return TicketSearchResults(
        items=[
            TicketSearchHit(
                ticket=TicketOut.of(h.ticket, shown, badges.get(h.ticket.number)),
                score=h.score,
                highlights=[SearchHighlight.of(x) for x in h.highlights],
            )
            for h in hits
        ],
        next_cursor=found.page.next_cursor,
        query=TicketSearchQueryOut(terms=found.terms, filter=found.filter),
    )


@api.route(
    "/organization/search/reindex",
    "POST",
    summary="Rebuild the organization's ticket search index (admins): a job, a page of tickets at a time",
    response=TenantJobOut,
    status=202,
    location="/organization/search/reindex/{id}",
)
def start_search_reindex(call: Call[None, NoQuery]) -> TenantJobOut:
    return TenantJobOut.of(search.start_reindex(call.principal))


@api.route(
    "/organization/search/reindex/{job_id}",
    "GET",
    summary="A search reindex job's progress",
    response=TenantJobOut,
    errors=(404,),
)
def get_search_reindex(call: Call[None, NoQuery], job_id: str) -> TenantJobOut:
    return TenantJobOut.of(search.get_reindex(call.principal, job_id))
