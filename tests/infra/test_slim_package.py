"""The deployment zip keeps the Swagger UI files /docs serves (and their license), nothing else of them,
and ships the bytecode of its modules."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from infra.slim_package import slim

TAG = sys.implementation.cache_tag


def test_only_the_served_swagger_ui_files_and_its_license_stay_in_the_zip(tmp_path: Path) -> None:
    archive = tmp_path / "deployment.zip"
    entries = [
        "app.py",
        "chalicelib/api/docs.py",
        "chalicelib/api/docs_assets/init.js",
        "boto3/__init__.py",
        "swagger_ui/__init__.py",
        "swagger_ui/static/LICENSE",
        "swagger_ui/static/swagger-ui-bundle.js",
        "swagger_ui/static/swagger-ui.css",
        "swagger_ui/static/swagger-ui.css.map",
        "swagger_ui/static/swagger-editor-bundle.js",
        "swagger_ui/static/swagger-ui-es-bundle.js",
        "swagger_ui/static/oauth2-redirect.html",
    ]
    with zipfile.ZipFile(archive, "w") as zf:
        for name in entries:
            zf.writestr(name, "x" * 1000)
    before, after = slim(archive)
    assert after < before
    with zipfile.ZipFile(archive) as zf:
        kept = sorted(zf.namelist())
    assert [name for name in kept if "__pycache__" not in name] == [
        "app.py",
        "chalicelib/api/docs.py",
        "chalicelib/api/docs_assets/init.js",
        "swagger_ui/__init__.py",
        "swagger_ui/static/LICENSE",
        "swagger_ui/static/swagger-ui-bundle.js",
        "swagger_ui/static/swagger-ui.css",
    ]
    assert [name for name in kept if "__pycache__" in name] == [
        f"__pycache__/app.{TAG}.pyc",
        f"chalicelib/api/__pycache__/docs.{TAG}.pyc",
        f"swagger_ui/__pycache__/__init__.{TAG}.pyc",
    ]


def test_the_zip_ships_bytecode_that_the_runtime_loads_without_compiling_the_source(tmp_path: Path) -> None:
    archive = tmp_path / "deployment.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("app.py", "from chalicelib import shipped\nVALUE = shipped.VALUE\n")
        zf.writestr("chalicelib/__init__.py", "")
        zf.writestr("chalicelib/shipped.py", "VALUE = 'from the bytecode'\n")
        zf.writestr("chalicelib/templates/page.py", "{% if not python %}\n")
    slim(archive)
    task = tmp_path / "task"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(task)
        names = zf.namelist()
    assert f"chalicelib/__pycache__/shipped.{TAG}.pyc" in names
    assert not any("templates/__pycache__" in name for name in names)  # does not compile: left as it was
    # Were the source compiled at import, this edit would show (and the read-only task root cannot
    # cache it): the runtime loads the shipped pyc without reading the source.
    (task / "chalicelib" / "shipped.py").write_text("VALUE = 'compiled from the source'\n")
    env = {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", "import app; print(app.VALUE)"], cwd=task, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "from the bytecode"
