"""The generated Python client (clients/python, ``deskless_client``) against the real local stack.

The runner (``python -m chalicelib.local run``, seeded demo organization) is started on free
ports, and a ticket's life is driven through the client's typed operations only: login, open a
ticket for a customer, find it in the queue, read it, change it, comment on it. Every answer is
parsed into the generated models, and those models survive a round trip through their JSON form.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from deskless_client import AuthenticatedClient, Client
from deskless_client.api.identity import login
from deskless_client.api.tickets import add_comment, create_ticket, get_ticket, list_tickets, update_ticket
from deskless_client.models import (
    CommentCommand,
    CommentCreatedOut,
    CreatedTicketOut,
    CreateTicketCommand,
    ErrorResponse,
    LoginCommand,
    LoginOut,
    TicketDetailOut,
    TicketOut,
    TicketPage,
    UpdateTicketCommand,
)

from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG
from tests.clients.test_client_drift import documented_example
from tests.local.test_runner import ROOT, Runner


@pytest.fixture(scope="module")
def stack_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    runner = Runner(Path(tmp_path_factory.mktemp("client-stack")))
    urls = runner.start()
    try:
        yield urls["api"]
    finally:
        assert runner.stop() == 0, runner.log.read_text()


def _login(base_url: str, person: str) -> AuthenticatedClient:
    # The stack is on loopback: no proxy from the environment applies.
    anonymous = Client(base_url=base_url, httpx_args={"trust_env": False}, raise_on_unexpected_status=True)
    with anonymous:
        session = login.sync(
            client=anonymous, body=LoginCommand(organization=SLUG, email=f"{person}@{DOMAIN}", password=PASSWORD)
        )
    assert isinstance(session, LoginOut), session
    assert session.user.email == f"{person}@{DOMAIN}"
    assert session.expires_at.tzinfo is not None, "timestamps parse as aware datetimes"
    return AuthenticatedClient(
        base_url=base_url, token=session.token, httpx_args={"trust_env": False}, raise_on_unexpected_status=True
    )


@pytest.mark.slow
def test_a_manager_runs_a_ticket_through_the_generated_client(stack_url: str) -> None:
    with _login(stack_url, "manager") as manager:
        created = create_ticket.sync(
            client=manager,
            body=CreateTicketCommand(
                subject="Printer offline (generated client)",
                description="Error E-52 since this morning.",
                priority="high",
                tags=["printer"],
                customer_email=f"customer@{DOMAIN}",
            ),
        )
        assert isinstance(created, CreatedTicketOut), created
        number = created.ticket_number
        assert (created.status, created.priority, created.tags) == ("new", "high", ["printer"])
        assert isinstance(created.created_at, datetime.datetime)

        queue = list_tickets.sync(client=manager, limit=100)
        assert isinstance(queue, TicketPage), queue
        assert number in [ticket.ticket_number for ticket in queue.items]

        changed = update_ticket.sync(
            number, client=manager, body=UpdateTicketCommand(status="open", priority="urgent", add_tags=["escalated"])
        )
        assert isinstance(changed, TicketOut), changed
        assert (changed.status, changed.priority, sorted(changed.tags)) == ("open", "urgent", ["escalated", "printer"])

        replied = add_comment.sync(number, client=manager, body=CommentCommand(content="On my way with toner."))
        assert isinstance(replied, CommentCreatedOut), replied
        assert replied.ticket.ticket_number == number

        detail = get_ticket.sync(number, client=manager)
        assert isinstance(detail, TicketDetailOut), detail
        assert (detail.subject, detail.status, detail.priority) == (
            "Printer offline (generated client)",
            "open",
            "urgent",
        )
        assert "On my way with toner." in [comment.content for comment in detail.comments]

        assert TicketDetailOut.from_dict(detail.to_dict()) == detail, "the typed model round-trips its JSON"
        assert TicketOut.from_dict(changed.to_dict()) == changed


@pytest.mark.slow
def test_a_refusal_arrives_as_the_typed_error_model(stack_url: str) -> None:
    with _login(stack_url, "customer") as customer:
        answer = get_ticket.sync("999999", client=customer)
    assert isinstance(answer, ErrorResponse), answer
    assert answer.error.code == "not_found"


@pytest.mark.slow
def test_the_python_example_in_the_docs_runs_as_written(stack_url: str) -> None:
    script = documented_example("python").replace('API = "http://127.0.0.1:8000"', f"API = {stack_url!r}")
    # The stack is on loopback: a proxy from the environment must not catch the example's calls.
    kept = {name: value for name, value in os.environ.items() if not name.lower().endswith("_proxy")}
    env = {**kept, "PYTHONPATH": str(ROOT / "clients" / "python")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "open ['On my way.']\n"
