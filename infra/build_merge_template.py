"""Writes the CloudFormation merge template for ``chalice package --merge-template``.

The table resource is generated from the PynamoDB model (``chalicelib.store.table.table_spec``),
so the deployed table is the one tests and the local stack use. The template also adds the
buckets, point-in-time recovery, and the stream event source settings Chalice cannot express
(partial batch failures, retries, bisecting, the real stream ARN).

    python -m infra.build_merge_template --stage dev > dist/merge-template.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

STREAM_MAX_RETRIES = 5


def table_resource(stage: str) -> dict[str, Any]:
    os.environ.setdefault("TABLE_NAME", f"deskless-{stage}")
    from chalicelib.store.table import table_spec, ttl_spec

    spec = table_spec(f"deskless-{stage}")
    return {
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


def merge_template(stage: str) -> dict[str, Any]:
    return {
        "Resources": {
            "Table": table_resource(stage),
            "AttachmentsBucket": bucket_resource(f"deskless-{stage}-attachments"),
            "InboundMailBucket": bucket_resource(f"deskless-{stage}-inbound-mail", expire_days=30, eventbridge=True),
            "ArchiveBucket": bucket_resource(f"deskless-{stage}-archive", archive=True),
            "OnTableChange": {
                "Properties": {
                    "Events": {
                        "OnTableChangeDynamodbEventSource": {
                            "Properties": {
                                "Stream": {"Fn::GetAtt": ["Table", "StreamArn"]},
                                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                                "MaximumRetryAttempts": STREAM_MAX_RETRIES,
                                "BisectBatchOnFunctionError": True,
                            }
                        }
                    }
                }
            },
        },
        "Outputs": {
            "TableName": {"Value": {"Ref": "Table"}},
            "TableStreamArn": {"Value": {"Fn::GetAtt": ["Table", "StreamArn"]}},
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", default="dev", choices=["dev", "prod"])
    args = parser.parse_args(argv)
    json.dump(merge_template(args.stage), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
