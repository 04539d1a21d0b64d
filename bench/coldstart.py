"""Cold start: ``import app`` in fresh interpreters, the way a Lambda function's init phase runs it.

As on Lambda: ``LAMBDA_TASK_ROOT`` is set, so the X-Ray SDK and Powertools' Tracer behave as they do
there (tracer on, ``TRACED_MODULES`` patched, no centralized-sampling clients), and bytecode is
precompiled, as the deployment zip ships it (infra/slim_package.py): one warm-up run fills a bytecode
cache in a temporary directory (``PYTHONPYCACHEPREFIX``, nothing written into the tree), then every
counted run loads from it. ``source_*`` repeats the runs with no bytecode for the app's own modules
(compiled at every import, as the zip shipped before).

Besides the medians: the top entries of ``python -X importtime`` (self time per module, the fastest
of 3 runs, and the sum per package, chalicelib's by subpackage), and what the lazily built pydantic models cost on first
use: the models of two common routes, and every model at once (the upper bound a process can pay).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Peak RSS from VmHWM: ``ru_maxrss`` survives exec on Linux, so a child of a large bench process
# would report its parent's size.
IMPORT = (
    "import json, resource, time\n"
    "t = time.perf_counter()\n"
    "import app\n"
    "wall = (time.perf_counter() - t) * 1000\n"
    "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "try:\n"
    "    peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "except (OSError, StopIteration):\n"
    "    peak = usage.ru_maxrss\n"
    "print(json.dumps({'wall_ms': wall, 'cpu_ms': (usage.ru_utime + usage.ru_stime) * 1000,\n"
    "                  'max_rss_mb': peak / 1024}))\n"
)

# The models a first request builds: its body, its query and its response (nested models included).
FIRST_USE = """
import json, time
import app
from pydantic import BaseModel
from chalicelib.api import routes
from chalicelib.api.http import ROUTES
routes.load_all()
from chalicelib.api.models import ErrorResponse

def build(models):
    started = time.perf_counter()
    for model in models:
        if isinstance(model, type) and issubclass(model, BaseModel) and not model.__pydantic_complete__:
            model.model_rebuild()
    return round((time.perf_counter() - started) * 1000, 1)

def route(method, path):
    spec = next(s for s in ROUTES if s.method == method and s.path == path)
    return [spec.request, spec.query, spec.response]

def every(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from every(sub)

figures = {
    "error response": build([ErrorResponse]),
    "POST /tickets": build(route("POST", "/tickets")),
    "GET /tickets": build(route("GET", "/tickets")),
    "POST /tickets/{number}/comments": build(route("POST", "/tickets/{number}/comments")),
}
mine = [m for m in set(every(BaseModel)) if m.__module__.startswith("chalicelib")]
figures["every other model"] = build(mine)
figures["models"] = len(mine)
print(json.dumps(figures))
"""


# A cold API instance's init phase and its first two requests, POST /tickets then GET /tickets (argv:
# a token and a customer id on the database server AWS_ENDPOINT_URL names): process CPU of each
# step, so what the init phase no longer loads shows up where a request loads it. The test client
# (not part of a Lambda instance) is built between the init phase and the requests, its CPU apart.
FIRST_REQUESTS = """
import json, resource, sys, time

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000

started = cpu()
import app
init = cpu()
from chalice.test import Client
client = Client(app.app, stage_name="local")
ready = cpu()
headers = {"Authorization": "Bearer " + sys.argv[1], "Content-Type": "application/json"}
body = json.dumps({"subject": "Cold", "customer_id": sys.argv[2]})
created = client.http.post("/tickets", headers=headers, body=body)
assert created.status_code == 201, created.body
after_create = cpu()
listed = client.http.get("/tickets", headers=headers)
assert listed.status_code == 200, listed.body
after_list = cpu()
print(json.dumps({
    "init_cpu_ms": init - started,
    "post_tickets_cpu_ms": after_create - ready,
    "get_tickets_cpu_ms": after_list - after_create,
    "init_and_both_cpu_ms": init - started + after_list - ready,
    "route_modules": len([m for m in sys.modules if m.startswith("chalicelib.api.")]),
}))
"""


def _env(base: dict[str, str], tracing: bool, bytecode_cache: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")} | base
    env["POWERTOOLS_TRACE_DISABLED"] = "false" if tracing else "true"
    env["LAMBDA_TASK_ROOT"] = str(ROOT)  # set by the Lambda runtime; the X-Ray SDK and Tracer read it
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if bytecode_cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_cache
    return env


def _python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)


def _samples(env: dict[str, str], runs: int) -> list[dict[str, float]]:
    return [json.loads(_python(env, "-c", IMPORT).stdout.strip().splitlines()[-1]) for _ in range(runs)]


def _median(samples: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(s[key] for s in samples), 1)


def import_rows(stderr: str) -> list[tuple[str, int, int]]:
    """``-X importtime`` lines as (module, self µs, cumulative µs)."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((name.strip(), int(own), int(cumulative)))
    return rows


def fastest(runs: list[list[tuple[str, int, int]]]) -> list[tuple[str, int, int]]:
    """Per module, its fastest of several runs (a busy machine only ever adds time)."""
    best: dict[str, tuple[str, int, int]] = {}
    for rows in runs:
        for row in rows:
            if row[0] not in best or row[1] < best[row[0]][1]:
                best[row[0]] = row
    return list(best.values())


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "chalicelib" and len(parts) > 1 else parts[0]


def top_entries(rows: list[tuple[str, int, int]], count: int = 10) -> dict[str, dict[str, float]]:
    """The modules with the most self time, and self time summed per package."""
    by_package: Counter[str] = Counter()
    for name, own, _ in rows:
        by_package[_package(name)] += own
    slowest = sorted(rows, key=lambda row: -row[1])[:count]
    return {
        "top modules, self ms": {name: round(own / 1000, 1) for name, own, _ in slowest},
        "top packages, self ms": {name: round(own / 1000, 1) for name, own in by_package.most_common(count)},
    }


def cold_start(base: dict[str, str], runs: int = 5, tracing: bool = False) -> dict[str, Any]:
    """Import app.py in fresh interpreters as Lambda would (``base``: the bench's environment); medians,
    importtime top entries, first use of the models, and the init phase with a first create and list."""
    with tempfile.TemporaryDirectory(prefix="deskless-bytecode-") as cache:
        env = _env(base, tracing, cache)
        _python(env, "-c", "import app")  # fills the bytecode cache, as the zip ships it
        samples = _samples(env, runs)
        importtime = fastest(
            [import_rows(_python(env, "-X", "importtime", "-c", "import app").stderr) for _ in range(3)]
        )
        first_use = json.loads(_python(env, "-c", FIRST_USE).stdout.strip().splitlines()[-1])
    source = _samples(_env(base, tracing, None), runs)
    requests = first_requests(base, runs, tracing)
    return {
        "tracing": tracing,
        "runs": runs,
        "import_wall_ms_median": _median(samples, "wall_ms"),
        "import_cpu_ms_median": _median(samples, "cpu_ms"),
        "peak_rss_mb_median": _median(samples, "max_rss_mb"),
        "source_import_wall_ms_median": _median(source, "wall_ms"),
        "source_import_cpu_ms_median": _median(source, "cpu_ms"),
        "modules_imported": len(importtime),
        **top_entries(importtime),
        "first use: models built, ms": first_use,
        "init + first requests (POST, then GET /tickets), CPU ms": requests,
    }


def first_requests(base: dict[str, str], runs: int = 5, tracing: bool = False, root: Path = ROOT) -> dict[str, Any]:
    """Init phase, then POST /tickets and GET /tickets in the same fresh interpreter (FIRST_REQUESTS),
    bytecode cached, against a database server this process starts and seeds with one
    organization; medians of ``runs``. ``root``: the checkout to measure (an older commit's, for a
    before/after)."""
    from bench.harness import local_database

    with local_database() as database:
        from chalice.test import Client

        from app import app
        from bench.seeding import signup_tenant

        with Client(app, stage_name="local") as client:
            # In-process moto servers share one backend: a slug of its own for each run.
            tenant = signup_tenant(client, f"coldstart-{uuid.uuid4().hex[:8]}")
        with tempfile.TemporaryDirectory(prefix="deskless-bytecode-") as cache:
            env = _env(base, tracing, cache) | {"PYTHONPATH": str(root), "AWS_ENDPOINT_URL": database.endpoint}
            script = ["-c", FIRST_REQUESTS, tenant["token"], tenant["customer_id"]]
            _run(env, root, *script)  # fills the bytecode cache
            samples = [json.loads(_run(env, root, *script)) for _ in range(runs)]
    return {key: _median(samples, key) for key in samples[0]}


# The modules the Lambda Python runtime provides (infra/slim_package.py removes them from the zip).
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")


def packaged(archive: Path, runs: int = 5) -> dict[str, Any]:
    """``import app`` from the unpacked deployment zip, as the runtime loads it: no site-packages
    (``python -S``), the zip's directory and the runtime's boto3/botocore on the path, a task root
    nothing can be written to (``PYTHONDONTWRITEBYTECODE``); with the zip's bytecode, then without
    it (every module compiled from source on every cold start, as the zip shipped before)."""
    import zipfile

    import botocore

    site = Path(botocore.__file__).resolve().parents[1]
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="deskless-task-") as tmp:
        task, runtime = Path(tmp) / "task", Path(tmp) / "runtime"
        runtime.mkdir()
        for name in RUNTIME_PACKAGES:
            (runtime / name).symlink_to(site / name)
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(task)
        for label in ("with bytecode", "source only"):
            if label == "source only":
                for pyc in task.rglob("*.pyc"):
                    pyc.unlink()
            for tracing in (False, True):
                env = {
                    "PATH": os.environ.get("PATH", ""),
                    "PYTHONPATH": f"{task}:{runtime}",
                    "PYTHONDONTWRITEBYTECODE": "1",
                    "LAMBDA_TASK_ROOT": str(task),
                    "AWS_DEFAULT_REGION": "us-east-1",
                    "AWS_REGION": "us-east-1",
                    "STAGE": "dev",
                    "TABLE_NAME": "deskless-dev",
                    "POWERTOOLS_TRACE_DISABLED": "false" if tracing else "true",
                }
                samples = [
                    json.loads(
                        subprocess.run(
                            [sys.executable, "-S", "-c", IMPORT],
                            cwd=task,
                            env=env,
                            capture_output=True,
                            text=True,
                            check=True,
                        )
                        .stdout.strip()
                        .splitlines()[-1]
                    )
                    for _ in range(runs)
                ]
                figures[f"{label}, tracing {'on' if tracing else 'off'}"] = {
                    "import_wall_ms_median": _median(samples, "wall_ms"),
                    "import_cpu_ms_median": _median(samples, "cpu_ms"),
                    "peak_rss_mb_median": _median(samples, "max_rss_mb"),
                }
    return figures


# One function per kind, and the modules its handler imports on its first invocation (app.py imports
# job code in the handler): the init phase is ``import app``; the first event adds these.
FUNCTION_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "api": ("api_handler", ()),
    "stream": (
        "on_table_change",
        (
            "chalicelib.jobs.stream",
            "chalicelib.jobs.sla_rematch",
            "chalicelib.jobs.automation",
            "chalicelib.jobs.notifications",
            "chalicelib.jobs.webhooks_out",
            "chalicelib.jobs.search_index",
            "chalicelib.jobs.live",
        ),
    ),
    "schedule": ("sla_sweep_job", ("chalicelib.jobs.sla_sweep",)),
    "event": ("ingest_email", ("chalicelib.jobs.email_ingest",)),
    "queue": ("send_webhook", ("chalicelib.jobs.webhooks_out",)),
    "websocket": (
        "websocket_message",
        (
            "chalicelib.api.websocket",
            "chalicelib.services.live",
            "chalicelib.channels.live",
            "chalicelib.services.ratelimit",
        ),
    ),
}

# ``import app`` as IMPORT measures it, then the handler's modules (argv), measured together.
FIRST_EVENT = IMPORT.replace(
    "import app\n", "import app, importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n", 1
).replace("'max_rss_mb'", "'modules': len(sys.modules), 'max_rss_mb'")


def _existing(root: Path, modules: tuple[str, ...]) -> list[str]:
    """The handler modules a checkout has (an older one may predate some: they are skipped)."""
    return [name for name in modules if (root / (name.replace(".", "/") + ".py")).exists()]


def functions(base: dict[str, str], runs: int = 5, root: Path = ROOT) -> dict[str, Any]:
    """Per function kind, under its deployed name (``AWS_LAMBDA_FUNCTION_NAME``, stage dev) as Lambda
    runs it (``LAMBDA_TASK_ROOT``, bytecode cached): the init phase (``import app``) and the init
    phase plus the modules its first event imports; medians of ``runs`` fresh interpreters, tracing
    off and on. ``root``: the checkout to measure (an older commit's, for a before/after)."""
    from infra.functions import function

    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="deskless-bytecode-") as cache:
        for tracing in (False, True):
            env = _env(base | {"STAGE": "dev"}, tracing, cache) | {
                "PYTHONPATH": str(root),
                "LAMBDA_TASK_ROOT": str(root),
            }
            for kind, (name, modules) in FUNCTION_KINDS.items():
                env["AWS_LAMBDA_FUNCTION_NAME"] = function(name).function_name("dev")
                handler = _existing(root, modules)
                script = ["-c", FIRST_EVENT, *handler]
                subprocess.run([sys.executable, *script], cwd=root, env=env, capture_output=True, text=True, check=True)
                init = [json.loads(_run(env, root, "-c", IMPORT)) for _ in range(runs)]
                first = [json.loads(_run(env, root, *script)) for _ in range(runs)]
                figures[f"{kind} ({name}), tracing {'on' if tracing else 'off'}"] = {
                    "init_cpu_ms": _median(init, "cpu_ms"),
                    "init_wall_ms": _median(init, "wall_ms"),
                    "init_peak_rss_mb": _median(init, "max_rss_mb"),
                    "with_first_event_imports_cpu_ms": _median(first, "cpu_ms"),
                    "with_first_event_imports_peak_rss_mb": _median(first, "max_rss_mb"),
                    "modules_after_first_event_imports": int(_median(first, "modules")),
                }
    return figures


def _run(env: dict[str, str], root: Path, *args: str) -> str:
    out = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]
