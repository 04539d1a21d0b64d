"""The local queue poller hands the webhook queue's messages to the real sender as Lambda's SQS
event source would: Lambda's record shape, one message at a time, failed messages kept, one
message per FIFO group in flight."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest

from chalicelib.channels import webhook_queue
from chalicelib.channels.webhook_queue import DeliveryMessage
from chalicelib.local.queues import QueuePoller

EVENTS = Path(__file__).resolve().parents[1] / "events"


def message(org_id: str, owner_id: str, n: int) -> DeliveryMessage:
    return DeliveryMessage(org_id, "subscription", owner_id, f"DELIVERY#2026-03-02T09:00:00.000000Z#{n:032d}", 0)


@pytest.fixture
def handled(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replaces the sender with a recorder: the records it was given."""
    from app import app

    seen: list[dict[str, Any]] = []

    def record(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.extend(event["Records"])
        return {"batchItemFailures": []}

    monkeypatch.setitem(app.handler_map, "send_webhook", record)
    return seen


def test_the_sender_is_found_by_its_queue_and_records_look_like_lambdas(
    aws: None, handled: list[dict[str, Any]]
) -> None:
    from app import app

    poller = QueuePoller(app, boto3.client("sqs"), webhook_queue.queue_url(), "us-east-1")
    assert poller.handlers == ["send_webhook"]
    webhook_queue.enqueue([message("o1", "s1", 1)], datetime.now(UTC))
    assert poller.drain() == 1
    (record,) = handled
    sample = json.loads((EVENTS / "sqs_webhook_delivery.json").read_text())["Records"][0]
    assert set(record) == set(sample)
    assert set(record["attributes"]) == set(sample["attributes"])
    assert record["attributes"]["MessageGroupId"] == message("o1", "s1", 1).group
    assert record["eventSourceARN"].endswith(":deskless-local-webhooks.fifo")
    assert DeliveryMessage.parse(record["body"]) == message("o1", "s1", 1)
    assert poller.drain() == 0, "a handled message is deleted"


def test_a_failed_message_stays_in_the_queue(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import app

    def failing(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"]]}

    monkeypatch.setitem(app.handler_map, "send_webhook", failing)
    sqs = boto3.client("sqs")
    poller = QueuePoller(app, sqs, webhook_queue.queue_url(), "us-east-1")
    webhook_queue.enqueue([message("o1", "s1", 1)], datetime.now(UTC))
    assert poller.drain() == 1
    assert poller.failed == 1
    attributes = sqs.get_queue_attributes(QueueUrl=webhook_queue.queue_url(), AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "1"  # handed out again after the timeout


def test_the_sample_sqs_event_goes_through_the_real_sender(aws: None) -> None:
    from chalice.test import Client

    from app import app

    payload = json.loads((EVENTS / "sqs_webhook_delivery.json").read_text())
    unreadable = {**payload["Records"][0], "messageId": "garbled", "body": "{not json"}
    payload["Records"].append(unreadable)
    with Client(app, stage_name="local") as client:
        result = client.lambda_.invoke("send_webhook", payload)
    # A message whose delivery is gone, and one that can never be read, are both done with: neither
    # is handed out again nor parked in the dead-letter queue.
    assert result.payload == {"batchItemFailures": []}


def test_a_slow_group_holds_one_worker_and_the_others_go_on(server_table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import app

    release = threading.Event()
    lock = threading.Lock()
    in_flight: dict[str, int] = {}
    most: dict[str, int] = {}
    done: list[str] = []

    def sender(event: dict[str, Any], context: Any) -> dict[str, Any]:
        (record,) = event["Records"]
        group = record["attributes"]["MessageGroupId"]
        with lock:
            in_flight[group] = in_flight.get(group, 0) + 1
            most[group] = max(most.get(group, 0), in_flight[group])
        if group.startswith("slow#"):
            release.wait(10)
        with lock:
            in_flight[group] -= 1
            done.append(group)
        return {"batchItemFailures": []}

    monkeypatch.setitem(app.handler_map, "send_webhook", sender)
    slow = [message("slow", "hook", n) for n in range(3)]
    calm = [message(f"calm{n}", "hook", n) for n in range(3)]
    webhook_queue.enqueue([*slow, *calm], datetime.now(UTC))
    poller = QueuePoller(app, boto3.client("sqs"), webhook_queue.queue_url(), "us-east-1", workers=2, idle_sleep=0.01)
    poller.start()
    try:
        deadline = threading.Event()
        for _ in range(500):
            with lock:
                if sum(1 for g in done if g.startswith("calm")) == 3:
                    break
            deadline.wait(0.02)
        with lock:
            assert sorted(g for g in done if g.startswith("calm")) == sorted(m.group for m in calm)
            assert not any(g.startswith("slow") for g in done), "the slow group was still held"
    finally:
        release.set()
        poller.stop()
    poller.drain()
    assert most[slow[0].group] == 1  # one message of a group at a time
    assert done.count(slow[0].group) == 3
