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


def ingestion(samples: int = 5) -> dict[str, Any]:
    from bench.__main__ import ENV

    os.environ.update(ENV)
    from chalicelib.local.motoserver import install_transaction_patch

    install_transaction_patch()
    from moto import mock_aws

    with mock_aws():
        import boto3
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant
        from chalicelib import config
        from chalicelib.services import channels
        from chalicelib.store import metering
        from chalicelib.store.blobs import reset_client
        from chalicelib.store.table import create_table, reset_connections

        reset_connections()
        reset_client()
        create_table(boto3.client("dynamodb"))
        for bucket in (config.attachments_bucket(), config.inbound_mail_bucket()):
            boto3.client("s3").create_bucket(Bucket=bucket)
        with Client(app, stage_name="local") as client:
            signup_tenant(client, "bench-mail")
        results: dict[str, Any] = {}
        for label, size in (("10 KB, no attachment", 0), ("5 MB, two attachments", 5 * 1024 * 1024)):
            walls, calls_per, items_per = [], [], []
            raw_size = 0
            for n in range(samples):
                raw = _message(n, size)
                raw_size = len(raw)
                with metering.metered() as calls:
                    started = time.perf_counter()
                    outcome = channels.ingest_email(raw)
                    walls.append((time.perf_counter() - started) * 1000)
                assert outcome.action == "created", outcome
                calls_per.append(len(calls))
                items_per.append(sum(c.items_read for c in calls))
            results[label] = {
                "raw_bytes": raw_size,
                "wall_ms_median": round(statistics.median(walls), 1),
                "dynamodb_calls": statistics.median(calls_per),
                "items_read": statistics.median(items_per),
            }
        reset_connections()
        reset_client()
        return results


def signature_verification(runs: int = 2000) -> dict[str, Any]:
    from chalicelib.domain.signing import signature, verify

    body = os.urandom(10 * 1024)
    secrets = ["whsec_" + "a" * 43, "whsec_" + "b" * 43]
    now = int(time.time())
    header = signature(secrets[1], now, body)  # the second secret: the worst case during rotation
    started = time.perf_counter()
    for _ in range(runs):
        assert verify(secrets, header, body, now)
    per_call = (time.perf_counter() - started) / runs
    return {"body_bytes": len(body), "secrets": len(secrets), "microseconds_per_verification": round(per_call * 1e6, 1)}
