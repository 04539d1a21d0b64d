"""Ticket search index items (written from the table stream, never in a request path).

| item | PK | SK | attributes |
|---|---|---|---|
| posting | ``ORG#o#SRCH#T#<term>`` | ``<created>#<n:012d>`` | ``w`` boosted tf (staff), ``len`` document length |
| vocabulary | ``ORG#o#SRCH#V#<first 2 letters>`` | ``<term>`` | ``df`` tickets holding the term (ADD) |
| statistics | ``ORG#o#SRCH#STATS`` | ``STATS`` | ``docs``, ``length`` (ADD): idf and the average length |
| KB vocabulary, statistics | ``ORG#o#KBSRCH#V#<xx>``, ``ORG#o#KBSRCH#STATS`` | as above | the KB's (store/kb.py) |
| search document | ``ORG#o#TICKET#n`` | ``SEARCHDOC`` | the term map last indexed, trimmed texts (versioned) |

A posting's sort key is the ticket's creation time, so a term's Query (descending, bounded) reads
its newest tickets first. The search document is the truth at read time: a posting only nominates a
candidate; the document decides whether the ticket matches (exact term map, phrases, exclusions).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import NumberAttribute

from chalicelib.store import metering
from chalicelib.store.keys import tenant_key
from chalicelib.store.table import CompactJSONAttribute, TableItem
from chalicelib.store.transactions import Operation, Put, Tally, transact_write

POSTINGS_READ = 200  # postings read per query term, newest tickets first
VOCABULARY_READ = 300  # vocabulary entries read for a prefix or a typo (one page of one partition)
TRANSACTION_ITEMS = 100  # DynamoDB's limit per TransactWriteItems
DOC_SK = "SEARCHDOC"
TICKETS = "SRCH"  # the key family of the ticket index's vocabulary and statistics
KB = "KBSRCH"  # the knowledge base's (its postings are ``store/kb.py``'s term entries)
STATS_SK = "STATS"


class PostingItem(TableItem, discriminator="SearchPosting"):
    w = NumberAttribute()
    len = NumberAttribute()


class VocabularyItem(TableItem, discriminator="SearchTerm"):
    df = NumberAttribute(default=0)


class SearchStatsItem(TableItem, discriminator="SearchStats"):
    docs = NumberAttribute(default=0)
    length = NumberAttribute(default=0)


class SearchDocItem(TableItem, discriminator="SearchDoc"):
    data = CompactJSONAttribute()


@dataclass(frozen=True)
class Posting:
    number: int
    created: str  # ISO time of the ticket's creation
    weight: float
    length: int


def posting_pk(org_id: str, term: str) -> str:
    return tenant_key(org_id, "SRCH", "T", term)


def posting_sk(created: str, number: int) -> str:
    return f"{created}#{number:012d}"


def vocabulary_pk(org_id: str, term: str, family: str = TICKETS) -> str:
    """``family``: whose vocabulary (tickets ``SRCH``, the knowledge base ``KBSRCH``)."""
    return tenant_key(org_id, family, "V", term[:2])


def stats_pk(org_id: str, family: str = TICKETS) -> str:
    return tenant_key(org_id, family, "STATS")


def doc_pk(org_id: str, number: int) -> str:
    return tenant_key(org_id, "TICKET", number)


# ---- read -------------------------------------------------------------------------------------


def get_doc(org_id: str, number: int) -> tuple[dict[str, Any] | None, int | None]:
    """The ticket's search document and its version (None, None: never indexed): ONE GetItem."""
    try:
        item = SearchDocItem.get(doc_pk(org_id, number), DOC_SK, consistent_read=True)
    except SearchDocItem.DoesNotExist:
        return None, None
    return dict(item.data), int(item.version or 0)


def vocabulary_and_stats(org_id: str, terms: Iterable[str], family: str = TICKETS) -> tuple[dict[str, int], int, float]:
    """Document frequency of each term, the documents indexed and their average length: ONE BatchGetItem."""
    wanted = list(dict.fromkeys(terms))
    keys = [(vocabulary_pk(org_id, t, family), t) for t in wanted] + [(stats_pk(org_id, family), STATS_SK)]
    df: dict[str, int] = {}
    docs, length = 0, 0
    for item in TableItem.batch_get(keys):
        if isinstance(item, VocabularyItem):
            df[str(item.SK)] = int(item.df or 0)
        elif isinstance(item, SearchStatsItem):
            docs, length = int(item.docs or 0), int(item.length or 0)
    return df, docs, (length / docs if docs else 0.0)


def vocabulary_near(org_id: str, start: str, begins: str = "", family: str = TICKETS) -> list[tuple[str, int]]:
    """Up to ``VOCABULARY_READ`` terms of the vocabulary partition of ``start``'s first two letters
    (those beginning with ``begins`` when given), with their document frequency: ONE Query."""
    condition = VocabularyItem.SK.startswith(begins) if begins else None
    items = VocabularyItem.query(
        vocabulary_pk(org_id, start, family), condition, limit=VOCABULARY_READ, page_size=VOCABULARY_READ
    )
    return [(str(i.SK), int(i.df or 0)) for i in items if isinstance(i, VocabularyItem)]


def postings(org_id: str, term: str) -> list[Posting]:
    """The newest ``POSTINGS_READ`` postings of one term: ONE Query."""
    items = PostingItem.query(
        posting_pk(org_id, term), scan_index_forward=False, limit=POSTINGS_READ, page_size=POSTINGS_READ
    )
    found = []
    for item in items:
        if isinstance(item, PostingItem):
            created, number = str(item.SK).rsplit("#", 1)
            found.append(Posting(int(number), created, float(item.w), int(item.len)))
    return found


def postings_of(org_id: str, terms: Sequence[str]) -> dict[str, list[Posting]]:
    """The postings of several terms, one Query each, in parallel (the calls overlap)."""
    if len(terms) <= 1:
        return {t: postings(org_id, t) for t in terms}
    meters = metering.current()

    def read(term: str) -> list[Posting]:
        with metering.joined(meters):  # the request's call count includes the workers' calls
            return postings(org_id, term)

    with ThreadPoolExecutor(max_workers=min(len(terms), 8)) as pool:
        return dict(zip(terms, pool.map(read, terms), strict=True))


def docs_and_tickets(org_id: str, numbers: Sequence[int]) -> tuple[dict[int, dict[str, Any]], list[TableItem]]:
    """Search documents and ticket items of ``numbers``: ONE BatchGetItem per 50 tickets."""
    docs: dict[int, dict[str, Any]] = {}
    tickets: list[TableItem] = []
    for start in range(0, len(numbers), 50):
        keys: list[tuple[str, str]] = []
        for n in numbers[start : start + 50]:
            keys += [(doc_pk(org_id, n), DOC_SK), (doc_pk(org_id, n), "TICKET")]
        for item in TableItem.batch_get(keys):
            if isinstance(item, SearchDocItem):
                docs[int(str(item.PK).rsplit("#", 1)[1])] = dict(item.data)
            else:
                tickets.append(item)
    return docs, tickets


def docs_of(org_id: str, numbers: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Search documents of ``numbers``: ONE BatchGetItem per 100."""
    docs: dict[int, dict[str, Any]] = {}
    for start in range(0, len(numbers), 100):
        keys = [(doc_pk(org_id, n), DOC_SK) for n in numbers[start : start + 100]]
        for item in SearchDocItem.batch_get(keys):
            docs[int(str(item.PK).rsplit("#", 1)[1])] = dict(item.data)
    return docs


# ---- write ------------------------------------------------------------------------------------


def write_doc(
    org_id: str,
    number: int,
    doc: dict[str, Any],
    version: int | None,
    old: dict[str, Any] | None,
    rewrite: bool = False,
) -> int:
    """Move the index from ``old`` to ``doc``: postings that changed (BatchWriteItem, idempotent),
    then the document (conditional on ``version``, the one read) with the vocabulary and statistics
    counts in ONE transaction when they fit, so a retried stream record never counts twice. Returns
    the items written. A concurrent indexer makes the document write fail (Conflict): redo.
    ``rewrite``: every posting of ``doc`` is written again (the reindex job repairs lost ones)."""
    old_terms: dict[str, list[float]] = (old or {}).get("terms", {})
    new_terms: dict[str, list[float]] = doc.get("terms", {})
    old_created, new_created = (old or {}).get("created"), doc.get("created")
    written = 0
    with PostingItem.batch_write() as batch:
        for term in old_terms.keys() - new_terms.keys():
            batch.delete(PostingItem(PK=posting_pk(org_id, term), SK=posting_sk(old_created or "", number)))
            written += 1
        for term, (weight, _public) in new_terms.items():
            moved = old_created != new_created
            if moved and term in old_terms:
                batch.delete(PostingItem(PK=posting_pk(org_id, term), SK=posting_sk(old_created or "", number)))
                written += 1
            if rewrite or moved or old_terms.get(term, [None])[0] != weight:
                sk = posting_sk(new_created or "", number)
                batch.save(PostingItem(PK=posting_pk(org_id, term), SK=sk, w=weight, len=doc.get("length", 0)))
                written += 1
    counts: list[Operation] = [
        Tally(VocabularyItem, vocabulary_pk(org_id, t), t, {"df": 1}) for t in new_terms.keys() - old_terms.keys()
    ]
    counts += [
        Tally(VocabularyItem, vocabulary_pk(org_id, t), t, {"df": -1}) for t in old_terms.keys() - new_terms.keys()
    ]
    was, now = bool(old_terms), bool(new_terms)
    stats = {"docs": int(now) - int(was), "length": int(doc.get("length", 0)) - int((old or {}).get("length", 0))}
    if any(stats.values()):
        counts.append(Tally(SearchStatsItem, stats_pk(org_id), STATS_SK, {k: v for k, v in stats.items() if v}))
    item = SearchDocItem(PK=doc_pk(org_id, number), SK=DOC_SK, data=doc)
    if version is not None:
        item.version = version
    # Counts beyond one transaction go first; the document, written last, marks the work done.
    first, last = counts[: max(0, len(counts) - (TRANSACTION_ITEMS - 1))], counts[-(TRANSACTION_ITEMS - 1) :]
    for start in range(0, len(first), TRANSACTION_ITEMS):
        transact_write(first[start : start + TRANSACTION_ITEMS])
    transact_write([Put(item), *(last if counts else [])])
    return written + len(counts) + 1


def drop_postings(org_id: str, number: int, old: dict[str, Any], keep: set[str] | frozenset[str] = frozenset()) -> int:
    """Remove the postings (except those of ``keep``, a newer document's) and counts of a search
    document someone else deleted (retention, erasure); no document is written. Returns the items written."""
    old_terms: dict[str, list[float]] = old.get("terms", {})
    with PostingItem.batch_write() as batch:
        for term in old_terms.keys() - keep:
            batch.delete(PostingItem(PK=posting_pk(org_id, term), SK=posting_sk(old.get("created") or "", number)))
    counts: list[Operation] = [Tally(VocabularyItem, vocabulary_pk(org_id, t), t, {"df": -1}) for t in old_terms]
    stats = {"docs": -1, "length": -int(old.get("length", 0))}
    counts.append(Tally(SearchStatsItem, stats_pk(org_id), STATS_SK, {k: v for k, v in stats.items() if v}))
    for start in range(0, len(counts), TRANSACTION_ITEMS):
        transact_write(counts[start : start + TRANSACTION_ITEMS])
    return len(old_terms) + len(counts)
