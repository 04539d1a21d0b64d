"""The HTTP conventions every route shares (``chalicelib.api.http``): ETag / If-Match / 412,
If-None-Match / 304, DELETE 204, 422 for field validation, one ``error.details`` shape, Location on
201, one timestamp format. Everything goes through the app's real routes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Reply, Tenant, call, make_tenant

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
# Anything that looks like a date and time, whatever its format.
TIME_LIKE = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, **headers: str) -> Reply:
    body = {"subject": "Printer on fire", "description": "Smoke everywhere"}
    return call(api, "POST", "/tickets", tenant.token("customer"), body, headers)


def patch_ticket(api: Client, tenant: Tenant, number: str, if_match: str | None, priority: str = "high") -> Reply:
    headers = {"If-Match": if_match} if if_match is not None else {}
    return call(api, "PATCH", f"/tickets/{number}", tenant.token("agent"), {"priority": priority}, headers)


def create_customer(api: Client, tenant: Tenant) -> Reply:
    body = {"user_id": tenant.user_id("customer"), "company": "Initech"}
    return call(api, "POST", "/customers", tenant.token("admin"), body)


# --- ETag and If-Match ---------------------------------------------------------------------------


def test_reads_and_writes_carry_the_version_as_a_strong_etag(api: Client, acme: Tenant) -> None:
    created = open_ticket(api, acme)
    assert created.headers["ETag"] == f'"{created.body["version"]}"'
    number = created.body["ticket_number"]
    read = call(api, "GET", f"/tickets/{number}", acme.token("agent"))
    assert read.headers["ETag"] == f'"{read.body["version"]}"'
    updated = patch_ticket(api, acme, number, read.headers["ETag"])
    assert updated.status == 200
    assert updated.headers["ETag"] == f'"{read.body["version"] + 1}"' == f'"{updated.body["version"]}"'


@pytest.mark.parametrize("form", ['"{v}"', 'W/"{v}"', "{v}"])
def test_if_match_accepts_the_etag_the_weak_tag_and_the_bare_version(api: Client, acme: Tenant, form: str) -> None:
    created = open_ticket(api, acme).body
    reply = patch_ticket(api, acme, created["ticket_number"], form.format(v=created["version"]))
    assert reply.status == 200, reply.body
    assert reply.body["priority"] == "high"


def test_a_stale_if_match_is_412_precondition_failed_and_changes_nothing(api: Client, acme: Tenant) -> None:
    created = open_ticket(api, acme).body
    number, seen = created["ticket_number"], f'"{created["version"]}"'
    assert patch_ticket(api, acme, number, seen, priority="low").status == 200  # someone else moved it on
    stale = patch_ticket(api, acme, number, seen, priority="urgent")
    assert stale.status == 412
    assert stale.body["error"]["code"] == "precondition_failed"
    assert stale.body["error"]["details"][0]["field"] == "If-Match"
    assert call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["priority"] == "low"


def test_without_if_match_a_write_applies_to_the_current_state(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme).body["ticket_number"]
    assert patch_ticket(api, acme, number, None, priority="low").status == 200
    assert patch_ticket(api, acme, number, None, priority="urgent").status == 200


def test_a_malformed_if_match_is_400_and_changes_nothing(api: Client, acme: Tenant) -> None:
    created = open_ticket(api, acme).body
    reply = patch_ticket(api, acme, created["ticket_number"], "version-one")
    assert reply.status == 400
    assert reply.body["error"]["code"] == "invalid_if_match"
    read = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("agent")).body
    assert read["version"] == created["version"]


def test_a_stale_if_match_on_other_resources_is_412_too(api: Client, acme: Tenant) -> None:
    customer = create_customer(api, acme).body
    path = f"/customers/{customer['id']}"
    headers = {"If-Match": '"999"'}
    reply = call(api, "PATCH", path, acme.token("admin"), {"company": "Initrode"}, headers)
    assert reply.status == 412
    assert reply.body["error"]["code"] == "precondition_failed"
    organization = call(api, "PATCH", "/organization", acme.token("admin"), {"name": "Other"}, headers)
    assert organization.status == 412


# --- If-None-Match and 304 -----------------------------------------------------------------------


def test_if_none_match_with_the_current_etag_is_304_without_a_body(api: Client, acme: Tenant) -> None:
    customer = create_customer(api, acme)
    path = f"/customers/{customer.body['id']}"
    reply = call(api, "GET", path, acme.token("admin"), headers={"If-None-Match": customer.headers["ETag"]})
    assert reply.status == 304
    assert reply.body is None
    assert reply.headers["ETag"] == customer.headers["ETag"]


def test_if_none_match_with_an_old_etag_gets_the_new_representation(api: Client, acme: Tenant) -> None:
    customer = create_customer(api, acme)
    path = f"/customers/{customer.body['id']}"
    assert call(api, "PATCH", path, acme.token("admin"), {"company": "Initrode"}).status == 200
    reply = call(api, "GET", path, acme.token("admin"), headers={"If-None-Match": customer.headers["ETag"]})
    assert reply.status == 200
    assert reply.body["company"] == "Initrode"
    assert reply.headers["ETag"] == f'"{reply.body["version"]}"'


def test_a_comment_moves_the_ticket_etag_so_an_old_one_gets_the_comment(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme).body["ticket_number"]
    first = call(api, "GET", f"/tickets/{number}", acme.token("agent"))
    etag = {"If-None-Match": first.headers["ETag"]}
    comment = {"content": "On it"}
    assert call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), comment).status == 201
    after = call(api, "GET", f"/tickets/{number}", acme.token("agent"), headers=etag)
    assert after.status == 200
    assert after.headers["ETag"] != first.headers["ETag"]
    assert [c["content"] for c in after.body["comments"]][-1] == "On it"


def test_if_none_match_is_checked_after_authorization(api: Client, acme: Tenant) -> None:
    customer = create_customer(api, acme)
    path = f"/customers/{customer.body['id']}"
    other = make_tenant(api, "globex")
    reply = call(api, "GET", path, other.token("admin"), headers={"If-None-Match": customer.headers["ETag"]})
    assert reply.status == 404


# --- DELETE answers 204 ----------------------------------------------------------------------------


def test_delete_answers_204_with_no_body_and_the_thing_is_in_the_trash(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme).body["ticket_number"]
    reply = call(api, "DELETE", f"/tickets/{number}", acme.token("admin"))
    assert (reply.status, reply.body) == (204, None)
    assert call(api, "GET", f"/tickets/{number}", acme.token("admin")).status == 404
    customer = create_customer(api, acme).body
    deleted = call(api, "DELETE", f"/customers/{customer['id']}", acme.token("admin"))
    assert (deleted.status, deleted.body) == (204, None)
    user = call(api, "DELETE", f"/users/{acme.user_id('agent2')}", acme.token("admin"))
    assert (user.status, user.body) == (204, None)
    assert call(api, "GET", f"/users/{acme.user_id('agent2')}", acme.token("admin")).status == 404


# --- 422 for fields, 400 for what cannot be parsed --------------------------------------------------


def test_field_validation_is_422_and_unparseable_input_is_400(api: Client, acme: Tenant) -> None:
    token = acme.token("customer")
    wrong_type = call(api, "POST", "/tickets", token, {"subject": 12, "description": "d"})
    assert (wrong_type.status, wrong_type.body["error"]["code"]) == (422, "invalid_request")
    unknown = call(api, "POST", "/tickets", token, {"subject": "s", "description": "d", "colour": "red"})
    assert (unknown.status, unknown.body["error"]["code"]) == (422, "invalid_request")
    query = call(api, "GET", "/tickets?limit=1000", token)
    assert (query.status, query.body["error"]["code"]) == (422, "invalid_query")
    sent = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    malformed = api.http.post("/tickets", headers=sent, body="{not json")
    assert malformed.status_code == 400
    not_object = api.http.post("/tickets", headers=sent, body="[1, 2]")
    assert not_object.status_code == 400
    cursor = call(api, "GET", "/tickets?cursor=not-a-cursor", token)
    assert (cursor.status, cursor.body["error"]["code"]) == (400, "invalid_cursor")


def test_a_timestamp_without_an_offset_is_422_naming_the_field(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    naive = call(api, "GET", "/tickets?updated_since=2026-11-29T09:00:00", token)
    assert naive.status == 422
    assert naive.body["error"]["code"] == "invalid_query"
    assert [d["field"] for d in naive.body["error"]["details"]] == ["updated_since"]
    for aware in ("2026-11-29T09:00:00Z", "2026-11-29T09:00:00%2B02:00"):
        assert call(api, "GET", f"/tickets?updated_since={aware}", token).status == 200, aware


# --- error.details: a list of objects, one shape ----------------------------------------------------


def test_every_error_detail_is_an_object_with_field_message_and_type(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme).body["ticket_number"]
    admin, customer = acme.token("admin"), acme.token("customer")
    sent = {"Content-Type": "application/json", "Authorization": f"Bearer {admin}"}
    raw = api.http.post("/tickets", headers=sent, body="{not json")
    failures: list[tuple[int, dict[str, Any]]] = [(raw.status_code, json.loads(raw.body))]
    for reply in (
        call(api, "POST", "/tickets", customer, {"subject": 12, "description": "d", "x": 1}),
        call(api, "GET", "/tickets?limit=0&colour=red", admin),
        call(api, "GET", "/tickets?cursor=abc", admin),
        call(api, "GET", "/tickets/T-404", admin),
        call(api, "GET", "/users", customer),
        patch_ticket(api, acme, number, '"99"'),
        patch_ticket(api, acme, number, "nope"),
        call(api, "POST", "/users", admin, {"email": "not-an-email", "username": "x1x", "role": "agent"}),
        call(api, "POST", f"/users/{acme.user_id('agent')}/permissions", admin, {"permission": "fly"}),
        call(api, "PATCH", f"/tickets/{number}", admin, {"status": "closed"}),
        call(api, "POST", "/tickets", customer, {"subject": "s", "description": "d"}, {"Idempotency-Key": " "}),
    ):
        failures.append((reply.status, reply.body))
    for status, body in failures:
        assert status >= 400
        assert set(body) == {"error"}
        error = body["error"]
        assert isinstance(error["details"], list), body
        for detail in error["details"]:
            assert isinstance(detail, dict), body
            assert {"field", "message", "type"} <= set(detail), body
            assert detail["field"] is None or isinstance(detail["field"], str)
            assert isinstance(detail["message"], str)
            assert isinstance(detail["type"], str)
    assert {status for status, _ in failures} >= {400, 403, 404, 409, 412, 422}


# --- Location on 201, rating is 201 ------------------------------------------------------------------


def test_every_create_says_where_the_created_thing_is(api: Client, acme: Tenant) -> None:
    created = open_ticket(api, acme)
    number = created.body["ticket_number"]
    assert created.headers["Location"] == f"/tickets/{number}"
    assert call(api, "GET", created.headers["Location"], acme.token("agent")).status == 200
    customer = create_customer(api, acme)
    assert customer.headers["Location"] == f"/customers/{customer.body['id']}"
    assert call(api, "GET", customer.headers["Location"], acme.token("admin")).body == customer.body


def test_rating_a_ticket_is_201_with_the_ticket_as_location(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme).body["ticket_number"]
    assert patch_ticket(api, acme, number, None).status == 200
    solved = call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "solved"})
    assert solved.status == 200, solved.body
    rated = call(api, "POST", f"/tickets/{number}/satisfaction", acme.token("customer"), {"score": 5})
    assert rated.status == 201, rated.body
    assert rated.headers["Location"] == f"/tickets/{number}"
    assert rated.body["customer_satisfaction_score"] == 5


# --- One timestamp format ------------------------------------------------------------------------------


def time_values(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [found for item in value.values() for found in time_values(item)]
    if isinstance(value, list):
        return [found for item in value for found in time_values(item)]
    return [value] if isinstance(value, str) and TIME_LIKE.match(value) else []


def test_every_timestamp_is_rfc3339_utc_with_six_fractional_digits(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme).body["ticket_number"]
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "hi"})
    create_customer(api, acme)
    bodies = [
        call(api, "GET", f"/tickets/{number}", acme.token("agent")).body,
        call(api, "GET", f"/tickets/{number}/history", acme.token("agent")).body,
        call(api, "GET", "/tickets", acme.token("agent")).body,
        call(api, "GET", "/customers", acme.token("admin")).body,
        call(api, "GET", "/users", acme.token("admin")).body,
        call(api, "GET", "/organization", acme.token("admin")).body,
        call(api, "GET", "/automation-rules", acme.token("admin")).body,
    ]
    found = [value for body in bodies for value in time_values(body)]
    assert len(found) > 10
    assert [value for value in found if not TIMESTAMP.match(value)] == []
