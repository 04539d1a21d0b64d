"""Pydantic models are built on first use, not at import, and every one of them still builds.

Deferring the build moves a broken annotation (a name that does not resolve) from import time to a
request: building every model here keeps that failure in the suite, not in production.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

import app  # noqa: F401  (every route's, job's and domain's model is defined once the app is)

ROOT = Path(__file__).resolve().parents[2]


def _subclasses(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_models() -> list[type[BaseModel]]:
    """Every model of the project that validates something: generic templates (``Page[T]``, whose
    type parameter is still open) are left out, their parametrized classes (``Page[TicketOut]``) kept."""
    return sorted(
        {
            m
            for m in _subclasses(BaseModel)
            if m.__module__.startswith("chalicelib") and not m.__pydantic_generic_metadata__["parameters"]
        },
        key=lambda m: f"{m.__module__}.{m.__qualname__}",
    )


def test_every_project_model_defers_its_build() -> None:
    eager = [f"{m.__module__}.{m.__qualname__}" for m in project_models() if not m.model_config.get("defer_build")]
    assert eager == []


def test_importing_the_app_builds_no_model() -> None:
    script = (
        "import json, app\n"
        "from tests.unit.test_lazy_models import project_models\n"
        "print(json.dumps([f'{m.__module__}.{m.__qualname__}' for m in project_models() if m.__pydantic_complete__]))\n"
    )
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_every_project_model_builds_on_first_use() -> None:
    models = project_models()
    assert len(models) > 300  # the walk found the app's models, not an empty list
    for model in models:
        model.model_rebuild()
    unbuilt = [f"{m.__module__}.{m.__qualname__}" for m in models if not m.__pydantic_complete__]
    assert unbuilt == []
