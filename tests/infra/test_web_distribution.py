"""The deployed web app: CloudFront in front of API Gateway and the private app bucket, one origin."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib.local.webapp import origin_of, security_headers
from chalicelib.store import blobs
from infra.build_merge_template import (
    ALL_VIEWER_EXCEPT_HOST,
    APP_REQUEST_FUNCTION,
    CACHING_DISABLED,
    CACHING_OPTIMIZED,
    merge_template,
)
from infra.functions import STAGES


@pytest.fixture(scope="module", params=STAGES)
def stage(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def template(stage: str) -> dict[str, Any]:
    return merge_template(stage)


# The live-update WebSocket API's id, as CloudFormation would substitute it (a sample).
WEBSOCKET_API_ID = "a1b2c3d4e5"


def distribution(template: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = template["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    return config


def behaviours(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["PathPattern"]: b for b in distribution(template)["CacheBehaviors"]}


def substitute(value: Any, region: str) -> str:
    """A ``Fn::Sub`` of pseudo parameters only, as CloudFormation resolves it in ``region``."""
    text = value["Fn::Sub"] if isinstance(value, dict) else value
    resolved = text.replace("${AWS::Region}", region).replace("${AWS::URLSuffix}", "amazonaws.com")
    resolved = resolved.replace("${WebsocketAPI}", WEBSOCKET_API_ID)
    assert "${" not in resolved
    return str(resolved)


def test_the_app_bucket_is_private_and_read_only_by_this_distribution(template: dict[str, Any], stage: str) -> None:
    resources = template["Resources"]
    bucket = resources["WebBucket"]["Properties"]
    assert bucket["BucketName"] == f"deskless-{stage}-web"
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert "WebsiteConfiguration" not in bucket
    statements = resources["WebBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    allowed = [s for s in statements if s["Effect"] == "Allow"]
    assert allowed == [
        {
            "Sid": "AllowCloudFrontReadApp",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": [{"Fn::GetAtt": ["WebBucket", "Arn"]}, {"Fn::Sub": "${WebBucket.Arn}/app/*"}],
            "Condition": {
                "StringEquals": {
                    "AWS:SourceArn": {
                        "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}"
                    }
                }
            },
        }
    ]
    control = resources["WebOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert (control["OriginAccessControlOriginType"], control["SigningBehavior"]) == ("s3", "always")
    [app] = [o for o in distribution(template)["Origins"] if o["Id"] == "app"]
    assert app["DomainName"] == {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]}
    assert app["OriginAccessControlId"] == {"Fn::GetAtt": ["WebOriginAccessControl", "Id"]}
    assert app["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy identity next to the OAC


def test_every_path_but_the_app_goes_to_the_api_uncached_with_the_clients_headers(template: dict[str, Any]) -> None:
    config = distribution(template)
    [api] = [o for o in config["Origins"] if o["Id"] == "api"]
    assert api["DomainName"] == {"Fn::Sub": "${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}"}
    assert api["OriginPath"] == "/api"  # the Chalice stage: /tickets reaches the API's /tickets
    assert api["CustomOriginConfig"] == {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]}
    default = config["DefaultCacheBehavior"]
    assert default["TargetOriginId"] == "api"
    assert set(default["AllowedMethods"]) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
    assert default["CachePolicyId"] == CACHING_DISABLED
    assert default["ViewerProtocolPolicy"] == "https-only"  # a redirect would drop a POST's body
    assert "FunctionAssociations" not in default
    assert "ResponseHeadersPolicyId" not in default
    # Authorization, If-Match, Idempotency-Key... reach the API; Host must be API Gateway's own
    # (tests/infra/test_client_address.py: the managed policy, which adds CloudFront-Viewer-Address).
    assert default["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST
    # No distribution-wide error pages: the API's 404/403 bodies reach the client as the API wrote them.
    assert "CustomErrorResponses" not in config
    # The API behind its own edge would be a second CloudFront: it is regional.
    assert template["Resources"]["RestAPI"]["Properties"]["EndpointConfiguration"] == "REGIONAL"


def test_app_paths_come_from_the_bucket_through_the_rewrite_function(template: dict[str, Any]) -> None:
    by_path = behaviours(template)
    assert set(by_path) == {"/app", "/app/*"}
    for behaviour in by_path.values():
        assert behaviour["TargetOriginId"] == "app"
        assert behaviour["AllowedMethods"] == ["GET", "HEAD"]
        assert behaviour["CachePolicyId"] == CACHING_OPTIMIZED
        assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https"
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "WebHeadersPolicy"}
        assert behaviour["FunctionAssociations"] == [
            {"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": ["WebRequestFunction", "FunctionARN"]}}
        ]
    function = template["Resources"]["WebRequestFunction"]["Properties"]
    assert function["FunctionCode"] == APP_REQUEST_FUNCTION.read_text()
    assert function["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    assert function["AutoPublish"] is True
    assert len(function["FunctionCode"].encode()) < 10 * 1024  # CloudFront Functions' size limit


def test_http2_and_3_ipv6_price_class_and_an_optional_custom_domain(template: dict[str, Any]) -> None:
    config = distribution(template)
    assert (config["HttpVersion"], config["IPV6Enabled"], config["Enabled"]) == ("http2and3", True, True)
    assert config["PriceClass"] == {"Ref": "PriceClass"}
    assert template["Parameters"]["PriceClass"]["Default"] == "PriceClass_100"
    assert config["Aliases"] == {"Fn::If": ["HasAppDomainName", [{"Ref": "AppDomainName"}], {"Ref": "AWS::NoValue"}]}
    custom, default = config["ViewerCertificate"]["Fn::If"][1:]
    assert custom == {
        "AcmCertificateArn": {"Ref": "AppCertificateArn"},
        "SslSupportMethod": "sni-only",
        "MinimumProtocolVersion": "TLSv1.2_2021",
    }
    assert default == {"CloudFrontDefaultCertificate": True}
    assert template["Parameters"]["AppDomainName"]["Default"] == template["Parameters"]["AppCertificateArn"]["Default"]
    pattern = re.compile(template["Parameters"]["AppCertificateArn"]["AllowedPattern"])
    assert pattern.match("arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab")
    assert not pattern.match("arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c")  # CloudFront reads us-east-1
    # Nothing that bills while idle (no WAF web ACL by default).
    assert "WebACLId" not in config
    assert not [r for r in template["Resources"].values() if r.get("Type", "").startswith("AWS::WAF")]


@pytest.fixture
def aws_presigning(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """``presign_upload`` as on AWS: no local endpoint, a fresh client per region."""
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    blobs.reset_client()
    yield monkeypatch
    blobs.reset_client()


def upload_origin_on_aws(monkeypatch: pytest.MonkeyPatch, stage: str, region: str) -> str:
    monkeypatch.setenv("AWS_REGION", region)
    monkeypatch.setenv("ATTACHMENTS_BUCKET", f"deskless-{stage}-attachments")
    blobs.reset_client()
    return origin_of(blobs.presign_upload("org/o/x.png", "image/png", 5)["url"])


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_the_headers_policy_is_the_local_stacks_headers_with_the_real_upload_origin_and_hsts(
    template: dict[str, Any], stage: str, region: str, aws_presigning: pytest.MonkeyPatch
) -> None:
    # The origin the browser will post attachments to, as the API presigns it on AWS in that region.
    origin = upload_origin_on_aws(aws_presigning, stage, region)
    assert origin == f"https://deskless-{stage}-attachments.s3.{region}.amazonaws.com"
    config = template["Resources"]["WebHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    security = config["SecurityHeadersConfig"]
    served = {item["Header"]: item["Value"] for item in config.get("CustomHeadersConfig", {}).get("Items", [])}
    served["Content-Security-Policy"] = substitute(security["ContentSecurityPolicy"]["ContentSecurityPolicy"], region)
    served["Referrer-Policy"] = security["ReferrerPolicy"]["ReferrerPolicy"]
    served["X-Frame-Options"] = security["FrameOptions"]["FrameOption"]
    if "ContentTypeOptions" in security:
        served["X-Content-Type-Options"] = "nosniff"
    # The browser also connects to the live-update WebSocket API (docs/architecture.md, "Live updates").
    live = f"wss://{WEBSOCKET_API_ID}.execute-api.{region}.amazonaws.com"
    assert served == security_headers([origin, live])
    overrides = [v["Override"] for v in security.values()] + [
        i["Override"] for i in config.get("CustomHeadersConfig", {}).get("Items", [])
    ]
    assert all(overrides)  # an origin cannot weaken them
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 365 * 24 * 3600


def test_the_local_stack_still_presigns_path_style_uploads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:8001")
    monkeypatch.setenv("ATTACHMENTS_BUCKET", "deskless-local-attachments")
    blobs.reset_client()
    try:
        url = blobs.presign_upload("org/o/x.png", "image/png", 5)["url"]
    finally:
        blobs.reset_client()
    assert url == "http://127.0.0.1:8001/deskless-local-attachments"


def test_uploads_may_be_posted_to_the_attachments_bucket_from_the_apps_origin_only(template: dict[str, Any]) -> None:
    [rule] = template["Resources"]["AttachmentsBucket"]["Properties"]["CorsConfiguration"]["CorsRules"]
    assert rule["AllowedMethods"] == ["POST"]
    public = {
        "Fn::If": [
            "HasPublicUrl",
            {"Ref": "PublicUrl"},
            {
                "Fn::If": [
                    "HasAppDomainName",
                    {"Fn::Sub": "https://${AppDomainName}"},
                    {"Fn::Sub": "https://${WebDistribution.DomainName}"},
                ]
            },
        ]
    }
    assert rule["AllowedOrigins"] == [public]
    assert template["Outputs"]["AppOrigin"]["Value"] == public
    assert template["Outputs"]["AppUrl"]["Value"] == {"Fn::Join": ["", [public, "/app/"]]}
    for other in ("InboundMailBucket", "ArchiveBucket", "WebBucket"):
        assert "CorsConfiguration" not in template["Resources"][other]["Properties"]


def test_functions_link_to_public_url_else_the_custom_domain(template: dict[str, Any]) -> None:
    # The distribution's own domain cannot be named here (it fronts the API that calls these
    # functions: a cycle); `make deploy` writes it into PublicUrl after the first deployment.
    variable = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]["PUBLIC_URL"]
    assert variable == {
        "Fn::If": [
            "HasPublicUrl",
            {"Ref": "PublicUrl"},
            {"Fn::If": ["HasAppDomainName", {"Fn::Sub": "https://${AppDomainName}"}, {"Ref": "AWS::NoValue"}]},
        ]
    }
    assert "WebDistribution" not in json.dumps(template["Resources"]["APIHandler"])


NODE = shutil.which("node")
CASES = [
    "/app/tickets/T-1",
    "/app/",
    "/app/portal/acme/requests/new",
    "/app/assets/index-3f2a.js",
    "/app/assets/missing",
    "/app/favicon.svg",
    "/app",
    "/tickets",
    "/apple",
    "/tickets/T-1/attachments",
]


@pytest.fixture(scope="module")
def rewritten() -> dict[str, Any]:
    """The function's answer for each case, from node running ``infra/app_request.js`` as CloudFront would."""
    if NODE is None:
        pytest.skip("node (Node.js) is not on PATH")
    harness = (
        APP_REQUEST_FUNCTION.read_text()
        + "\nconst cases = JSON.parse(process.argv[1]);\n"
        + "const out = {};\n"
        + "for (const uri of cases) {\n"
        + "  out[uri] = handler({ request: { method: 'GET', uri: uri, querystring: {}, headers: {}, cookies: {} } });\n"
        + "}\n"
        + "process.stdout.write(JSON.stringify(out));\n"
    )
    done = subprocess.run(
        [NODE, "-e", harness, json.dumps(CASES)], capture_output=True, text=True, timeout=60, check=True
    )
    answers: dict[str, Any] = json.loads(done.stdout)
    return answers


def test_client_routes_are_answered_with_the_apps_index(rewritten: dict[str, Any]) -> None:
    for uri in ("/app/tickets/T-1", "/app/", "/app/portal/acme/requests/new"):
        assert rewritten[uri]["uri"] == "/app/index.html", uri


def test_files_of_the_build_reach_the_bucket_unchanged(rewritten: dict[str, Any]) -> None:
    # A missing asset stays a 404 from the bucket: never the index, which a script tag cannot run.
    for uri in ("/app/assets/index-3f2a.js", "/app/assets/missing", "/app/favicon.svg"):
        assert rewritten[uri]["uri"] == uri, uri


def test_the_bare_prefix_is_redirected_to_the_app(rewritten: dict[str, Any]) -> None:
    assert rewritten["/app"]["statusCode"] == 308
    assert rewritten["/app"]["headers"]["location"] == {"value": "/app/"}


def test_api_paths_are_never_rewritten(rewritten: dict[str, Any]) -> None:
    for uri in ("/tickets", "/apple", "/tickets/T-1/attachments"):
        assert rewritten[uri]["uri"] == uri, uri
