"""Least-privilege IAM policies, one per Lambda function and stage, from one definition.

Each function gets only what its code calls (traced from its handler through services and store):

- ``api_handler``: the table and its indexes (no Scan); attachments (presigned upload/download,
  erasure deletes), archive (personal-data exports: write, presign, delete by prefix), deleting raw
  inbound mail (erasure); the cursor secret (signed pagination cursors, pseudonyms); sends email
  (SES: the code that verifies a support address); the organizations' OIDC client secrets (SSM
  parameters under ``/deskless/<stage>/sso/``: read, written, deleted). It authenticates each
  request itself (no authorizer function): one BatchGetItem and the conditional UpdateItem that
  records activity, both within its table grant. Tokens are random, not signed: no secret.
- ``on_table_change``: reads its stream; the table; sends email (SES), push (the notifications
  topic) and SMS (SNS direct publish); queues webhook deliveries (never sends them); the cursor
  secret (paged queries).
- ``sla_sweep_job``: the table only.
- ``send_webhook``: receives and deletes the webhook queue's messages (what Lambda's SQS event
  source needs of its role); the table by key only (no index: delivery log, subscription, rule,
  the per-minute budget). Webhooks go out over HTTPS, no AWS permission involved.
- ``webhook_retry_job``: the table (the DUE index) and queues deliveries again.
- ``automation_timer_job``: the table and the cursor secret (paged queries).
- ``ingest_email``: reads and moves raw mail in the inbound bucket, writes attachment files, the
  idempotency table.
- ``retention_sweep_job``: writes and reads back archives, deletes attachment files and raw mail,
  the idempotency table, the cursor secret (pseudonyms when anonymising).
- ``websocket_connect``: nothing (the connection is recorded only once its first message authenticates it);
  ``websocket_message``: the table (authentication, admission, watch) and the WebSocket management
  API (``execute-api:ManageConnections``: answers and closes); ``websocket_disconnect``: GetItem and
  DeleteItem. ``on_table_change`` also sends live updates through the management API. The
  management API's permission names the stack's own WebSocket API, known only in the template: the
  merge template attaches it (``LiveConnectionsPolicy``) to the roles of the functions marked ``live``.
- ``tenant_jobs_job``: the one sanctioned Scan (the offboarding deletion; exports Query by key);
  writes export parts and manifests, deletes the organization's files by prefix and its raw mail,
  and its OIDC client secret (SSM, delete only).

Every function writes its own log group (created with a retention by the template, so no
CreateLogGroup), sends X-Ray segments, and the asynchronously invoked ones (and the stream) send
their failures to their queue.

Resources are named exactly (table, indexes, stream, buckets, topic, queues, parameter, log
group); region and account are ``*`` because the files are static (``chalice package`` copies them
into the template) and the names carry the stage. Three statements need ``Resource: "*"``:
X-Ray (no resource-level permissions), ``dynamodb:ListStreams`` (idem) and SMS, whose publish
call names a phone number, not a topic.

    python -m infra.policies           # rewrite .chalice/policy-<stage>-<function>.json and config.json
    python -m infra.policies --check   # exit 1 if the committed files differ from the definition
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from infra.functions import (
    FUNCTIONS,
    STAGES,
    WEBHOOK_QUEUE,
    Function,
    bucket_name,
    cursor_secret_parameter,
    function,
    idempotency_table_name,
    sso_secret_prefix,
    table_name,
    topic_name,
)

CHALICE_DIR = Path(__file__).resolve().parents[1] / ".chalice"

READ = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query")
# Transactions need no actions of their own: TransactWriteItems is authorised per item as
# PutItem/UpdateItem/DeleteItem/ConditionCheckItem, TransactGetItems as GetItem.
WRITE = (
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
)
READ_WRITE = READ + WRITE
# What Powertools' DynamoDBPersistenceLayer calls.
IDEMPOTENCY = ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem")

GET, PUT, DELETE = "s3:GetObject", "s3:PutObject", "s3:DeleteObject"
ATTACHMENTS, INBOUND, ARCHIVE = "attachments", "inbound-mail", "archive"
BUCKETS = (ATTACHMENTS, INBOUND, ARCHIVE)

# Resource "*" is allowed only for these actions (tests/infra check it).
UNSCOPABLE = frozenset({"xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams", "sns:Publish"})


@dataclass(frozen=True)
class Grants:
    """What one function may do. Objects and listing are keyed by bucket kind."""

    table: tuple[str, ...] = READ_WRITE
    indexes: bool = True  # Query on the table's indexes
    scan: bool = False
    stream: bool = False
    idempotency: bool = False
    objects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # ListBucket: needed to delete by prefix, and so a missing key reads as NoSuchKey, not AccessDenied.
    listing: tuple[str, ...] = ()
    cursor_secret: bool = False
    # The organizations' OIDC client secrets (SSM SecureStrings under one prefix): "manage" writes
    # and reads them (the API), "delete" only removes them (offboarding).
    sso_secrets: Literal["manage", "delete"] | None = None
    email: bool = False
    push: bool = False
    sms: bool = False
    webhook_queue: Literal["send", "receive"] | None = None
    # Sends to and closes live-update WebSocket connections (execute-api:ManageConnections on the
    # stage's own WebSocket API: its id exists only in the stack, so the merge template grants it).
    live: bool = False


GRANTS: dict[str, Grants] = {
    "api_handler": Grants(
        objects={ATTACHMENTS: (GET, PUT, DELETE), INBOUND: (DELETE,), ARCHIVE: (GET, PUT, DELETE)},
        listing=(ARCHIVE,),
        cursor_secret=True,
        sso_secrets="manage",
        email=True,
    ),
    "on_table_change": Grants(
        stream=True, cursor_secret=True, email=True, push=True, sms=True, webhook_queue="send", live=True
    ),
    "sla_sweep_job": Grants(),
    "automation_timer_job": Grants(cursor_secret=True),
    "ingest_email": Grants(
        idempotency=True,
        objects={INBOUND: (GET, PUT, DELETE), ATTACHMENTS: (PUT,)},
        listing=(INBOUND,),
    ),
    "send_webhook": Grants(indexes=False, webhook_queue="receive"),
    "webhook_retry_job": Grants(webhook_queue="send"),
    "retention_sweep_job": Grants(
        idempotency=True,
        objects={ATTACHMENTS: (DELETE,), INBOUND: (DELETE,), ARCHIVE: (GET, PUT)},
        listing=(ARCHIVE,),
        cursor_secret=True,
    ),
    "tenant_jobs_job": Grants(
        scan=True,
        sso_secrets="delete",
        objects={ATTACHMENTS: (DELETE,), INBOUND: (DELETE,), ARCHIVE: (PUT, DELETE)},
        listing=(ATTACHMENTS, ARCHIVE),
    ),
    # $connect accepts and writes nothing.
    "websocket_connect": Grants(table=(), indexes=False),
    # auth (the authorizer's reads and activity writes, the departments Query, the admission
    # transaction), watch, and the error message and close of a refused connection.
    "websocket_message": Grants(live=True),
    "websocket_disconnect": Grants(table=("dynamodb:GetItem", "dynamodb:DeleteItem"), indexes=False),
}


def _arn(service: str, resource: str) -> str:
    return f"arn:aws:{service}:*:*:{resource}"


def _statement(sid: str, actions: tuple[str, ...] | list[str], resources: list[str] | str) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": sorted(actions), "Resource": resources}


def policy_document(stage: str, name: str) -> dict[str, Any]:
    fn: Function = function(name)
    grants = GRANTS[name]
    table = _arn("dynamodb", f"table/{table_name(stage)}")
    statements = [
        _statement(
            "Logs", ["logs:CreateLogStream", "logs:PutLogEvents"], _arn("logs", f"log-group:{fn.log_group(stage)}:*")
        ),
        _statement("Tracing", ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], "*"),
    ]
    if grants.table:
        statements.append(_statement("Table", grants.table, [table]))
    if grants.indexes:
        statements.append(_statement("TableIndexes", ["dynamodb:Query"], [f"{table}/index/*"]))
    if grants.scan:
        statements.append(_statement("TenantScan", ["dynamodb:Scan"], [table]))
    if grants.stream:
        statements.append(
            _statement(
                "TableStream",
                ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
                [f"{table}/stream/*"],
            )
        )
        statements.append(_statement("ListStreams", ["dynamodb:ListStreams"], "*"))
    if grants.idempotency:
        statements.append(
            _statement("Idempotency", IDEMPOTENCY, [_arn("dynamodb", f"table/{idempotency_table_name(stage)}")])
        )
    for kind in BUCKETS:
        if kind in grants.objects:
            sid = "Objects" + kind.title().replace("-", "")
            statements.append(_statement(sid, grants.objects[kind], [f"arn:aws:s3:::{bucket_name(stage, kind)}/*"]))
    if grants.listing:
        buckets = [f"arn:aws:s3:::{bucket_name(stage, kind)}" for kind in BUCKETS if kind in grants.listing]
        statements.append(_statement("ListBuckets", ["s3:ListBucket"], buckets))
    if grants.cursor_secret:
        statements.append(
            _statement(
                "CursorSecret", ["ssm:GetParameter"], [_arn("ssm", f"parameter{cursor_secret_parameter(stage)}")]
            )
        )
    if grants.sso_secrets is not None:
        sso_actions = ["ssm:DeleteParameter"]
        if grants.sso_secrets == "manage":
            sso_actions += ["ssm:GetParameter", "ssm:PutParameter"]
        statements.append(_statement("SsoSecrets", sso_actions, [_arn("ssm", f"parameter{sso_secret_prefix(stage)}*")]))
    if grants.email:
        statements.append(_statement("Email", ["ses:SendEmail", "ses:SendRawEmail"], [_arn("ses", "identity/*")]))
    if grants.push:
        statements.append(_statement("Push", ["sns:Publish"], [_arn("sns", topic_name(stage, "notifications"))]))
    if grants.sms:
        statements.append(_statement("Sms", ["sns:Publish"], "*"))
    if grants.webhook_queue is not None:
        queue = [_arn("sqs", WEBHOOK_QUEUE.name(stage))]
        if grants.webhook_queue == "send":
            statements.append(_statement("WebhookQueue", ["sqs:SendMessage"], queue))
        else:
            receive = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
            statements.append(_statement("WebhookQueue", receive, queue))
    if fn.failure_queue is not None:
        statements.append(_statement("FailureQueue", ["sqs:SendMessage"], [_arn("sqs", fn.failure_queue.name(stage))]))
    return {"Version": "2012-10-17", "Statement": statements}


def policy_file(stage: str, name: str) -> str:
    return f"policy-{stage}-{name}.json"


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2) + "\n"


def expected_files() -> dict[str, str]:
    """File name (in ``.chalice/``) -> content, for every stage and function."""
    return {
        policy_file(stage, fn.name): render(policy_document(stage, fn.name)) for stage in STAGES for fn in FUNCTIONS
    }


def configured(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` with each deployed stage's ``lambda_functions.<name>.iam_policy_file`` set (other keys kept,
    functions that are no longer deployed dropped)."""
    result = json.loads(json.dumps(config))
    for stage in STAGES:
        settings = result["stages"][stage]
        settings.pop("iam_policy_file", None)
        functions = settings.setdefault("lambda_functions", {})
        for name in set(functions) - {fn.name for fn in FUNCTIONS}:
            del functions[name]  # a function no longer deployed (the former ``bearer`` authorizer)
        for fn in FUNCTIONS:
            functions.setdefault(fn.name, {})["iam_policy_file"] = policy_file(stage, fn.name)
    return dict(result)


def differences(directory: Path = CHALICE_DIR) -> list[str]:
    """What differs between ``directory`` and the definition (empty when they agree)."""
    problems = []
    for name, content in expected_files().items():
        path = directory / name
        if not path.exists() or path.read_text() != content:
            problems.append(f"{path} differs from infra/policies.py")
    stale = {p.name for p in directory.glob("policy-*.json")} - set(expected_files())
    problems += [f"{directory / name} is not generated by infra/policies.py" for name in sorted(stale)]
    config = json.loads((directory / "config.json").read_text())
    if configured(config) != config:
        problems.append(f"{directory / 'config.json'}: lambda_functions.*.iam_policy_file differ")
    return problems


def write(directory: Path = CHALICE_DIR) -> None:
    for name, content in expected_files().items():
        (directory / name).write_text(content)
    config_path = directory / "config.json"
    config_path.write_text(json.dumps(configured(json.loads(config_path.read_text())), indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on any difference")
    args = parser.parse_args(argv)
    if args.check:
        problems = differences()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run: python -m infra.policies", file=sys.stderr)
        return 1 if problems else 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
