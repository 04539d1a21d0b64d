"""The web app on the local stack's origin: the built files of ``web/`` (``web/dist``) under ``/app/``.

Same origin as the API, so the app calls the API without CORS and its session token never leaves
the origin. No API route starts with ``/app`` (tests/local/test_webapp.py keeps it so). A file of
the build is answered as it is; any other path under ``/app/`` is a page of the app, answered with
``index.html`` (the app routes on the client), except under ``/app/assets/`` where a missing file
is a 404. Every answer carries a strict Content-Security-Policy: scripts, styles and connections
from this origin only, no inline script, no eval, no framing.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from chalicelib.api.gateway import GatewayResponse

PREFIX = "/app"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
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
    """The built app in ``root`` (``web/dist``), answering GET and HEAD under ``/app/``."""

    root: Path

    def answer(self, path: str) -> Answer:
        route = unquote(urlsplit(path).path)
        if route == PREFIX:
            # The app's pages are relative to /app/: send the bare prefix there.
            return Answer(308, {"Location": PREFIX + "/", "Content-Length": "0", **SECURITY_HEADERS}, b"")
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
            **SECURITY_HEADERS,
        }
        return Answer(200, headers, body)

    def _error(self, entry: GatewayResponse) -> Answer:
        body = entry.body_bytes()
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body)), **SECURITY_HEADERS}
        return Answer(entry.status, headers, body)
