"""The outbound webhook queue (SQS FIFO) between the table stream and the sender.

The stream handler and the retry job only enqueue; ``send_webhook``, a function of its own fed by
this queue, makes the HTTP requests. A message names one delivery log entry and the attempt it
is for; the sender acts only while the entry still waits for that attempt, so a message SQS hands
out twice, or a second message for the same attempt, sends nothing. The log entry, not the queue,
is the source of truth: a message that is lost is found again by the retry job (DUE index).

Per-organization concurrency comes from FIFO message groups, ``<org>#<slot>`` with the slot chosen
by the subscription (or rule): SQS hands out one message of a group at a time, so an organization
has at most ``SLOTS`` deliveries in flight however many it queues, and a slow endpoint holds up
only its own group. The sender takes one message per invocation (batch size 1), so a batch never
mixes two organizations either.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from chalicelib import config
from chalicelib.domain.clock import iso

SLOTS = 4
# Longer than the sender's Lambda timeout (15 s): a message is never handed out again while it is
# being sent. After MAX_RECEIVES failed invocations it goes to the dead-letter queue.
VISIBILITY_TIMEOUT = 90
MAX_RECEIVES = 5
RETENTION_SECONDS = 4 * 24 * 3600
DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600


@dataclass(frozen=True)
class DeliveryMessage:
    """One delivery attempt to make: the log entry (organization, owner, log key) and which attempt."""

    org_id: str
    kind: str
    owner_id: str
    sk: str
    attempt: int

    def body(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"), sort_keys=True)

    @classmethod
    def parse(cls, body: str) -> DeliveryMessage:
        data = json.loads(body)
        return cls(str(data["org_id"]), str(data["kind"]), str(data["owner_id"]), str(data["sk"]), int(data["attempt"]))

    @property
    def group(self) -> str:
        """``<org>#<slot>``: the subscription's (or rule's) slot among the organization's ``SLOTS``."""
        slot = int(hashlib.sha256(self.owner_id.encode()).hexdigest(), 16) % SLOTS
        return f"{self.org_id}#{slot}"


def dead_letter_queue_name(name: str | None = None) -> str:
    return (name or config.webhook_queue_name()).removesuffix(".fifo") + "-dead-letters.fifo"


def queue_attributes(dead_letter_arn: Any) -> dict[str, Any]:
    """The queue's attributes (boto3 shape; the template uses the same values)."""
    return {
        "FifoQueue": "true",
        # Each enqueue is a distinct message; the sender's check against the log entry dedupes.
        "ContentBasedDeduplication": "false",
        # High-throughput FIFO: limits apply per message group, not to the whole queue.
        "DeduplicationScope": "messageGroup",
        "FifoThroughputLimit": "perMessageGroupId",
        "VisibilityTimeout": str(VISIBILITY_TIMEOUT),
        "MessageRetentionPeriod": str(RETENTION_SECONDS),
        "SqsManagedSseEnabled": "true",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": MAX_RECEIVES}),
    }


def create_queues(sqs: Any, name: str | None = None) -> str:
    """Create the queue and its dead-letter queue (local stack, tests); returns the queue's URL."""
    name = name or config.webhook_queue_name()
    dead_letters = sqs.create_queue(
        QueueName=dead_letter_queue_name(name),
        Attributes={"FifoQueue": "true", "MessageRetentionPeriod": str(DEAD_LETTER_RETENTION_SECONDS)},
    )["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dead_letters, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url: str = sqs.create_queue(QueueName=name, Attributes=queue_attributes(arn))["QueueUrl"]
    return url


@functools.cache
def _client(endpoint: str | None) -> Any:
    import boto3

    return boto3.client("sqs", region_name=config.region())


@functools.cache
def _queue_url(endpoint: str | None, name: str) -> str:
    url: str = _client(endpoint).get_queue_url(QueueName=name)["QueueUrl"]
    return url


def _endpoint() -> str | None:
    return os.environ.get("AWS_ENDPOINT_URL_SQS") or os.environ.get("AWS_ENDPOINT_URL")


def queue_url() -> str:
    """Deployed stages set ``WEBHOOK_QUEUE_URL``; elsewhere the queue is looked up by name once per endpoint."""
    return os.environ.get("WEBHOOK_QUEUE_URL") or _queue_url(_endpoint(), config.webhook_queue_name())


def enqueue(messages: Sequence[DeliveryMessage], now: datetime) -> None:
    """Send ``messages`` (batches of 10); raises when SQS refused any, so the caller's event is retried."""
    if not messages:
        return
    client, url = _client(_endpoint()), queue_url()
    for start in range(0, len(messages), 10):
        entries = [
            {
                "Id": str(index),
                "MessageBody": message.body(),
                "MessageGroupId": message.group,
                # Unique per enqueue: a deferred delivery enqueued again within SQS's five-minute
                # deduplication window must not be dropped as a duplicate.
                "MessageDeduplicationId": hashlib.sha256(f"{message.body()}#{iso(now)}".encode()).hexdigest(),
            }
            for index, message in enumerate(messages[start : start + 10])
        ]
        failed = client.send_message_batch(QueueUrl=url, Entries=entries).get("Failed") or []
        if failed:
            raise RuntimeError(f"{len(failed)} webhook deliveries could not be queued: {failed[0].get('Code')}")
