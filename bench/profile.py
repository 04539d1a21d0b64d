"""Where an operation's handler CPU goes: ``python -m bench --only operations --operations NAME --profile 200``.

Probes wrap the functions that mark a layer of the request (the middleware's authentication, the
route's parsing and response, PynamoDB's model conversion, botocore's serialiser, signer, endpoint
resolver, parser and hooks, urllib3's new connection, the JSON codec, pydantic, the Powertools
logger...) and charge each layer with its own CPU time (``thread_time`` of the request thread, its
callees' probed time excluded), so the database server's threads and the time spent waiting on a
socket are not counted, as in the harness. What no probe covers below the app is charged to the app
("Chalice dispatch, middleware, app code not probed"); the test client's own work (building the
API Gateway event, routing) is local only. cProfile is not used: its per-call overhead triples the time
of call-heavy pure Python (botocore's parsers) and distorts the shares; a few dozen probes per
request cost about a microsecond each (the total is printed beside the unprobed median).
"""

from __future__ import annotations

import functools
import importlib
import json
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.capacity import capacity_meter
from bench.harness import Operation
from chalicelib.store import metering

HEADERS = {"content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "floor"}
NEW_CONNECTION = "new TCP connection per call (the local server closes it: local only)"

# (module, attribute path, layer)
PROBES: tuple[tuple[str, str, str], ...] = (
    ("chalice.test", "TestHTTPClient.request", "test client, local gateway (local only)"),
    ("chalice.app", "Chalice.__call__", "Chalice dispatch, middleware, app code not probed"),
    ("chalicelib.api.http", "authenticate_request", "authentication (app code)"),
    ("chalicelib.api.ratelimit", "admit", "rate limit"),
    ("chalicelib.api.http", "parse_body", "Api.route: body parsing (app code)"),
    ("chalicelib.api.http", "_to_response", "Api.route: response (app code)"),
    ("chalicelib.services.tickets", "create_ticket", "create: service and domain (app code)"),
    ("chalicelib.store.tickets", "create_ticket", "create: store, items and operations (app code)"),
    ("chalicelib.store.transactions", "_transact_once", "transaction builder (app code)"),
    ("chalicelib.store.transactions", "_SingleWrite._commit", "PynamoDB (model <-> attributes, expressions)"),
    ("chalicelib.services.kb", "suggestions_for_new_ticket", "create: knowledge base suggestions (app code)"),
    ("aws_lambda_powertools.logging.logger", "Logger.info", "logging, metrics (Powertools)"),
    ("aws_lambda_powertools.logging.logger", "Logger.append_keys", "logging, metrics (Powertools)"),
    ("pydantic", "BaseModel.model_validate", "pydantic (validation, serialisation)"),
    ("pydantic", "BaseModel.model_dump", "pydantic (validation, serialisation)"),
    ("pydantic", "BaseModel.model_dump_json", "pydantic (validation, serialisation)"),
    ("pydantic", "BaseModel.__init__", "pydantic (validation, serialisation)"),
    ("json", "dumps", "JSON (stdlib)"),
    ("json", "loads", "JSON (stdlib)"),
    ("pynamodb.models", "Model.serialize", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.models", "Model.deserialize", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.models", "Model.__init__", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.models", "Model._get_save_args", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.models", "Model._batch_get_page", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.models", "Model.from_raw_data", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.connection.base", "Connection.get_operation_kwargs", "PynamoDB (model <-> attributes, expressions)"),
    ("pynamodb.connection.base", "Connection.dispatch", "PynamoDB (model <-> attributes, expressions)"),
    ("botocore.client", "BaseClient._make_api_call", "botocore: client (parameters, context, other)"),
    ("botocore.hooks", "HierarchicalEmitter._emit", "botocore: event hooks (handlers not probed)"),
    ("botocore.validate", "ParamValidator.validate", "botocore: parameter validation"),
    ("botocore.serialize", "Serializer.serialize_to_request", "botocore: request serialisation"),
    ("botocore.serialize", "JSONSerializer.serialize_to_request", "botocore: request serialisation"),
    ("botocore.regions", "EndpointRulesetResolver.construct_endpoint", "botocore: endpoint resolution"),
    ("botocore.signers", "RequestSigner.sign", "botocore: SigV4 signing"),
    ("botocore.endpoint", "Endpoint.create_request", "botocore: AWSRequest preparation"),
    ("botocore.parsers", "ResponseParser.parse", "botocore: response parsing"),
    ("botocore.endpoint", "Endpoint._needs_retry", "botocore: retries"),
    ("botocore.endpoint", "Endpoint._send", "HTTP: urllib3, http.client, sockets"),
    ("urllib3.connection", "HTTPConnection._new_conn", NEW_CONNECTION),
    ("urllib3.connectionpool", "HTTPConnectionPool._new_conn", NEW_CONNECTION),
)


class _Meter:
    """Exclusive CPU per layer: a probe's time minus the probed time of what it calls."""

    def __init__(self) -> None:
        self.layers: defaultdict[str, float] = defaultdict(float)
        self.children: list[float] = [0.0]
        self.thread = threading.get_ident()  # the request thread; the database server's run unprobed

    def wrap(self, function: Callable[..., Any], layer: str) -> Callable[..., Any]:
        layers, children, clock, thread = self.layers, self.children, time.thread_time, self.thread

        @functools.wraps(function)
        def probe(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() != thread:
                return function(*args, **kwargs)
            children.append(0.0)
            started = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent = clock() - started
                inner = children.pop()
                layers[layer] += spent - inner
                children[-1] += spent

        return probe


def _resolve(module: str, path: str) -> tuple[Any, str]:
    owner: Any = importlib.import_module(module)
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    return owner, name


@contextmanager
def _probed(meter: _Meter) -> Iterator[None]:
    installed: list[tuple[Any, str, Any, bool]] = []
    try:
        for module, path, layer in PROBES:
            try:
                owner, name = _resolve(module, path)
                own = name in vars(owner)
                original = vars(owner)[name] if own else getattr(owner, name)
            except (ImportError, AttributeError):
                continue  # a library version without this function: its time stays with its caller
            wrapped = meter.wrap(original.__func__ if isinstance(original, classmethod) else original, layer)
            setattr(owner, name, classmethod(wrapped) if isinstance(original, classmethod) else wrapped)
            installed.append((owner, name, original, own))
        yield
    finally:
        for owner, name, original, own in reversed(installed):
            if own:
                setattr(owner, name, original)
            else:
                delattr(owner, name)


class _RawBody:
    """The raw stream of a canned HTTP response (what ``AWSResponse.content`` reads)."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body


def botocore_floor(calls: list[Any], runs: int = 200) -> list[dict[str, Any]]:
    """botocore's own CPU per call, without a network: each DynamoDB call the operation made (its
    parameters and parsed response, from ``chalicelib.store.metering``) is made again ``runs`` times
    on the store's client, answered by a ``before-send`` handler with the same response, so what is
    measured is parameter handling, serialisation, endpoint resolution, SigV4 signing, the event
    hooks, retries bookkeeping and response parsing: the floor of a call on AWS before its HTTP."""
    from botocore.awsrequest import AWSResponse

    from chalicelib.store.table import TableItem

    client = TableItem._get_connection().connection.client
    floors = []
    for call in calls:
        parsed = {k: v for k, v in call.response.items() if k != "ResponseMetadata"}
        body = json.dumps(parsed).encode()

        def answer(request: Any, body: bytes = body, **_: Any) -> AWSResponse:
            return AWSResponse(request.url, 200, HEADERS, _RawBody(body))

        client.meta.events.register_first("before-send.dynamodb", answer, unique_id="bench-floor")
        try:
            spent = []
            for _ in range(runs):
                started = time.thread_time()
                client._make_api_call(call.operation, dict(call.params))
                spent.append(time.thread_time() - started)
        finally:
            client.meta.events.unregister("before-send.dynamodb", unique_id="bench-floor")
        floors.append(
            {
                "operation": call.operation,
                "request_bytes": len(json.dumps(call.params, default=str)),
                "ms_per_call": round(statistics.median(spent) * 1000, 3),
            }
        )
    return floors


def cpu_profile(client: Any, op: Operation, runs: int = 200, warmup: int = 20) -> dict[str, Any]:
    """Run ``op`` ``warmup`` times, ``runs`` times unprobed, then ``runs`` times probed."""
    state = op.setup(client) if op.setup else {}

    def once() -> float:
        run_state = op.prepare(client, state) if op.prepare else state
        started = time.thread_time()
        op.request(client, run_state)
        return time.thread_time() - started

    for _ in range(warmup):
        once()
    plain = [once() for _ in range(runs)]
    meter = _Meter()
    with _probed(meter):
        probed = sum(once() for _ in range(runs))
    with metering.metered() as calls:
        once()
    metered = []  # what the harness's capacity meter spends in the request thread (taken out of its CPU)
    for _ in range(min(runs, 20)):
        with capacity_meter() as capacity:
            once()
        metered.append(capacity.cpu_s)
    rest = probed - sum(meter.layers.values())
    layers = [*meter.layers.items(), ("the bench's own request code", rest)]
    return {
        "operation": op.name,
        "runs": runs,
        "cpu_ms_mean_unprobed": round(statistics.mean(plain) * 1000, 2),
        "cpu_ms_median_unprobed": round(statistics.median(plain) * 1000, 2),
        "cpu_ms_mean_probed": round(probed * 1000 / runs, 2),
        "capacity_meter_ms_median": round(statistics.median(metered) * 1000, 2),
        "botocore_floor": botocore_floor(calls, runs),
        "layers": [
            {"name": name, "ms_per_request": round(spent * 1000 / runs, 2)}
            for name, spent in sorted(layers, key=lambda kv: -kv[1])
        ],
    }


def render(profile: dict[str, Any], echo: Callable[[str], None] = print) -> None:
    """Print a profile as a small table."""
    echo(
        f"\n{profile['operation']}: {profile['runs']} runs, handler CPU mean {profile['cpu_ms_mean_unprobed']} ms "
        f"(median {profile['cpu_ms_median_unprobed']}), {profile['cpu_ms_mean_probed']} ms with the probes; "
        f"the harness's capacity meter, not counted: {profile['capacity_meter_ms_median']} ms"
    )
    echo("\n| layer (own CPU, callees' probed time excluded) | ms per request |\n|---|---|")
    for row in profile["layers"]:
        echo(f"| {row['name']} | {row['ms_per_request']} |")
    echo("\n| botocore alone, no network (canned response) | request bytes | ms per call |\n|---|---|---|")
    for row in profile["botocore_floor"]:
        echo(f"| {row['operation']} | {row['request_bytes']} | {row['ms_per_call']} |")
