"""The embedded database behaves like one: atomic under concurrency, transactions independent of table size."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from chalicelib import config
from chalicelib.local import snapshot
from chalicelib.local.motoserver import LockedMotoServer

TABLE = config.table_name()


def run_threads(count: int, target: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_concurrent_counter_updates_are_atomic(server_table: str) -> None:
    values: list[int] = []
    lock = threading.Lock()

    def worker(_: int) -> None:
        client = boto3.client("dynamodb")
        for _ in range(100):
            response = client.update_item(
                TableName=TABLE,
                Key={"PK": {"S": "ORG#o1"}, "SK": {"S": "COUNTER#TICKET"}},
                UpdateExpression="ADD next_value :one",
                ExpressionAttributeValues={":one": {"N": "1"}},
                ReturnValues="UPDATED_NEW",
            )
            with lock:
                values.append(int(response["Attributes"]["next_value"]["N"]))

    run_threads(8, worker)
    assert sorted(values) == list(range(1, 801)), "every allocated number is distinct"


def test_concurrent_transactions_claim_each_guard_once(server_table: str) -> None:
    winners: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        client = boto3.client("dynamodb")
        for name in range(20):
            try:
                client.transact_write_items(
                    TransactItems=[
                        {
                            "Put": {
                                "TableName": TABLE,
                                "Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": f"EMAIL#{name}"}, "owner": {"S": str(n)}},
                                "ConditionExpression": "attribute_not_exists(PK)",
                            }
                        },
                        {
                            "Put": {
                                "TableName": TABLE,
                                "Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": f"USER#{n}-{name}"}},
                            }
                        },
                    ]
                )
            except client.exceptions.TransactionCanceledException:
                continue
            with lock:
                winners.append(f"{n}-{name}")

    run_threads(8, worker)
    assert len(winners) == 20, "each guard was won exactly once"
    client = boto3.client("dynamodb")
    users = client.query(
        TableName=TABLE,
        KeyConditionExpression="PK = :pk AND begins_with(SK, :user)",
        ExpressionAttributeValues={":pk": {"S": "ORG#o1"}, ":user": {"S": "USER#"}},
    )["Items"]
    assert sorted(u["SK"]["S"] for u in users) == sorted(f"USER#{w}" for w in winners), "losers wrote nothing"


def test_transaction_copies_only_the_items_it_touches(server_table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [
        {"PK": {"S": f"ORG#o1#TICKET#{n}"}, "SK": {"S": "TICKET"}, "subject": {"S": "x" * 200}} for n in range(10_000)
    ]
    snapshot.load_table(TABLE, items)
    copied: list[Any] = []
    real_deepcopy = copy.deepcopy

    def counting_deepcopy(value: Any, memo: Any = None) -> Any:
        copied.append(type(value).__name__)
        return real_deepcopy(value, memo)

    monkeypatch.setattr(copy, "deepcopy", counting_deepcopy)
    boto3.client("dynamodb").transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"PK": {"S": "ORG#o1"}, "SK": {"S": "COUNTER#TICKET"}},
                    "UpdateExpression": "ADD next_value :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {
                "Put": {
                    "TableName": TABLE,
                    "Item": {"PK": {"S": "ORG#o1#TICKET#10001"}, "SK": {"S": "TICKET"}},
                    "ConditionExpression": "attribute_not_exists(PK)",
                }
            },
        ]
    )
    assert "Table" not in copied, "no table was deep-copied"
    # One snapshot per touched item (plus moto's own copy inside UpdateItem), whatever the table holds.
    assert len(copied) <= 4, copied


def test_failed_transaction_leaves_no_item_and_no_phantom_stream_record(server_table: str) -> None:
    client = boto3.client("dynamodb")
    streams = boto3.client("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=server_table)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=server_table, ShardId=shard, ShardIteratorType="TRIM_HORIZON")[
        "ShardIterator"
    ]
    client.put_item(TableName=TABLE, Item={"PK": {"S": "ORG#o1"}, "SK": {"S": "A"}, "label": {"S": "text"}})
    with pytest.raises(client.exceptions.TransactionCanceledException):
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": "B"}}}},
                {
                    "Put": {
                        "TableName": TABLE,
                        "Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": "A"}},
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                },
            ]
        )
    # A write that fails while being applied (ADD to a string) undoes the writes before it.
    with pytest.raises(client.exceptions.ClientError):
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": {"PK": {"S": "ORG#o1"}, "SK": {"S": "C"}}}},
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": {"PK": {"S": "ORG#o1"}, "SK": {"S": "A"}},
                        "UpdateExpression": "ADD label :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}},
                    }
                },
            ]
        )
    client.put_item(TableName=TABLE, Item={"PK": {"S": "ORG#o1"}, "SK": {"S": "D"}})
    keys = {
        i["SK"]["S"]
        for i in client.query(
            TableName=TABLE, KeyConditionExpression="PK = :pk", ExpressionAttributeValues={":pk": {"S": "ORG#o1"}}
        )["Items"]
    }
    assert keys == {"A", "D"}
    records = streams.get_records(ShardIterator=iterator)["Records"]
    assert [(r["eventName"], r["dynamodb"]["Keys"]["SK"]["S"]) for r in records] == [("INSERT", "A"), ("INSERT", "D")]


def test_a_busy_port_is_an_error_not_a_hang(moto_server: LockedMotoServer) -> None:
    _, port = moto_server.get_host_and_port()
    with pytest.raises(RuntimeError, match="cannot start"):
        LockedMotoServer("127.0.0.1", port).start()
