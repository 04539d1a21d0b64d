"""The one table definition: a PynamoDB base model every item type subclasses.

Tests (moto), the local stack and the CloudFormation template all build the table from
``table_spec()``, which is derived from this model, so the three cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.attributes import (
    DiscriminatorAttribute,
    JSONAttribute,
    TTLAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.connection import TableConnection
from pynamodb.constants import PAY_PER_REQUEST_BILLING_MODE
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib import config
from chalicelib.store import metering  # noqa: F401  (installs the call hooks before any client exists)

TTL_ATTRIBUTE = "expires_at"
STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES"


class CompactJSONAttribute(JSONAttribute):
    """JSON without the spaces ``json.dumps`` puts after ``,`` and ``:`` (DynamoDB bills every byte:
    about a tenth of a term-heavy document). Reads any JSON, so items written before read the same."""

    def serialize(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, separators=(",", ":"))


class GSI1(GlobalSecondaryIndex["TableItem"]):
    """Overloaded: status queues, role lists, customers by company, categories."""

    class Meta:
        index_name = "GSI1"
        projection = AllProjection()

    GSI1PK = UnicodeAttribute(hash_key=True)
    GSI1SK = UnicodeAttribute(range_key=True)


class GSI2(GlobalSecondaryIndex["TableItem"]):
    """Overloaded: tickets by assignee, jobs by technician."""

    class Meta:
        index_name = "GSI2"
        projection = AllProjection()

    GSI2PK = UnicodeAttribute(hash_key=True)
    GSI2SK = UnicodeAttribute(range_key=True)


class GSI3(GlobalSecondaryIndex["TableItem"]):
    """Overloaded: tickets by requester."""

    class Meta:
        index_name = "GSI3"
        projection = AllProjection()

    GSI3PK = UnicodeAttribute(hash_key=True)
    GSI3SK = UnicodeAttribute(range_key=True)


class GSI4(GlobalSecondaryIndex["TableItem"]):
    """Overloaded: every live ticket of an organization by update time (the "all" queue)."""

    class Meta:
        index_name = "GSI4"
        projection = AllProjection()

    GSI4PK = UnicodeAttribute(hash_key=True)
    GSI4SK = UnicodeAttribute(range_key=True)


class GSI5(GlobalSecondaryIndex["TableItem"]):
    """Tickets of an organization by creation time (``sort=created_at``). Keys and ``type`` only:
    the keys never change after the create, so a ticket update never writes this index."""

    class Meta:
        index_name = "GSI5"
        projection = IncludeProjection(["type"])

    GSI5PK = UnicodeAttribute(hash_key=True)
    GSI5SK = UnicodeAttribute(range_key=True)


class DueIndex(GlobalSecondaryIndex["TableItem"]):
    """Sparse: only deadline items carry DUEPK/DUESK; the SLA sweep reads it by hour shard."""

    class Meta:
        index_name = "DUE"
        projection = AllProjection()

    DUEPK = UnicodeAttribute(hash_key=True)
    DUESK = UnicodeAttribute(range_key=True)


class TableItem(Model):
    """Base of every item. ``type`` is the discriminator, projected into every index (ALL)."""

    class Meta:
        table_name = config.table_name()
        region = config.region()
        billing_mode = PAY_PER_REQUEST_BILLING_MODE
        stream_view_type = STREAM_VIEW_TYPE
        # Fail fast inside a Lambda with a 29 s API Gateway budget instead of botocore's 60 s.
        connect_timeout_seconds = 2
        read_timeout_seconds = 5
        max_retry_attempts = 3

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)
    type = DiscriminatorAttribute()
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = UnicodeAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = UnicodeAttribute(null=True)
    GSI5PK = UnicodeAttribute(null=True)
    GSI5SK = UnicodeAttribute(null=True)
    DUEPK = UnicodeAttribute(null=True)
    DUESK = UnicodeAttribute(null=True)
    version = VersionAttribute()
    expires_at = TTLAttribute(null=True)

    gsi1 = GSI1()
    gsi2 = GSI2()
    gsi3 = GSI3()
    gsi4 = GSI4()
    gsi5 = GSI5()
    due = DueIndex()

    @classmethod
    def _get_connection(cls) -> TableConnection:
        # One connection (one botocore client and pool) for every item type, not one per subclass.
        if cls is not TableItem:
            return TableItem._get_connection()
        return super()._get_connection()


def table_spec(table_name: str | None = None) -> dict[str, Any]:
    """CreateTable parameters (boto3 shape) for the table, derived from ``TableItem``.

    TTL is not part of CreateTable: apply ``ttl_spec()`` with UpdateTimeToLive.
    """
    schema = TableItem._get_schema()
    definitions: dict[str, str] = {}
    for definition in schema["attribute_definitions"]:
        definitions[definition["AttributeName"]] = definition["AttributeType"]
    indexes = []
    for index in schema["global_secondary_indexes"]:
        for definition in index["attribute_definitions"]:
            definitions[definition["AttributeName"]] = definition["AttributeType"]
        indexes.append(
            {
                "IndexName": index["index_name"],
                "KeySchema": index["key_schema"],
                "Projection": index["projection"],
            }
        )
    return {
        "TableName": table_name or TableItem.Meta.table_name,
        "AttributeDefinitions": [{"AttributeName": name, "AttributeType": kind} for name, kind in definitions.items()],
        "KeySchema": schema["key_schema"],
        "GlobalSecondaryIndexes": indexes,
        "BillingMode": PAY_PER_REQUEST_BILLING_MODE,
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": STREAM_VIEW_TYPE},
    }


def ttl_spec() -> dict[str, Any]:
    return {"Enabled": True, "AttributeName": TTL_ATTRIBUTE}


def create_table(client: Any, table_name: str | None = None) -> str:
    """Create the table (and its TTL setting) with a boto3 client; returns the stream ARN.

    Used by the test fixtures and the local stack. An existing table is left as it is.
    """
    spec = table_spec(table_name)
    name = spec["TableName"]
    try:
        description = client.create_table(**spec)["TableDescription"]
    except client.exceptions.ResourceInUseException:
        description = client.describe_table(TableName=name)["Table"]
    else:
        client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
        client.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl_spec())
    return str(description["LatestStreamArn"])


def reset_connections() -> None:
    """Forget cached clients so the next call picks up a new endpoint (tests, the local stack)."""
    from chalicelib.store import idempotency, transactions

    TableItem._connection = None
    transactions.reset_connection()
    idempotency.reset()
