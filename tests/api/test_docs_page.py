"""GET /docs: Swagger UI from the installed swagger-ui-py package, served by the app itself under a
strict Content-Security-Policy (no inline script, nothing from another origin)."""

from __future__ import annotations

import importlib.util
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chalice.test import Client

# Lambda's synchronous response payload limit: an asset larger than this could not be served.
LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024


class PageParts(HTMLParser):
    """The scripts, stylesheets and other URLs a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.inline_script_text = ""
        self.urls: list[str] = []
        self.inline_handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.inline_handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(found.get("src"))
            self._in_script = True
        for name in ("src", "href"):
            if found.get(name):
                self.urls.append(str(found[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script_text += data.strip()


def page(api: Client) -> tuple[dict[str, str], PageParts]:
    response = api.http.get("/docs")
    assert response.status_code == 200
    parts = PageParts()
    parts.feed(response.body.decode())
    return response.headers, parts


def package_static_dir() -> Path:
    spec = importlib.util.find_spec("swagger_ui")
    assert spec is not None
    assert spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def test_the_docs_page_is_public_html_under_a_strict_content_security_policy(api: Client) -> None:
    headers, _ = page(api)
    assert headers["Content-Type"].startswith("text/html")
    policy = {d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split(";") if d.strip()}
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"], "no inline script, no eval, no other origin"
    assert policy["connect-src"] == ["'self'"], "Try it out reaches this API only"
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert not any("unsafe" in token or "http" in token for tokens in policy.values() for token in tokens)
    assert headers["X-Content-Type-Options"] == "nosniff"

    response = api.http.get("/docs", headers={"Authorization": "Bearer not-a-session"})
    assert response.status_code == 200, "a stale token in the browser does not hide the documentation"


def test_the_docs_page_has_no_inline_script_and_loads_only_this_apis_assets(api: Client) -> None:
    _, parts = page(api)
    assert parts.scripts
    assert all(parts.scripts), "every script is a served file"
    assert parts.inline_script_text == ""
    assert parts.inline_handlers == []
    # Relative URLs: the deployed API lives under its stage prefix (/api/docs), the local stack at /docs.
    assert len(parts.urls) == 3
    assert all(url.startswith("docs/assets/") for url in parts.urls), parts.urls


def test_every_asset_the_page_loads_is_served_from_the_package_with_its_content_type(api: Client) -> None:
    _, parts = page(api)
    static = package_static_dir()
    types = {".js": "text/javascript", ".css": "text/css"}
    for url in parts.urls:
        name = url.removeprefix("docs/assets/")
        response = api.http.get(f"/docs/assets/{name}")
        assert response.status_code == 200, name
        assert response.headers["Content-Type"].split(";")[0] == types[Path(name).suffix], name
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert len(response.body) < LAMBDA_RESPONSE_LIMIT, name
        if (static / name).is_file():
            assert response.body == (static / name).read_bytes(), f"{name} is the package's file"
    served_from_package = [u for u in parts.urls if (static / u.removeprefix("docs/assets/")).is_file()]
    assert {Path(u).name for u in served_from_package} == {"swagger-ui-bundle.js", "swagger-ui.css"}


def test_the_page_script_shows_the_served_openapi_document(api: Client) -> None:
    _, parts = page(api)
    own = [src for src in parts.scripts if src and not (package_static_dir() / Path(src).name).is_file()]
    assert len(own) == 1, "one script of our own starts Swagger UI"
    script = api.http.get("/" + str(own[0])).body.decode()
    assert '"openapi.json"' in script, "the live document, relative to the page"
    assert "http:" not in script
    assert "https:" not in script
    assert "queryConfigEnabled: false" in script
    assert "location.search" not in script


@pytest.mark.parametrize(
    "name",
    [
        "swagger-editor-bundle.js",  # in the package, but not part of the page
        "oauth2-redirect.html",
        "LICENSE",
        "..%2F..%2F..%2Fapp.py",
        "..%2Fhttp.py",
        "%2Fetc%2Fpasswd",
        "swagger-ui.css.map",
        "SWAGGER-UI.CSS",
    ],
)
def test_anything_but_the_pages_assets_is_404(api: Client, name: str) -> None:
    response = api.http.get(f"/docs/assets/{name}")
    assert response.status_code == 404
    body = json.loads(response.body)
    assert body["error"]["code"] == "not_found"


def test_the_docs_page_cannot_be_pointed_at_another_document(api: Client) -> None:
    # Swagger UI can load a document named in ?url= (a known way to show a hostile document under
    # this origin); the page refuses every query parameter and its script never reads the query.
    response = api.http.get("/docs?url=https://attacker.example/openapi.json")
    assert response.status_code == 422
    assert json.loads(response.body)["error"]["code"] == "invalid_query"
