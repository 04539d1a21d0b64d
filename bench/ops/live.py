"""Live updates: where the web app opens its WebSocket (the protocol itself: bench/live.py)."""

from __future__ import annotations

from bench.operations import route, tenant

route("GET", "/live-updates", setup=tenant, variant="the WebSocket URL and the protocol's limits")
