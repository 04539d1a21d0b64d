"""Powertools Logger, Tracer and Metrics, shared by every entry point.

Service and namespace are set here in code: the Chalice test client applies the stage's
environment only during an invoke, not at import.

The Tracer is built only where tracing is on: importing the X-Ray SDK creates two botocore
clients and costs about 250 ms of cold start (``make bench`` reports both figures), so stages
with ``POWERTOOLS_TRACE_DISABLED=true`` (local, tests) never pay for it.
"""

from __future__ import annotations

import functools
import os
import warnings
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools import Logger, Metrics

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

SERVICE = "deskless"
NAMESPACE = "Deskless"

# An invocation that counted nothing (metrics disabled, or a handler with no metric) is normal.
warnings.filterwarnings("ignore", message="No application metrics to publish")

logger = Logger(service=SERVICE)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)


def tracing_enabled() -> bool:
    return os.environ.get("POWERTOOLS_TRACE_DISABLED", "false").strip().lower() not in ("1", "true", "yes")


# What the functions call out through: DynamoDB, S3, SES, SQS (botocore), webhooks and OIDC (http.client).
# Patching "all" would import every library the SDK can patch that happens to be installed (httpx,
# requests, sqlite3: ~100 ms where the dev dependencies are) for calls the code never makes.
TRACED_MODULES = ("botocore", "httplib")


@functools.cache
def get_tracer() -> Tracer:
    """The Powertools Tracer, X-Ray SDK loaded and ``TRACED_MODULES`` patched (tracing stages only)."""
    from aws_lambda_powertools import Tracer

    return Tracer(service=SERVICE, patch_modules=TRACED_MODULES)


def metrics_enabled() -> bool:
    return os.environ.get("POWERTOOLS_METRICS_DISABLED", "false").strip().lower() not in ("1", "true", "yes")


def count(name: str, value: float = 1) -> None:
    """Add to an EMF count metric (flushed per invocation by the Metrics middleware).

    With metrics disabled (local stack, tests) nothing is recorded: Powertools would otherwise keep
    the values and print them when 100 accumulate.
    """
    if metrics_enabled():
        metrics.add_metric(name=name, unit="Count", value=value)


def install_middleware(app: Any) -> None:
    """Powertools (logger, tracer, metrics) on every handler of ``app``: every function has these,
    the API function adds its request middleware (``api.http.install_middleware``)."""
    from chalice.app import ConvertToMiddleware

    app.register_middleware(ConvertToMiddleware(logger.inject_lambda_context(clear_state=True)))
    if tracing_enabled():
        app.register_middleware(ConvertToMiddleware(get_tracer().capture_lambda_handler))
    app.register_middleware(ConvertToMiddleware(metrics.log_metrics))
