"""Publishes the web app's build (``dist/<stage>/web``, from ``make package``) to the stack's web bucket.

Every file goes under ``app/`` (the path CloudFront serves it at): the hashed ``assets/*`` with
``Cache-Control: public, max-age=31536000, immutable`` (their name changes with their content),
everything else ``no-cache``; the assets first and ``index.html`` last, so a page never names an
asset that is not there yet. Files of the previous build stay one more release (tabs opened on it
still load their lazy chunks), older ones are removed; which files each build had is kept in
``releases/manifest.json`` (outside ``app/``: CloudFront never serves it). Deploying the same
build again changes nothing. Then ``/app/`` and ``/app/index.html`` are invalidated.

    python -m infra.deploy_web --stack deskless-dev --build dist/dev/web
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "app/"
MANIFEST_KEY = "releases/manifest.json"
IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
INVALIDATED_PATHS = ("/app/", "/app/index.html")
# The types the build emits, named as browsers expect them (mimetypes varies between platforms).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Release:
    """What one publication did (keys of the bucket)."""

    uploaded: list[str]
    kept: list[str]
    removed: list[str]


def cache_control(relative: str) -> str:
    """Hashed assets are immutable; every other file is revalidated on each load."""
    return IMMUTABLE if relative.startswith("assets/") else NO_CACHE


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def build_files(build: Path) -> dict[str, Path]:
    """The build's files by bucket key; a directory without ``index.html`` is no build."""
    if not (build / "index.html").is_file():
        raise FileNotFoundError(f"{build} holds no index.html: run `make package` (it builds web/) first")
    return {PREFIX + path.relative_to(build).as_posix(): path for path in sorted(build.rglob("*")) if path.is_file()}


def _upload_order(key: str) -> tuple[int, str]:
    # Assets, then other files, then index.html: whatever references a file is written after it.
    if key == PREFIX + "index.html":
        return (2, key)
    return (0 if key.startswith(PREFIX + "assets/") else 1, key)


def _listed(s3: Any, bucket: str) -> set[str]:
    keys: set[str] = set()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=PREFIX):
        keys.update(item["Key"] for item in page.get("Contents", []))
    return keys


def _manifest(s3: Any, bucket: str) -> dict[str, list[str]] | None:
    try:
        body = s3.get_object(Bucket=bucket, Key=MANIFEST_KEY)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return None
    manifest: dict[str, list[str]] = json.loads(body)
    return manifest


def _delete(s3: Any, bucket: str, keys: Iterable[str]) -> None:
    ordered = sorted(keys)
    for start in range(0, len(ordered), 1000):  # DeleteObjects takes at most 1000 keys
        batch = [{"Key": key} for key in ordered[start : start + 1000]]
        answer = s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
        if answer.get("Errors"):
            raise RuntimeError(f"could not delete {answer['Errors'][0]['Key']}: {answer['Errors'][0]['Message']}")


def publish(s3: Any, bucket: str, build: Path) -> Release:
    """Upload ``build`` under ``app/``, keep the previous build's files one release, remove older ones."""
    files = build_files(build)
    current = sorted(files)
    existing = _listed(s3, bucket)
    manifest = _manifest(s3, bucket)
    if manifest is None:
        previous = sorted(existing - set(current))  # no record yet: whatever is there is the previous build
    elif manifest["current"] == current:
        previous = manifest["previous"]  # the same build again: the previous one keeps its grace
    else:
        previous = manifest["current"]
    for key in sorted(files, key=_upload_order):
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=files[key].read_bytes(),
            ContentType=content_type(key),
            CacheControl=cache_control(key[len(PREFIX) :]),
        )
    stale = existing - set(current) - set(previous)
    s3.put_object(
        Bucket=bucket,
        Key=MANIFEST_KEY,
        Body=json.dumps({"current": current, "previous": previous}).encode(),
        ContentType="application/json",
    )
    _delete(s3, bucket, stale)
    return Release(uploaded=current, kept=sorted(set(previous) - set(current)), removed=sorted(stale))


def invalidate(cloudfront: Any, distribution_id: str, paths: Iterable[str] = INVALIDATED_PATHS) -> str:
    """Invalidate ``paths`` (the app's entry points) on the distribution; returns the invalidation id."""
    items = list(paths)
    answer = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": len(items), "Items": items},
            "CallerReference": f"deskless-web-{time.time_ns()}",
        },
    )
    return str(answer["Invalidation"]["Id"])


def stack_outputs(cloudformation: Any, stack: str) -> dict[str, str]:
    """The stack's outputs by key."""
    [described] = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    return {output["OutputKey"]: output["OutputValue"] for output in described.get("Outputs", [])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack", required=True, help="the CloudFormation stack (deskless-<stage>)")
    parser.add_argument("--build", required=True, type=Path, help="the built app (dist/<stage>/web)")
    args = parser.parse_args(argv)

    import boto3

    outputs = stack_outputs(boto3.client("cloudformation"), args.stack)
    bucket, distribution = outputs["WebBucketName"], outputs["WebDistributionId"]
    release = publish(boto3.client("s3"), bucket, args.build)
    print(
        f"s3://{bucket}/{PREFIX}: {len(release.uploaded)} files uploaded, "
        f"{len(release.kept)} of the previous build kept, {len(release.removed)} older removed"
    )
    invalidation = invalidate(boto3.client("cloudfront"), distribution)
    print(
        f"invalidation {invalidation} of {', '.join(INVALIDATED_PATHS)} on {distribution}: {outputs.get('AppUrl', '')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
