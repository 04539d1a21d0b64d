"""The deployment zip keeps the Swagger UI files /docs serves (and their license), nothing else of them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from infra.slim_package import slim


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
    assert kept == [
        "app.py",
        "chalicelib/api/docs.py",
        "chalicelib/api/docs_assets/init.js",
        "swagger_ui/__init__.py",
        "swagger_ui/static/LICENSE",
        "swagger_ui/static/swagger-ui-bundle.js",
        "swagger_ui/static/swagger-ui.css",
    ]
