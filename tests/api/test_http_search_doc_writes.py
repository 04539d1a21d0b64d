"""The search document keeps no copy of the ticket's own texts (subject, description, tags): queries
read them from the ticket loaded with the document, so each re-index writes less. Documents written
before, with the copy, answer the same."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from chalice.test import Client

from chalicelib.store import search as search_store
from chalicelib.store import tickets as ticket_store
from tests.api.helpers import Tenant, call, make_tenant
from tests.conftest import StreamPump


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def _open(api: Client, acme: Tenant, subject: str, description: str) -> dict[str, Any]:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject, "description": description})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def _search(api: Client, acme: Tenant, q: str, role: str = "agent") -> Any:
    reply = call(api, "GET", f"/search/tickets?q={quote(q)}", acme.token(role))
    assert reply.status == 200, reply.body
    return reply.body


def _doc_item(acme: Tenant, number: int) -> search_store.SearchDocItem:
    return search_store.SearchDocItem.get(search_store.doc_pk(acme.org_id, number), search_store.DOC_SK)


def test_the_document_holds_no_copy_of_the_tickets_texts_and_the_hit_highlights_them(
    api: Client, acme: Tenant, stream: StreamPump
) -> None:
    ticket = _open(api, acme, "Invoice is wrong", "The amount on my invoice is too high.")
    stream.drain()
    doc = dict(_doc_item(acme, ticket["number"]).data)
    assert "subject" not in doc
    assert "description" not in doc
    assert "invoic" in doc["terms"]
    body = _search(api, acme, '"invoice is wrong"')
    assert [h["ticket"]["number"] for h in body["items"]] == [ticket["number"]]
    fields = {h["field"] for h in body["items"][0]["highlights"]}
    assert {"subject", "description"} <= fields


def test_a_document_written_with_the_copy_answers_the_same(api: Client, acme: Tenant, stream: StreamPump) -> None:
    ticket = _open(api, acme, "Printer jams", "It jams on page two.")
    call(api, "PATCH", f"/tickets/{ticket['ticket_number']}", acme.token("agent"), {"tags": ["hardware"]})
    stream.drain()
    before = _search(api, acme, "printer jams")
    item = _doc_item(acme, ticket["number"])
    # As documents were written before: the ticket's texts copied in (even a stale copy is unused).
    item.data = {**item.data, "subject": "Stale subject", "description": "stale", "tags": "stale"}
    item.save()
    after = _search(api, acme, "printer jams")
    assert after == before
    assert [h["ticket"]["number"] for h in _search(api, acme, "hardware")["items"]] == [ticket["number"]]


def test_an_edit_that_leaves_the_indexed_words_alone_writes_no_document(
    api: Client, acme: Tenant, stream: StreamPump
) -> None:
    ticket = _open(api, acme, "Printer jams", "It jams on page two.")
    stream.drain()
    version = _doc_item(acme, ticket["number"]).version
    path = f"/tickets/{ticket['ticket_number']}"
    reply = call(api, "PATCH", path, acme.token("agent"), {"subject": "Printer jams!"})
    assert reply.status == 200, reply.body
    stream.drain()
    assert _doc_item(acme, ticket["number"]).version == version  # same words: nothing rewritten
    highlights = _search(api, acme, "printer")["items"][0]["highlights"]
    assert any(h["field"] == "subject" for h in highlights)
    stored = ticket_store.get_ticket(acme.org_id, ticket["number"])
    assert stored is not None
    assert stored.subject == "Printer jams!"
