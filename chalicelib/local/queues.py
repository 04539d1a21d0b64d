"""Reads an SQS queue and invokes its ``on_sqs_message`` handlers as Lambda's event source would.

Messages are received one at a time (batch size 1, like the deployed event source) and with short
polling: the local moto server serves one request at a time, so a long poll would hold up every
other request. Each message goes to a worker thread in Lambda's record shape and is deleted
unless the handler reported it failed (then SQS hands it out again after the visibility timeout,
and moves it to the dead-letter queue after its receive limit). FIFO message groups keep one
message per group in flight, so a group whose messages are slow holds one worker, never all.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chalice.app import Chalice, SQSEventConfig
from chalice.local import LambdaContext

from chalicelib.observability import logger

WORKERS = 8


def queue_handlers(app: Chalice, queue_name: str) -> list[str]:
    """Names of the ``on_sqs_message`` handlers subscribed to ``queue_name``."""
    names = []
    for source in app.event_sources:
        if isinstance(source, SQSEventConfig):
            name = source.queue or (source.queue_arn or "").rsplit(":", 1)[-1]
            if name == queue_name:
                names.append(source.name)
    return names


def lambda_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """A ReceiveMessage result as Lambda hands it to the function."""
    body = str(message["Body"])
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": body,
        "attributes": dict(message.get("Attributes") or {}),
        "messageAttributes": dict(message.get("MessageAttributes") or {}),
        "md5OfBody": message.get("MD5OfBody") or hashlib.md5(body.encode(), usedforsecurity=False).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


class QueuePoller:
    """Polls one queue and runs its handlers on up to ``workers`` messages at once."""

    def __init__(
        self,
        app: Chalice,
        sqs_client: Any,
        queue_url: str,
        region: str,
        workers: int = WORKERS,
        idle_sleep: float = 0.2,
    ) -> None:
        self.app = app
        self.client = sqs_client
        self.queue_url = queue_url
        self.queue_name = queue_url.rstrip("/").rsplit("/", 1)[-1]
        self.region = region
        self.handlers = queue_handlers(app, self.queue_name)
        self.workers = workers
        self.idle_sleep = idle_sleep
        self.queue_arn = sqs_client.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        self.handled = 0
        self.failed = 0
        self._stop = threading.Event()
        self._free = threading.Semaphore(workers)
        self._pool: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._count_lock = threading.Lock()

    def _receive(self) -> dict[str, Any] | None:
        response = self.client.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=1,
            WaitTimeSeconds=0,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        messages = response.get("Messages") or []
        return dict(messages[0]) if messages else None

    def _handle(self, message: dict[str, Any]) -> None:
        record = lambda_record(message, self.queue_arn, self.region)
        ok = True
        for name in self.handlers:
            try:
                result = self.app.handler_map[name]({"Records": [record]}, LambdaContext(name, 256, 15_000))
                failed = {f.get("itemIdentifier") for f in (result or {}).get("batchItemFailures", [])}
                ok = ok and record["messageId"] not in failed
            except Exception:
                logger.exception("queue handler raised; the message will be received again", extra={"handler": name})
                ok = False
        if ok:
            self.client.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
        with self._count_lock:
            self.handled += 1
            self.failed += 0 if ok else 1

    def poll_once(self) -> int:
        """Receive and handle one message in this thread; returns how many were handled (0 or 1)."""
        message = self._receive()
        if message is None:
            return 0
        self._handle(message)
        return 1

    def drain(self) -> int:
        """Handle every message that can be received now (those written meanwhile included)."""
        total = 0
        while self.poll_once():
            total += 1
        return total

    def _work(self, message: dict[str, Any]) -> None:
        try:
            self._handle(message)
        except Exception:
            logger.exception("queue message handling failed")
        finally:
            self._free.release()

    def _loop(self) -> None:
        assert self._pool is not None
        while not self._stop.is_set():
            if not self._free.acquire(timeout=self.idle_sleep):
                continue  # every worker is busy
            try:
                message = self._receive()
            except Exception:
                logger.exception("queue poll failed")
                message = None
            if message is None:
                self._free.release()
                self._stop.wait(self.idle_sleep)
                continue
            self._pool.submit(self._work, message)

    def start(self) -> None:
        if not self.handlers or self._thread is not None:
            return
        self._stop.clear()
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="queue-worker")
        self._thread = threading.Thread(target=self._loop, name="queue-poller", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop receiving and wait for the messages in hand (each attempt is bounded by its timeout)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
