"""Typed clients generated from the API's own OpenAPI document (``make clients``).

Everything under ``clients/`` but the tools' settings is generated, deterministically, from the
routes declared through ``Api.route`` (no server is started):

- ``clients/openapi.json``: the document ``GET /openapi.json`` serves, as built in-process.
- ``clients/python/``: the ``deskless_client`` package (openapi-python-client, pinned in
  requirements-dev.txt; settings in ``clients/openapi-python-client.yaml``), formatted by its ruff hooks.
- ``clients/typescript/deskless.d.ts``: the API's types (openapi-typescript, pinned with its lockfile
  in ``clients/typescript/package.json``; installed there by ``npm ci`` when missing or stale).

    python -m infra.clients            # regenerate the committed clients
    python -m infra.clients --check    # generate into a temporary directory; exit 1 on any difference
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "clients"
DOCUMENT = "openapi.json"
PYTHON_PROJECT = "python"
PYTHON_CONFIG = CLIENTS / "openapi-python-client.yaml"
TYPESCRIPT_TYPES = "typescript/deskless.d.ts"
# Where openapi-typescript and TypeScript are installed (package.json + package-lock.json committed).
NODE_TOOLS = CLIENTS / "typescript"
# Caches a generator, an import or a test run leave behind: never part of the comparison.
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"}
NODE_MISSING = (
    "Node.js 20+ and npm are needed for the TypeScript types (clients/typescript): install them "
    "(https://nodejs.org), then run make clients again"
)


class GenerationError(RuntimeError):
    """A generator failed or warned (a warning means parts of the API would be missing)."""


def document() -> dict[str, Any]:
    """The OpenAPI document ``GET /openapi.json`` serves, built from the registered routes."""
    from app import app  # noqa: F401  (registers every route)
    from chalicelib.api.openapi import build_document

    return build_document()


def document_text() -> str:
    """The document as committed: the served key order (generators keep it), two-space indents."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise GenerationError(f"{' '.join(command[:3])}... failed:\n{result.stdout}\n{result.stderr}".strip())


def _tool_env() -> dict[str, str]:
    # The generator's ruff hooks must be the pinned ruff of this environment, without a cache dir.
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "RUFF_NO_CACHE": "true"}


def generate_python(spec: Path, output: Path) -> None:
    """The ``deskless_client`` package from ``spec`` into ``output`` (replaced whole)."""
    if output.exists():
        shutil.rmtree(output)
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec)]
    command += ["--output-path", str(output), "--config", str(PYTHON_CONFIG), "--meta", "uv", "--fail-on-warning"]
    _run(command, cwd=output.parent, env=_tool_env())


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    # Parallel test workers may all find node_modules missing: one installs, the others wait.
    with (NODE_TOOLS / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def node_tools() -> Path:
    """``clients/typescript/node_modules``, installed from the lockfile when missing or older than it."""
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        raise GenerationError(NODE_MISSING)
    modules = NODE_TOOLS / "node_modules"
    installed = modules / ".package-lock.json"  # npm's record of what node_modules holds
    with _install_lock():
        lockfile = NODE_TOOLS / "package-lock.json"
        if not installed.exists() or installed.stat().st_mtime < lockfile.stat().st_mtime:
            _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=NODE_TOOLS)
    return modules


def generate_typescript(spec: Path, output: Path) -> None:
    """``deskless.d.ts`` from ``spec``: ``paths``, ``operations``, ``components`` and one exported
    type per schema (``TicketOut``...)."""
    cli = node_tools() / "openapi-typescript" / "bin" / "cli.js"
    output.parent.mkdir(parents=True, exist_ok=True)
    node = shutil.which("node") or "node"
    options = ["--root-types", "--root-types-no-schema-prefix"]
    # A request field with a default may be left out: keep it optional (responses list every field
    # as required, see chalicelib/api/openapi.py).
    options += ["--default-non-nullable", "false"]
    _run([node, str(cli), str(spec), "--output", str(output), *options], cwd=NODE_TOOLS)


def check_typescript(*files: Path) -> None:
    """``files`` compile under ``tsc --strict`` (what the web app will build with)."""
    tsc = node_tools() / "typescript" / "bin" / "tsc"
    node = shutil.which("node") or "node"
    _run([node, str(tsc), "--noEmit", "--strict", *map(str, files)], cwd=NODE_TOOLS)


def generate(target: Path, *, python: bool = True, typescript: bool = True) -> None:
    """The document and the clients under ``target`` (``clients/`` or a temporary directory)."""
    target.mkdir(parents=True, exist_ok=True)
    spec = target / DOCUMENT
    spec.write_text(document_text(), encoding="utf-8")
    if python:
        generate_python(spec, target / PYTHON_PROJECT)
    if typescript:
        generate_typescript(spec, target / TYPESCRIPT_TYPES)


def _files(root: Path) -> set[str]:
    if root.is_file():
        return {""}
    if not root.exists():
        return set()
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and not IGNORED.intersection(path.relative_to(root).parts)
    }


def compare(generated: Path, committed: Path) -> list[str]:
    """One line per file that differs, is missing from ``committed``, or is there but not generated."""
    problems = []
    made, kept = _files(generated), _files(committed)
    for name in sorted(made | kept):
        shown = committed / name if name else committed
        shown_name = str(shown.relative_to(ROOT)) if shown.is_relative_to(ROOT) else str(shown)
        if name not in kept:
            problems.append(f"missing: {shown_name}")
        elif name not in made:
            problems.append(f"not generated (remove it): {shown_name}")
        elif not filecmp.cmp(generated / name if name else generated, shown, shallow=False):
            problems.append(f"differs: {shown_name}")
    return problems


def differences(*, python: bool = True, typescript: bool = True, clients: Path = CLIENTS) -> list[str]:
    """What a fresh generation would change in ``clients``: empty when the committed files are current."""
    with tempfile.TemporaryDirectory(prefix="deskless-clients-") as scratch:
        fresh = Path(scratch)
        generate(fresh, python=python, typescript=typescript)
        parts = [DOCUMENT]
        parts += [PYTHON_PROJECT] if python else []
        parts += [TYPESCRIPT_TYPES] if typescript else []
        return [problem for part in parts for problem in compare(fresh / part, clients / part)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on any difference")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = differences()
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print("the clients are out of date with the API: run make clients", file=sys.stderr)
            return 1 if problems else 0
        generate(CLIENTS)
        check_typescript(CLIENTS / TYPESCRIPT_TYPES)
    except GenerationError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"clients regenerated under {CLIENTS.relative_to(ROOT)}/ from {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
