"""POST /sla-policies/preview: the due times a ticket would get, by the functions that stamp tickets;
and the calendar rules the SLA editor relies on (no overlapping hours, bounded holidays)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant, stored_items

LONDON = {
    "timezone": "Europe/London",
    "hours": [{"day": day, "start": "09:00", "end": "17:00"} for day in range(5)],
}
DRAFT = {
    "name": "Draft",
    "first_response_hours": 4,
    "resolution_hours": 16,
    "priority_overrides": {"high": {"first_response_hours": 2, "resolution_hours": 8}},
    "calendar": LONDON,
}
MONDAY_8 = "2030-01-07T08:00:00Z"  # London is on UTC in January


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def preview(api: Client, tenant: Tenant, body: dict[str, Any], role: str = "manager") -> Any:
    return call(api, "POST", "/sla-policies/preview", tenant.token(role), body)


def test_unsaved_policy_preview_counts_business_hours_and_writes_nothing(api: Client, acme: Tenant) -> None:
    before = stored_items()
    reply = preview(api, acme, {"policy": DRAFT, "priority": "high", "created_at": MONDAY_8})
    assert reply.status == 200, reply.body
    body = reply.body
    # Created before opening: two working hours from 09:00, eight working hours end at 17:00.
    assert (body["first_response_due"], body["resolution_due"]) == (
        "2030-01-07T11:00:00.000000Z",
        "2030-01-07T17:00:00.000000Z",
    )
    assert body["business_hours_used"]["timezone"] == "Europe/London"
    assert body["business_hours_used"]["always_open"] is False
    assert body["policy_id"] is None
    assert "override for high" in body["explanation"]
    assert stored_items() == before


def test_normal_priority_uses_the_default_targets_across_the_night(api: Client, acme: Tenant) -> None:
    body = preview(api, acme, {"policy": DRAFT, "priority": "normal", "created_at": MONDAY_8}).body
    assert (body["first_response_due"], body["resolution_due"]) == (
        "2030-01-07T13:00:00.000000Z",
        "2030-01-08T17:00:00.000000Z",
    )


def test_a_holiday_moves_the_due_times_to_the_next_working_day(api: Client, acme: Tenant) -> None:
    policy = {**DRAFT, "calendar": {**LONDON, "holidays": ["2030-01-07"]}}
    body = preview(api, acme, {"policy": policy, "priority": "high", "created_at": MONDAY_8}).body
    assert (body["first_response_due"], body["resolution_due"]) == (
        "2030-01-08T11:00:00.000000Z",
        "2030-01-08T17:00:00.000000Z",
    )
    assert body["business_hours_used"]["holidays_in_range"] == ["2030-01-07"]
    assert "1 holiday" in body["explanation"]


def test_saved_policy_preview_matches_the_due_times_a_ticket_gets(api: Client, acme: Tenant) -> None:
    saved = call(api, "POST", "/sla-policies", acme.token("manager"), DRAFT).body
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer"}).body
    body = preview(
        api, acme, {"policy_id": saved["id"], "priority": ticket["priority"], "created_at": ticket["created_at"]}
    ).body
    assert body["policy_id"] == saved["id"]
    assert (body["first_response_due"], body["resolution_due"]) == (
        ticket["first_response_due"],
        ticket["resolution_due"],
    )


def test_preview_defaults_to_now_and_normal_priority(api: Client, acme: Tenant) -> None:
    reply = preview(api, acme, {"policy": {"name": "24x7", "first_response_hours": 1, "resolution_hours": 2}})
    assert reply.status == 200
    assert reply.body["priority"] == "normal"
    assert reply.body["business_hours_used"]["always_open"] is True


def test_agents_and_customers_may_not_preview(api: Client, acme: Tenant) -> None:
    for role in ("agent", "customer"):
        assert preview(api, acme, {"policy": DRAFT}, role=role).status == 403


def test_another_tenants_policy_is_404(api: Client, acme: Tenant) -> None:
    other = make_tenant(api, "globex")
    theirs = call(api, "POST", "/sla-policies", other.token("manager"), DRAFT).body
    reply = preview(api, acme, {"policy_id": theirs["id"]})
    assert (reply.status, reply.body["error"]["code"]) == (404, "not_found")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"policy": DRAFT, "policy_id": "abc"},
        {"policy": DRAFT, "created_at": "2030-01-07T08:00:00"},
        {"policy": DRAFT, "priority": "critical"},
    ],
)
def test_malformed_previews_are_422(api: Client, acme: Tenant, body: dict[str, Any]) -> None:
    reply = preview(api, acme, body)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_request")


def test_unsaved_policy_errors_name_the_policy_field(api: Client, acme: Tenant) -> None:
    reply = preview(api, acme, {"policy": {**DRAFT, "pause_statuses": ["open"]}})
    assert reply.status == 422
    assert [d["field"] for d in reply.body["error"]["details"]] == ["policy.pause_statuses"]


def test_attack_created_at_near_year_9999_is_422_not_an_overflow(api: Client, acme: Tenant) -> None:
    reply = preview(api, acme, {"policy": DRAFT, "created_at": "9999-12-31T12:00:00Z"})
    assert (reply.status, reply.body["error"]["details"][0]["field"]) == (422, "created_at")


def test_attack_calendar_that_never_reaches_the_target_is_422(api: Client, acme: Tenant) -> None:
    # One minute a week cannot hold a year of resolution time within the three-year search.
    sparse = {"hours": [{"day": 0, "start": "09:00", "end": "09:01"}]}
    reply = preview(api, acme, {"policy": {**DRAFT, "resolution_hours": 8760, "calendar": sparse}})
    assert (reply.status, reply.body["error"]["details"][0]["field"]) == (422, "policy.calendar")


def test_attack_overlapping_working_hours_are_refused(api: Client, acme: Tenant) -> None:
    # Overlaps would count the shared hours twice and make every ticket due too early.
    overlapping = {
        "timezone": "UTC",
        "hours": [{"day": 0, "start": "09:00", "end": "17:00"}, {"day": 0, "start": "12:00", "end": "13:00"}],
    }
    created = call(api, "POST", "/sla-policies", acme.token("manager"), {**DRAFT, "calendar": overlapping})
    assert (created.status, created.body["error"]["details"][0]["field"]) == (422, "calendar")
    previewed = preview(api, acme, {"policy": {**DRAFT, "calendar": overlapping}})
    assert (previewed.status, previewed.body["error"]["details"][0]["field"]) == (422, "policy.calendar")
    assert call(api, "GET", "/sla-policies", acme.token("manager")).body["items"] == []


def test_attack_unbounded_holiday_list_is_422(api: Client, acme: Tenant) -> None:
    holidays = [(date(2030, 1, 1) + timedelta(days=n)).isoformat() for n in range(1001)]
    reply = call(
        api, "POST", "/sla-policies", acme.token("manager"), {**DRAFT, "calendar": {**LONDON, "holidays": holidays}}
    )
    assert (reply.status, reply.body["error"]["details"][0]["field"]) == (422, "calendar")


def test_a_policy_stored_before_the_overlap_rule_still_loads_and_stamps(api: Client, acme: Tenant) -> None:
    from chalicelib.domain.clock import utcnow
    from chalicelib.domain.sla import SLAPolicy
    from chalicelib.store import sla as store

    now = utcnow()
    hours = [{"day": d, "start": "00:00", "end": "23:00"} for d in range(7)] + [
        {"day": 0, "start": "12:00", "end": "13:00"}
    ]
    legacy = {**DRAFT, "calendar": {"timezone": "UTC", "hours": hours}}
    store.create_policy(
        SLAPolicy.model_validate(
            {**legacy, "id": "legacy", "org_id": acme.org_id, "created_at": now, "updated_at": now}
        )
    )
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Old policy"})
    assert ticket.status == 201
    assert ticket.body["sla_policy_id"] == "legacy"
    assert call(api, "GET", "/sla-policies/legacy", acme.token("manager")).status == 200
