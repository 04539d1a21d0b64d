"""Publishing the web app's build to the app bucket (infra/deploy_web.py), against moto's S3 and CloudFront."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from infra import deploy_web
from infra.deploy_web import IMMUTABLE, MANIFEST_KEY, NO_CACHE, invalidate, publish, stack_outputs

BUCKET = "deskless-dev-web"


@pytest.fixture
def s3() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        yield client


def build(root: Path, name: str, assets: dict[str, str]) -> Path:
    """A Vite-like build: index.html naming its hashed assets, a favicon."""
    directory = root / name
    (directory / "assets").mkdir(parents=True)
    for file, body in assets.items():
        (directory / "assets" / file).write_text(body)
    scripts = "".join(f'<script type="module" src="/app/assets/{file}"></script>' for file in assets)
    (directory / "index.html").write_text(f"<!doctype html><title>{name}</title>{scripts}")
    (directory / "favicon.svg").write_text("<svg/>")
    return directory


def keys(s3: Any) -> set[str]:
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET, Prefix="app/").get("Contents", [])}


def head(s3: Any, key: str) -> dict[str, Any]:
    answer: dict[str, Any] = s3.head_object(Bucket=BUCKET, Key=key)
    return answer


def test_hashed_assets_are_immutable_and_everything_else_is_revalidated(s3: Any, tmp_path: Path) -> None:
    release = publish(s3, BUCKET, build(tmp_path, "one", {"index-aaa.js": "1", "index-aaa.css": "b{}"}))
    assert keys(s3) == {"app/index.html", "app/favicon.svg", "app/assets/index-aaa.js", "app/assets/index-aaa.css"}
    assert release.uploaded == sorted(keys(s3))
    script = head(s3, "app/assets/index-aaa.js")
    assert script["CacheControl"] == IMMUTABLE == "public, max-age=31536000, immutable"
    assert script["ContentType"] == "text/javascript; charset=utf-8"
    assert head(s3, "app/assets/index-aaa.css")["ContentType"] == "text/css; charset=utf-8"
    index = head(s3, "app/index.html")
    assert (index["CacheControl"], index["ContentType"]) == (NO_CACHE, "text/html; charset=utf-8")
    assert head(s3, "app/favicon.svg")["CacheControl"] == NO_CACHE
    body = s3.get_object(Bucket=BUCKET, Key="app/index.html")["Body"].read().decode()
    assert "/app/assets/index-aaa.js" in body


def test_the_previous_builds_files_stay_one_release_then_go(s3: Any, tmp_path: Path) -> None:
    publish(s3, BUCKET, build(tmp_path, "one", {"index-aaa.js": "1"}))
    second = publish(s3, BUCKET, build(tmp_path, "two", {"index-bbb.js": "2"}))
    # A tab opened on build one still loads its chunks.
    assert "app/assets/index-aaa.js" in keys(s3)
    assert (second.kept, second.removed) == (["app/assets/index-aaa.js"], [])
    third = publish(s3, BUCKET, build(tmp_path, "three", {"index-ccc.js": "3"}))
    assert third.removed == ["app/assets/index-aaa.js"]
    assert keys(s3) == {"app/index.html", "app/favicon.svg", "app/assets/index-bbb.js", "app/assets/index-ccc.js"}
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key=MANIFEST_KEY)["Body"].read())
    assert manifest["previous"] == second.uploaded
    assert not MANIFEST_KEY.startswith("app/")  # CloudFront serves app/ only


def test_deploying_the_same_build_again_keeps_the_previous_one(s3: Any, tmp_path: Path) -> None:
    publish(s3, BUCKET, build(tmp_path, "one", {"index-aaa.js": "1"}))
    two = build(tmp_path, "two", {"index-bbb.js": "2"})
    publish(s3, BUCKET, two)
    again = publish(s3, BUCKET, two)  # e.g. a release that changed only the API
    assert again.removed == []
    assert "app/assets/index-aaa.js" in keys(s3)


def test_files_present_before_the_first_manifest_are_kept_one_release(s3: Any, tmp_path: Path) -> None:
    s3.put_object(Bucket=BUCKET, Key="app/assets/hand-made.js", Body=b"x")
    first = publish(s3, BUCKET, build(tmp_path, "one", {"index-aaa.js": "1"}))
    assert (first.kept, first.removed) == (["app/assets/hand-made.js"], [])
    second = publish(s3, BUCKET, build(tmp_path, "two", {"index-bbb.js": "2"}))
    assert second.removed == ["app/assets/hand-made.js"]


def test_rolling_back_republishes_the_older_build(s3: Any, tmp_path: Path) -> None:
    one = build(tmp_path, "one", {"index-aaa.js": "1"})
    publish(s3, BUCKET, one)
    publish(s3, BUCKET, build(tmp_path, "two", {"index-bbb.js": "2"}))
    publish(s3, BUCKET, one)
    body = s3.get_object(Bucket=BUCKET, Key="app/index.html")["Body"].read().decode()
    assert "<title>one</title>" in body
    assert {"app/assets/index-aaa.js", "app/assets/index-bbb.js"} <= keys(s3)


def test_a_directory_without_an_index_is_refused_before_anything_is_written(s3: Any, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="make package"):
        publish(s3, BUCKET, tmp_path / "empty")
    assert keys(s3) == set()


def test_the_entry_points_are_invalidated() -> None:
    with mock_aws():
        cloudfront = boto3.client("cloudfront", region_name="us-east-1")
        created = cloudfront.create_distribution(
            DistributionConfig={
                "CallerReference": "test",
                "Comment": "",
                "Enabled": True,
                "Origins": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "app",
                            "DomainName": f"{BUCKET}.s3.amazonaws.com",
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                        }
                    ],
                },
                "DefaultCacheBehavior": {"TargetOriginId": "app", "ViewerProtocolPolicy": "https-only"},
            }
        )
        distribution = created["Distribution"]["Id"]
        invalidation = invalidate(cloudfront, distribution)
        batch = cloudfront.get_invalidation(DistributionId=distribution, Id=invalidation)["Invalidation"]
        assert batch["InvalidationBatch"]["Paths"]["Items"] == ["/app/", "/app/index.html"]


def test_the_bucket_and_distribution_come_from_the_stacks_outputs() -> None:
    cloudformation = boto3.client("cloudformation", region_name="us-east-1")
    outputs = [
        {"OutputKey": "WebBucketName", "OutputValue": BUCKET},
        {"OutputKey": "WebDistributionId", "OutputValue": "E123"},
    ]
    with Stubber(cloudformation) as stub:
        stub.add_response(
            "describe_stacks",
            {
                "Stacks": [
                    {
                        "StackName": "deskless-dev",
                        "CreationTime": "2026-01-01T00:00:00Z",
                        "StackStatus": "UPDATE_COMPLETE",
                        "Outputs": outputs,
                    }
                ]
            },
            {"StackName": "deskless-dev"},
        )
        assert stack_outputs(cloudformation, "deskless-dev") == {"WebBucketName": BUCKET, "WebDistributionId": "E123"}


def test_cli_publishes_and_invalidates(
    s3: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    invalidated: list[str] = []

    def record(_client: Any, distribution: str) -> str:
        invalidated.append(distribution)
        return "I1"

    monkeypatch.setattr(
        deploy_web, "stack_outputs", lambda _client, stack: {"WebBucketName": BUCKET, "WebDistributionId": stack}
    )
    monkeypatch.setattr(deploy_web, "invalidate", record)
    assert deploy_web.main(["--stack", "E42", "--build", str(build(tmp_path, "one", {"index-aaa.js": "1"}))]) == 0
    assert "app/index.html" in keys(s3)
    assert invalidated == ["E42"]
    assert "3 files uploaded" in capsys.readouterr().out
