"""The local inbox watcher stands in for SES + EventBridge: an object in incoming/ reaches ingest_email."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from chalicelib.local.inbox import InboxWatcher, inbox_handlers
from tests.api.helpers import call, make_tenant

MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


def test_the_watcher_delivers_new_mail_to_the_handler(api: Client) -> None:
    from app import app

    acme = make_tenant(api, "acme")
    assert inbox_handlers(app, config.inbound_mail_bucket()) == ["ingest_email"]
    s3 = boto3.client("s3")
    watcher = InboxWatcher(app, s3, config.inbound_mail_bucket(), "us-east-1")
    s3.put_object(Bucket=config.inbound_mail_bucket(), Key="incoming/a.eml", Body=(MAIL / "plain.eml").read_bytes())
    assert watcher.poll_once() == 1
    assert watcher.poll_once() == 0, "processed mail left incoming/"
    tickets = call(api, "GET", "/tickets", acme.token("admin")).body["items"]
    assert [t["subject"] for t in tickets] == ["Printer on fire"]


def test_a_delivery_that_failed_is_delivered_again_on_the_next_poll(
    api: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failed run deleted its idempotency record, so the same event (same etag and sequencer) runs again."""
    from app import app
    from chalicelib.store import blobs

    acme = make_tenant(api, "acme")
    s3 = boto3.client("s3")
    watcher = InboxWatcher(app, s3, config.inbound_mail_bucket(), "us-east-1")
    s3.put_object(Bucket=config.inbound_mail_bucket(), Key="incoming/a.eml", Body=(MAIL / "plain.eml").read_bytes())
    events: list[dict[str, Any]] = []
    real_handler = app.handler_map["ingest_email"]

    def spy(event: dict[str, Any], context: Any) -> Any:
        events.append(event)
        return real_handler(event, context)

    monkeypatch.setitem(app.handler_map, "ingest_email", spy)
    real_move = blobs.move_inbound

    def unavailable(key: str, destination: str, metadata: dict[str, str] | None = None) -> None:
        raise RuntimeError("S3 is unavailable")

    monkeypatch.setattr(blobs, "move_inbound", unavailable)
    assert (watcher.poll_once(), watcher.delivered) == (1, 0)
    monkeypatch.setattr(blobs, "move_inbound", real_move)
    assert (watcher.poll_once(), watcher.delivered) == (1, 1)
    assert watcher.poll_once() == 0
    first, second = (e["detail"]["object"] for e in events)
    assert first == second
    assert first["etag"]
    assert '"' not in first["etag"]
    assert first["sequencer"]
    tickets = call(api, "GET", "/tickets", acme.token("admin")).body["items"]
    assert [t["subject"] for t in tickets] == ["Printer on fire"]
