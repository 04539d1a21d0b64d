"""bench/results.md: the figures of one full ``make bench`` run, with the machine, date and commit."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

PREAMBLE = """\
How to read these figures. Everything runs on this one machine, in process, against moto (no AWS):
wall times measure the app plus moto (whose index queries walk the whole table), so compare them
between runs on the same machine only, and read cost from DynamoDB calls, items and capacity units.

* **Capacity units** are computed per call from item sizes, as DynamoDB bills them (bench/capacity.py):
  item size = UTF-8 bytes of attribute names + value sizes; reads 1 RCU per 4 KB strongly consistent,
  half that eventually consistent (GetItem per item; Query/Scan per call over the sum of every item
  evaluated, filtered-out ones included; BatchGetItem per item); writes 1 WCU per 1 KB of the larger of
  the item before and after (DeleteItem: the deleted item), per item in batches; transactions cost
  twice (TransactWriteItems incl. ConditionCheck, TransactGetItems). Sizes are read from moto's
  in-process backend. **Index WCU** are the writes billed to the global secondary indexes on top:
  per index an entry added or removed is one write of its projected size, a changed key two, changed
  projected attributes one, an untouched entry none (1 KB per unit, standard rate in transactions).
* **Handler CPU** is the request thread's CPU time (`time.thread_time`): the app, botocore and the
  test client, without the database server's work, which runs in its own threads, and without the
  capacity meter's item lookups (bench work done in the request thread, about 2 ms per create).
* **Wall p50/p95** are nearest-rank percentiles over the repeats of each operation.
"""


def _run(*args: str) -> str:
    try:
        return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def _os() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))} (kernel {platform.release()})"
    except OSError:
        pass
    return platform.platform()


def machine() -> dict[str, Any]:
    import moto

    commit = _run("git", "rev-parse", "--short", "HEAD")
    dirty = _run("git", "status", "--porcelain", "--untracked-files=no")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": _os(),
        "python": sys.version.split()[0],
        "moto": moto.__version__,
        "commit": commit + (" (with uncommitted changes)" if dirty and dirty != "unknown" else ""),
    }


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, dict)):
        return (
            ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else ", ".join(map(str, value))
        )
    return str(value).replace("|", "\\|")


def operations_table(operations: list[dict[str, Any]]) -> str:
    headers = [
        "operation",
        "status",
        "runs",
        "DynamoDB calls",
        "call types (per request)",
        "items read",
        "RCU",
        "WCU",
        "index WCU",
        "handler CPU ms (median)",
        "wall ms p50",
        "wall ms p95",
    ]
    rows = [
        [f"`{r['method']} {r['path']}`", "failed", r["error"][:200], *[""] * (len(headers) - 3)]
        if "error" in r
        else [
            f"`{r['method']} {r['path']}`" + (f" {r['variant']}" if r["variant"] else ""),
            r["status"],
            r["repeat"],
            r["calls"],
            r["call_types"],
            r["items_read"],
            r["rcu"],
            r["wcu"],
            r.get("index_wcu", ""),
            r["cpu_ms_median"],
            r["wall_ms_p50"],
            r["wall_ms_p95"],
        ]
        for r in operations
    ]
    return _table(headers, rows)


def _records(value: Any) -> str:
    """A dict of figures, a dict of dicts, or a list of dicts, as a table."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        headers = list(value[0])
        return _table(headers, [[r.get(h, "") for h in headers] for r in value])
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        headers = list(dict.fromkeys(k for v in value.values() for k in v))
        return _table(["case", *headers], [[name, *(v.get(h, "") for h in headers)] for name, v in value.items()])
    if isinstance(value, dict):
        flat = {k: v for k, v in value.items() if not isinstance(v, dict)}
        nested = {k: v for k, v in value.items() if isinstance(v, dict)}
        parts = [_table(["figure", "value"], [[k, v] for k, v in flat.items()])] if flat else []
        parts += [f"*{k}*\n\n{_records(v)}" for k, v in nested.items()]
        return "\n\n".join(parts)
    return f"`{value}`"


def _one_lambda_assumptions() -> str:
    from bench.invocations import assumptions

    return assumptions()


# (section, title, how it was measured): one short line per table.
SECTIONS: list[tuple[str, str, str]] = [
    (
        "cold_start",
        "Cold start: import app.py",
        "`import app` in 5 fresh interpreters as Lambda's init phase runs it (bench/coldstart.py): "
        "`LAMBDA_TASK_ROOT` set, bytecode precompiled as the zip ships it; median wall and CPU time and peak "
        "RSS (`ru_maxrss`), X-Ray tracing off. `source_*`: the app's modules compiled at import (no bytecode). "
        "Top entries of `python -X importtime` (self time, fastest of 3 runs), and the first-use cost of the "
        "lazily built pydantic models (two routes' models, then all of them); the init phase then a first "
        "`POST /tickets` and `GET /tickets` in the same fresh interpreter (process CPU of each, route modules "
        "load on first use).",
    ),
    ("cold_start_tracing", "Cold start with X-Ray tracing on", "As above with `POWERTOOLS_TRACE_DISABLED=false`."),
    (
        "cold_start_functions",
        "Cold start per function kind",
        "`import app` under each kind's deployed function name (`AWS_LAMBDA_FUNCTION_NAME=deskless-dev-<handler>`, "
        "`LAMBDA_TASK_ROOT` set, bytecode cached), median of 5 fresh interpreters: the init phase, then the init "
        "phase plus the modules the handler imports on its first event; peak RSS from `VmHWM`.",
    ),
    (
        "package",
        "Deployment package",
        "`chalice package` of the dev stage, then infra/slim_package.py; compressed sizes of the largest packages. "
        "Cold start from the zip: `import app` from the unpacked zip as the runtime loads it (`python -S`, the "
        "zip and the runtime's boto3/botocore on the path, a read-only task root), with its bytecode and "
        "without it (as it shipped before), median of 5.",
    ),
    (
        "sla_sweep",
        "SLA sweep scaling",
        "One `sla_sweep.sweep(now)` over `open_tickets` tickets with deadlines, `due` of them overdue, items "
        "loaded into in-process moto; calls and items counted by the metering hooks; wall per fired event.",
    ),
    (
        "overdue_sweep",
        "Overdue work order sweep scaling",
        "One `automation.sweep_overdue(now)` over `open_work_orders` scheduled work orders, `due` of them past "
        "their due time, items loaded into in-process moto; calls and items counted by the metering hooks.",
    ),
    (
        "rule_evaluation",
        "Rule evaluation throughput",
        "CPU (`thread_time`) to evaluate 1,000 active rules' conditions against one ticket_updated event, "
        "no I/O, median of 30; rules/s and events/s derived from the median.",
    ),
    (
        "rule_run_cost",
        "One event through the automation engine (1,000 rules)",
        "`automation.run(event)` on in-process moto; CPU includes moto, which runs in the same thread.",
    ),
    (
        "rule_latency",
        "Ticket write to rule change (local stream poller)",
        "PATCH a ticket, then poll it until the rule's tag appears; moto server + the local stream poller.",
    ),
    (
        "email_ingestion",
        "Email ingestion",
        "`channels.ingest_email(raw)` per message (parse, store raw and files in S3, thread, write the ticket), "
        "in-process moto; p50/p95 over the messages.",
    ),
    (
        "webhook_verification",
        "Webhook signature verification",
        "HMAC-SHA256 of `<t>.<delivery id>.<body>` (10 KB body) against two secrets (rotation), mean of 2,000; "
        "the legacy form's worst case (organization accepts it, second secret) checks four HMACs.",
    ),
    (
        "webhook_isolation",
        "Cross-tenant webhook isolation",
        "A bystander organization opens tickets one at a time: ticket created -> its rule's tag readable, its "
        "subscription's and its rule's webhooks received. Two identical runs on fresh local stack pieces (moto "
        "server, stream poller, webhook queue poller), except that the slow organization's endpoints answer in "
        "one and hang (accept, never answer) in the other, holding every one of its message groups throughout.",
    ),
    (
        "live_updates",
        "Live updates: change to screen, cost per connected agent-hour",
        "PATCH a ticket -> its `ticket.changed` received by a WebSocket client watching `inbox` (moto server, "
        "the gateway's /live and management API, the stream poller at 0.25 s idle sleep; median, p95 and max); "
        "what one `auth` costs (DynamoDB calls, CPU); the cost of one connected agent-hour at the list prices and "
        "assumptions listed (bench/live.py).",
    ),
    (
        "kb_search",
        "Knowledge base search",
        "5,000 published articles loaded into in-process moto; searches through the service, calls per view.",
    ),
    (
        "ticket_search",
        "Ticket search",
        "1,000 and 10,000 tickets (index items built as the stream writes them, loaded into in-process moto); "
        "calls, items and RCU per query; calls and WCU of the index writes per new ticket, comment and retried record.",
    ),
    (
        "retention_sweep",
        "Retention sweep",
        "1,000 expired tickets (6 items each) through `retention.sweep`, in-process moto.",
    ),
    (
        "change_validation",
        "Validation on change and the JSON depth check",
        "CPU (`thread_time`, median of 7 runs) of one ticket `model_copy(update=...)` validated as stored "
        "entities are (chalicelib/domain/entity.py) against pydantic's unvalidated copy, the copies one ticket "
        "PATCH makes, and the raw-bytes JSON depth check (chalicelib/domain/jsondepth.py).",
    ),
    (
        "export_cost",
        "Organization export: cost follows the tenant",
        "`POST /organization/exports`, then `offboarding.advance` to the end (in-process moto): a 5-ticket tenant "
        "beside one with 500 closed tickets (6 items each), then the large one; calls and items read by the "
        "metering hooks. A whole-table Scan would read `table_items` for either.",
    ),
    (
        "hostile_patterns",
        "Memory while hostile rule patterns are refused",
        "100 `POST /automation-rules` with hostile `matches` patterns (`x{100001+n}`, `(a{1000}){1000}`, "
        "`(a+)+$`, a 26-range set x99, 11-15 nested groups) through the test client in a fresh interpreter; "
        "RSS from /proc/self/statm before and after. For scale: one `x{100001}` compiled.",
    ),
    (
        "rate_limit_claims",
        "Rate limiter: claims per minute of one organization's traffic",
        "One organization's requests spread evenly over a whole minute (simulated clock), shared round-robin "
        "by `containers` limiters (chalicelib/services/ratelimit.py) on in-process moto; every block claim is one "
        "conditional UpdateItem, counted and costed by the metering hooks; `unused_claims_at_minute_end` is what "
        "the containers held and never used (the tolerance of `X-RateLimit-Remaining`).",
    ),
    (
        "rate_limit_cpu",
        "Rate limiter: CPU of one admission",
        "CPU (`thread_time`, median of 7 runs of 20,000) of `Limiter.admit` served from a held claim (no "
        "DynamoDB call: most requests) and of building the `X-RateLimit-*` headers.",
    ),
    (
        "cost",
        "Cost: a month on AWS at list prices",
        "bench/cost.py: the local stack's pieces in process (locked moto server, stream poller, webhook queue "
        "poller, scheduled events) through the real handlers. Idle: each scheduled job run on a stack with one "
        "organization and no traffic, scaled by its rate. 10,000 tickets: 8 tickets driven on an organization "
        "with an SLA policy, 10 active rules and one webhook subscription (customer opens it, agent and customer "
        "alternate 5 public comments), every stream record and webhook delivered, scaled to 10,000. Capacity "
        "units from item sizes (indexes included), Lambda duration = handler CPU + the latency model, emails "
        "counted per recipient in the outbox, bytes stored read from moto (+100 B per item). Prices and their "
        "date are in bench/cost.py (us-east-1, no free tier).",
    ),
    (
        "scale",
        "At scale: capacity units per partition key",
        "bench/scale.py: one organization with an SLA policy on the local stack's database server; 40 tickets "
        "created (after 40 unmetered ones that time the emulator, which serialises every request), an agent's "
        "reply on each, 20 inbox polls by an agent (unassigned view with users, policies, SLA and counts). Each "
        "call's units split by the partition key they land on (table PK; each index's own key), and for the "
        "table also per item; the largest tenant is the limit (1,000 WCU/s, 3,000 RCU/s) over the hottest "
        "key's units per request. Agents polling = polls/s x the web app's poll interval.",
    ),
    (
        "one_lambda",
        "One Lambda per request: authorizer function vs authentication in the handler",
        "Lambda invocations counted per request through the real app (the app's entry, and one authorizer "
        "invocation per request routed to a route with an authorizer); calls and CPU (`thread_time`, median of "
        "30) measured on the local stack's database server; `auth_cpu_ms`: `identity.authenticate` alone. The "
        "before row is the same work split as the authorizer function ran it (its own invocation, one call). "
        + _one_lambda_assumptions(),
    ),
    (
        "queue_scaling",
        "One queue page vs tickets in the org",
        "`GET /tickets?limit=25` with the org holding N tickets; items read must stay flat.",
    ),
    (
        "ticket_writes",
        "Write capacity per ticket change (table and indexes)",
        "One ticket through its life (5 tickets, means), each change through the API on the local stack's "
        "database server: calls, table WCU and the global secondary indexes' WCU (bench/ticket_writes.py).",
    ),
    (
        "web_budget",
        "Web app: initial JavaScript",
        "`vite build` of web/, then index.html's scripts and module preloads and every chunk they import "
        "statically (not the lazy `import()` chunks), gzipped at level 6 as a web server sends them; "
        "`make bench` fails above the budget of 200 KB (bench/web.py).",
    ),
    (
        "web_render",
        "Web app: first render in the local stack",
        "Chromium (Debian's, through playwright-core) on a seeded local stack (the demo organization, 26 "
        "tickets), each load cold in a fresh browser context, medians of 5 (web/bench/render.mjs). Times are ms "
        "since navigation: the app's performance marks `deskless:inbox-rendered` and `deskless:ticket-rendered` "
        "(empty while the build does not set them), the first DOM commit of the sign-in form and of the inbox "
        "rows (a MutationObserver from the first script on), first contentful paint. Requests before the inbox: "
        "every request the page made before it rendered (document, scripts, styles, API), and the API ones.",
    ),
    (
        "create_throughput",
        "Create-ticket throughput",
        "Sequential `POST /tickets` through the test client on in-process moto.",
    ),
    (
        "local_transaction",
        "Local stack transaction cost",
        "A ticket-shaped TransactWriteItems on the local moto server with 10,000 items in the table.",
    ),
    (
        "local_durability",
        "Local stack durability: the journal's cost",
        "`POST /tickets` over HTTP on `python -m chalicelib.local run` (a subprocess), 8 concurrent keep-alive "
        "clients x 30 tickets, with every write journaled and fsynced before its response, and with "
        "`--no-persist` (memory only, as before the journal); then that run's journal, left by `kill -9`, "
        "replayed into a fresh moto server as a start after a crash does (bench/durability.py).",
    ),
]


def render(results: dict[str, Any]) -> str:
    m = results.get("machine") or machine()
    out = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`python -m bench`) on {m['date']}, commit `{m['commit']}`.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}; "
        f"Python {m['python']}; moto {m['moto']}.",
        "",
        PREAMBLE,
    ]
    if "operations" in results:
        out += [
            "## API operations",
            "",
            "Every route of the API (`chalicelib.api.http.ROUTES`), each request checked to have been routed "
            "there and to answer its success status; figures per request, means over the runs (bench/ops/).",
            "",
            operations_table(results["operations"]),
            "",
        ]
    for key, title, how in SECTIONS:
        if key in results:
            out += [f"## {title}", "", how, "", _records(results[key]), ""]
    if "package" not in results:
        out += ["## Deployment package", "", "Not measured in this run (`--skip-package`: it needs PyPI).", ""]
    return "\n".join(out)
