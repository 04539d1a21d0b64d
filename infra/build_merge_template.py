"""Writes the CloudFormation merge template for ``chalice package --merge-template``.

The table resource is generated from the PynamoDB model (``chalicelib.store.table.table_spec``),
so the deployed table is the one tests and the local stack use. The template adds what Chalice
cannot express: the tables (deletion protection in prod), the buckets and their policies, the
SES receipt rule set for inbound mail (when the ``InboundEmailDomain`` parameter is set), the
notifications and alarms topics, failure queues for asynchronous invocations and the stream, the
webhook delivery queue (FIFO, with its dead letters) and the sender's event source (batch size 1,
partial batch failures, bounded concurrency), the stream event source settings (partial batch
failures, retries, bisecting, the real stream ARN, the filter of record kinds), fixed function names, the CloudWatch
alarms, and the CloudFront distribution that serves the web app (``/app``, from its private
bucket) and the API on one origin. Functions come from ``infra/functions.py``.

    python -m infra.build_merge_template --stage dev > dist/dev-merge-template.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from infra.functions import (
    APP_NAME,
    FAILURE_QUEUES,
    FUNCTIONS,
    STAGES,
    WEBHOOK_QUEUE,
    FailureQueue,
    Function,
    bucket_name,
    function,
    idempotency_table_name,
    receipt_rule_set_name,
    table_name,
    topic_name,
    websocket_api_stage,
)
from infra.policies import GRANTS

STREAM_MAX_RETRIES = 5
FAILURE_RETENTION_SECONDS = 14 * 24 * 3600
ITERATOR_AGE_LIMIT_MS = 5 * 60 * 1000
SLA_FAILING_MINUTES = 3
SLA_SILENT_MINUTES = 5
# The webhook sender's concurrency over all organizations (each has at most
# ``webhook_queue.SLOTS``): the rest of the account's concurrency stays with the API.
WEBHOOK_SENDER_CONCURRENCY = 200
WEBHOOK_BACKLOG_AGE_SECONDS = 30 * 60

INBOUND_DOMAIN = "InboundEmailDomain"
ALARM_EMAIL = "AlarmEmail"
PUBLIC_URL = "PublicUrl"
HAS_PUBLIC_URL = "HasPublicUrl"
HAS_INBOUND_DOMAIN = "HasInboundEmailDomain"
HAS_ALARM_EMAIL = "HasAlarmEmail"
PRICE_CLASS = "PriceClass"
APP_DOMAIN = "AppDomainName"
APP_CERTIFICATE = "AppCertificateArn"
HAS_APP_DOMAIN = "HasAppDomainName"
ORIGIN_VERIFY_PARAMETER = "OriginVerifySecret"
BUCKETS = {
    "AttachmentsBucket": "attachments",
    "InboundMailBucket": "inbound-mail",
    "ArchiveBucket": "archive",
    "WebBucket": "web",
}
# The web app's build lives under this prefix of the web bucket, the same path as on the local stack.
APP_PREFIX = "app"
APP_REQUEST_FUNCTION = Path(__file__).with_name("app_request.js")
# AWS managed CloudFront policies (fixed ids, the same in every account).
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
# AWS's managed AllViewerExceptHostHeader: every viewer header but Host (API Gateway needs its own),
# cookies, the query string, and CloudFront's own headers (CloudFront-Viewer-Address among them),
# which a custom policy's "allExcept" cannot add.
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
HSTS_SECONDS = 2 * 365 * 24 * 3600


def table_resource(stage: str) -> dict[str, Any]:
    os.environ.setdefault("TABLE_NAME", table_name(stage))
    from chalicelib.store.table import table_spec, ttl_spec

    spec = table_spec(table_name(stage))
    resource: dict[str, Any] = {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "TableName": spec["TableName"],
            "BillingMode": spec["BillingMode"],
            "AttributeDefinitions": spec["AttributeDefinitions"],
            "KeySchema": spec["KeySchema"],
            "GlobalSecondaryIndexes": spec["GlobalSecondaryIndexes"],
            "StreamSpecification": {"StreamViewType": spec["StreamSpecification"]["StreamViewType"]},
            "TimeToLiveSpecification": ttl_spec(),
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "SSESpecification": {"SSEEnabled": True},
        },
    }
    if stage == "prod":
        # CloudFormation (or anyone) cannot delete the prod table until this is switched off.
        resource["Properties"]["DeletionProtectionEnabled"] = True
    return resource


def index_names(stage: str) -> list[str]:
    return [index["IndexName"] for index in table_resource(stage)["Properties"]["GlobalSecondaryIndexes"]]


def idempotency_table_resource(stage: str) -> dict[str, Any]:
    """Powertools idempotency records (PK ``id``, TTL ``expiration``): short-lived, so not retained."""
    return {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
            "TableName": idempotency_table_name(stage),
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expiration"},
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "SSESpecification": {"SSEEnabled": True},
        },
    }


def bucket_resource(
    name: str, expire_days: int | None = None, eventbridge: bool = False, archive: bool = False
) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "BucketName": name,
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        },
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
    }
    if eventbridge:
        # "Object Created" events reach EventBridge, whose rule invokes ingest_email (on_cw_event).
        properties["NotificationConfiguration"] = {"EventBridgeConfiguration": {"EventBridgeEnabled": True}}
    if expire_days is not None:
        properties["LifecycleConfiguration"] = {
            "Rules": [{"Id": "expire-raw-mail", "Status": "Enabled", "ExpirationInDays": expire_days}]
        }
    if archive:
        # Retention archives are read rarely: infrequent access after 30 days, Glacier after a year.
        # Personal-data exports (exports/) are links for the requester and go after 7 days.
        properties["LifecycleConfiguration"] = {
            "Rules": [
                {
                    "Id": "archives-cool-down",
                    "Status": "Enabled",
                    "Prefix": "org/",
                    "Transitions": [
                        {"StorageClass": "STANDARD_IA", "TransitionInDays": 30},
                        {"StorageClass": "GLACIER_IR", "TransitionInDays": 365},
                    ],
                },
                {"Id": "expire-exports", "Status": "Enabled", "Prefix": "exports/", "ExpirationInDays": 7},
            ]
        }
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": properties,
    }


def bucket_policy(logical_id: str, stage: str) -> dict[str, Any]:
    """TLS only for everyone; on the inbound bucket, SES of this account may write under ``incoming/``."""
    arn = {"Fn::GetAtt": [logical_id, "Arn"]}
    statements: list[dict[str, Any]] = [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [arn, {"Fn::Sub": f"${{{logical_id}.Arn}}/*"}],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ]
    if logical_id == "InboundMailBucket":
        rule_set = receipt_rule_set_name(stage)
        statements.append(
            {
                "Sid": "AllowSesReceipt",
                "Effect": "Allow",
                "Principal": {"Service": "ses.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": {"Fn::Sub": f"${{{logical_id}.Arn}}/incoming/*"},
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                    "ArnLike": {
                        "aws:SourceArn": {
                            "Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:"
                            f"receipt-rule-set/{rule_set}:receipt-rule/*"
                        }
                    },
                },
            }
        )
    if logical_id == "WebBucket":
        statements.append(
            {
                # Only this stack's distribution, signing with its origin access control, reads the app;
                # listing lets a missing file be a 404 rather than a 403 (the bucket holds only the build).
                "Sid": "AllowCloudFrontReadApp",
                "Effect": "Allow",
                "Principal": {"Service": "cloudfront.amazonaws.com"},
                "Action": ["s3:GetObject", "s3:ListBucket"],
                "Resource": [arn, {"Fn::Sub": f"${{{logical_id}.Arn}}/{APP_PREFIX}/*"}],
                "Condition": {
                    "StringEquals": {
                        "AWS:SourceArn": {
                            "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:"
                            "distribution/${WebDistribution}"
                        }
                    }
                },
            }
        )
    return {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": {"Ref": logical_id},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
        },
    }


def receipt_resources(stage: str) -> dict[str, Any]:
    """Mail for ``InboundEmailDomain`` is scanned and stored under ``incoming/`` (EventBridge -> ingest_email).

    Only one rule set is active per account and region, and CloudFormation cannot activate one:
    ``docs/deploy.md`` gives the command.
    """
    return {
        "ReceiptRuleSet": {
            "Type": "AWS::SES::ReceiptRuleSet",
            "Condition": HAS_INBOUND_DOMAIN,
            "Properties": {"RuleSetName": receipt_rule_set_name(stage)},
        },
        "ReceiptRule": {
            "Type": "AWS::SES::ReceiptRule",
            "Condition": HAS_INBOUND_DOMAIN,
            "DependsOn": ["InboundMailBucketPolicy"],  # SES checks it may write before it accepts the rule
            "Properties": {
                "RuleSetName": {"Ref": "ReceiptRuleSet"},
                "Rule": {
                    "Name": "store-incoming",
                    "Enabled": True,
                    "ScanEnabled": True,
                    "TlsPolicy": "Optional",
                    "Recipients": [{"Ref": INBOUND_DOMAIN}],
                    "Actions": [
                        {"S3Action": {"BucketName": {"Ref": "InboundMailBucket"}, "ObjectKeyPrefix": "incoming/"}}
                    ],
                },
            },
        },
    }


def topic_resources(stage: str) -> dict[str, Any]:
    return {
        # Push notifications: the push service subscribes with a filter policy on ``user_id``.
        "NotificationsTopic": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": topic_name(stage, "notifications")},
        },
        # Not encrypted: CloudWatch alarms cannot publish to a topic under the AWS managed SNS key.
        "AlarmsTopic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": topic_name(stage, "alarms")}},
        "AlarmsEmailSubscription": {
            "Type": "AWS::SNS::Subscription",
            "Condition": HAS_ALARM_EMAIL,
            "Properties": {"TopicArn": {"Ref": "AlarmsTopic"}, "Protocol": "email", "Endpoint": {"Ref": ALARM_EMAIL}},
        },
    }


def queue_resource(queue: FailureQueue, stage: str) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "QueueName": queue.name(stage),
        "MessageRetentionPeriod": FAILURE_RETENTION_SECONDS,
        "SqsManagedSseEnabled": True,
    }
    if queue.fifo:
        properties["FifoQueue"] = True  # the dead letters of a FIFO queue are a FIFO queue
    return {"Type": "AWS::SQS::Queue", "Properties": properties}


def webhook_queue_resource(stage: str) -> dict[str, Any]:
    """The webhook delivery queue, with the attributes the local stack creates it with
    (``chalicelib.channels.webhook_queue.queue_attributes``) in CloudFormation's types."""
    from chalicelib.channels import webhook_queue

    attributes = webhook_queue.queue_attributes("")
    redrive = json.loads(attributes["RedrivePolicy"])
    return {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "QueueName": WEBHOOK_QUEUE.name(stage),
            "FifoQueue": attributes["FifoQueue"] == "true",
            "ContentBasedDeduplication": attributes["ContentBasedDeduplication"] == "true",
            "DeduplicationScope": attributes["DeduplicationScope"],
            "FifoThroughputLimit": attributes["FifoThroughputLimit"],
            "VisibilityTimeout": int(attributes["VisibilityTimeout"]),
            "MessageRetentionPeriod": int(attributes["MessageRetentionPeriod"]),
            "SqsManagedSseEnabled": attributes["SqsManagedSseEnabled"] == "true",
            "RedrivePolicy": {
                "deadLetterTargetArn": {"Fn::GetAtt": [WEBHOOK_QUEUE.dead_letters.logical_id, "Arn"]},
                "maxReceiveCount": redrive["maxReceiveCount"],
            },
        },
    }


def _on_failure(queue: FailureQueue) -> dict[str, Any]:
    return {"OnFailure": {"Type": "SQS", "Destination": {"Fn::GetAtt": [queue.logical_id, "Arn"]}}}


def stream_filter_criteria() -> dict[str, Any]:
    """The stream consumer's ``FilterCriteria``: the subscribers' declared record kinds
    (``chalicelib.jobs.stream.filter_patterns``), so records nobody acts on invoke no Lambda. Empty
    when a subscriber takes every record."""
    from chalicelib.jobs.stream import filter_patterns, pattern_text

    patterns = filter_patterns()
    if patterns is None:
        return {}
    return {"FilterCriteria": {"Filters": [{"Pattern": pattern_text(p)} for p in patterns]}}


def function_settings(fn: Function, stage: str) -> dict[str, Any]:
    """Merged into Chalice's function: a fixed name (log group and policies name it), environment, failures."""
    variables: dict[str, Any] = {
        # Unset (the code's default) when no inbound domain is deployed.
        "INBOUND_EMAIL_DOMAIN": {"Fn::If": [HAS_INBOUND_DOMAIN, {"Ref": INBOUND_DOMAIN}, {"Ref": "AWS::NoValue"}]},
        # Where links in account mail (invitations, resets, sign-in links) point.
        # PublicUrl, else the custom domain; neither: unset until `make deploy` writes the distribution's
        # domain into PublicUrl (the function cannot name the distribution: it sits behind the API it fronts).
        "PUBLIC_URL": {
            "Fn::If": [
                HAS_PUBLIC_URL,
                {"Ref": PUBLIC_URL},
                {"Fn::If": [HAS_APP_DOMAIN, {"Fn::Sub": f"https://${{{APP_DOMAIN}}}"}, {"Ref": "AWS::NoValue"}]},
            ]
        },
    }
    if fn.invocation == "api":
        # The distribution's origin secret: only then is CloudFront-Viewer-Address the client's address.
        variables["ORIGIN_VERIFY_SECRET"] = {"Ref": ORIGIN_VERIFY_PARAMETER}
    properties: dict[str, Any] = {"FunctionName": fn.function_name(stage), "Environment": {"Variables": variables}}
    if fn.invocation == "stream":
        assert fn.failure_queue is not None
        variables["NOTIFICATIONS_TOPIC_ARN"] = {"Ref": "NotificationsTopic"}
        properties["Events"] = {
            "OnTableChangeDynamodbEventSource": {
                "Properties": {
                    "Stream": {"Fn::GetAtt": ["Table", "StreamArn"]},
                    "FunctionResponseTypes": ["ReportBatchItemFailures"],
                    "MaximumRetryAttempts": STREAM_MAX_RETRIES,
                    "BisectBatchOnFunctionError": True,
                    "DestinationConfig": _on_failure(fn.failure_queue),
                    **stream_filter_criteria(),
                }
            }
        }
    if fn.source_queue is not None:
        # One message per invocation: a batch never holds two organizations' deliveries.
        properties["Events"] = {
            f"{fn.logical_id}SqsEventSource": {
                "Properties": {
                    "Queue": {"Fn::GetAtt": [fn.source_queue.logical_id, "Arn"]},
                    "BatchSize": 1,
                    "FunctionResponseTypes": ["ReportBatchItemFailures"],
                    "ScalingConfig": {"MaximumConcurrency": WEBHOOK_SENDER_CONCURRENCY},
                }
            }
        }
    if GRANTS[fn.name].webhook_queue == "send":
        variables["WEBHOOK_QUEUE_URL"] = {"Ref": WEBHOOK_QUEUE.logical_id}
    if GRANTS[fn.name].live:
        # Live updates are sent through the WebSocket API's management endpoint (channels/live.py).
        variables["LIVE_ENDPOINT"] = {"Fn::Sub": f"https://{LIVE_HOST}/{websocket_api_stage()}"}
    if fn.invocation == "api":
        # GET /live-updates tells the web app where to connect.
        variables["LIVE_URL"] = {"Fn::Sub": f"wss://{LIVE_HOST}/{websocket_api_stage()}"}
    if fn.asynchronous:
        assert fn.failure_queue is not None
        properties["EventInvokeConfig"] = {
            "MaximumRetryAttempts": fn.async_retries,
            "DestinationConfig": _on_failure(fn.failure_queue),
        }
    return {"Properties": properties}


def alarm(
    stage: str,
    suffix: str,
    description: str,
    *,
    comparison: str = "GreaterThanOrEqualToThreshold",
    threshold: float = 1,
    periods: int = 1,
    missing: str = "notBreaching",
    metric: dict[str, Any] | None = None,
    query: str | None = None,
) -> dict[str, Any]:
    """An alarm that notifies the alarms topic when it fires and when it clears."""
    properties: dict[str, Any] = {
        "AlarmName": f"deskless-{stage}-{suffix}",
        "AlarmDescription": description,
        "ComparisonOperator": comparison,
        "Threshold": threshold,
        "EvaluationPeriods": periods,
        "DatapointsToAlarm": periods,
        "TreatMissingData": missing,
        "AlarmActions": [{"Ref": "AlarmsTopic"}],
        "OKActions": [{"Ref": "AlarmsTopic"}],
    }
    if metric is not None:
        properties.update(metric)
    if query is not None:
        # A CloudWatch Metrics Insights query: one alarm over every Operation of the table.
        properties["Metrics"] = [{"Id": "q", "Expression": query, "Period": 300, "ReturnData": True}]
    return {"Type": "AWS::CloudWatch::Alarm", "Properties": properties}


def lambda_metric(fn: Function, name: str, statistic: str = "Sum", period: int = 300) -> dict[str, Any]:
    return {
        "Namespace": "AWS/Lambda",
        "MetricName": name,
        "Dimensions": [{"Name": "FunctionName", "Value": {"Ref": fn.logical_id}}],
        "Statistic": statistic,
        "Period": period,
    }


def table_query(metric: str, table: str) -> str:
    """A Metrics Insights query summing ``metric`` over every Operation of ``table`` (a name we generate)."""
    return f"SELECT SUM({metric}) FROM SCHEMA(\"AWS/DynamoDB\", Operation, TableName) WHERE TableName = '{table}'"  # noqa: S608


def alarm_resources(stage: str) -> dict[str, Any]:
    alarms: dict[str, Any] = {}
    for fn in FUNCTIONS:
        alarms[f"{fn.logical_id}ErrorsAlarm"] = alarm(
            stage,
            f"{fn.name}-errors",
            f"{fn.function_name(stage)} failed (error or timeout) at least once in 5 minutes: see its log group.",
            metric=lambda_metric(fn, "Errors"),
        )
        alarms[f"{fn.logical_id}ThrottlesAlarm"] = alarm(
            stage,
            f"{fn.name}-throttles",
            f"{fn.function_name(stage)} was throttled in the last 5 minutes: account or reserved concurrency reached.",
            metric=lambda_metric(fn, "Throttles"),
        )
    sweep = function("sla_sweep_job")
    alarms["SlaSweepFailingAlarm"] = alarm(
        stage,
        "sla-sweep-failing",
        f"The SLA sweep failed {SLA_FAILING_MINUTES} minutes in a row: warnings, breaches and escalations are late.",
        periods=SLA_FAILING_MINUTES,
        metric=lambda_metric(sweep, "Errors", period=60),
    )
    alarms["SlaSweepSilentAlarm"] = alarm(
        stage,
        "sla-sweep-silent",
        f"The SLA sweep has not run for {SLA_SILENT_MINUTES} minutes (schedule disabled, throttled or deleted).",
        comparison="LessThanThreshold",
        periods=SLA_SILENT_MINUTES,
        missing="breaching",
        metric=lambda_metric(sweep, "Invocations", period=60),
    )
    alarms["StreamIteratorAgeAlarm"] = alarm(
        stage,
        "stream-lagging",
        "on_table_change is more than 5 minutes behind the table stream: rules, notifications and webhooks are late.",
        threshold=ITERATOR_AGE_LIMIT_MS,
        metric=lambda_metric(function("on_table_change"), "IteratorAge", statistic="Maximum"),
    )
    table = table_name(stage)
    alarms["TableThrottlesAlarm"] = alarm(
        stage,
        "table-throttled",
        f"Requests to {table} were throttled in the last 5 minutes (a hot partition or an on-demand burst limit).",
        query=table_query("ThrottledRequests", table),
    )
    alarms["TableSystemErrorsAlarm"] = alarm(
        stage,
        "table-system-errors",
        f"DynamoDB answered requests to {table} with internal errors (HTTP 500) in the last 5 minutes.",
        query=table_query("SystemErrors", table),
    )
    alarms["WebhookBacklogAlarm"] = alarm(
        stage,
        "webhooks-waiting",
        f"A webhook delivery has waited over {WEBHOOK_BACKLOG_AGE_SECONDS // 60} minutes in "
        f"{WEBHOOK_QUEUE.name(stage)}: send_webhook is failing or throttled, or one organization queues "
        "faster than its endpoints answer (its deliveries only: see the WebhookDeliveriesDeferred metric).",
        threshold=WEBHOOK_BACKLOG_AGE_SECONDS,
        metric={
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateAgeOfOldestMessage",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [WEBHOOK_QUEUE.logical_id, "QueueName"]}}],
            "Statistic": "Maximum",
            "Period": 300,
        },
    )
    for queue in FAILURE_QUEUES:
        alarms[f"{queue.logical_id}DepthAlarm"] = alarm(
            stage,
            f"{queue.suffix}-waiting",
            f"{queue.name(stage)} holds messages: {queue.meaning}.",
            metric={
                "Namespace": "AWS/SQS",
                "MetricName": "ApproximateNumberOfMessagesVisible",
                "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue.logical_id, "QueueName"]}}],
                "Statistic": "Maximum",
                "Period": 300,
            },
        )
    return alarms


def api_stage_name(stage: str) -> str:
    """The API Gateway stage Chalice deploys (``api_gateway_stage`` of the stage in .chalice/config.json)."""
    config = json.loads((Path(__file__).resolve().parent.parent / ".chalice" / "config.json").read_text())
    return str(config["stages"][stage].get("api_gateway_stage", config.get("api_gateway_stage", "api")))


# The WebSocket API Chalice generates (``WebsocketAPI``), as a ``Fn::Sub`` host.
LIVE_HOST = "${WebsocketAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"


def live_origin() -> str:
    """The live-update WebSocket's origin (a ``Fn::Sub`` pattern): the app's CSP lets it connect there."""
    return f"wss://{LIVE_HOST}"


def live_connections_policy(stage: str) -> dict[str, Any]:
    """``execute-api:ManageConnections`` on this stack's WebSocket API only (send and close), for the
    roles of the functions that send live updates (``Grants.live``)."""
    live = [fn for fn in FUNCTIONS if GRANTS[fn.name].live]
    connections = [
        {
            "Fn::Sub": f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{WebsocketAPI}}/"
            f"{websocket_api_stage()}/{method}/@connections/*"
        }
        for method in ("POST", "DELETE")
    ]
    return {
        "Type": "AWS::IAM::Policy",
        "Properties": {
            "PolicyName": f"{APP_NAME}-{stage}-live-connections",
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "LiveConnections",
                        "Effect": "Allow",
                        "Action": ["execute-api:ManageConnections"],
                        "Resource": connections,
                    }
                ],
            },
            "Roles": [{"Ref": f"{fn.logical_id}Role"} for fn in live],
        },
    }


def upload_origin(stage: str) -> str:
    """The origin of ``presign_upload``'s URL on AWS (``store/blobs.py``: virtual-hosted, regional),
    a ``Fn::Sub`` pattern: the browser posts attachments there, so the CSP and CORS name it."""
    return f"https://{bucket_name(stage, 'attachments')}.s3.${{AWS::Region}}.${{AWS::URLSuffix}}"


def public_origin() -> dict[str, Any]:
    """Where the app is opened: ``PublicUrl``, else the custom domain, else the distribution's domain."""
    return {
        "Fn::If": [
            HAS_PUBLIC_URL,
            {"Ref": PUBLIC_URL},
            {
                "Fn::If": [
                    HAS_APP_DOMAIN,
                    {"Fn::Sub": f"https://${{{APP_DOMAIN}}}"},
                    {"Fn::Sub": "https://${WebDistribution.DomainName}"},
                ]
            },
        ]
    }


def headers_policy_config(stage: str) -> dict[str, Any]:
    """The app's response headers: exactly ``security_headers`` of the local stack (one source of
    truth), in CloudFront's types (its security headers where it has one, custom headers otherwise),
    plus HSTS, which only the HTTPS origin sends."""
    from chalicelib.local.webapp import security_headers

    security: dict[str, Any] = {
        "StrictTransportSecurity": {
            "AccessControlMaxAgeSec": HSTS_SECONDS,
            "IncludeSubdomains": False,
            "Preload": False,
            "Override": True,
        }
    }
    custom: list[dict[str, Any]] = []
    for name, value in security_headers([upload_origin(stage), live_origin()]).items():
        if name == "Content-Security-Policy":
            security["ContentSecurityPolicy"] = {"ContentSecurityPolicy": {"Fn::Sub": value}, "Override": True}
        elif name == "X-Content-Type-Options" and value == "nosniff":
            security["ContentTypeOptions"] = {"Override": True}  # CloudFront's only value is nosniff
        elif name == "Referrer-Policy":
            security["ReferrerPolicy"] = {"ReferrerPolicy": value, "Override": True}
        elif name == "X-Frame-Options":
            security["FrameOptions"] = {"FrameOption": value, "Override": True}
        else:
            custom.append({"Header": name, "Value": value, "Override": True})
    config: dict[str, Any] = {
        "Name": f"{APP_NAME}-{stage}-app-headers",
        "Comment": "The web app's headers, as the local stack sends them (chalicelib/local/webapp.py), and HSTS",
        "SecurityHeadersConfig": security,
    }
    if custom:
        config["CustomHeadersConfig"] = {"Items": custom}
    return config


def web_resources(stage: str) -> dict[str, Any]:
    """The web app on the API's origin: CloudFront forwards every path to API Gateway except ``/app``
    and ``/app/*``, which come from the private web bucket (origin access control) through the
    rewrite function ``infra/app_request.js``; uploads from that origin may post to the attachments bucket."""
    from chalicelib.api.viewer import ORIGIN_VERIFY_HEADER

    app_behaviour: dict[str, Any] = {
        "TargetOriginId": "app",
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": ["GET", "HEAD"],
        "CachedMethods": ["GET", "HEAD"],
        "CachePolicyId": CACHING_OPTIMIZED,
        "ResponseHeadersPolicyId": {"Ref": "WebHeadersPolicy"},
        "Compress": True,
        "FunctionAssociations": [
            {"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": ["WebRequestFunction", "FunctionARN"]}}
        ],
    }
    distribution: dict[str, Any] = {
        "Enabled": True,
        "Comment": f"{APP_NAME}-{stage}: the web app (/app/) and the API",
        "HttpVersion": "http2and3",
        "IPV6Enabled": True,
        "PriceClass": {"Ref": PRICE_CLASS},
        "Aliases": {"Fn::If": [HAS_APP_DOMAIN, [{"Ref": APP_DOMAIN}], {"Ref": "AWS::NoValue"}]},
        "ViewerCertificate": {
            "Fn::If": [
                HAS_APP_DOMAIN,
                {
                    "AcmCertificateArn": {"Ref": APP_CERTIFICATE},
                    "SslSupportMethod": "sni-only",
                    "MinimumProtocolVersion": "TLSv1.2_2021",
                },
                {"CloudFrontDefaultCertificate": True},
            ]
        },
        "Origins": [
            {
                "Id": "api",
                "DomainName": {"Fn::Sub": "${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"},
                "OriginPath": f"/{api_stage_name(stage)}",
                "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
                # Proves to the API that a request came through this distribution (chalicelib/api/viewer.py).
                "OriginCustomHeaders": [
                    {"HeaderName": ORIGIN_VERIFY_HEADER, "HeaderValue": {"Ref": ORIGIN_VERIFY_PARAMETER}}
                ],
            },
            {
                "Id": "app",
                "DomainName": {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]},
                "OriginAccessControlId": {"Fn::GetAtt": ["WebOriginAccessControl", "Id"]},
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            },
        ],
        # Everything that is not the app is the API: every method, never cached, every viewer header
        # but Host (Authorization, If-Match, Idempotency-Key...), CloudFront-Viewer-Address and the
        # query string; no custom error pages, so the API's own 4xx bodies reach the client unchanged.
        "DefaultCacheBehavior": {
            "TargetOriginId": "api",
            "ViewerProtocolPolicy": "https-only",
            "AllowedMethods": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
            "CachedMethods": ["GET", "HEAD"],
            "CachePolicyId": CACHING_DISABLED,
            "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST,
            "Compress": False,
        },
        "CacheBehaviors": [
            {"PathPattern": f"/{APP_PREFIX}", **app_behaviour},
            {"PathPattern": f"/{APP_PREFIX}/*", **app_behaviour},
        ],
    }
    return {
        "WebOriginAccessControl": {
            "Type": "AWS::CloudFront::OriginAccessControl",
            "Properties": {
                "OriginAccessControlConfig": {
                    "Name": f"{APP_NAME}-{stage}-web",
                    "Description": "CloudFront reads the web app from its private bucket (signed requests)",
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        },
        "WebRequestFunction": {
            "Type": "AWS::CloudFront::Function",
            "Properties": {
                "Name": f"{APP_NAME}-{stage}-app-request",
                "AutoPublish": True,
                "FunctionConfig": {
                    "Comment": "/app -> /app/ (308); a page of the app (not a file of the build) -> /app/index.html",
                    "Runtime": "cloudfront-js-2.0",
                },
                "FunctionCode": APP_REQUEST_FUNCTION.read_text(),
            },
        },
        "WebHeadersPolicy": {
            "Type": "AWS::CloudFront::ResponseHeadersPolicy",
            "Properties": {"ResponseHeadersPolicyConfig": headers_policy_config(stage)},
        },
        "WebDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {"DistributionConfig": distribution},
        },
    }


GATEWAY_RESPONSES_KEY = "x-amazon-apigateway-gateway-responses"


def gateway_responses() -> dict[str, Any]:
    """What API Gateway answers itself (no token, no route, throttled...) in the API's error shape.

    Written into the API definition rather than as ``AWS::ApiGateway::GatewayResponse`` resources:
    gateway responses take effect only with a new deployment, and SAM redeploys the stage when the
    definition changes, not when a separate resource does.
    """
    from chalicelib.api.gateway import GATEWAY_RESPONSES

    responses: dict[str, Any] = {}
    for entry in GATEWAY_RESPONSES:
        response: dict[str, Any] = {
            "responseParameters": {"gatewayresponse.header.Content-Type": "'application/json'"},
            "responseTemplates": {"application/json": json.dumps(entry.body())},
        }
        if not entry.response_type.startswith("DEFAULT_"):
            response["statusCode"] = str(entry.status)  # the DEFAULT_* keep the status API Gateway chose
        responses[entry.response_type] = response
    return responses


REQUEST_VALIDATORS_KEY = "x-amazon-apigateway-request-validators"
REQUEST_VALIDATOR_KEY = "x-amazon-apigateway-request-validator"
AUTHORIZATION_VALIDATOR = "authorization-header"


def authorization_required() -> dict[str, Any]:
    """The API definition's parts that make the gateway refuse a request without ``Authorization``.

    Every route that needs a principal (``chalicelib.api.http.PRIVATE_ROUTES``) declares the header
    as a required parameter checked by a request validator: such a request is answered 401
    (``BAD_REQUEST_PARAMETERS``, the project's body) before any function runs. There is no
    authorizer: the handler authenticates the token itself (chalicelib/api/authorizer.py). The
    merge replaces lists, so each method's path parameters are restated as Chalice writes them.
    """
    import app  # noqa: F401  (registers every route)
    from chalicelib.api import routes
    from chalicelib.api.http import PRIVATE_ROUTES

    routes.load_all()  # what the modules declare, not only the route table's copy

    paths: dict[str, Any] = {}
    for path, method in sorted(PRIVATE_ROUTES):
        parameters = [
            {"name": name, "in": "path", "required": True, "type": "string"} for name in re.findall(r"{([^}]+)}", path)
        ]
        parameters.append({"name": "Authorization", "in": "header", "required": True, "type": "string"})
        paths.setdefault(path, {})[method.lower()] = {
            "parameters": parameters,
            REQUEST_VALIDATOR_KEY: AUTHORIZATION_VALIDATOR,
        }
    return {
        REQUEST_VALIDATORS_KEY: {
            AUTHORIZATION_VALIDATOR: {"validateRequestParameters": True, "validateRequestBody": False}
        },
        "paths": paths,
    }


def merge_template(stage: str) -> dict[str, Any]:
    resources: dict[str, Any] = {
        "Table": table_resource(stage),
        "IdempotencyTable": idempotency_table_resource(stage),
        "AttachmentsBucket": bucket_resource(bucket_name(stage, "attachments")),
        "InboundMailBucket": bucket_resource(bucket_name(stage, "inbound-mail"), expire_days=30, eventbridge=True),
        "ArchiveBucket": bucket_resource(bucket_name(stage, "archive"), archive=True),
        "WebBucket": bucket_resource(bucket_name(stage, "web")),
    }
    # The browser posts attachments (presigned) straight to the bucket, from the app's origin only.
    resources["AttachmentsBucket"]["Properties"]["CorsConfiguration"] = {
        "CorsRules": [
            {
                "Id": "uploads-from-the-app",
                "AllowedMethods": ["POST"],
                "AllowedOrigins": [public_origin()],
                "MaxAge": 3600,
            }
        ]
    }
    resources.update(web_resources(stage))
    resources.update({f"{logical_id}Policy": bucket_policy(logical_id, stage) for logical_id in BUCKETS})
    resources.update(receipt_resources(stage))
    resources.update(topic_resources(stage))
    resources.update({queue.logical_id: queue_resource(queue, stage) for queue in FAILURE_QUEUES})
    resources[WEBHOOK_QUEUE.logical_id] = webhook_queue_resource(stage)
    resources.update({fn.logical_id: function_settings(fn, stage) for fn in FUNCTIONS})
    # Chalice (log_retention_in_days) names the group with ${<function>}, but the API handler's reference
    # is misspelt (``ApiHandler``, not ``APIHandler``). A literal name fixes it and creates every group
    # before its function can write (the functions may not create log groups).
    resources.update(
        {fn.log_group_logical_id: {"Properties": {"LogGroupName": fn.log_group(stage)}} for fn in FUNCTIONS}
    )
    resources.update(alarm_resources(stage))
    resources["LiveConnectionsPolicy"] = live_connections_policy(stage)
    # Regional: CloudFront (WebDistribution) is the edge; an edge-optimized API would add a second one.
    resources["RestAPI"] = {
        "Properties": {
            "EndpointConfiguration": "REGIONAL",
            "DefinitionBody": {GATEWAY_RESPONSES_KEY: gateway_responses(), **authorization_required()},
        }
    }
    return {
        "Parameters": {
            INBOUND_DOMAIN: {
                "Type": "String",
                "Default": "",
                "Description": "Domain whose mail SES stores for ingest_email "
                "(MX to inbound-smtp.<region>.amazonaws.com); empty: no receipt rules",
            },
            PUBLIC_URL: {
                "Type": "String",
                "Default": "",
                "AllowedPattern": "^(https://[A-Za-z0-9.-]+(:[0-9]+)?)?$",
                "Description": "Origin of the web app (https://help.example.com): links in account mail point there",
            },
            PRICE_CLASS: {
                "Type": "String",
                "Default": "PriceClass_100",
                "AllowedValues": ["PriceClass_100", "PriceClass_200", "PriceClass_All"],
                "Description": "CloudFront edge locations serving the app and the API (100: North America, Europe)",
            },
            APP_DOMAIN: {
                "Type": "String",
                "Default": "",
                "AllowedPattern": "^([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)?$",
                "Description": "Custom domain of the app (help.example.com; CNAME to the distribution); empty: none",
            },
            APP_CERTIFICATE: {
                "Type": "String",
                "Default": "",
                "AllowedPattern": "^(arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[A-Za-z0-9-]+)?$",
                "Description": "ACM certificate (in us-east-1) for AppDomainName; needed when it is set",
            },
            ORIGIN_VERIFY_PARAMETER: {
                "Type": "String",
                "NoEcho": True,
                "MinLength": 32,
                "MaxLength": 128,
                "AllowedPattern": "^[A-Za-z0-9_-]+$",
                "Description": "Sent by CloudFront to the API in X-Deskless-Origin-Verify: only requests carrying it "
                "may name the client's address (CloudFront-Viewer-Address). make deploy generates it once",
            },
            ALARM_EMAIL: {
                "Type": "String",
                "Default": "",
                "Description": "Email address subscribed to the alarms topic (confirm the mail SNS sends); empty: none",
            },
        },
        "Conditions": {
            HAS_INBOUND_DOMAIN: {"Fn::Not": [{"Fn::Equals": [{"Ref": INBOUND_DOMAIN}, ""]}]},
            HAS_ALARM_EMAIL: {"Fn::Not": [{"Fn::Equals": [{"Ref": ALARM_EMAIL}, ""]}]},
            HAS_PUBLIC_URL: {"Fn::Not": [{"Fn::Equals": [{"Ref": PUBLIC_URL}, ""]}]},
            # A custom domain needs both its name and its certificate.
            HAS_APP_DOMAIN: {
                "Fn::And": [
                    {"Fn::Not": [{"Fn::Equals": [{"Ref": APP_DOMAIN}, ""]}]},
                    {"Fn::Not": [{"Fn::Equals": [{"Ref": APP_CERTIFICATE}, ""]}]},
                ]
            },
        },
        "Resources": resources,
        "Outputs": {
            "TableName": {"Value": {"Ref": "Table"}},
            "TableStreamArn": {"Value": {"Fn::GetAtt": ["Table", "StreamArn"]}},
            "IdempotencyTableName": {"Value": {"Ref": "IdempotencyTable"}},
            "NotificationsTopicArn": {"Value": {"Ref": "NotificationsTopic"}},
            "AlarmsTopicArn": {"Value": {"Ref": "AlarmsTopic"}},
            "ReceiptRuleSetName": {"Condition": HAS_INBOUND_DOMAIN, "Value": {"Ref": "ReceiptRuleSet"}},
            **{f"{q.logical_id}Url": {"Value": {"Ref": q.logical_id}} for q in FAILURE_QUEUES},
            f"{WEBHOOK_QUEUE.logical_id}Url": {"Value": {"Ref": WEBHOOK_QUEUE.logical_id}},
            "AppOrigin": {"Description": "Where the app and the API are served (PUBLIC_URL)", "Value": public_origin()},
            "AppUrl": {"Description": "The web app", "Value": {"Fn::Join": ["", [public_origin(), f"/{APP_PREFIX}/"]]}},
            "WebBucketName": {"Value": {"Ref": "WebBucket"}},
            "WebDistributionId": {"Value": {"Ref": "WebDistribution"}},
            "WebDistributionDomainName": {"Value": {"Fn::GetAtt": ["WebDistribution", "DomainName"]}},
            "LiveUrl": {
                "Description": "The live-update WebSocket (GET /live-updates)",
                "Value": {"Fn::Sub": live_origin() + "/" + websocket_api_stage()},
            },
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", default="dev", choices=list(STAGES))
    args = parser.parse_args(argv)
    json.dump(merge_template(args.stage), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
