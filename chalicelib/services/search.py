"""Full-text ticket search: indexing (from the table stream) and ranked, highlighted queries.

Index: each ticket has a search document (its term map: staff and public boosted term frequencies,
and trimmed texts) and, per term, a posting under the term's partition; a vocabulary with document
frequencies and the organization's statistics feed BM25. Written only by the stream subscriber
(``jobs/search_index.py``) and the reindex job, never in a request path.

Query (staff): one BatchGetItem (the words' vocabulary entries + statistics), one Query on the
vocabulary for the last word's completions (and one per long unknown word for typos), one bounded
Query per term's postings (in parallel), then BatchGetItem of the best candidates' documents and
tickets, reading on until the page is full. Every read is bounded: the cost does not grow with the
organization. Customers: their own tickets (the requester queue, bounded) scored from their
documents' PUBLIC weights, so an internal note's words never match for them.

A candidate shows only when its ticket exists, is not deleted, is visible to the reader
(``ticket_scope.Reader``: ``policy.can_see_ticket`` and ``unassigned_visibility``), passes the
query's filter, and its search document (the truth; a posting only nominates) holds every word,
the phrases, and none of the exclusions.

``SearchBackend`` is the seam for a search engine (OpenSearch Serverless) should an organization
outgrow the table index: see docs/architecture.md.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from chalicelib.auth import policy
from chalicelib.domain.clock import iso, parse_iso, utcnow
from chalicelib.domain.errors import Conflict, InvalidInput, NotFound
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.retention import TenantJob
from chalicelib.domain.search import (
    MIN_PREFIX,
    Highlight,
    ParsedQuery,
    bm25,
    contains_phrase,
    expansions,
    highlight,
    max_edits,
    parse_query,
    prefix_read,
    recency,
    weigh,
)
from chalicelib.domain.ticket_filter import TicketFilter
from chalicelib.domain.tickets import Comment, CommentType, Ticket, full_data
from chalicelib.observability import count
from chalicelib.services import ticket_scope, views
from chalicelib.store import identity as identity_store
from chalicelib.store import search as store
from chalicelib.store import tenant_jobs as job_store
from chalicelib.store import tickets as ticket_store
from chalicelib.store.pagination import Page, position_after, position_cursor

MAX_COMMENTS = 200  # comments indexed per ticket (the first ones)
TEXT_CHARS = 4000  # characters of the description kept for highlights and phrases
COMMENT_CHARS = 1000  # characters of each comment kept
COMMENTS_BUDGET = 12_000  # characters of comments kept in all (the newest): the document stays under ~40 KB
CUSTOMER_TICKETS = 300  # a customer's newest tickets searched
PAGES_READ = 4  # candidate batches (of ``limit``) read per request before answering with a cursor
EXPANSION_DISCOUNT = 0.9  # a completion or a near spelling scores a little below the word itself
TYPO_SHARED = 3  # a near spelling shares this many first letters with the word
MAX_CORRECTED = 3  # words of one query looked up for near spellings
MAX_TERMS_READ = 16  # postings Queries of one query (words first, then completions and near spellings)
NUMBER_BONUS = 1000.0  # the ticket a query names by number comes first


# ---- documents --------------------------------------------------------------------------------


def requester_text(user: Any) -> str:
    if user is None:
        return ""
    return f"{user.first_name} {user.last_name} {user.email}".strip()


def build_doc(ticket: Ticket, comments: list[Comment], requester: str) -> dict[str, Any]:
    """The search document of ``ticket``: staff and public term weights, lengths and trimmed texts.
    A deleted ticket's document holds no terms (it leaves every posting)."""
    base: dict[str, Any] = {"created": iso(ticket.created_at), "customer_id": ticket.customer_id}
    if ticket.is_deleted:
        return {**base, "terms": {}, "length": 0, "deleted": True}
    shown = comments[:MAX_COMMENTS]
    public_fields = [
        ("subject", ticket.subject),
        ("description", ticket.description),
        ("requester", requester),
        ("tags", " ".join(ticket.tags)),
    ]
    public_fields += [("comment", c.content) for c in shown if c.comment_type is CommentType.PUBLIC]
    internal = [("comment", c.content) for c in shown if c.comment_type is not CommentType.PUBLIC]
    public, public_length = weigh(public_fields)
    staff, length = weigh([*public_fields, *internal])
    return {
        **base,
        "terms": {t: [w, public.get(t, 0.0)] for t, w in staff.items()},
        "length": length,
        "public_length": public_length,
        # Subject, description and tags are not copied: the ticket, read with the document, has them.
        "requester": requester,
        "comments": _comment_texts(shown),
    }


def _comment_texts(comments: list[Comment]) -> list[dict[str, Any]]:
    """The comments' texts kept for highlights and phrases: each trimmed, within a total budget (the
    newest first), so the document, rewritten on every comment, stays small."""
    kept: list[dict[str, Any]] = []
    budget = COMMENTS_BUDGET
    for c in reversed(comments):
        text = c.content[: min(COMMENT_CHARS, budget)]
        if not text:
            break
        budget -= len(text)
        kept.append({"id": c.id, "internal": c.comment_type is not CommentType.PUBLIC, "text": text})
    return kept[::-1]


class SearchBackend(Protocol):
    """Where tickets are indexed and candidates come from. The table implementation below; an
    OpenSearch Serverless one would index from the same stream subscriber and answer ``candidates``."""

    def index_ticket(self, org_id: str, number: int, rewrite: bool = False) -> int: ...

    def candidates(self, org_id: str, query: ParsedQuery, now: datetime) -> Ranking: ...


@dataclass
class Candidate:
    number: int
    score: float


@dataclass
class Ranking:
    candidates: list[Candidate]
    alternatives: list[list[str]]  # per query word: its stem and the terms standing for it
    docs: dict[int, dict[str, Any]] = field(default_factory=dict)  # read already
    tickets: dict[int, Ticket] = field(default_factory=dict)


class TableSearch:
    """The index in the table (this module's docstring)."""

    def index_ticket(self, org_id: str, number: int, rewrite: bool = False) -> int:
        """Bring the ticket's index up to date; returns the items written (0: nothing changed).
        Idempotent (a retried stream record writes nothing); a concurrent indexer makes it redo.
        ``rewrite``: write every posting again even when the document is unchanged (the reindex job)."""
        for _ in range(5):
            try:
                return _index_once(org_id, number, rewrite)
            except Conflict as exc:
                if exc.code not in ("stale_version", "transaction_conflict"):
                    raise
        raise Conflict("The ticket's index kept changing; retry.", code="transaction_conflict")

    def candidates(self, org_id: str, query: ParsedQuery, now: datetime) -> Ranking:
        alternatives, df, documents, average = _alternatives(org_id, query)
        wanted = sorted({t for group in alternatives for t in group if df.get(t, 0) > 0})
        postings = store.postings_of(org_id, wanted)
        scores: dict[int, dict[int, float]] = {}  # number -> word index -> best contribution
        created: dict[int, str] = {}
        for i, group in enumerate(alternatives):
            for rank, term in enumerate(group):
                discount = 1.0 if rank == 0 else EXPANSION_DISCOUNT
                for p in postings.get(term, []):
                    value = discount * bm25(p.weight, df.get(term, 1), documents, p.length, average)
                    best = scores.setdefault(p.number, {})
                    best[i] = max(best.get(i, 0.0), value)
                    created[p.number] = p.created
        # A word whose postings were all read (none cut at the limit) is absent from a ticket its
        # postings do not name: such a ticket cannot match, so it is never fetched.
        complete = [all(len(postings.get(t, [])) < store.POSTINGS_READ for t in group) for group in alternatives]
        ranked = []
        for number, by_word in scores.items():
            if any(done and i not in by_word for i, done in enumerate(complete)):
                continue
            boost = recency(parse_iso(created[number]) or now, now)
            ranked.append((len(by_word), sum(by_word.values()) * boost, created[number], number))
        ranked.sort(key=lambda r: (-r[0], -r[1], _desc(r[2]), -r[3]))
        return Ranking([Candidate(n, round(s, 4)) for _, s, _, n in ranked], alternatives)


def _desc(text: str) -> list[int]:
    return [-ord(c) for c in text]


BACKEND: SearchBackend = TableSearch()


def _index_once(org_id: str, number: int, rewrite: bool) -> int:
    ticket, comments, _ = ticket_store.get_ticket_with_comments(org_id, number, limit=MAX_COMMENTS)
    old, version = store.get_doc(org_id, number)
    if ticket is None:
        if old is None or not old.get("terms"):
            return 0
        doc: dict[str, Any] = {**old, "terms": {}, "length": 0, "deleted": True}
    else:
        requester = identity_store.get_user(org_id, ticket.customer_id) if not ticket.is_deleted else None
        doc = build_doc(ticket, comments.items, requester_text(requester))
    if old == doc and not rewrite:
        return 0
    return store.write_doc(org_id, number, doc, version, old, rewrite)


def index_ticket(org_id: str, number: int, rewrite: bool = False) -> int:
    written = BACKEND.index_ticket(org_id, number, rewrite)
    count("SearchIndexWrites", written)
    return written


def drop_index(org_id: str, number: int, old: dict[str, Any]) -> int:
    """A search document was deleted by someone else (retention, erasure): its postings and counts
    go. A document written since (the ticket re-indexed first) counted itself afresh: its postings stay."""
    if not old.get("terms"):
        return 0
    current, _ = store.get_doc(org_id, number)
    return store.drop_postings(org_id, number, old, keep=set((current or {}).get("terms", {})))


# ---- query ------------------------------------------------------------------------------------


def _alternatives(org_id: str, query: ParsedQuery) -> tuple[list[list[str]], dict[str, int], int, float]:
    """Per required word: its stem, then completions (the last word) or near spellings (a long word
    the vocabulary lacks); the document frequencies, the documents and their average length."""
    groups = [[w.term] for w in query.words] + [[t] for p in query.phrases for t in p]
    df, documents, average = store.vocabulary_and_stats(org_id, [g[0] for g in groups])
    corrected = 0
    budget = MAX_TERMS_READ - len({g[0] for g in groups})  # postings Queries left for expansions
    for word, group in zip(query.words, groups, strict=False):
        if word.prefix and len(word.word) >= MIN_PREFIX:
            begins = prefix_read(word)
            near = store.vocabulary_near(org_id, begins, begins)
        elif df.get(word.term, 0) <= 0 and max_edits(word.word) and corrected < MAX_CORRECTED:
            # Near spellings sharing the first three letters (most typos come later in a word).
            corrected += 1
            near = store.vocabulary_near(org_id, word.term, word.term[:TYPO_SHARED])
        else:
            continue
        for term in expansions(word, near)[: max(budget, 0)]:
            group.append(term)
            df[term] = dict(near)[term]
            budget -= 1
    return groups, df, documents, average


def _customer_ranking(principal: Principal, query: ParsedQuery, now: datetime) -> Ranking:
    """A customer's own tickets (newest ``CUSTOMER_TICKETS``) scored from their documents' public weights."""
    page = ticket_store.list_queue(
        principal.org_id, "requester", principal.user_id, limit=CUSTOMER_TICKETS, cursor=None
    )
    tickets = {t.number: t for t in page.items}
    docs = store.docs_of(principal.org_id, list(tickets))
    vocabulary: dict[str, int] = {}
    for doc in docs.values():
        for term, (_, public) in doc.get("terms", {}).items():
            if public > 0:
                vocabulary[term] = vocabulary.get(term, 0) + 1
    groups = [[w.term] for w in query.words] + [[t] for p in query.phrases for t in p]
    for word, group in zip(query.words, groups, strict=False):
        group += expansions(word, vocabulary.items())
    df, documents, average = store.vocabulary_and_stats(principal.org_id, {t for g in groups for t in g})
    ranked = []
    for number, doc in docs.items():
        by_word: list[float] = []
        for group in groups:
            best = 0.0
            for rank, term in enumerate(group):
                weight = doc.get("terms", {}).get(term, [0.0, 0.0])[1]
                if weight > 0:
                    discount = 1.0 if rank == 0 else EXPANSION_DISCOUNT
                    length = int(doc.get("public_length", 0))
                    best = max(best, discount * bm25(weight, df.get(term, 1), documents, length, average))
            if best > 0:
                by_word.append(best)
        if by_word:
            score = sum(by_word) * recency(tickets[number].created_at, now)
            ranked.append((len(by_word), score, tickets[number].created_at, number))
    ranked.sort(key=lambda r: (-r[0], -r[1], -r[2].timestamp(), -r[3]))
    candidates = [Candidate(n, round(s, 4)) for _, s, _, n in ranked]
    return Ranking(candidates, groups, docs, tickets)


@dataclass(frozen=True)
class Hit:
    ticket: Ticket
    score: float
    highlights: list[Highlight]


@dataclass
class Results:
    page: Page[Hit]
    terms: list[str]
    filter: TicketFilter


def search(principal: Principal, q: str, limit: int, cursor: str | None) -> Results:
    """Tickets matching ``q`` that ``principal`` may see, best first, a page at a time (the cursor
    is the rank reached, bound to the organization and the query)."""
    policy.require(principal, "tickets.search")
    query = parse_query(q)
    now = utcnow()
    empty = Results(Page([], None), [], query.filter)
    if query.requester is not None:
        requester_id = identity_store.user_id_for_email(principal.org_id, query.requester)
        if requester_id is None:
            return empty
        query.filter = query.filter.model_copy(update={"requester_id": requester_id})
    if not query.terms and query.number is None:
        if query.had_words:
            return empty  # only stop words or over-long words: nothing can match
        if query.filter.is_empty:
            raise InvalidInput(
                "Add a word or a filter to search for.",
                code="invalid_query",
                details=[{"field": "q", "message": "add a word or a filter", "type": "empty_query"}],
            )
        return _filtered(principal, query, limit, cursor, now)
    customer = principal.role is Role.CUSTOMER
    ranking = (
        _customer_ranking(principal, query, now)
        if customer
        else (BACKEND.candidates(principal.org_id, query, now) if query.terms else Ranking([], []))
    )
    if query.number is not None:
        top = ranking.candidates[0].score if ranking.candidates else 0.0
        ranking.candidates = [
            Candidate(query.number, round(top + NUMBER_BONUS, 4)),
            *(c for c in ranking.candidates if c.number != query.number),
        ]
    digest = hashlib.sha256(f"{principal.user_id}\n{q.strip()}".encode()).hexdigest()[:24]
    scope = f"ticket-search:{digest}"
    after = position_after(principal.org_id, scope, cursor)
    index = int(after) + 1 if after is not None else 0
    hits: list[Hit] = []
    batches = 0
    candidates = ranking.candidates
    reader = ticket_scope.reader(principal)
    while index < len(candidates) and len(hits) < limit and batches < PAGES_READ:
        chunk = candidates[index : index + limit]
        batches += 1
        _load(principal.org_id, ranking, [c.number for c in chunk])
        for candidate in chunk:
            index += 1
            hit = _hit(principal, query, ranking, candidate, now, reader)
            if hit is not None:
                hits.append(hit)
                if len(hits) == limit:
                    break
    count("TicketSearches", 1)
    more = index < len(candidates)
    next_cursor = position_cursor(principal.org_id, scope, f"{index - 1:08d}") if more else None
    used = [t for group in ranking.alternatives for t in group]
    return Results(Page(hits, next_cursor), list(dict.fromkeys(used)), query.filter)


def _filtered(principal: Principal, query: ParsedQuery, limit: int, cursor: str | None, now: datetime) -> Results:
    """Filters without words (``status:open tag:vip``): the saved views' bounded filtered list,
    newest update first, with the same visibility; ``-word`` / ``-"phrase"`` are checked on the
    page's search documents (a ticket the index has not caught up with yet is left out)."""
    page = views.list_filtered(principal, query.filter, "-updated_at", limit, cursor)
    if not (query.exclude_terms or query.exclude_phrases):
        return Results(Page([Hit(t, 0.0, []) for t in page.items], page.next_cursor), [], query.filter)
    ranking = Ranking([Candidate(t.number, 0.0) for t in page.items], [], tickets={t.number: t for t in page.items})
    _load(principal.org_id, ranking, [t.number for t in page.items])
    reader = ticket_scope.reader(principal)
    hits = [hit for c in ranking.candidates if (hit := _hit(principal, query, ranking, c, now, reader)) is not None]
    return Results(Page(hits, page.next_cursor), [], query.filter)


def _load(org_id: str, ranking: Ranking, numbers: list[int]) -> None:
    missing = [n for n in numbers if n not in ranking.tickets or n not in ranking.docs]
    if not missing:
        return
    docs, items = store.docs_and_tickets(org_id, missing)
    ranking.docs.update(docs)
    for item in items:
        if isinstance(item, ticket_store.TicketItem):
            ticket = ticket_store.to_ticket(item)
            ranking.tickets[ticket.number] = ticket


def _texts(ticket: Ticket, doc: dict[str, Any], customer: bool) -> list[tuple[str, str, str | None]]:
    """(field, text, comment id) of the ticket and its document a reader may see, in the order
    highlights prefer. The ticket's own texts come from the ticket (documents written before kept a
    copy, now unused); the comments' and the requester's from the document."""
    fields: list[tuple[str, str, str | None]] = [
        ("subject", ticket.subject, None),
        ("description", ticket.description[:TEXT_CHARS], None),
    ]
    for comment in doc.get("comments", []):
        if not (customer and comment.get("internal")):
            fields.append(("comment", comment.get("text", ""), comment.get("id")))
    fields += [("requester", doc.get("requester", ""), None), ("tags", " ".join(ticket.tags), None)]
    return fields


def _hit(
    principal: Principal,
    query: ParsedQuery,
    ranking: Ranking,
    candidate: Candidate,
    now: datetime,
    reader: ticket_scope.Reader,
) -> Hit | None:
    ticket = ranking.tickets.get(candidate.number)
    if ticket is None or ticket.is_deleted:
        return None
    if not reader.sees(ticket):
        return None
    if not query.filter.matches(ticket, principal.user_id, now):
        return None
    customer = principal.role is Role.CUSTOMER
    named = candidate.number == query.number
    doc = ranking.docs.get(candidate.number)
    if doc is None:
        return Hit(ticket, candidate.score, []) if named and not query.terms else None
    side = 1 if customer else 0
    terms: dict[str, list[float]] = doc.get("terms", {})

    def has(term: str) -> bool:
        return terms.get(term, [0.0, 0.0])[side] > 0

    texts = _texts(ticket, doc, customer)
    if not named:
        if not all(any(has(t) for t in group) for group in ranking.alternatives):
            return None
        if not all(any(contains_phrase(text, p) for _, text, _ in texts) for p in query.phrases):
            return None
    if any(has(t) for t in query.exclude_terms):
        return None
    if any(contains_phrase(text, p) for p in query.exclude_phrases for _, text, _ in texts):
        return None
    wanted = {t for group in ranking.alternatives for t in group if has(t)}
    highlights: list[Highlight] = []
    for name, text, comment_id in texts:
        found = highlight(name, text, wanted, comment_id) if wanted else None
        if found is not None:
            highlights.append(found)
        if len(highlights) == 3:
            break
    return Hit(ticket, candidate.score, highlights)


# ---- reindex ----------------------------------------------------------------------------------

REINDEX_PAGE = 25  # tickets re-indexed per step of the job
REINDEX_KIND = "search_reindex"


def reindex_step(org_id: str, cursor: str | None) -> tuple[int, str | None]:
    """Re-index one page of the organization's live tickets (oldest first); returns how many were
    read and the cursor of the next page (None: done)."""
    page = ticket_store.list_by_created(org_id, newest_first=False, limit=REINDEX_PAGE, cursor=cursor)
    for ticket in page.items:
        index_ticket(org_id, ticket.number, rewrite=True)
    return len(page.items), page.next_cursor


def searchable_change(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether a ticket write changed what its search document holds."""
    keys = ("subject", "description", "tags", "customer_id", "deleted_at", "created_at", "merged_from")
    # A ticket stored before the compact form holds its defaults; full_data makes both forms compare equal.
    before, after = full_data(image_data(old)), full_data(image_data(new))
    return any(before.get(k) != after.get(k) for k in keys)


def image_data(image: dict[str, Any]) -> dict[str, Any]:
    """The ``data`` attribute of a stream image (JSON text) as a dict."""
    data = image.get("data") or {}
    return json.loads(data) if isinstance(data, str) else dict(data)


def reindex_requester(org_id: str, user_id: str) -> int:
    """A requester's name or email changed (or was erased): their tickets' documents follow."""
    if not user_id:
        return 0
    return sum(index_ticket(org_id, n) for n in ticket_store.requested_by(org_id, user_id))


def start_reindex(principal: Principal) -> TenantJob:
    """Rebuild the organization's search index (admins): a tenant job, advanced by ``tenant_jobs_job``
    a page of tickets at a time. Running it twice is harmless (each ticket moves to what it holds)."""
    policy.require(principal, "search.reindex")
    now = utcnow()
    job = TenantJob(
        id=f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}",
        org_id=principal.org_id,
        kind=REINDEX_KIND,
        requested_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    job_store.save_job(job)
    return job


def get_reindex(principal: Principal, job_id: str) -> TenantJob:
    policy.require(principal, "search.reindex")
    job = job_store.get_job(principal.org_id, job_id) if len(job_id) <= 40 else None
    if job is None or job.kind != REINDEX_KIND:
        raise NotFound("Not found.")
    return job


def reindex_job_step(job: TenantJob) -> TenantJob:
    """One page of a reindex job; the position is saved after the page (a repeated page is harmless)."""
    cursor = (job.position or {}).get("cursor")
    read, next_cursor = reindex_step(job.org_id, cursor)
    now = utcnow()
    update: dict[str, Any] = {"pages": job.pages + 1, "items": job.items + read, "updated_at": now}
    if next_cursor is None:
        update |= {"state": "done", "finished_at": now, "position": None}
    else:
        update["position"] = {"cursor": next_cursor}
    job = job.model_copy(update=update)
    job_store.save_job(job)
    return job
