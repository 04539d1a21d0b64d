"""The ticket item stores only the fields that differ from their defaults (a kilobyte less per write
and per queue-index entry); tickets stored before, with every default, read and update the same."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from chalicelib.domain.identity import Role
from chalicelib.domain.live import Connection
from chalicelib.domain.tickets import Ticket
from chalicelib.store import tickets as ticket_store
from chalicelib.store.changes import TableChange
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def _open(api: Client, acme: Tenant) -> dict[str, Any]:
    body = {"subject": "Printer jams", "description": "On page two.", "customer_id": acme.user_id("customer")}
    reply = call(api, "POST", "/tickets", acme.token("agent"), body)
    assert reply.status == 201, reply.body
    return dict(reply.body)


def _stored_data(acme: Tenant, number: int) -> dict[str, Any]:
    item = ticket_store.TicketItem.get(ticket_store.ticket_pk(acme.org_id, number), "TICKET")
    return dict(item.data)


def _store_with_defaults(acme: Tenant, number: int) -> dict[str, Any]:
    """Rewrite the item's data as it was stored before the compact form: every field, defaults included
    (version and every other attribute untouched)."""
    ticket = ticket_store.get_ticket(acme.org_id, number)
    assert ticket is not None
    full = ticket.model_dump(mode="json", exclude={"version"})
    boto3.client("dynamodb").update_item(
        TableName=config.table_name(),
        Key={"PK": {"S": ticket_store.ticket_pk(acme.org_id, number)}, "SK": {"S": "TICKET"}},
        UpdateExpression="SET #d = :d",
        ExpressionAttributeNames={"#d": "data"},
        ExpressionAttributeValues={":d": {"S": json.dumps(full)}},
    )
    return full


def test_a_new_ticket_is_stored_without_its_defaults_and_answers_every_field(api: Client, acme: Tenant) -> None:
    created = _open(api, acme)
    stored = _stored_data(acme, created["number"])
    for default in ("tags", "custom_fields", "sla_breach", "closed_at", "merged_from", "child_count", "is_active"):
        assert default not in stored
    assert stored["subject"] == "Printer jams"
    shown = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("agent")).body
    assert shown["tags"] == []
    assert shown["custom_fields"] == {}
    assert shown["sla_breach"] is False
    assert shown["closed_at"] is None
    assert shown["child_count"] == 0
    assert shown["status"] == "new"


def test_a_ticket_stored_with_its_defaults_reads_the_same_and_updates(api: Client, acme: Tenant) -> None:
    created = _open(api, acme)
    path = f"/tickets/{created['ticket_number']}"
    compact = call(api, "GET", path, acme.token("agent"))
    _store_with_defaults(acme, created["number"])
    assert "tags" in _stored_data(acme, created["number"])

    old_form = call(api, "GET", path, acme.token("agent"))
    assert old_form.status == 200
    assert old_form.body == compact.body
    assert old_form.headers.get("ETag") == compact.headers.get("ETag")

    reply = call(api, "PATCH", path, acme.token("agent"), {"tags": ["printer"]}, {"If-Match": compact.headers["ETag"]})
    assert reply.status == 200, reply.body
    assert reply.body["tags"] == ["printer"]
    assert reply.body["version"] == created["version"] + 1
    stored = _stored_data(acme, created["number"])
    assert stored["tags"] == ["printer"]
    assert "custom_fields" not in stored


def test_an_old_form_ticket_answers_list_filters_and_orders_like_a_new_one(api: Client, acme: Tenant) -> None:
    old = _open(api, acme)
    _store_with_defaults(acme, old["number"])
    new = _open(api, acme)
    token = acme.token("admin")
    queries = ("view=all&status=new", "view=all&priority=normal", f"view=all&customer_id={acme.user_id('customer')}")
    for query in (*queries, "view=unassigned", "view=all&sort=-priority", "view=all&sort=sla_due_at"):
        numbers = {t["number"] for t in call(api, "GET", f"/tickets?{query}", token).body["items"]}
        assert {old["number"], new["number"]} <= numbers, query


def _images(acme: Tenant, number: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Stream images of one unchanged ticket: stored with its defaults (before) and compact (after)."""
    full = _store_with_defaults(acme, number)
    item = ticket_store.TicketItem.get(ticket_store.ticket_pk(acme.org_id, number), "TICKET")
    old = {"type": "Ticket", "version": item.version, "data": json.dumps(full)}
    new = {
        "type": "Ticket",
        "version": item.version,
        "data": json.dumps(ticket_store.ticket_item(ticket_store.to_ticket(item)).data),
    }
    return old, new


def test_rewriting_an_old_form_ticket_in_the_compact_form_changes_nothing_the_stream_reacts_to(
    api: Client, acme: Tenant
) -> None:
    from chalicelib.jobs import automation, live
    from chalicelib.services import search

    created = _open(api, acme)
    old, new = _images(acme, created["number"])
    assert len(new["data"]) < len(old["data"])
    assert not search.searchable_change(old, new)  # no search document rewrite
    change = TableChange(
        "MODIFY", "1", ticket_store.ticket_pk(acme.org_id, created["number"]), "TICKET", "Ticket", old, new
    )
    event = live.ticket_event(change)
    assert event is not None
    customer = Connection(
        connection_id="c1",
        org_id=acme.org_id,
        user_id=acme.user_id("customer"),
        role=Role.CUSTOMER,
        credential_id="s1",
        kind="session",
        permissions=frozenset(),
        allowed_actions=None,
        ticket_number=None,
        departments=None,
        valid_until=datetime.now(UTC) + timedelta(minutes=5),
        topics=("inbox",),
    )
    assert not event.audience(customer)  # nothing a customer sees changed
    assert automation.ticket_of(old) == automation.ticket_of(new)  # no ticket_updated for the rules


def test_a_change_between_the_two_forms_is_still_seen(api: Client, acme: Tenant) -> None:
    from chalicelib.services import search

    created = _open(api, acme)
    old, new = _images(acme, created["number"])
    changed = Ticket.model_validate({**json.loads(new["data"]), "tags": ["vip"]})
    new["data"] = json.dumps(ticket_store.ticket_item(changed).data)
    assert search.searchable_change(old, new)


def test_the_ticket_json_is_stored_without_spaces_and_json_with_spaces_still_reads(api: Client, acme: Tenant) -> None:
    created = _open(api, acme)
    key = {"PK": {"S": ticket_store.ticket_pk(acme.org_id, created["number"])}, "SK": {"S": "TICKET"}}
    raw = boto3.client("dynamodb").get_item(TableName=config.table_name(), Key=key)["Item"]["data"]["S"]
    assert json.loads(raw)["subject"] == "Printer jams"
    assert ", " not in raw.replace(created["description"], "")
    assert '": ' not in raw
    full = _store_with_defaults(acme, created["number"])  # json.dumps's default separators, as written before
    raw = boto3.client("dynamodb").get_item(TableName=config.table_name(), Key=key)["Item"]["data"]["S"]
    assert '": ' in raw
    assert ticket_store.get_ticket(acme.org_id, created["number"]) == Ticket.model_validate({**full, "version": 1})
