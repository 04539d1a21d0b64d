"""Fixtures shared by the API tests of one area (the suite-wide ones are in tests/conftest.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import HTTPServer

import pytest

from tests.api.helpers import Endpoint


@pytest.fixture
def endpoint() -> Iterator[str]:
    """A webhook receiver on a free local port (``Endpoint.received`` holds what it got); its URL."""
    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    Endpoint.received, Endpoint.fail_next = [], 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/events"
    server.shutdown()
