"""Platform checks."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import PynamoDBException

from chalicelib.domain.errors import Unavailable
from chalicelib.observability import logger
from chalicelib.store import health


def check_health() -> None:
    """Raise ``Unavailable`` (503) unless the table answers a read."""
    try:
        health.ping()
    except (PynamoDBException, BotoCoreError, ClientError) as exc:
        logger.warning("health check failed", extra={"error": type(exc).__name__})
        raise Unavailable("The table does not answer.", code="table_unavailable") from exc
