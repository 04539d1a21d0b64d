"""Channel figures: inbound email ingestion (10 KB and 5 MB messages), DynamoDB calls per message,
and the cost of verifying a webhook signature."""

from __future__ import annotations

import os
import statistics
import time
from email.message import EmailMessage
from typing import Any


def _message(n: int, attachment_bytes: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"Bench Sender {n} <sender{n}@customer.example>"
    message["To"] = "support+bench-mail@mail.deskless.local"
    message["Subject"] = f"Bench message {n}"
    message["Message-ID"] = f"<bench-{n}-{attachment_bytes}@customer.example>"
    message.set_content("Hello,\n\n" + "The order did not arrive. " * 200 + "\n\nThanks")
    message.add_alternative("<p>" + "The order did not arrive. " * 200 + "</p>", subtype="html")
    if attachment_bytes:
        chunk = os.urandom(attachment_bytes // 2)
        message.add_attachment(chunk, maintype="application", subtype="pdf", filename="invoice.pdf")
        message.add_attachment(chunk, maintype="image", subtype="png", filename="photo.png")
    return message.as_bytes()


def ingestion(samples: int = 20, large_samples: int = 5) -> dict[str, Any]:
    """Wall time per message of ``channels.ingest_email`` (parse, store the raw message and files,
    thread, write the ticket), in-process moto with S3: p50 and p95."""
    from bench.seeding import in_process_aws

    with in_process_aws():
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib.services import channels
        from chalicelib.store import metering

        with Client(app, stage_name="local") as client:
            signup_tenant(client, "bench-mail")
        results: dict[str, Any] = {}
        cases = (("10 KB, no attachment", 0, samples), ("5 MB, two attachments", 5 * 1024 * 1024, large_samples))
        for label, size, runs in cases:
            walls, calls_per, items_per = [], [], []
            raw_size = 0
            for n in range(runs):
                raw = _message(n, size)
                raw_size = len(raw)
                with metering.metered() as calls:
                    started = time.perf_counter()
                    (outcome,) = channels.ingest_email(raw)
                    walls.append((time.perf_counter() - started) * 1000)
                assert outcome.action == "created", outcome
                calls_per.append(len(calls))
                items_per.append(sum(c.items_read for c in calls))
            ordered = sorted(walls)
            results[label] = {
                "raw_bytes": raw_size,
                "messages": runs,
                "wall_ms_median": round(statistics.median(walls), 1),
                "wall_ms_p95": round(ordered[max(0, -(-len(ordered) * 95 // 100) - 1)], 1),
                "dynamodb_calls": statistics.median(calls_per),
                "items_read": statistics.median(items_per),
            }
        return results


def signature_verification(runs: int = 2000) -> dict[str, Any]:
    """HMAC-SHA256 of an inbound delivery (``<t>.<delivery id>.<body>``) against two secrets; and the
    worst case where the organization also accepts the legacy form (a legacy signature made with
    the second secret: four HMACs)."""
    from chalicelib.domain.signing import signature, verify

    body = os.urandom(10 * 1024)
    secrets = ["whsec_" + "a" * 43, "whsec_" + "b" * 43]
    now = int(time.time())
    header = signature(secrets[1], now, body, "d-1")  # the second secret: the worst case during rotation
    legacy = signature(secrets[1], now, body)
    started = time.perf_counter()
    for _ in range(runs):
        assert verify(secrets, header, body, now, delivery_id="d-1")
    per_call = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    for _ in range(runs):
        assert verify(secrets, legacy, body, now, delivery_id="d-1", accept_legacy=True)
    per_legacy = (time.perf_counter() - started) / runs
    return {
        "body_bytes": len(body),
        "secrets": len(secrets),
        "microseconds_per_verification": round(per_call * 1e6, 1),
        "microseconds_legacy_form_worst_case": round(per_legacy * 1e6, 1),
    }


def kb_search(articles: int = 5000, runs: int = 4) -> dict[str, Any]:
    """Search latency and items read with ``articles`` published articles in one organization,
    and DynamoDB calls per article view."""
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    import random

    from moto import mock_aws

    with mock_aws():
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib.domain.kb import KBArticle, index_terms, query_terms
        from chalicelib.services import kb
        from chalicelib.store import kb as store
        from chalicelib.store import metering
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        create_table(boto3.client("dynamodb"))
        with Client(app, stage_name="local") as client:
            tenant = signup_tenant(client, "bench-kb")
        org_id = tenant["org_id"]
        rng = random.Random(7)
        vocabulary = [f"word{i}" for i in range(3000)] + ["printer", "invoice", "refund", "password", "shipping"]
        now = __import__("datetime").datetime.now(__import__("datetime").UTC)
        # The items the API writes (article, counters, term entries), loaded straight into moto:
        # writing 5,000 articles' index through the API under moto takes over ten minutes.
        from chalicelib import config
        from chalicelib.local.snapshot import load_table
        from chalicelib.store.kb import ArticleCountersItem, TermItem, _article_item, article_pk, term_pk

        items = []
        for n in range(articles):
            title = " ".join(rng.choice(vocabulary) for _ in range(6))
            body = " ".join(rng.choice(vocabulary) for _ in range(80))
            article = KBArticle(
                id=f"{n:020d}",
                org_id=org_id,
                category_id="c" * 20,
                title=title,
                content=body,
                status="published",
                author_id="bench",
                created_at=now,
                updated_at=now,
            )
            record = _article_item(article)
            record.version = 1
            items.append(record.serialize())
            items.append(ArticleCountersItem(PK=article_pk(org_id, article.id), SK="COUNTERS").serialize())
            for term, weight in index_terms(article).items():
                items.append(TermItem(PK=term_pk(org_id, term), SK=article.id, weight=weight).serialize())
        load_table(config.table_name(), items)
        reader = kb.Reader(org_id, staff=False)
        walls, calls_per, items_per = [], [], []
        queries = ["printer invoice", "refund shipping", "password", "printing invoices wrong"]
        for query in queries * (runs // 4 + 1):
            with metering.metered() as calls:
                started = time.perf_counter()
                kb.search(reader, query)
                walls.append((time.perf_counter() - started) * 1000)
            calls_per.append(len(calls))
            items_per.append(sum(c.items_read for c in calls))
        with metering.metered() as view_calls:
            kb.view_article(reader, f"{7:020d}", "203.0.113.9", "bench")
        # The ranking's own CPU: the same searches with the reads answered from memory.
        postings = {t: store.postings(org_id, t) for q in queries for t in query_terms(q)}
        every_id = sorted({a for found in postings.values() for a, _ in found})
        known = store.get_articles(org_id, every_id)
        real_postings, real_get = store.postings, store.get_articles
        from chalicelib.store import search as search_store

        real_vocabulary, real_near = search_store.vocabulary_and_stats, search_store.vocabulary_near
        store.postings = lambda _org, term: postings.get(term, [])  # type: ignore[assignment]
        store.get_articles = lambda _org, ids: {a: known[a] for a in ids if a in known}  # type: ignore[assignment]
        # The vocabulary as loaded here: empty (the items above are the term entries only).
        search_store.vocabulary_and_stats = lambda *_args, **_kw: ({}, 0, 0.0)  # type: ignore[assignment]
        search_store.vocabulary_near = lambda *_args, **_kw: []  # type: ignore[assignment]
        cpu = []
        try:
            for query in queries * 5:
                started = time.thread_time()
                kb.search(reader, query)
                cpu.append((time.thread_time() - started) * 1000)
        finally:
            store.postings, store.get_articles = real_postings, real_get
            search_store.vocabulary_and_stats, search_store.vocabulary_near = real_vocabulary, real_near
        reset_connections()
        return {
            "articles": articles,
            "search_wall_ms_median (moto, grows with table size)": round(statistics.median(walls), 1),
            "search_dynamodb_calls_median": statistics.median(calls_per),
            "search_items_read_median": statistics.median(items_per),
            "search_items_read_max": max(items_per),
            "search_ranking_cpu_ms_median (reads from memory)": round(statistics.median(cpu), 2),
            "view_dynamodb_calls": len(view_calls),
            "view_operations": sorted({c.operation for c in view_calls}),
        }
