"""The table health probe used by ``GET /health``."""

from __future__ import annotations

from chalicelib.store.keys import platform_key
from chalicelib.store.table import TableItem

HEALTH_PK = platform_key("HEALTH")


def ping() -> None:
    """One GetItem (0.5 RCU) on a fixed key: proves the table exists and answers.

    Raises pynamodb/botocore errors when it does not.
    """
    TableItem._get_connection().get_item(HEALTH_PK, "HEALTH")
