"""The bench's operations run against the local stack's database server, as ``make bench`` runs them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from chalicelib.store.blobs import reset_client


@pytest.fixture
def bench_client(server_table: str) -> Iterator[Client]:
    """The Chalice test client on the real app, the table and buckets on the locked moto server."""
    from app import app
    from bench import operations

    s3: Any = boto3.client("s3")
    for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
        s3.create_bucket(Bucket=bucket)
    reset_client()
    # A shared setup is cached per client: a later test's client may reuse a freed one's id.
    operations.forget_shared()
    with Client(app, stage_name="local") as client:
        yield client
    operations.forget_shared()
    reset_client()
