"""Server-side fetches for sign-in (``channels.outbound.fetch``): never into our network, bounded."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from chalicelib.channels import outbound


class Answers(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        if self.path == "/big":
            body = b"x" * (outbound.FETCH_MAX_BYTES + 10)
            self.send_response(200)
        elif self.path == "/redirect":
            body = b""
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        elif self.path == "/silent":
            threading.Event().wait(3)
            return
        else:
            body = b'{"ok": true}'
            self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_loopback_url_is_refused_without_the_local_flag(server: str) -> None:
    with pytest.raises(outbound.FetchFailed, match="https"):
        outbound.fetch(f"http://{server}/ok")
    with pytest.raises(outbound.FetchFailed, match="not allowed"):
        outbound.fetch(f"https://{server}/ok")


def test_with_the_local_flag_plain_http_reaches_loopback_only(server: str) -> None:
    assert outbound.fetch(f"http://{server}/ok", allow_loopback=True).body == b'{"ok": true}'
    with pytest.raises(outbound.FetchFailed, match="https"):
        outbound.fetch("http://example.com/", allow_loopback=True)


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def private(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]

    monkeypatch.setattr(socket, "getaddrinfo", private)

    with pytest.raises(outbound.FetchFailed, match="not allowed"):
        outbound.fetch("https://idp.example.com/.well-known/openid-configuration")


def test_credentials_in_the_url_are_refused() -> None:
    with pytest.raises(outbound.FetchFailed, match="credentials"):
        outbound.fetch("https://user:pw@idp.example.com/")


def test_a_redirect_is_not_followed(server: str) -> None:
    fetched = outbound.fetch(f"http://{server}/redirect", allow_loopback=True)

    assert fetched.status == 302
    assert fetched.body == b""


def test_a_response_larger_than_the_limit_is_refused(server: str) -> None:
    with pytest.raises(outbound.FetchFailed, match="too large"):
        outbound.fetch(f"http://{server}/big", allow_loopback=True)


def test_a_server_that_never_answers_is_given_up_on(server: str) -> None:
    with pytest.raises(outbound.FetchFailed, match="timed out"):
        outbound.fetch(f"http://{server}/silent", allow_loopback=True, timeout=0.5)
