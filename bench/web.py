"""The web app's budget and render times (``make bench``, sections ``web_budget`` and ``web_render``).

* ``web_budget``: the JavaScript a first visit downloads before anything renders (index.html's
  scripts and module preloads, and every module they import statically, never the lazy chunks
  of ``import()``), gzipped as a server sends it. Above :data:`BUDGET_BYTES` it raises
  :class:`BudgetExceeded`, which fails ``make bench``.
* ``web_render``: Chromium on a seeded local stack (chalicelib/local/journeys.py: the demo
  organization with a week of tickets) loads the app cold, each run in a fresh browser context,
  and reads the app's performance marks (web/bench/render.mjs): ``deskless:inbox-rendered`` and
  ``deskless:ticket-rendered``; it counts the requests made before the inbox rendered and the
  API requests among them (the goal: ONE for the list). Medians over the runs.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from chalicelib.local import journeys, webbuild

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
BUDGET_BYTES = 200 * 1024
RUNS = 5
# Static imports between built chunks (`import"./a.js"`, `import{x}from"./a.js"`), not `import(...)`.
STATIC_IMPORT = re.compile(r"""\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'](\./[^"']+\.js)["']""")
INDEX_SCRIPT = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["'](/app/[^"']+\.js)["']""")


class BudgetExceeded(AssertionError):
    """The initial JavaScript is over budget: make bench fails on it."""


def initial_scripts(dist: Path) -> list[Path]:
    """index.html's scripts and module preloads, then every chunk they import statically."""
    queue = [dist / ref.removeprefix("/app/") for ref in INDEX_SCRIPT.findall((dist / "index.html").read_text())]
    seen: list[Path] = []
    while queue:
        script = queue.pop(0).resolve()
        if script in seen:
            continue
        seen.append(script)
        queue += [script.parent / ref for ref in STATIC_IMPORT.findall(script.read_text(errors="replace"))]
    return seen


def initial_js(dist: Path) -> dict[str, Any]:
    """Raw and gzipped (level 6, a web server's default) bytes of the initial JavaScript."""
    scripts = initial_scripts(dist)
    raw = sum(len(p.read_bytes()) for p in scripts)
    zipped = sum(len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) for p in scripts)
    lazy = [p for p in (dist / "assets").glob("*.js") if p.resolve() not in scripts]
    return {
        "initial_scripts": len(scripts),
        "initial_js_kb": round(raw / 1024, 1),
        "initial_js_gzip_kb": round(zipped / 1024, 1),
        "budget_gzip_kb": BUDGET_BYTES // 1024,
        "lazy_chunks": len(lazy),
        "lazy_js_gzip_kb": round(sum(len(gzip.compress(p.read_bytes(), 6, mtime=0)) for p in lazy) / 1024, 1),
        "within_budget": zipped <= BUDGET_BYTES,
    }


def budget() -> dict[str, Any]:
    """Build the app (when its sources changed) and hold the initial JavaScript to the budget."""
    webbuild.build(ROOT, log=lambda line: None)
    result = initial_js(WEB / "dist")
    if not result["within_budget"]:
        raise BudgetExceeded(
            f"OVER BUDGET: the initial JavaScript is {result['initial_js_gzip_kb']} KB gzipped, the budget is "
            f"{result['budget_gzip_kb']} KB (docs/architecture.md, issue 22). Load the rest lazily (import())."
        )
    return result


def _median(values: list[Any]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 1) if present else None


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians of the browser runs, and which marks this build sets."""
    inbox, sign_in = raw["inbox"], raw["sign_in"]
    marks_set = {
        "deskless:inbox-rendered": any(r["inbox_mark_ms"] is not None for r in inbox),
        "deskless:ticket-rendered": any(r["ticket_mark_cold_ms"] is not None for r in inbox),
    }
    return {
        "runs": len(inbox),
        "sign_in_first_render_ms": _median([r["rendered_ms"] for r in sign_in]),
        "sign_in_fcp_ms": _median([r["fcp_ms"] for r in sign_in]),
        "sign_in_requests": _median([r["requests"] for r in sign_in]),
        "inbox_rendered_ms (mark)": _median([r["inbox_mark_ms"] for r in inbox]),
        "inbox_rows_visible_ms (DOM)": _median([r["inbox_rows_visible_ms"] for r in inbox]),
        "inbox_rows": _median([r["rows"] for r in inbox]),
        "requests_before_inbox": _median([r["requests_before_inbox"] for r in inbox]),
        "api_requests_before_inbox": _median([r["api_requests_before_inbox"] for r in inbox]),
        "ticket_list_requests": _median([r["ticket_list_requests"] for r in inbox]),
        "api_paths": " ".join(inbox[0]["api_paths"]) if inbox else "",
        "ticket_rendered_after_click_ms (mark)": _median([r["ticket_mark_after_click_ms"] for r in inbox]),
        "ticket_rendered_cold_ms (mark)": _median([r["ticket_mark_cold_ms"] for r in inbox]),
        "marks": {name: {"set by this build": found} for name, found in marks_set.items()},
    }


def render(runs: int = RUNS) -> dict[str, Any]:
    """Cold loads of the sign-in page and the inbox (and a ticket, once the app marks it) in Chromium."""
    webbuild.build(ROOT, log=lambda line: None)
    with tempfile.TemporaryDirectory(prefix="deskless-bench-web-") as tmp, journeys.local_stack(Path(tmp)) as stack:
        env = {**os.environ, "CHROMIUM": journeys.CHROMIUM, "BENCH_RUNS": str(runs), **journeys.seed(stack, "bench")}
        done = subprocess.run(
            ["node", "bench/render.mjs"],
            cwd=WEB,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1]) if lines else {"ok": False, "error": done.stderr[-2000:]}
    if done.returncode != 0 or not result.get("ok"):
        raise RuntimeError(f"web/bench/render.mjs failed: {result}\n{done.stderr[-2000:]}")
    return summarise(result)
