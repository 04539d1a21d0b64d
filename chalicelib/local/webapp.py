"""The web app on the local stack's origin: the built files of ``web/`` (``web/dist``) under ``/app/``.

Same origin as the API, so the app calls the API without CORS and its session token never leaves
the origin. No API route starts with ``/app`` (tests/local/test_webapp.py keeps it so). A file of
the build is answered as it is; any other path under ``/app/`` is a page of the app, answered with
``index.html`` (the app routes on the client), except under ``/app/assets/`` where a missing file
is a 404. Every answer carries a strict Content-Security-Policy: scripts and styles from this
origin only, connections to this origin and to the storage that takes attachment uploads (a
presigned POST goes straight to S3, never through the API), no inline script, no eval, no framing.
The deployed stack serves the same policy from CloudFront (``content_security_policy``).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from chalicelib.api.gateway import GatewayResponse

PREFIX = "/app"


def content_security_policy(upload_origins: Sequence[str] = ()) -> str:
    """The app's policy; ``upload_origins`` (e.g. ``https://bucket.s3.eu-west-1.amazonaws.com``)
    may also be connected to, for the browser's presigned uploads."""
    connect = " ".join(["'self'", *upload_origins])
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
        f"connect-src {connect}; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


def security_headers(upload_origins: Sequence[str] = ()) -> dict[str, str]:
    """Every header the app's answers carry (the same set locally and from CloudFront)."""
    return {
        "Content-Security-Policy": content_security_policy(upload_origins),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url`` (an endpoint such as ``http://127.0.0.1:8001/``)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


CONTENT_SECURITY_POLICY = content_security_policy()
SECURITY_HEADERS = security_headers()
NOT_BUILT = GatewayResponse(
    "WEB_APP_NOT_BUILT",
    503,
    "web_app_not_built",
    "The web app is not built: `make run` builds it (it needs Node.js 20.19+; see README.md).",
)
REBUILDING = GatewayResponse("WEB_APP_REBUILDING", 503, "unavailable", "The web app is being rebuilt; retry.")
NO_FILE = GatewayResponse("WEB_APP_NO_FILE", 404, "not_found", "The web app has no such file.")


def is_web_path(path: str) -> bool:
    """True for ``/app`` and anything under ``/app/`` (the query string ignored)."""
    route = urlsplit(path).path
    return route == PREFIX or route.startswith(PREFIX + "/")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class WebApp:
    """The built app in ``root`` (``web/dist``), answering GET and HEAD under ``/app/``;
    ``upload_origins``: where the browser may send attachment uploads (the local S3 endpoint)."""

    root: Path
    upload_origins: tuple[str, ...] = ()

    @property
    def headers(self) -> dict[str, str]:
        return security_headers(self.upload_origins)

    def answer(self, path: str) -> Answer:
        route = unquote(urlsplit(path).path)
        if route == PREFIX:
            # The app's pages are relative to /app/: send the bare prefix there.
            return Answer(308, {"Location": PREFIX + "/", "Content-Length": "0", **self.headers}, b"")
        index = self.root / "index.html"
        if not index.is_file():
            return self._error(NOT_BUILT)
        relative = PurePosixPath(route[len(PREFIX) + 1 :])
        if ".." in relative.parts or "\x00" in route:
            return self._error(NO_FILE)
        file = (self.root / relative).resolve()
        inside = file.is_relative_to(self.root.resolve())
        if inside and relative.parts and file.is_file():
            # Vite names assets by their content hash: they never change under one name.
            immutable = relative.parts[0] == "assets"
            return self._file(file, "public, max-age=31536000, immutable" if immutable else "no-cache")
        if relative.parts and relative.parts[0] == "assets":
            return self._error(NO_FILE)
        return self._file(index, "no-cache")

    def _file(self, file: Path, cache: str) -> Answer:
        try:
            body = file.read_bytes()
        except OSError:  # removed between the check and the read: a rebuild is replacing web/dist
            return self._error(REBUILDING)
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "text/javascript"):
            content_type += "; charset=utf-8"
        headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "Cache-Control": cache,
            **self.headers,
        }
        return Answer(200, headers, body)

    def _error(self, entry: GatewayResponse) -> Answer:
        body = entry.body_bytes()
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body)), **self.headers}
        return Answer(entry.status, headers, body)
