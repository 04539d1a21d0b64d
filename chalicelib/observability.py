"""Powertools Logger, Tracer and Metrics, shared by every entry point.

Service and namespace are set here in code: the Chalice test client applies the stage's
environment only during an invoke, not at import (shared/design/pitfalls.md).
"""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "deskless"
NAMESPACE = "Deskless"

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)
