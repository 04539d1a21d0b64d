"""The local inbox watcher stands in for SES + EventBridge: an object in incoming/ reaches ingest_email."""

from __future__ import annotations

from pathlib import Path

import boto3
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
