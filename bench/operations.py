"""The operations ``make bench`` measures. Each issue adds its own here."""

from __future__ import annotations

from typing import Any

from bench.harness import operation


@operation("GET /health")
def health(client: Any, state: Any) -> Any:
    return client.http.get("/health")
