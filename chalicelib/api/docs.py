"""Interactive API documentation: Swagger UI at ``GET /docs``, showing the live ``GET /openapi.json``.

Swagger UI's files come from the swagger-ui-py package (Swagger UI 5, which renders OpenAPI 3.1),
installed like any dependency and read from its directory; nothing is loaded from a CDN. Only the
files the page loads are served, under ``/docs/assets/`` where no API route lives, and the deployment
zip keeps only those (infra/slim_package.py). The page has no inline script: the script that starts
Swagger UI is a served file, so the Content-Security-Policy allows scripts from this origin only.
The routes are public: the page and the document describe the API, never an organization's data.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from chalice.app import Response

from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery
from chalicelib.domain.errors import NotFound

api = Api("platform", __name__)

PACKAGE = "swagger_ui"
OWN_ASSETS = Path(__file__).with_name("docs_assets")
JAVASCRIPT = "text/javascript"
CSS = "text/css"
# Every file /docs/assets/ serves: name -> (from the package or ours, content type).
ASSETS: dict[str, tuple[str, str]] = {
    "swagger-ui.css": ("package", CSS),
    "swagger-ui-bundle.js": ("package", JAVASCRIPT),
    "init.js": ("own", JAVASCRIPT),
}
PACKAGE_FILES = tuple(name for name, (origin, _) in ASSETS.items() if origin == "package")

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Swagger UI's icons are data: URIs in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",  # the document, and "Try it out" against this API only
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

# URLs relative to the page: /docs on the local stack, /api/docs behind the deployed stage prefix.
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deskless API</title>
<link rel="stylesheet" href="{assets}swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{assets}init.js"></script>
</body>
</html>
"""


def package_static_dir() -> Path:
    """swagger-ui-py's ``static`` directory, found without importing the package (its Python side,
    Jinja2 templates for other frameworks, is not used here)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package (swagger-ui-py, requirements.txt) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@functools.cache
def _asset_text(name: str) -> str:
    origin, _ = ASSETS[name]
    directory = package_static_dir() if origin == "package" else OWN_ASSETS
    return (directory / name).read_text(encoding="utf-8")


@api.route(
    "/docs",
    "GET",
    summary="Interactive API documentation (Swagger UI) of this API's OpenAPI document",
    media_types=("text/html",),
    public=True,
)
def docs_page(call: Call[None, NoQuery]) -> Response:
    headers: dict[str, str | list[str]] = {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-cache",
        **COMMON_HEADERS,
    }
    # /docs/ (served by the same route) is one level deeper: its relative URLs start from there.
    trailing_slash = str((call.request.context or {}).get("path", "")).endswith("/")
    return Response(
        body=PAGE.format(assets="assets/" if trailing_slash else "docs/assets/"), status_code=200, headers=headers
    )


@api.route(
    "/docs/assets/{name}",
    "GET",
    summary="A script or stylesheet of the documentation page",
    media_types=(JAVASCRIPT, CSS),
    public=True,
    errors=(404,),
)
def docs_asset(call: Call[None, NoQuery], name: str) -> Response:
    if name not in ASSETS:  # a fixed list: no path is ever built from the request
        raise NotFound("No such file of the documentation page.")
    _, content_type = ASSETS[name]
    headers: dict[str, str | list[str]] = {
        "Content-Type": f"{content_type}; charset=utf-8",
        "Cache-Control": "public, max-age=3600",
        **COMMON_HEADERS,
    }
    return Response(body=_asset_text(name), status_code=200, headers=headers)
