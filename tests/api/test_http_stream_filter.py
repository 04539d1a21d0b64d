"""The table stream's filter end to end: the tests' stream pump applies the subscribers' declared kinds
as the deployed event source mapping does, so a declaration that misses a kind its subscriber needs
loses that subscriber's effect, and the suite sees it."""

from __future__ import annotations

import pytest
from chalice.test import Client

from chalicelib.jobs import search_index
from chalicelib.jobs import stream as jobs_stream
from tests.api.helpers import Tenant, make_tenant
from tests.api.test_http_search import comment, numbers, open_ticket, search
from tests.conftest import StreamPump


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def test_records_nobody_acts_on_are_filtered_out_and_the_rest_delivered(
    api: Client, acme: Tenant, stream: StreamPump
) -> None:
    number = open_ticket(api, acme, "Scanner offline")
    comment(api, acme, number, "Rebooted the toner unit.")
    stream.drain()
    assert stream.poller.filtered > stream.poller.delivered > 0, "queue entries, counters, postings: filtered"
    assert numbers(search(api, acme, "toner", "manager")) == [number], "the comment reached the search subscriber"


def test_a_declaration_missing_a_kind_its_subscriber_needs_loses_its_effect(
    api: Client, acme: Tenant, stream: StreamPump, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = open_ticket(api, acme, "Scanner offline")
    stream.drain()
    jobs_stream.load_subscribers()
    narrow = dict(jobs_stream.DECLARED[search_index.on_search_change])
    del narrow["TicketComment"]  # too narrow: comments no longer reach the search index
    monkeypatch.setitem(jobs_stream.DECLARED, search_index.on_search_change, narrow)
    comment(api, acme, number, "Rebooted the toner unit.", kind="internal")
    stream.drain()
    assert numbers(search(api, acme, "scanner", "manager")) == [number]
    assert numbers(search(api, acme, "toner", "manager")) == [], "the comment was filtered out before the handler"
