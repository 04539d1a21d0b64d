"""The dispatch board read (GET /dispatch-board): a page of technicians, each with their jobs and
work orders over a day or a week, for dispatchers only, never another organization's."""

from __future__ import annotations

from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_fieldservice import TUESDAY, acme, assign, technician, work_order

__all__ = ["acme"]  # the tenant fixture

WEEK = "from=2027-03-02&to=2027-03-08"
ALL_WEEK = {"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "23:59"}


def test_the_board_shows_each_technicians_jobs_in_the_range_with_their_work_orders(api: Client, acme: Tenant) -> None:
    busy = technician(api, acme, working_hours=ALL_WEEK)
    idle = technician(api, acme, working_hours=ALL_WEEK)
    inside = work_order(api, acme, scheduled_at=TUESDAY)
    later = work_order(api, acme, scheduled_at="2027-03-09T10:00:00Z")  # the day after the range
    for order in (inside, later):
        assert assign(api, acme, order["work_order_number"], busy["id"]).status == 201

    reply = call(api, "GET", f"/dispatch-board?{WEEK}", acme.token("manager"))

    assert reply.status == 200, reply.body
    assert (reply.body["first_day"], reply.body["last_day"]) == ("2027-03-02", "2027-03-08")
    rows = {row["technician"]["id"]: row for row in reply.body["items"]}
    assert set(rows) == {busy["id"], idle["id"]}
    jobs = rows[busy["id"]]["jobs"]
    assert [(j["job"]["work_order_number"], j["job"]["status"], j["job"]["slot_day"]) for j in jobs] == [
        (inside["work_order_number"], "assigned", "2027-03-02")
    ]
    assert jobs[0]["work_order"]["status"] == "dispatched"
    assert rows[idle["id"]]["jobs"] == []
    assert not rows[busy["id"]]["more_jobs"]


def test_the_board_pages_through_technicians(api: Client, acme: Tenant) -> None:
    made = {technician(api, acme)["id"] for _ in range(3)}
    seen: list[str] = []
    cursor = None
    while True:
        query = f"/dispatch-board?{WEEK}&limit=2" + (f"&cursor={cursor}" if cursor else "")
        reply = call(api, "GET", query, acme.token("admin"))
        assert reply.status == 200, reply.body
        assert len(reply.body["items"]) <= 2
        seen += [row["technician"]["id"] for row in reply.body["items"]]
        cursor = reply.body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)


def test_only_dispatchers_read_the_board(api: Client, acme: Tenant) -> None:
    # A technician (agent) sees their own jobs at /technicians/me/jobs, never the whole crew's.
    technician(api, acme, acme.user_id("agent"))
    for role in ("agent", "customer"):
        reply = call(api, "GET", f"/dispatch-board?{WEEK}", acme.token(role))
        assert reply.status == 403, (role, reply.body)
        assert reply.body["error"]["code"] == "forbidden"
    assert call(api, "GET", f"/dispatch-board?{WEEK}").status == 401


def test_the_board_never_shows_another_organizations_crew(api: Client, acme: Tenant) -> None:
    tech = technician(api, acme, working_hours=ALL_WEEK)
    order = work_order(api, acme, scheduled_at=TUESDAY)
    assert assign(api, acme, order["work_order_number"], tech["id"]).status == 201
    globex = make_tenant(api, "globex")

    reply = call(api, "GET", f"/dispatch-board?{WEEK}", globex.token("admin"))

    assert reply.status == 200, reply.body
    assert reply.body["items"] == []


def test_a_board_range_is_one_to_seven_days(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    for query in ("from=2027-03-02&to=2027-03-09", "from=2027-03-02&to=2027-03-01", "from=2027-03-02"):
        reply = call(api, "GET", f"/dispatch-board?{query}", token)
        assert reply.status == 422, (query, reply.body)
        assert reply.body["error"]["code"] in ("invalid_query", "invalid_request"), reply.body
    one_day = call(api, "GET", "/dispatch-board?from=2027-03-02&to=2027-03-02", token)
    assert one_day.status == 200, one_day.body
