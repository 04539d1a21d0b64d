"""The committed clients (clients/) are what ``make clients`` generates from today's routes.

An API change without a regeneration fails here, naming the files that would change; the fix is
``make clients`` and committing the result. The TypeScript half needs Node.js and npm: the first
run installs openapi-typescript into clients/typescript/node_modules from the committed lockfile.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from chalice.test import Client

from infra import clients
from infra.clients import CLIENTS, DOCUMENT, PYTHON_PROJECT, ROOT, TYPESCRIPT_TYPES, compare, differences


def documented_example(language: str) -> str:
    """The ``language`` code block of docs/api.md's "Clients" section."""
    section = (ROOT / "docs" / "api.md").read_text(encoding="utf-8").split("\n## Clients\n", 1)[1]
    blocks = re.findall(rf"```{language}\n(.*?)```", section.split("\n## ", 1)[0], re.DOTALL)
    assert len(blocks) == 1, f"one {language} example in docs/api.md's Clients section"
    return str(blocks[0])


def test_the_committed_document_is_the_one_the_api_serves(api: Client) -> None:
    served = json.loads(api.http.get("/openapi.json").body)
    assert json.loads((CLIENTS / DOCUMENT).read_text(encoding="utf-8")) == served


def test_the_committed_python_client_equals_a_fresh_generation() -> None:
    assert differences(python=True, typescript=False) == [], "run make clients"


def test_the_committed_typescript_types_equal_a_fresh_generation() -> None:
    assert differences(python=False, typescript=True) == [], "run make clients"


def test_the_committed_typescript_types_compile_under_strict() -> None:
    clients.check_typescript(CLIENTS / TYPESCRIPT_TYPES)


def test_the_typescript_example_in_the_docs_compiles_against_the_types(tmp_path: Path) -> None:
    shutil.copy(CLIENTS / TYPESCRIPT_TYPES, tmp_path / "deskless.d.ts")
    (tmp_path / "example.ts").write_text(documented_example("ts"), encoding="utf-8")
    clients.check_typescript(tmp_path / "example.ts")


def test_the_python_client_declares_its_package_and_runtime_dependencies() -> None:
    project = (CLIENTS / PYTHON_PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "deskless-client"' in project
    assert '"httpx' in project
    assert (CLIENTS / PYTHON_PROJECT / "deskless_client" / "py.typed").exists(), "typed for its users' mypy"


def test_the_comparison_names_every_changed_missing_and_stale_file(tmp_path: Path) -> None:
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    shutil.copytree(CLIENTS / PYTHON_PROJECT, fresh, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(fresh, committed)
    (committed / "deskless_client" / "models" / "ticket_out.py").write_text("# edited by hand\n")
    (committed / "deskless_client" / "models" / "priority.py").unlink()
    (committed / "deskless_client" / "models" / "renamed_since.py").write_text("")
    (committed / "deskless_client" / "__pycache__").mkdir(exist_ok=True)
    (committed / "deskless_client" / "__pycache__" / "client.cpython-311.pyc").write_bytes(b"cache")

    problems = compare(fresh, committed)

    assert problems == [
        f"missing: {committed}/deskless_client/models/priority.py",
        f"not generated (remove it): {committed}/deskless_client/models/renamed_since.py",
        f"differs: {committed}/deskless_client/models/ticket_out.py",
    ]


def test_a_missing_typescript_file_is_reported(tmp_path: Path) -> None:
    generated = tmp_path / "deskless.d.ts"
    generated.write_text("export interface paths {}\n")
    assert compare(generated, tmp_path / "absent.d.ts") == [f"missing: {tmp_path}/absent.d.ts"]


def test_check_mode_exits_1_and_names_the_remedy(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clients, "differences", lambda: ["differs: clients/openapi.json"])
    assert clients.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "differs: clients/openapi.json" in err
    assert "make clients" in err
