"""The Lambda functions ``chalice package`` generates from ``app.py``, as the infrastructure sees them.

One definition for the merge template (names, failure destinations, alarms) and the IAM policies
(``infra/policies.py``). ``tests/infra`` checks it against ``app.py``'s handlers and Chalice's own
logical-id naming, so a new handler cannot be deployed without a policy and alarms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

APP_NAME = "deskless"
STAGES = ("dev", "prod")

Invocation = Literal["api", "stream", "schedule", "event", "queue", "websocket"]


@dataclass(frozen=True)
class FailureQueue:
    """An SQS queue that receives what a function finally failed to process (kept 14 days)."""

    logical_id: str
    suffix: str
    meaning: str

    def name(self, stage: str) -> str:
        return f"{APP_NAME}-{stage}-{self.suffix}"

    @property
    def fifo(self) -> bool:
        return self.suffix.endswith(".fifo")


INGEST_FAILURES = FailureQueue(
    "IngestFailuresQueue",
    "ingest-failures",
    "inbound mail events ingest_email failed on after its retries (the raw message is still under incoming/)",
)
JOB_FAILURES = FailureQueue(
    "JobFailuresQueue",
    "job-failures",
    "scheduled job invocations that failed (the next run resumes the work; the record says which job and why)",
)
STREAM_FAILURES = FailureQueue(
    "StreamFailuresQueue",
    "stream-failures",
    "table stream batches on_table_change gave up on after 5 retries (pointers to the shard's records)",
)
WEBHOOK_DEAD_LETTERS = FailureQueue(
    "WebhookDeadLettersQueue",
    "webhooks-dead-letters.fifo",
    "webhook queue messages send_webhook failed on 5 times (their deliveries still wait in the log: the retry job"
    " queues them again)",
)
FAILURE_QUEUES = (INGEST_FAILURES, JOB_FAILURES, STREAM_FAILURES, WEBHOOK_DEAD_LETTERS)


@dataclass(frozen=True)
class WorkQueue:
    """An SQS queue a function consumes (event source mapping); what it gives up on goes to ``dead_letters``."""

    logical_id: str
    suffix: str
    dead_letters: FailureQueue

    def name(self, stage: str) -> str:
        return f"{APP_NAME}-{stage}-{self.suffix}"


# Outbound webhook deliveries: the stream handler and the retry job enqueue, send_webhook sends.
WEBHOOK_QUEUE = WorkQueue("WebhookQueue", "webhooks.fifo", WEBHOOK_DEAD_LETTERS)


@dataclass(frozen=True)
class Function:
    """One Lambda function: its Chalice name (``lambda_functions`` key) and template logical id."""

    name: str
    logical_id: str
    invocation: Invocation
    failure_queue: FailureQueue | None = None
    async_retries: int = 0
    source_queue: WorkQueue | None = None  # invocation "queue": the queue it consumes

    @property
    def asynchronous(self) -> bool:
        """Invoked asynchronously by EventBridge (schedules, S3 events): Lambda's on-failure destination applies."""
        return self.invocation in ("schedule", "event")

    def function_name(self, stage: str) -> str:
        return f"{APP_NAME}-{stage}-{self.name}"

    def log_group(self, stage: str) -> str:
        return f"/aws/lambda/{self.function_name(stage)}"

    @property
    def log_group_logical_id(self) -> str:
        """Chalice names the log group from the function name (``api_handler`` -> ``ApiHandlerLogGroup``)."""
        return "".join(part.title() for part in self.name.split("_")) + "LogGroup"


# Scheduled jobs that run every minute or five are not retried by Lambda: the next run picks up
# where this one stopped, and a retry would only overlap it. The daily retention sweep and inbound
# mail (one message per event) are retried twice before their event goes to the failure queue.
# send_webhook's messages come back after a failure and go to the queue's dead letters after five
# receives; the delivery log still holds the delivery, and the retry job queues it again.
FUNCTIONS = (
    Function("api_handler", "APIHandler", "api"),
    Function("on_table_change", "OnTableChange", "stream", STREAM_FAILURES),
    Function("sla_sweep_job", "SlaSweepJob", "schedule", JOB_FAILURES),
    Function("automation_timer_job", "AutomationTimerJob", "schedule", JOB_FAILURES),
    Function("ingest_email", "IngestEmail", "event", INGEST_FAILURES, async_retries=2),
    Function("send_webhook", "SendWebhook", "queue", source_queue=WEBHOOK_QUEUE),
    Function("webhook_retry_job", "WebhookRetryJob", "schedule", JOB_FAILURES),
    Function("retention_sweep_job", "RetentionSweepJob", "schedule", JOB_FAILURES, async_retries=2),
    Function("tenant_jobs_job", "TenantJobsJob", "schedule", JOB_FAILURES),
    # The live-update WebSocket API's routes ($connect, $default, $disconnect), invoked synchronously.
    Function("websocket_connect", "WebsocketConnect", "websocket"),
    Function("websocket_message", "WebsocketMessage", "websocket"),
    Function("websocket_disconnect", "WebsocketDisconnect", "websocket"),
)


def function(name: str) -> Function:
    for candidate in FUNCTIONS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def websocket_api_stage() -> str:
    """The WebSocket API's stage: Chalice deploys it under ``api_gateway_stage``, as the REST API."""
    return "api"


def table_name(stage: str) -> str:
    return f"{APP_NAME}-{stage}"


def idempotency_table_name(stage: str) -> str:
    return f"{APP_NAME}-{stage}-idempotency"


def bucket_name(stage: str, kind: str) -> str:
    """``kind`` is ``attachments``, ``inbound-mail`` or ``archive``."""
    return f"{APP_NAME}-{stage}-{kind}"


def topic_name(stage: str, kind: str) -> str:
    """``kind`` is ``notifications`` or ``alarms``."""
    return f"{APP_NAME}-{stage}-{kind}"


def cursor_secret_parameter(stage: str) -> str:
    return f"/{APP_NAME}/{stage}/cursor-secret"


def sso_secret_prefix(stage: str) -> str:
    """Where the organizations' OIDC client secrets live (chalicelib.config.sso_secret_prefix)."""
    return f"/{APP_NAME}/{stage}/sso/"


def receipt_rule_set_name(stage: str) -> str:
    return f"{APP_NAME}-{stage}-inbound"
