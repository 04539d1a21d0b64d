"""What importing app.py loads, in a fresh interpreter as Lambda's init phase runs it.

Each check guards a cold-start saving that a harmless-looking edit would undo silently: a job
module imported at the top of app.py, the collector left off after the import (memory would grow
without bound), the X-Ray SDK patching every library installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, sys
import app
import botocore.client, http.client
print(json.dumps({
    "jobs": sorted(m for m in sys.modules if m.startswith("chalicelib.jobs")),
    "gc_enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    # X-Ray patches by wrapping with wrapt's FunctionWrapper (botocore's own decorator is functools').
    "botocore_traced": type(vars(botocore.client.BaseClient)["_make_api_call"]).__name__ == "FunctionWrapper",
    "http_client_traced": type(vars(http.client.HTTPConnection)["_send_request"]).__name__ == "FunctionWrapper",
    "unused_libraries": sorted(m for m in ("httpx", "requests", "sqlite3") if m in sys.modules),
}))
"""


def _import_app(tracing: bool) -> dict[str, Any]:
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "POWERTOOLS_TRACE_DISABLED": "false" if tracing else "true",
        "LAMBDA_TASK_ROOT": str(ROOT),  # as on Lambda: the Tracer turns itself off without it
    }
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_app_loads_no_job_module_and_leaves_the_collector_on() -> None:
    loaded = _import_app(tracing=False)
    assert loaded["jobs"] == []
    assert loaded["gc_enabled"] is True
    assert loaded["frozen"] > 10_000  # the import-time objects, out of every later collection's way
    assert loaded["botocore_traced"] is False


def test_with_tracing_on_dynamodb_and_http_calls_are_traced_and_no_unused_library_is_loaded() -> None:
    loaded = _import_app(tracing=True)
    assert loaded["botocore_traced"] is True
    assert loaded["http_client_traced"] is True
    assert loaded["unused_libraries"] == []
