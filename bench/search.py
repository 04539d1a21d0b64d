"""Ticket search: DynamoDB calls, items read and capacity per query, flat in the organization's size,
and the index's write cost per ticket and per comment (written from the stream, off the request).

The index items (search documents, postings, vocabulary, statistics) are the ones the stream
subscriber writes, built by the same functions and loaded straight into moto: indexing 10,000
tickets one stream record at a time under moto takes far too long for a bench.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import timedelta
from typing import Any

QUERIES = {
    "one word": "printer",
    "two words": "invoice refund",
    "prefix": "passw",
    "typo": "shiping",
    "phrase": '"invoice refund"',
    "word + filter": "printer status:new",
}


def _corpus(rng: random.Random, vocabulary: list[str], weights: list[float], n: int) -> str:
    return " ".join(rng.choices(vocabulary, weights, k=n))


def ticket_search(sizes: tuple[int, ...] = (1_000, 10_000)) -> dict[str, Any]:
    """Per organization size: query calls / items read / RCU (median and max over the queries), and
    the index write cost of one new ticket and of one new comment."""
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    from moto import mock_aws

    results: dict[str, Any] = {}
    with mock_aws():
        import boto3
        from chalice.test import Client

        from app import app
        from bench.capacity import capacity_meter
        from bench.seeding import signup_tenant
        from chalicelib import config
        from chalicelib.domain.clock import utcnow
        from chalicelib.domain.identity import Principal, Role
        from chalicelib.domain.tickets import Comment, CommentType, Ticket
        from chalicelib.local.snapshot import load_table
        from chalicelib.services import search
        from chalicelib.store import metering
        from chalicelib.store import search as store
        from chalicelib.store.table import create_table, reset_connections
        from chalicelib.store.tickets import comment_item, ticket_item

        reset_connections()
        create_table(boto3.client("dynamodb"))
        rng = random.Random(11)
        vocabulary = [f"w{i}x" for i in range(3000)] + ["printer", "invoice", "refund", "password", "shipping"]
        weights = [1 / (i + 1) for i in range(3000)] + [0.02] * 5  # Zipf-like: a few words are everywhere
        for size in sizes:
            with Client(app, stage_name="local") as client:
                tenant = signup_tenant(client, f"bench-search-{size}")
            org_id = tenant["org_id"]
            principal = Principal(org_id, tenant["user"]["id"], Role.ADMIN, "bench")
            start = utcnow() - timedelta(days=365)
            items: list[dict[str, Any]] = []
            df: dict[str, int] = {}
            total_length = 0
            for n in range(1, size + 1):
                moment = start + timedelta(minutes=n)
                ticket = Ticket(
                    org_id=org_id,
                    number=n,
                    ticket_number=f"T-{n}",
                    subject=_corpus(rng, vocabulary, weights, 6),
                    description=_corpus(rng, vocabulary, weights, 30),
                    customer_id=tenant["customer_id"],
                    created_by_id=tenant["customer_id"],
                    created_at=moment,
                    updated_at=moment,
                )
                record = ticket_item(ticket)
                record.version = 1
                items.append(record.serialize())
                doc = search.build_doc(ticket, [], "C B customer@example.com")
                doc_item = store.SearchDocItem(PK=store.doc_pk(org_id, n), SK=store.DOC_SK, data=doc)
                doc_item.version = 1
                items.append(doc_item.serialize())
                for term, (weight, _) in doc["terms"].items():
                    sk = store.posting_sk(doc["created"], n)
                    posting = store.PostingItem(PK=store.posting_pk(org_id, term), SK=sk, w=weight, len=doc["length"])
                    items.append(posting.serialize())
                    df[term] = df.get(term, 0) + 1
                total_length += doc["length"]
            for term, count in df.items():
                items.append(store.VocabularyItem(PK=store.vocabulary_pk(org_id, term), SK=term, df=count).serialize())
            stats = store.SearchStatsItem(PK=store.stats_pk(org_id), SK=store.STATS_SK, docs=size, length=total_length)
            items.append(stats.serialize())
            load_table(config.table_name(), items)
            by_query: dict[str, Any] = {}
            with capacity_meter() as meter:
                for name, q in QUERIES.items():
                    with metering.metered() as calls:
                        started = time.perf_counter()
                        found = search.search(principal, q, 25, None)
                        wall = (time.perf_counter() - started) * 1000
                    by_query[name] = {
                        "calls": len(calls),
                        "operations": [c.operation for c in calls],
                        "items_read": sum(c.items_read for c in calls),
                        "rcu": round(sum(meter.cost(c).rcu for c in calls), 1),
                        "hits": len(found.page.items),
                        "wall_ms (moto)": round(wall, 1),
                    }
                # The index write of one new ticket, then of one comment on it (what the stream does).
                moment = utcnow()
                fresh = Ticket(
                    org_id=org_id,
                    number=size + 1,
                    ticket_number=f"T-{size + 1}",
                    subject="Printer prints blank pages",
                    description=_corpus(rng, vocabulary, weights, 60),
                    customer_id=tenant["customer_id"],
                    created_by_id=tenant["customer_id"],
                    created_at=moment,
                    updated_at=moment,
                )
                record = ticket_item(fresh)
                record.version = 1
                load_table(config.table_name(), [record.serialize()])
                with metering.metered() as ticket_calls:
                    search.index_ticket(org_id, fresh.number)
                note = Comment(
                    id="c" * 20,
                    org_id=org_id,
                    ticket_number=fresh.number,
                    author_id=tenant["user"]["id"],
                    content=_corpus(rng, vocabulary, weights, 40),
                    comment_type=CommentType.PUBLIC,
                    created_at=moment,
                    updated_at=moment,
                )
                load_table(config.table_name(), [comment_item(note).serialize()])
                with metering.metered() as comment_calls:
                    search.index_ticket(org_id, fresh.number)
                with metering.metered() as retry_calls:
                    search.index_ticket(org_id, fresh.number)  # a retried record: reads only

            def writes(calls: list[Any]) -> dict[str, Any]:
                return {
                    "calls": len(calls),
                    "operations": sorted({c.operation for c in calls}),
                    "wcu": round(sum(meter.cost(c).wcu for c in calls), 1),
                    "rcu": round(sum(meter.cost(c).rcu for c in calls), 1),
                }

            results[f"{size} tickets"] = {
                "queries": by_query,
                "calls_median": statistics.median(q["calls"] for q in by_query.values()),
                "items_read_max": max(q["items_read"] for q in by_query.values()),
                "index_new_ticket (60-word description)": writes(ticket_calls),
                "index_new_comment (40 words)": writes(comment_calls),
                "index_retried_record": writes(retry_calls),
            }
        reset_connections()
    return results
