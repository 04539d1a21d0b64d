"""Ticket search and the rebuild of the search index (bench/search.py measures the scaling)."""

from __future__ import annotations

import random
from typing import Any

from bench.harness import State
from bench.operations import call, ok, route, shared, tenant, ticket

TICKETS = 60
WORDS = [
    "printer",
    "invoice",
    "refund",
    "password",
    "shipping",
    "toner",
    "tray",
    "driver",
    "network",
    "router",
    "vpn",
    "email",
    "account",
    "billing",
    "order",
    "delivery",
    "warranty",
    "screen",
    "battery",
    "login",
]


def _search(client: Any) -> State:
    """60 tickets made through the API (6-word subjects, 40-word descriptions), indexed as the table
    stream indexes them (``search.index_ticket`` per ticket) before anything is measured."""
    from chalicelib.domain.tickets import parse_number
    from chalicelib.services import search

    state = tenant(client)
    rng = random.Random(23)
    for _ in range(TICKETS):
        subject = " ".join(rng.choices(WORDS, k=6)).capitalize()
        number = ticket(client, state, subject=subject, description=" ".join(rng.choices(WORDS, k=40)))
        search.index_ticket(state["org_id"], parse_number(number))
    return state


def _job(client: Any) -> State:
    """A finished reindex job (its steps run as the tenant-jobs job runs them)."""
    from chalicelib.services import search
    from chalicelib.store import tenant_jobs

    state = shared(_search)(client)
    state["job_id"] = ok(call(client, "POST", "/organization/search/reindex", state["token"]))["id"]
    job = tenant_jobs.get_job(state["org_id"], state["job_id"])
    while job is not None and job.state != "done":
        job = search.reindex_job_step(job)
    return state


route(
    "GET",
    "/search/tickets",
    setup=shared(_search),
    query="?q=printer",
    variant=f"search one word over {TICKETS} tickets",
)
route(
    "GET",
    "/search/tickets",
    setup=shared(_search),
    query="?q=invoice+refund&include=sla",
    variant=f"two words over {TICKETS} tickets, SLA badges side-loaded",
)
route(
    "GET",
    "/search/tickets",
    setup=shared(_search),
    query="?q=passw+status:new",
    variant=f"a prefix and a status filter over {TICKETS} tickets",
)
route("POST", "/organization/search/reindex", setup=shared(_search), variant="start the job (no step run)")
route("GET", "/organization/search/reindex/{job_id}", setup=_job, variant="a finished job")
