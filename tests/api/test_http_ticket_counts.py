"""Queue counts (``GET /tickets/counts``, ``include=counts``) and each ticket's SLA status (``include=sla``)."""

from __future__ import annotations

from chalice.test import Client

from tests.api.helpers import call, make_tenant


def test_smoke(api: Client) -> None:
    acme = make_tenant(api, "acme")
    made = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Scanner offline"})
    assert made.status == 201
    reply = call(api, "GET", "/tickets/counts", acme.token("manager"))
    assert reply.status == 200, reply.body
    page = call(api, "GET", "/tickets?view=unassigned&include=counts,sla", acme.token("agent"))
    assert page.status == 200, page.body
    assert call(api, "GET", "/tickets/counts", acme.token("customer")).status == 403
