"""Objects in S3: attachment bytes (presigned uploads and downloads: the API never proxies file
bytes), raw inbound mail, and archives (retention, exports).

The client is built lazily (``chalice package`` imports app.py without a region).
"""

from __future__ import annotations

import functools
import os
from typing import Any

from chalicelib import config

UPLOAD_EXPIRES = 15 * 60
DOWNLOAD_EXPIRES = 5 * 60


@functools.cache
def _s3() -> Any:
    import boto3
    from botocore.config import Config

    # SigV4. On AWS, virtual-hosted regional URLs (https://<bucket>.s3.<region>.amazonaws.com): the
    # origin the deployed CSP and the bucket's CORS rule name (infra), never the global endpoint, which
    # redirects for a day after a bucket is created outside us-east-1. Against a local endpoint: path style.
    regional = {"addressing_style": "virtual", "us_east_1_regional_endpoint": "regional"}
    s3 = {} if os.environ.get("AWS_ENDPOINT_URL") else regional
    return boto3.client("s3", region_name=config.region(), config=Config(signature_version="s3v4", s3=s3))


def presign_upload(key: str, content_type: str, size: int) -> dict[str, Any]:
    """A presigned POST that accepts exactly ``size`` bytes of ``content_type`` at ``key``."""
    result: dict[str, Any] = _s3().generate_presigned_post(
        Bucket=config.attachments_bucket(),
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", size, size]],
        ExpiresIn=UPLOAD_EXPIRES,
    )
    return result


def presign_download(key: str, file_name: str) -> str:
    url: str = _s3().generate_presigned_url(
        "get_object",
        Params={
            "Bucket": config.attachments_bucket(),
            "Key": key,
            "ResponseContentDisposition": f'attachment; filename="{file_name}"',
        },
        ExpiresIn=DOWNLOAD_EXPIRES,
    )
    return url


def reset_client() -> None:
    _s3.cache_clear()


def put_object(key: str, data: bytes, content_type: str) -> None:
    """Attachment bytes the system received itself (email parts): written under ``key``."""
    _s3().put_object(Bucket=config.attachments_bucket(), Key=key, Body=data, ContentType=content_type)


def read_inbound(key: str) -> bytes:
    body: bytes = _s3().get_object(Bucket=config.inbound_mail_bucket(), Key=key)["Body"].read()
    return body


def copy_inbound(key: str, destination: str, metadata: dict[str, str] | None = None) -> None:
    """Copy a raw message within the inbound bucket (one organization's copy of a shared message)."""
    bucket = config.inbound_mail_bucket()
    extra: dict[str, Any] = {"MetadataDirective": "REPLACE", "Metadata": metadata} if metadata else {}
    _s3().copy_object(Bucket=bucket, Key=destination, CopySource={"Bucket": bucket, "Key": key}, **extra)


def move_inbound(key: str, destination: str, metadata: dict[str, str] | None = None) -> None:
    """Move a raw message within the inbound bucket (``incoming/`` -> ``processed/`` or ``failed/``)."""
    copy_inbound(key, destination, metadata)
    _s3().delete_object(Bucket=config.inbound_mail_bucket(), Key=key)


def list_inbound(prefix: str, limit: int = 100) -> list[str]:
    response = _s3().list_objects_v2(Bucket=config.inbound_mail_bucket(), Prefix=prefix, MaxKeys=limit)
    return [str(o["Key"]) for o in response.get("Contents", [])]


def delete_attachments(keys: list[str]) -> None:
    """Delete attachment objects, 1,000 per request (a missing key is not an error)."""
    for start in range(0, len(keys), 1000):
        chunk = [{"Key": k} for k in keys[start : start + 1000]]
        _s3().delete_objects(Bucket=config.attachments_bucket(), Delete={"Objects": chunk, "Quiet": True})


def put_archive(key: str, data: bytes, metadata: dict[str, str], content_type: str = "application/x-ndjson") -> None:
    """An archive object: gzipped JSON Lines by default, or plain data of ``content_type``."""
    gzipped = {"ContentEncoding": "gzip"} if content_type == "application/x-ndjson" else {}
    _s3().put_object(
        Bucket=config.archive_bucket(),
        Key=key,
        Body=data,
        ContentType=content_type,
        Metadata=metadata,
        **gzipped,
    )


def read_archive(key: str) -> bytes | None:
    """The archive's bytes, or None when it does not exist."""
    s3 = _s3()
    try:
        body: bytes = s3.get_object(Bucket=config.archive_bucket(), Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return None
    return body


def presign_archive(key: str, expires: int = 3600) -> str:
    url: str = _s3().generate_presigned_url(
        "get_object", Params={"Bucket": config.archive_bucket(), "Key": key}, ExpiresIn=expires
    )
    return url


def put_export(key: str, data: bytes) -> None:
    _s3().put_object(Bucket=config.archive_bucket(), Key=key, Body=data, ContentType="application/json")


def delete_prefix(bucket_kind: str, prefix: str) -> int:
    """Delete every object under ``prefix`` in the attachments or archive bucket; returns how many."""
    bucket = {"attachments": config.attachments_bucket(), "archive": config.archive_bucket()}[bucket_kind]
    s3, deleted = _s3(), 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})
            deleted += len(keys)
    return deleted


def delete_inbound(keys: list[str]) -> None:
    """Delete raw messages from the inbound bucket, 1,000 per request."""
    for start in range(0, len(keys), 1000):
        chunk = [{"Key": k} for k in keys[start : start + 1000]]
        _s3().delete_objects(Bucket=config.inbound_mail_bucket(), Delete={"Objects": chunk, "Quiet": True})
