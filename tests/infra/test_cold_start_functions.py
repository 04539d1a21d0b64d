"""Which code each Lambda function's import loads: the API function every route, the others none.

Every function is the same zip and imports app.py; Lambda names it (``AWS_LAMBDA_FUNCTION_NAME``)
as infra/functions.py and Chalice do. Each probe imports the app in a fresh interpreter under a
deployed function's real name, as that function's init phase runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chalicelib.jobs.stream import SUBSCRIBER_MODULES
from infra.functions import APP_NAME, FUNCTIONS, STAGES, Function

ROOT = Path(__file__).resolve().parents[2]

# The handler's own modules, as its first invocation imports them (app.py imports them in the handler).
HANDLER_MODULES = {
    "on_table_change": ["chalicelib.jobs.stream", *SUBSCRIBER_MODULES],
    "sla_sweep_job": ["chalicelib.jobs.sla_sweep"],
    "automation_timer_job": ["chalicelib.jobs.automation_timer"],
    "ingest_email": ["chalicelib.jobs.email_ingest"],
    "send_webhook": ["chalicelib.jobs.webhooks_out"],
    "webhook_retry_job": ["chalicelib.jobs.webhooks_out"],
    "retention_sweep_job": ["chalicelib.jobs.retention_sweep"],
    "tenant_jobs_job": ["chalicelib.jobs.tenant_jobs"],
    "websocket_connect": ["chalicelib.api.websocket"],
    "websocket_message": ["chalicelib.api.websocket", "chalicelib.services.live", "chalicelib.channels.live"],
    "websocket_disconnect": ["chalicelib.api.websocket", "chalicelib.services.live"],
}

PROBE = """
import importlib, json, sys
import app
at_import = sorted(m for m in sys.modules if m.startswith("chalicelib.api"))
# Modules only mail ingestion or rare routes use: imported where they run, not by any cold start.
rare = ["chalicelib.channels.email", "chalicelib.services.offboarding", "chalicelib.store.tenant_export"]
rare_at_import = [m for m in rare if m in sys.modules]
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps({
    "api_modules_at_import": at_import,
    "api_modules_after_handler": sorted(m for m in sys.modules if m.startswith("chalicelib.api")),
    "routes": sorted([path, method] for path, methods in app.app.routes.items() for method in methods),
    "middleware": [kind for _, kind in app.app.middleware_handlers],
    "handlers": sorted(app.app.handler_map),
    "rare_at_import": rare_at_import,
}))
"""

NON_API = [fn for fn in FUNCTIONS if fn.invocation != "api"]
API = next(fn for fn in FUNCTIONS if fn.invocation == "api")


def _import_app(function_name: str | None, stage: str = "dev", handler_modules: list[str] | None = None) -> Any:
    env = {k: v for k, v in os.environ.items() if k != "AWS_LAMBDA_FUNCTION_NAME"} | {
        "PYTHONPATH": str(ROOT),
        "STAGE": stage,
        "POWERTOOLS_TRACE_DISABLED": "true",
        "LAMBDA_TASK_ROOT": str(ROOT),
    }
    if function_name is not None:
        env["AWS_LAMBDA_FUNCTION_NAME"] = function_name
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *(handler_modules or [])], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def every_route() -> set[tuple[str, str]]:
    """The routes as the tests' own import of app.py registers them (outside Lambda)."""
    import app

    routes = {(path, method) for path, methods in app.app.routes.items() for method in methods}
    assert len(routes) > 150
    return routes


def test_every_non_api_function_is_known_to_the_probe() -> None:
    assert {fn.name for fn in NON_API} == set(HANDLER_MODULES)


@pytest.mark.parametrize("fn", NON_API, ids=lambda fn: fn.name)
def test_a_non_api_function_loads_no_route_module_at_import_nor_when_its_handler_runs(fn: Function) -> None:
    loaded = _import_app(fn.function_name("dev"), handler_modules=HANDLER_MODULES[fn.name])
    assert loaded["api_modules_at_import"] == []
    assert set(loaded["api_modules_after_handler"]) <= {"chalicelib.api", "chalicelib.api.websocket"}
    assert loaded["routes"] == []
    # Powertools (logger, metrics) still wraps the handler; the HTTP request middleware is the API's.
    assert loaded["middleware"] == ["all", "all"]
    assert {"on_table_change", "live_message", "sla_sweep_job", "send_webhook"} <= set(loaded["handlers"])


def test_in_production_too_a_job_function_loads_no_route() -> None:
    loaded = _import_app(next(fn for fn in NON_API if fn.name == "sla_sweep_job").function_name("prod"), "prod")
    assert loaded["routes"] == []


@pytest.mark.parametrize(
    "function_name",
    [
        None,  # outside Lambda: chalice local, make run, chalice package, the tests
        f"{APP_NAME}-dev",  # the API function as Chalice's own deployer names it
        API.function_name("dev"),  # as the merge template names it
        f"{APP_NAME}-prod-on_table_change",  # another stage's name: not recognised, so everything
        f"{APP_NAME}-dev-on_table_change-v2",  # a renamed function
        "on_table_change",
    ],
)
def test_the_api_function_and_any_unrecognised_name_register_every_route(
    function_name: str | None, every_route: set[tuple[str, str]]
) -> None:
    loaded = _import_app(function_name)
    assert {(path, method) for path, method in loaded["routes"]} == every_route
    assert loaded["middleware"] == ["all", "all", "http"]
    assert loaded["rare_at_import"] == [], "the MIME parser, exports and offboarding load where they run"


def test_a_function_named_for_a_job_without_a_stage_registers_every_route(every_route: set[tuple[str, str]]) -> None:
    # STAGE empty: the name cannot be read, so the function gets everything.
    loaded = _import_app(f"{APP_NAME}-dev-sla_sweep_job", stage="")
    assert {(path, method) for path, method in loaded["routes"]} == every_route


PACKAGE_PROBE = """
import json
from chalice.deploy.swagger import TemplatedSwaggerGenerator
import app
swagger = TemplatedSwaggerGenerator().generate_swagger(app.app)
print(json.dumps(sorted([path, method.upper()] for path, methods in swagger["paths"].items() for method in methods)))
"""


@pytest.mark.parametrize("stage", STAGES)
def test_chalice_package_declares_every_route(stage: str, every_route: set[tuple[str, str]]) -> None:
    """`chalice package` imports app.py on the developer's machine with the stage's variables: the
    REST API definition it writes into the template holds every route."""
    env = {k: v for k, v in os.environ.items() if k != "AWS_LAMBDA_FUNCTION_NAME"} | {
        "PYTHONPATH": str(ROOT),
        "STAGE": stage,
    }
    out = subprocess.run([sys.executable, "-c", PACKAGE_PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    declared = {(path, method) for path, method in json.loads(out.stdout.strip().splitlines()[-1])}
    assert declared == every_route
