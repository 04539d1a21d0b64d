"""A stopping local API turns new requests away and lets those in flight finish (chalicelib/local/gateway.py).

A tiny app with a request that waits for the test: the stop must wait for it, and every request
that arrives meanwhile (on a new connection or on a kept-alive one) gets a 503, never a 201 that
the final save could miss.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.config import Config

from chalicelib.local.gateway import local_server


@pytest.fixture
def slow_api() -> Iterator[tuple[Any, threading.Event, threading.Event]]:
    app = Chalice(app_name="stopping")
    started, release = threading.Event(), threading.Event()

    @app.route("/slow", methods=["POST"])
    def slow() -> dict[str, str]:
        started.set()
        release.wait(10)
        return {"done": "yes"}

    @app.route("/fast", methods=["POST"])
    def fast() -> dict[str, str]:
        return {"done": "yes"}

    server = local_server(app, Config.create(chalice_stage="local", app_name="stopping"), "127.0.0.1", 0)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, started, release
    finally:
        release.set()
        server.server.shutdown()
        server.server.server_close()


def post(connection: http.client.HTTPConnection, path: str) -> tuple[int, Any, str | None]:
    connection.request("POST", path, body=b"{}", headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read()), response.getheader("Connection")


def test_a_stop_refuses_new_requests_and_waits_for_those_in_flight(slow_api: Any) -> None:
    server, started, release = slow_api
    port = server.server.server_address[1]
    kept_alive = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    assert post(kept_alive, "/fast")[0] == 200

    in_flight: list[int] = []
    slow = threading.Thread(
        target=lambda: in_flight.append(post(http.client.HTTPConnection("127.0.0.1", port, timeout=10), "/slow")[0])
    )
    slow.start()
    assert started.wait(10)
    closed: list[bool] = []
    closing = threading.Thread(target=lambda: closed.append(server.server.gate.close(10)))
    closing.start()

    status, body, connection = post(http.client.HTTPConnection("127.0.0.1", port, timeout=10), "/fast")
    assert status == 503
    assert body["error"]["code"] == "unavailable"
    status, body, connection = post(kept_alive, "/fast")
    assert (status, connection) == (503, "close"), "a kept-alive connection is refused too, and closed"
    assert closing.is_alive(), "the stop waits for the request in flight"

    release.set()
    slow.join(10)
    closing.join(10)
    assert in_flight == [200], "the request in flight finished with its answer"
    assert closed == [True]
