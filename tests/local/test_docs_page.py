"""The local stack serves the interactive documentation as the deployed API does: page, assets and
the document it shows, over real HTTP through the local gateway."""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from chalice.cli.factory import CLIFactory

from chalicelib.local.gateway import local_server


@pytest.fixture
def local_api(aws: None) -> Iterator[tuple[str, int]]:
    from app import app

    config = CLIFactory(".").create_config_obj(chalice_stage_name="local")
    server = local_server(app, config, "127.0.0.1", 0)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", server.server.server_address[1]
    finally:
        server.server.shutdown()
        server.server.server_close()


def fetch(target: tuple[str, int], path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection(*target, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, str(response.getheader("Content-Type")), body


@pytest.mark.parametrize("page", ["/docs", "/docs/"])
def test_the_local_stack_serves_the_docs_page_its_assets_and_the_document(
    local_api: tuple[str, int], page: str
) -> None:
    status, content_type, body = fetch(local_api, page)
    assert (status, content_type.split(";")[0]) == (200, "text/html")
    urls = re.findall(r'(?:src|href)="([^"]+)"', body.decode())
    assert len(urls) == 3
    for url in urls:
        # Resolved as a browser does, relative to the page's own URL.
        status, content_type, asset = fetch(local_api, urljoin(page, url))
        assert status == 200, (page, url)
        assert content_type.split(";")[0] in ("text/javascript", "text/css"), url
        assert asset, url
    status, content_type, _ = fetch(local_api, "/openapi.json")
    assert (status, content_type) == (200, "application/json")
