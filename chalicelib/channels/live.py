"""The live-update sender: API Gateway's WebSocket management API (``PostToConnection``,
``DeleteConnection``) through boto3. The local stack serves the same API on its origin
(chalicelib/local/gateway.py), so this one client sends in both places."""

from __future__ import annotations

import functools
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import config
from chalicelib.observability import count, logger

# A connection that does not take a message within this budget is skipped, not waited for: the
# fan-out runs inside the stream function, whose other subscribers must not be held up.
_CLIENT_CONFIG = Config(connect_timeout=2, read_timeout=3, retries={"max_attempts": 2, "mode": "standard"})


@functools.cache
def _client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "apigatewaymanagementapi", endpoint_url=endpoint, region_name=config.region(), config=_CLIENT_CONFIG
    )


def enabled() -> bool:
    """Whether a WebSocket endpoint is configured (no endpoint: nothing to send to)."""
    return config.live_endpoint() is not None


def send(connection_id: str, message: str) -> bool:
    """Post ``message`` to the connection; False only when the connection is gone (410). Any other
    failure is logged and skipped: an event is a hint to refetch, and polling stays the fallback."""
    endpoint = config.live_endpoint()
    if endpoint is None:
        return True
    client = _client(endpoint)
    try:
        client.post_to_connection(ConnectionId=connection_id, Data=message.encode("utf-8"))
    except client.exceptions.GoneException:
        return False
    except (BotoCoreError, ClientError) as exc:
        logger.warning("live message not sent", extra={"error": type(exc).__name__})
        count("LiveSendFailures", 1)
    return True


def close(connection_id: str) -> None:
    """Close the connection (already gone is fine)."""
    endpoint = config.live_endpoint()
    if endpoint is None:
        return
    client = _client(endpoint)
    try:
        client.delete_connection(ConnectionId=connection_id)
    except client.exceptions.GoneException:
        return
    except (BotoCoreError, ClientError) as exc:
        logger.warning("live connection not closed", extra={"error": type(exc).__name__})
