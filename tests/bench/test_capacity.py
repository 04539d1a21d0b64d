"""Capacity units from item sizes (bench/capacity.py), against examples worked out by hand from
DynamoDB's rules, and end to end on moto through the metering hooks."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from bench.capacity import (
    Cost,
    capacity_meter,
    item_size,
    put_cost,
    query_read_units,
    read_units,
    write_units,
)
from chalicelib import config
from chalicelib.store import metering


def sized(total: int, pk: str = "p", sk: str = "s") -> dict[str, Any]:
    """An item of exactly ``total`` bytes: PK (2 + len) + SK (2 + len) + "blob" (4 + len)."""
    filler = total - (2 + len(pk)) - (2 + len(sk)) - 4
    return {"PK": {"S": pk}, "SK": {"S": sk}, "blob": {"S": "x" * filler}}


def test_item_size_is_attribute_names_plus_values() -> None:
    assert item_size({"PK": {"S": "a"}}) == 3  # "PK" 2 bytes + "a" 1 byte
    assert item_size({"name": {"S": "é"}}) == 6  # 4 + "é" is 2 UTF-8 bytes
    assert item_size({"n": {"N": "123"}}) == 4  # 1 + three digits (moto's number size)
    assert item_size({"m": {"M": {"ab": {"S": "xyz"}}}}) == 6  # 1 + ("ab" 2 + "xyz" 3)
    assert item_size({"l": {"L": [{"S": "a"}, {"S": "bc"}]}}) == 4  # 1 + 1 + 2
    assert item_size(sized(3072)) == 3072


def test_read_units() -> None:
    assert read_units(5 * 1024) == 1.0  # 5 KB -> two 4 KB units, halved eventually consistent
    assert read_units(5 * 1024, consistent=True) == 2.0
    assert read_units(4096) == 0.5
    assert read_units(4097, consistent=True) == 2.0
    assert read_units(0) == 0.5  # a read that finds nothing still costs one unit
    assert read_units(100, consistent=True) == 1.0


def test_query_sums_items_before_rounding() -> None:
    # Ten 1 KB items: 10,240 bytes -> 3 units -> 1.5 eventually consistent (not 10 x 0.5).
    assert query_read_units([1024] * 10) == 1.5
    # 604 items of 300 bytes: 181,200 bytes -> 45 units.
    assert query_read_units([300] * 604, consistent=True) == 45.0
    assert query_read_units([]) == 0.5


def test_write_units() -> None:
    assert write_units(3 * 1024) == 3.0
    assert write_units(3 * 1024 + 1) == 4.0
    assert write_units(10) == 1.0
    assert put_cost(500, 1500) == 2.0  # the larger of before and after
    assert put_cost(2560, None) == 3.0  # a delete costs the deleted item
    assert put_cost(None, 3072, transaction=True) == 6.0


@pytest.fixture
def dynamodb(aws: None) -> Any:
    return metering.attach(boto3.client("dynamodb"))


def test_costs_on_moto(dynamodb: Any) -> None:
    table = config.table_name()
    with capacity_meter() as meter, metering.metered() as calls:
        dynamodb.put_item(TableName=table, Item=sized(3072))
        dynamodb.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": sized(3072, sk="t")}}])
        dynamodb.put_item(TableName=table, Item=sized(5 * 1024, sk="big"))
        dynamodb.get_item(TableName=table, Key={"PK": {"S": "p"}, "SK": {"S": "big"}})
        dynamodb.get_item(TableName=table, Key={"PK": {"S": "p"}, "SK": {"S": "big"}}, ConsistentRead=True)
        # Every item in the partition is evaluated (3,072 + 3,072 + 5,120 = 11,264 bytes -> 3 units),
        # although the filter drops them all.
        dynamodb.query(
            TableName=table,
            KeyConditionExpression="PK = :p",
            FilterExpression="attribute_exists(nothing)",
            ExpressionAttributeValues={":p": {"S": "p"}},
            ConsistentRead=True,
        )
        dynamodb.update_item(
            TableName=table,
            Key={"PK": {"S": "p"}, "SK": {"S": "s"}},
            UpdateExpression="SET extra = :e",
            ExpressionAttributeValues={":e": {"S": "y" * 1000}},
        )
        dynamodb.delete_item(TableName=table, Key={"PK": {"S": "p"}, "SK": {"S": "big"}})
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "ConditionCheck": {
                        "TableName": table,
                        "Key": {"PK": {"S": "p"}, "SK": {"S": "t"}},
                        "ConditionExpression": "attribute_exists(PK)",
                    }
                },
                {"Delete": {"TableName": table, "Key": {"PK": {"S": "p"}, "SK": {"S": "s"}}}},
            ]
        )
    costs = [(c.operation, meter.cost(c)) for c in calls]
    assert costs == [
        ("PutItem", Cost(wcu=3)),
        ("TransactWriteItems", Cost(wcu=6)),
        ("PutItem", Cost(wcu=5)),
        ("GetItem", Cost(rcu=1)),
        ("GetItem", Cost(rcu=2)),
        ("Query", Cost(rcu=3)),
        ("UpdateItem", Cost(wcu=4)),  # 3,072 + "extra" 5 + 1,000 bytes -> 4 KB
        ("DeleteItem", Cost(wcu=5)),
        ("TransactWriteItems", Cost(wcu=2 * 3 + 2 * 4)),  # check 3 KB item, delete 4 KB item
    ]
    # Per item written, by kind (``type``, else the table): what bench/cost.py adds up per item kind.
    assert meter.cost(calls[-1]).items == ((f"{table} (condition check)", 6.0, 0.0), (table, 8.0, 0.0))


def test_index_writes_follow_each_entry_into_the_indexes(dynamodb: Any) -> None:
    """GSI1 and GSI2 project ALL: an entry added costs its size, a key moved costs the old and the
    new entry, a changed projected attribute one write, an item outside an index nothing."""
    table = config.table_name()
    indexed = {**sized(1500), "GSI1PK": {"S": "a"}, "GSI1SK": {"S": "1"}}
    with capacity_meter() as meter, metering.metered() as calls:
        dynamodb.put_item(TableName=table, Item=sized(1500, sk="plain"))  # in no index
        dynamodb.put_item(TableName=table, Item=indexed)  # enters GSI1: 2 KB
        dynamodb.put_item(TableName=table, Item=indexed)  # the same again: the index is untouched
        dynamodb.update_item(  # GSI1SK moves: the old entry deleted, the new one put
            TableName=table,
            Key={"PK": {"S": "p"}, "SK": {"S": "s"}},
            UpdateExpression="SET GSI1SK = :k",
            ExpressionAttributeValues={":k": {"S": "2"}},
        )
        dynamodb.update_item(  # a projected attribute changes; it also enters GSI2
            TableName=table,
            Key={"PK": {"S": "p"}, "SK": {"S": "s"}},
            UpdateExpression="SET #b = :b, GSI2PK = :k, GSI2SK = :k",
            ExpressionAttributeNames={"#b": "blob"},
            ExpressionAttributeValues={":b": {"S": "y" * 100}, ":k": {"S": "x"}},
        )
        dynamodb.delete_item(TableName=table, Key={"PK": {"S": "p"}, "SK": {"S": "s"}})  # leaves both
    index_costs = [(c.operation, meter.cost(c).index_wcu) for c in calls]
    assert index_costs == [
        ("PutItem", 0),
        ("PutItem", 2),
        ("PutItem", 0),
        ("UpdateItem", 4),
        ("UpdateItem", 2 + 1),  # GSI1: max(1.5 KB, 0.1 KB) rounds to 2; GSI2: the new 0.1 KB entry
        ("DeleteItem", 1 + 1),
    ]
