"""The backfill of the tickets report's flow counters (python -m chalicelib.jobs.backfill_report_counters):
tickets stored before the counters existed are counted once, however often it runs, and ticket
changes made while it runs are neither lost nor counted twice. Checked through GET /reports/tickets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.jobs import backfill_report_counters as backfill
from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_http_tickets_report import at, backlog, flow, open_ticket, patch, report

# What the report says once every ticket below is counted (see ``older_tickets``).
WHOLE = {"2026-03-02": (3, 0), "2026-03-03": (0, 1), "2026-03-05": (1, 1)}
WHOLE_BACKLOG = {"lt_1d": 0, "1_3d": 1, "3_7d": 1, "7_30d": 0, "gt_30d": 0}


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def forget_flow_counters(org_id: str) -> None:
    """As if the tickets so far were stored before the flow counters existed."""
    from chalicelib.store.reports import TicketFlowItem, stats_pk

    for item in TicketFlowItem.query(stats_pk(org_id), TicketFlowItem.SK.startswith("FLOW#")):
        item.delete()


def older_tickets(api: Client, acme: Tenant) -> list[str]:
    """A, B, C created on 03-02 (A solved 03-03) before the counters; then B solved and D created
    on 03-05 with the counters in place. Returns [A, B, C, D]."""
    with at(timedelta()):
        a, b, c = (open_ticket(api, acme, s) for s in "ABC")
    with at(timedelta(days=1)):
        patch(api, acme, a, status="solved")
    forget_flow_counters(acme.org_id)
    with at(timedelta(days=3)):
        patch(api, acme, b, status="solved")  # takes back an "open" it never added
        d = open_ticket(api, acme, "D")
    return [a, b, c, d]


def test_tickets_older_than_the_counters_are_counted_once_by_the_backfill(api: Client, acme: Tenant) -> None:
    older_tickets(api, acme)
    with at(timedelta(days=4)):
        before = report(api, acme)
    assert flow(before) == {"2026-03-05": (1, 1)}, "the older tickets are missing"
    assert backlog(before) != WHOLE_BACKLOG

    with at(timedelta(days=4)):
        result = backfill.run([acme.org_id])
        body = report(api, acme)
    assert result["by_organization"][acme.org_id]["skipped"] is False
    assert result["by_organization"][acme.org_id]["tickets"] == 4
    assert flow(body) == WHOLE
    assert backlog(body) == WHOLE_BACKLOG

    # Run twice: counted once (the organization is marked done and skipped).
    with at(timedelta(days=4)):
        again = backfill.run([acme.org_id])
        assert flow(report(api, acme)) == WHOLE
    assert (again["skipped"], again["rows_written"]) == (1, 0)


def test_an_interrupted_backfill_resumes_and_rewrites_nothing_already_right(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.store import reports

    older_tickets(api, acme)
    globex = make_tenant(api, "globex")
    open_ticket(api, globex)
    forget_flow_counters(globex.org_id)
    written = []
    real = reports.replace_flow_row

    def interrupted(org_id: str, *args: Any) -> bool:
        if org_id == globex.org_id:
            raise KeyboardInterrupt  # the operator stopped it after acme's rows were written
        written.append(org_id)
        return real(org_id, *args)

    monkeypatch.setattr(reports, "replace_flow_row", interrupted)
    with at(timedelta(days=4)), pytest.raises(KeyboardInterrupt):
        backfill.run([acme.org_id, globex.org_id])
    monkeypatch.setattr(reports, "replace_flow_row", real)
    with at(timedelta(days=4)):
        resumed = backfill.run([acme.org_id, globex.org_id])
        assert flow(report(api, acme)) == WHOLE
    assert resumed["by_organization"][acme.org_id]["skipped"] is True
    assert resumed["by_organization"][globex.org_id]["skipped"] is False
    assert written == [acme.org_id] * 2  # 03-02 and 03-03; 03-05 was right already

    # Forced again (the mark removed): every row is already right, nothing is written.
    from chalicelib.store.reports import BACKFILL_SK, TicketFlowBackfillItem, stats_pk

    TicketFlowBackfillItem.get(stats_pk(acme.org_id), BACKFILL_SK).delete()
    with at(timedelta(days=4)):
        assert backfill.run([acme.org_id])["rows_written"] == 0
        assert flow(report(api, acme)) == WHOLE


def _reading_with(monkeypatch: pytest.MonkeyPatch, before: Any, after: Any) -> None:
    """The backfill's first reading of the tickets runs ``before`` first and ``after`` once done: ticket
    writes that land while it reads."""
    from chalicelib.store import reindex

    real = reindex.every_ticket
    calls = []

    def reading(org_id: str) -> Iterator[Any]:
        calls.append(org_id)
        if len(calls) == 1:
            before()
        yield from real(org_id)
        if len(calls) == 1:
            after()

    monkeypatch.setattr(reindex, "every_ticket", reading)


def test_a_ticket_solved_and_reopened_while_the_backfill_reads_is_counted_as_it_ends(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, c, _ = older_tickets(api, acme)

    def solve() -> None:
        patch(api, acme, c, status="solved")

    def reopen() -> None:
        reply = call(api, "POST", f"/tickets/{c}/comments", acme.token("customer"), {"content": "Still broken"})
        assert reply.status == 201, reply.body

    # On the day D was created the rows C touches exist and end where they were read (solved, then
    # reopened): only their revision tells that the reading saw C in between.
    _reading_with(monkeypatch, solve, reopen)
    with at(timedelta(days=3, hours=1)):
        result = backfill.run([acme.org_id])
        body = report(api, acme)
    assert flow(body) == WHOLE
    assert backlog(body) == {**WHOLE_BACKLOG, "lt_1d": 1, "1_3d": 0}
    assert result["by_organization"][acme.org_id]["attempts"] == 2


def test_tickets_created_and_solved_while_the_backfill_reads_are_counted_once(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, c, _ = older_tickets(api, acme)
    created = []

    def create() -> None:
        created.append(open_ticket(api, acme, "During"))

    def solve_and_create() -> None:
        patch(api, acme, c, status="solved")
        created.append(open_ticket(api, acme, "After"))

    _reading_with(monkeypatch, create, solve_and_create)
    with at(timedelta(days=4)):
        backfill.run([acme.org_id])
        body = report(api, acme)
    assert flow(body) == {**WHOLE, "2026-03-06": (2, 1)}  # two more created today, C solved today
    assert backlog(body) == {**WHOLE_BACKLOG, "lt_1d": 2, "3_7d": 0}


def test_the_command_line_backfills_and_prints_its_report(
    api: Client, acme: Tenant, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    older_tickets(api, acme)
    with at(timedelta(days=4)):
        assert backfill.main(["--org", acme.org_id]) == 0
        assert flow(report(api, acme)) == WHOLE
    printed = json.loads(capsys.readouterr().out)
    assert (printed["organizations"], printed["skipped"]) == (1, 0)


def test_the_backfill_reads_tickets_by_key_and_writes_only_rows_that_differ(api: Client, acme: Tenant) -> None:
    from chalicelib.store import metering

    older_tickets(api, acme)
    with at(timedelta(days=4)), metering.metered() as calls:
        backfill.backfill_org(acme.org_id)
    # the mark; the rows; the ticket counter and one BatchGetItem per 100 tickets; the rows again;
    # the two rows that differ (03-02, 03-03); the mark.
    assert [c.operation for c in calls] == [
        "GetItem",
        "Query",
        "GetItem",
        "BatchGetItem",
        "Query",
        "UpdateItem",
        "UpdateItem",
        "PutItem",
    ]
