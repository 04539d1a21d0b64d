"""docs/configuration.md lists every environment variable the project's code reads.

The code is parsed, not imported: ``os.environ.get("X")``, ``os.environ["X"]``, ``os.getenv("X")``,
``os.environ.setdefault("X", ...)`` and ``"X" in os.environ`` read ``X``; ``config.secret("X")`` reads
``X`` and ``X_PARAMETER``. A read whose name is not a literal (or a module constant) fails the test
until it is resolved here, so no variable slips past the reference.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    p
    for pattern in (
        "app.py",
        "chalicelib/**/*.py",
        "infra/**/*.py",
        "bench/**/*.py",
        "examples/**/*.py",
        "tests/**/*.py",
    )
    for p in ROOT.glob(pattern)
)


def _fake_credentials() -> set[str]:
    from chalicelib.local.environment import FAKE_CREDENTIALS

    return set(FAKE_CREDENTIALS)


# Functions whose reads have computed names, each resolved by hand: config.secret(name) reads name
# and name_PARAMETER (its callers are collected as they are parsed); the local runner gives every
# fake credential a default.
COMPUTED_READS: dict[tuple[str, str], Callable[[], set[str]]] = {
    ("chalicelib/config.py", "secret"): set,
    ("chalicelib/local/environment.py", "apply_stage"): _fake_credentials,
}


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def _constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)})
    return found


class Reads(ast.NodeVisitor):
    def __init__(self, path: str, constants: dict[str, str]) -> None:
        self.path = path
        self.constants = constants
        self.names: set[str] = set()
        self.unresolved: list[str] = []
        self.function = ""

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def _name(self, node: ast.AST, line: int) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.names.add(node.value)
        elif isinstance(node, ast.Name) and node.id in self.constants:
            self.names.add(self.constants[node.id])
        elif (self.path, self.function) not in COMPUTED_READS:
            self.unresolved.append(f"{self.path}:{line}")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        reads_environ = isinstance(func, ast.Attribute) and (
            (func.attr in ("get", "setdefault") and _is_environ(func.value))
            or (func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os")
        )
        if reads_environ and node.args:
            self._name(node.args[0], node.lineno)
        is_secret = (isinstance(func, ast.Attribute) and func.attr == "secret") or (
            isinstance(func, ast.Name) and func.id == "secret"
        )
        if is_secret and node.args and self.path != "chalicelib/config.py":
            before = set(self.names)
            self._name(node.args[0], node.lineno)
            self.names |= {f"{name}_PARAMETER" for name in self.names - before}
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if _is_environ(node.value) and isinstance(node.ctx, ast.Load):
            self._name(node.slice, node.lineno)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if any(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(_is_environ(c) for c in node.comparators):
            self._name(node.left, node.lineno)
        self.generic_visit(node)


def read_by_the_code() -> tuple[set[str], list[str]]:
    names: set[str] = set()
    unresolved: list[str] = []
    for path in SOURCES:
        tree = ast.parse(path.read_text())
        reads = Reads(str(path.relative_to(ROOT)), _constants(tree))
        reads.visit(tree)
        names |= reads.names
        unresolved += reads.unresolved
    for resolve in COMPUTED_READS.values():
        names |= resolve()
    return names, unresolved


def documented() -> set[str]:
    text = (ROOT / "docs" / "configuration.md").read_text()
    first_cells = re.findall(r"^\| (`[^|]+)\|", text, re.MULTILINE)  # a row may name several variables
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", cell)}


def test_every_environment_variable_the_code_reads_is_in_the_reference() -> None:
    names, unresolved = read_by_the_code()
    assert unresolved == [], "environment reads with a computed name: resolve them in COMPUTED_READS"
    assert {"TABLE_NAME", "CURSOR_SECRET", "CURSOR_SECRET_PARAMETER", "FUZZ_EXAMPLES"} <= names, "the parser works"
    assert sorted(names - documented()) == []


def test_every_variable_stage_configuration_sets_is_in_the_reference() -> None:
    import json

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    names = set(config.get("environment_variables", {}))
    for stage in config["stages"].values():
        names |= set(stage.get("environment_variables", {}))
    assert sorted(names - documented()) == []
