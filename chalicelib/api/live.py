"""Live updates over HTTP: where a client opens its WebSocket and the protocol's limits.

The WebSocket API's own handlers are in api/websocket.py (no route module: the WebSocket functions
never load the REST API's routes).
"""

from __future__ import annotations

from pydantic import Field

from chalicelib import config
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output
from chalicelib.domain import live

api = Api("live", __name__)


class LiveSettingsOut(Output):
    url: str | None = Field(
        description="the WebSocket URL to open (no token in it: authenticate with the first message); "
        "null: live updates are not available here, poll"
    )
    auth_refresh_seconds: int = Field(description="send `auth` again this often to keep receiving events")
    max_topics: int = Field(description="the most topics one `watch` may name")


@api.route(
    "/live-updates",
    "GET",
    summary="Where this client opens its live-update WebSocket, and the protocol's limits",
    response=LiveSettingsOut,
)
def live_settings(call: Call[None, NoQuery]) -> LiveSettingsOut:
    return LiveSettingsOut(
        url=config.live_url(),
        auth_refresh_seconds=int(live.AUTH_REFRESH.total_seconds()),
        max_topics=live.MAX_TOPICS,
    )
