"""The web benchmark's budget: what counts as initial JavaScript, and a build over 200 KB gzipped
fails ``make bench`` loudly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import web


def fake_build(root: Path, entry: str, chunks: dict[str, bytes]) -> Path:
    dist = root / "web" / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        f'<script type="module" crossorigin src="/app/assets/{entry}"></script>'
        '<link rel="modulepreload" crossorigin href="/app/assets/vendor-AAAAAAAA.js">'
    )
    for name, body in chunks.items():
        (dist / "assets" / name).write_bytes(body)
    return dist


def test_initial_javascript_is_the_entry_its_preloads_and_static_imports_not_lazy_chunks(tmp_path: Path) -> None:
    dist = fake_build(
        tmp_path,
        "index-BBBBBBBB.js",
        {
            "index-BBBBBBBB.js": b'import{a}from"./vendor-AAAAAAAA.js";import"./i18n-CCCCCCCC.js";'
            b'const t=()=>import("./ticket-DDDDDDDD.js");',
            "vendor-AAAAAAAA.js": b"export const a=1;",
            "i18n-CCCCCCCC.js": b'import{a}from"./vendor-AAAAAAAA.js";',
            "ticket-DDDDDDDD.js": b"export default 1;",
        },
    )
    names = [p.name for p in web.initial_scripts(dist)]
    assert names == ["index-BBBBBBBB.js", "vendor-AAAAAAAA.js", "i18n-CCCCCCCC.js"]
    result = web.initial_js(dist)
    assert (result["initial_scripts"], result["lazy_chunks"], result["within_budget"]) == (3, 1, True)


def test_a_build_over_budget_fails_the_bench_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Random bytes do not compress: 210 KB stay over 200 KB gzipped.
    fake_build(
        tmp_path,
        "index-BBBBBBBB.js",
        {"index-BBBBBBBB.js": os.urandom(210 * 1024), "vendor-AAAAAAAA.js": b""},
    )
    monkeypatch.setattr(web, "WEB", tmp_path / "web")
    monkeypatch.setattr("bench.web.webbuild.build", lambda *args, **kwargs: False)
    with pytest.raises(web.BudgetExceeded, match=r"OVER BUDGET: the initial JavaScript is 21\d\.\d KB gzipped"):
        web.budget()


def test_the_summary_says_which_marks_the_build_does_not_set_yet() -> None:
    run = {
        "inbox_mark_ms": None,
        "inbox_rows_visible_ms": 500.0,
        "fcp_ms": 300.0,
        "rows": 26,
        "requests_before_inbox": 4,
        "api_requests_before_inbox": 1,
        "api_paths": ["/tickets"],
        "ticket_list_requests": 1,
        "ticket_mark_after_click_ms": None,
        "ticket_mark_cold_ms": None,
    }
    sign_in = {"rendered_ms": 250.0, "fcp_ms": 270.0, "requests": 3, "api_requests": 0}
    summary = web.summarise({"inbox": [run, {**run, "inbox_rows_visible_ms": 600.0}], "sign_in": [sign_in]})
    assert summary["inbox_rendered_ms (mark)"] is None
    assert summary["inbox_rows_visible_ms (DOM)"] == 550.0
    assert summary["ticket_list_requests"] == 1
    assert summary["marks"]["deskless:inbox-rendered"] == {"set by this build": False}
