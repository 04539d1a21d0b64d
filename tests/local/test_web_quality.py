"""The web app's quality bar around the build: the built app loads nothing from another origin, ships
no source maps, and its index names only hashed assets; the screenshots (``make screenshots``) come
from the browser journeys; ``make test`` sees to chromium and ``make lint`` type-checks the app."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from chalicelib.local import chromium, journeys, pngs, webbuild
from tests.local.test_web_app import needs_chromium, needs_node

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"

# Where a page or module fetches something: HTML attributes, ES module imports, CSS url()/@import.
# Any absolute URL there (http:, https: or protocol-relative //) names another host: the app only
# ever refers to its own origin by path (/app/..., /tickets...).
LOADS = {
    ".html": [r"""\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]+"""],
    ".js": [
        r"""\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["'](?:https?:)?//[^"']+""",
        r"""\bimport\s*\(\s*["'`](?:https?:)?//[^"'`]+""",
        r"""\b(?:src|href)\s*[:=]\s*["'`](?:https?:)?//[^"'`]+""",
        r"""\bnew\s+(?:Shared)?Worker\s*\(\s*["'`](?:https?:)?//[^"'`]+""",
    ],
    ".css": [r"""\burl\(\s*["']?(?:https?:)?//[^"')]+""", r"""@import\s+["'](?:https?:)?//[^"']+"""],
}
HASHED_ASSET = re.compile(r"^/app/assets/[\w.-]+-[\w-]{8}\.(?:js|css|woff2?|svg|png|webp|ico)$")


def foreign_loads(dist: Path) -> list[str]:
    """Every place in the build that would load something from another origin: ``file: match``."""
    found = []
    for path in sorted(p for p in dist.rglob("*") if p.is_file()):
        for pattern in LOADS.get(path.suffix, []):
            text = path.read_text(errors="replace")
            found += [f"{path.relative_to(dist)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    return found


def source_maps(dist: Path) -> list[str]:
    """Source map files and sourceMappingURL comments in the build."""
    found = [str(p.relative_to(dist)) for p in dist.rglob("*.map")]
    for path in sorted(p for p in dist.rglob("*") if p.suffix in (".js", ".css")):
        if re.search(r"[#@]\s*sourceMappingURL=", path.read_text(errors="replace")):
            found.append(f"{path.relative_to(dist)}: sourceMappingURL")
    return found


def index_references(dist: Path) -> list[str]:
    """What index.html loads (script src, link href)."""
    html = (dist / "index.html").read_text()
    return re.findall(r"""<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", html)


def unhashed_references(dist: Path) -> list[str]:
    """index.html references that are not a content-hashed file of the build (cached for ever, so
    a name without a hash would serve yesterday's code after a deploy)."""
    return [ref for ref in index_references(dist) if not HASHED_ASSET.match(ref) or not (dist / ref[5:]).is_file()]


@pytest.fixture
def bad_build(tmp_path: Path) -> Path:
    """A build as a careless change would leave it: a CDN script, remote imports, a web font from
    another host, a source map and an asset without a content hash."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><script type="module" src="/app/assets/index-Cz6UrtH1.js"></script>'
        '<script src="https://cdn.example.com/react.production.min.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.net/inter.css">'
        '<script type="module" src="/app/assets/main.js"></script>'
    )
    (dist / "assets" / "index-Cz6UrtH1.js").write_text(
        'import{a as b}from"https://esm.example.org/x.js";const c=()=>import("//evil.example/y.js");'
        'e.src="https://tracker.example.com/p.gif";\n//# sourceMappingURL=index-Cz6UrtH1.js.map'
    )
    (dist / "assets" / "index-Cz6UrtH1.js.map").write_text("{}")
    (dist / "assets" / "main.js").write_text("")
    (dist / "assets" / "index-BNkOsHXv.css").write_text(
        '@import "https://fonts.example.net/a.css";body{background:url(https://img.example.com/bg.png)}'
    )
    return dist


def test_the_checks_find_every_load_from_another_origin(bad_build: Path) -> None:
    found = foreign_loads(bad_build)
    for url in (
        "https://cdn.example.com/react.production.min.js",
        "//fonts.example.net/inter.css",
        "https://esm.example.org/x.js",
        "//evil.example/y.js",
        "https://tracker.example.com/p.gif",
        "https://fonts.example.net/a.css",
        "https://img.example.com/bg.png",
    ):
        assert any(url in line for line in found), (url, found)
    assert len(found) == 7, found


def test_the_checks_find_source_maps_and_unhashed_assets(bad_build: Path) -> None:
    assert source_maps(bad_build) == ["assets/index-Cz6UrtH1.js.map", "assets/index-Cz6UrtH1.js: sourceMappingURL"]
    assert unhashed_references(bad_build) == [
        "https://cdn.example.com/react.production.min.js",
        "//fonts.example.net/inter.css",
        "/app/assets/main.js",
    ]


def test_text_that_merely_mentions_a_url_is_no_load(tmp_path: Path) -> None:
    # React's error messages and XML namespaces are strings, not requests.
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<script type="module" src="/app/assets/index-Cz6UrtH1.js"></script>')
    (dist / "assets" / "index-Cz6UrtH1.js").write_text(
        'const m="https://react.dev/errors/"+n;const ns="http://www.w3.org/2000/svg";'
    )
    assert foreign_loads(dist) == []
    assert unhashed_references(dist) == []


@pytest.fixture(scope="module")
def built_app() -> Path:
    """web/dist, built from the current sources (nothing done when it is up to date)."""
    webbuild.build(ROOT, log=lambda line: None)
    return ROOT / "web" / "dist"


@needs_node
def test_the_built_app_loads_nothing_from_another_origin(built_app: Path) -> None:
    assert foreign_loads(built_app) == []


@needs_node
def test_the_built_app_ships_no_source_maps(built_app: Path) -> None:
    # vite.config.ts leaves build.sourcemap off: the served code is the code, nothing more is published.
    assert source_maps(built_app) == []


@needs_node
def test_the_built_index_references_only_hashed_assets_of_the_build(built_app: Path) -> None:
    references = index_references(built_app)
    assert any(ref.endswith(".js") for ref in references), references
    assert unhashed_references(built_app) == []


def test_journeys_are_the_e2e_scripts_but_the_library() -> None:
    names = journeys.journeys()
    assert {"journey", "screens"} <= set(names)
    assert "lib" not in names
    assert names == sorted(names)


@pytest.mark.slow
@needs_node
@needs_chromium
def test_the_screens_journey_runs_on_a_seeded_stack_and_saves_its_screens(tmp_path: Path, built_app: Path) -> None:
    shots = tmp_path / "shots"
    result = journeys.run_journey("screens", tmp_path, shots)
    assert [a["screen"] for a in result["audited"]] == ["sign-in-german", "sign-in-code", "session-expired"]
    assert result["german"]["lang"] == "de"
    assert result["expired"]["path"] == "/app/login"
    for screen in ("sign-in-german", "sign-in-code", "session-expired"):
        assert png_size(shots / f"{screen}.png")[0] == 1280


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == pngs.SIGNATURE, path
    assert data[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pixels(data: bytes) -> bytes:
    return zlib.decompress(b"".join(body for kind, body in pngs.chunks(data) if kind == b"IDAT"))


def test_the_committed_screenshots_are_small_and_the_readme_shows_only_existing_ones() -> None:
    shots = sorted(SCREENSHOTS.glob("*.png"))
    assert {"sign-in.png", "accept-invitation.png"} <= {p.name for p in shots}
    for png in shots:
        assert png_size(png)[0] in (1280, 390), png  # the desktop window, or the phone of the technician's day
        # A screen full of text (the inbox: 25 rows and the queue sidebar) is about 220 KB at 1280x800.
        assert png.stat().st_size <= 300_000, f"{png} is {png.stat().st_size} bytes"
    readme = (ROOT / "README.md").read_text()
    shown = re.findall(r"docs/screenshots/([\w.-]+\.png)", readme)
    assert shown, "the README shows the product"
    assert [name for name in shown if not (SCREENSHOTS / name).is_file()] == []


def test_recompressing_a_screenshot_keeps_every_pixel(tmp_path: Path) -> None:
    original = (SCREENSHOTS / "sign-in.png").read_bytes()
    copy = tmp_path / "sign-in.png"
    copy.write_bytes(original)
    before, after = pngs.recompress(copy)
    assert (before, after) == (len(original), copy.stat().st_size)
    assert after <= before
    assert pixels(copy.read_bytes()) == pixels(original)
    assert png_size(copy) == png_size(SCREENSHOTS / "sign-in.png")


def test_missing_chromium_is_named_and_the_tests_go_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert chromium.main([]) == 0
    said = capsys.readouterr().err
    assert "install Debian's package chromium (sudo apt-get install -y chromium)" in said
    assert "the browser tests are skipped" in said
    assert chromium.main(["--require"]) == 1, "CI fails instead"


def test_missing_chromium_is_installed_with_apt_when_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    browser = tmp_path / "chromium"
    monkeypatch.setenv("CHROMIUM", str(browser))
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr("chalicelib.local.chromium.shutil.which", lambda name: f"/usr/bin/{name}")
    ran: list[list[str]] = []

    def apt(command: list[str], check: bool) -> None:
        ran.append(command)
        if "install" in command:  # the package puts the browser in place
            browser.write_text("#!/bin/sh\n")
            browser.chmod(0o755)

    monkeypatch.setattr("chalicelib.local.chromium.subprocess.run", apt)
    assert chromium.main(["--require"]) == 0
    assert ran == [["/usr/bin/apt-get", "update", "-qq"], ["/usr/bin/apt-get", "install", "-y", "-qq", "chromium"]]
    ran.clear()
    assert chromium.main([]) == 0
    assert ran == [], "present: nothing installed"


def make_n(*args: str) -> list[str]:
    # What make would run on a developer's machine: CI exports DESKLESS_REQUIRE_BROWSER=1, which
    # turns the optional steps into required ones (the tests below check both ways).
    env = {k: v for k, v in os.environ.items() if k != "DESKLESS_REQUIRE_BROWSER"}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return [" ".join(line.split()) for line in done.stdout.splitlines()]


def test_make_test_sees_to_chromium_before_the_suite() -> None:
    lines = make_n("test", "VENV=.venv")
    browser = next(i for i, line in enumerate(lines) if "chalicelib.local.chromium" in line)
    suite = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert browser < suite
    assert lines[browser].endswith("chalicelib.local.chromium")
    required = make_n("test", "VENV=.venv", "DESKLESS_REQUIRE_BROWSER=1")
    assert any(line.endswith("chalicelib.local.chromium --require") for line in required)


def test_make_lint_type_checks_the_web_app_and_ci_requires_it() -> None:
    assert make_n("lint", "VENV=.venv")[-1] == ".venv/bin/python -m chalicelib.local.webbuild --typecheck --optional"
    required = make_n("lint", "VENV=.venv", "DESKLESS_REQUIRE_BROWSER=1")
    assert required[-1] == ".venv/bin/python -m chalicelib.local.webbuild --typecheck"
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("\nexport DESKLESS_REQUIRE_BROWSER=1\n") < ci.index("\nmake chromium\n") < ci.index("\nmake lint\n")


def test_make_screenshots_runs_the_journeys_into_docs() -> None:
    lines = make_n("screenshots", "VENV=.venv")
    assert lines[-1] == ".venv/bin/python -m chalicelib.local.journeys --screenshots docs/screenshots"


def test_the_type_check_is_skipped_without_node_unless_required(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    assert webbuild.main(["--typecheck", "--optional", "--project-dir", str(tmp_path)]) == 0
    assert "type check is skipped" in capsys.readouterr().err
    assert webbuild.main(["--typecheck", "--project-dir", str(tmp_path)]) == 2
    assert "needs Node.js 20.19+" in capsys.readouterr().err
