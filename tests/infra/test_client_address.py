"""The distribution tells the API the viewer's address and proves it sent the request: the API
origin carries the secret stack parameter as a custom header, the origin request policy forwards
``CloudFront-Viewer-Address``, and only the API function knows the secret (chalicelib/api/viewer.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from chalicelib.api.viewer import ORIGIN_VERIFY_HEADER
from infra.build_merge_template import ALL_VIEWER_EXCEPT_HOST, ORIGIN_VERIFY_PARAMETER, merge_template
from infra.functions import FUNCTIONS, STAGES
from infra.origin_secret import override

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


@pytest.fixture(scope="module", params=STAGES)
def template(request: pytest.FixtureRequest) -> dict[str, Any]:
    return merge_template(str(request.param))


def test_the_api_origin_sends_the_secret_parameter_in_the_verify_header(template: dict[str, Any]) -> None:
    config = template["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    [api] = [o for o in config["Origins"] if o["Id"] == "api"]
    assert api["OriginCustomHeaders"] == [
        {"HeaderName": "X-Deskless-Origin-Verify", "HeaderValue": {"Ref": "OriginVerifySecret"}}
    ]
    assert ORIGIN_VERIFY_HEADER == "X-Deskless-Origin-Verify"
    [app] = [o for o in config["Origins"] if o["Id"] == "app"]
    assert "OriginCustomHeaders" not in app  # the web bucket never sees the secret


def test_the_api_behaviour_forwards_cloudfront_viewer_address_but_not_host(template: dict[str, Any]) -> None:
    # AWS's managed AllViewerExceptHostHeader: all viewer headers but Host, plus CloudFront's headers,
    # CloudFront-Viewer-Address among them (a custom "allExcept" policy cannot add those).
    default = template["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]
    assert default["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST == "b689b0a8-53d0-40ab-baf2-68738e2966ac"
    assert "ApiOriginRequestPolicy" not in template["Resources"]


def test_the_secret_is_a_noecho_parameter_without_a_default(template: dict[str, Any]) -> None:
    parameter = template["Parameters"][ORIGIN_VERIFY_PARAMETER]
    assert parameter["NoEcho"] is True
    assert "Default" not in parameter  # a stack is never deployed with a known or empty secret
    assert (parameter["MinLength"], parameter["MaxLength"], parameter["AllowedPattern"]) == (
        32,
        128,
        "^[A-Za-z0-9_-]+$",
    )
    assert ORIGIN_VERIFY_PARAMETER not in json.dumps(template["Outputs"])


def test_only_the_api_function_gets_the_secret(template: dict[str, Any]) -> None:
    holders = {
        name
        for name, resource in template["Resources"].items()
        if ORIGIN_VERIFY_PARAMETER in json.dumps(resource) and name != "WebDistribution"
    }
    assert holders == {fn.logical_id for fn in FUNCTIONS if fn.invocation == "api"} == {"APIHandler"}
    variables = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["ORIGIN_VERIFY_SECRET"] == {"Ref": "OriginVerifySecret"}


# ---------------------------------------------------------------- make deploy: generated once, then kept


def described(parameters: list[str]) -> dict[str, Any]:
    stack = {"StackName": "deskless-dev", "CreationTime": "2026-01-01T00:00:00Z", "StackStatus": "UPDATE_COMPLETE"}
    return {"Stacks": [{**stack, "Parameters": [{"ParameterKey": k, "ParameterValue": "****"} for k in parameters]}]}


def test_a_new_stack_gets_a_random_secret() -> None:
    cloudformation = boto3.client("cloudformation", region_name="us-east-1")
    with Stubber(cloudformation) as stub:
        for _ in range(2):
            stub.add_client_error(
                "describe_stacks", "ValidationError", "Stack with id deskless-dev does not exist", 400
            )
        first, second = (override(cloudformation, "deskless-dev") for _ in range(2))
    assert first is not None
    assert second is not None
    assert first != second
    name, value = first.split("=", 1)
    assert name == "OriginVerifySecret"
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)


def test_an_existing_secret_is_kept_unless_rotating() -> None:
    cloudformation = boto3.client("cloudformation", region_name="us-east-1")
    with Stubber(cloudformation) as stub:
        stub.add_response(
            "describe_stacks", described(["PublicUrl", "OriginVerifySecret"]), {"StackName": "deskless-dev"}
        )
        assert override(cloudformation, "deskless-dev") is None
        assert str(override(cloudformation, "deskless-dev", rotate=True)).startswith("OriginVerifySecret=")
        stub.assert_no_pending_responses()  # rotating needs no look-up
        # A stage deployed before the parameter existed gets one on its upgrade.
        stub.add_response("describe_stacks", described(["PublicUrl"]), {"StackName": "deskless-dev"})
        assert override(cloudformation, "deskless-dev") is not None


def test_other_errors_are_not_taken_for_a_missing_stack() -> None:
    cloudformation = boto3.client("cloudformation", region_name="us-east-1")
    with Stubber(cloudformation) as stub:
        stub.add_client_error("describe_stacks", "AccessDenied", "not authorized", 403)
        with pytest.raises(ClientError):
            override(cloudformation, "deskless-dev")


FAKE_AWS = """#!/bin/sh
echo "aws $*" >> "$LOG"
case "$*" in *PublicUrl*) echo https://help.example.com ;; esac
"""
FAKE_PYTHON = """#!/bin/sh
echo "python $*" >> "$LOG"
case "$*" in *infra.origin_secret*) printf '%s' "$SECRET_LINE" ;; esac
"""


DEPLOY_SETTINGS = (
    "STACK",
    "INBOUND_EMAIL_DOMAIN",
    "ALARM_EMAIL",
    "PUBLIC_URL",
    "PRICE_CLASS",
    "APP_DOMAIN",
    "APP_CERTIFICATE_ARN",
    "ROTATE_ORIGIN_SECRET",
)


@pytest.mark.parametrize(("secret_line", "expected"), [("OriginVerifySecret=abc_DEF-123\n", True), ("", False)])
def test_make_deploy_passes_the_secret_only_when_one_is_generated(
    tmp_path: Path, secret_line: str, expected: bool
) -> None:
    for name, script in (("aws", FAKE_AWS), ("python", FAKE_PYTHON)):
        (tmp_path / name).write_text(script)
        (tmp_path / name).chmod(0o755)
    log = tmp_path / "log"
    # The Makefile reads its deploy settings from the environment too: none may leak in from the
    # caller (another test of the same worker may have set PUBLIC_URL for its own app).
    inherited = {k: v for k, v in os.environ.items() if k not in DEPLOY_SETTINGS}
    env = {**inherited, "PATH": f"{tmp_path}:{os.environ['PATH']}", "LOG": str(log), "SECRET_LINE": secret_line}
    make = ["make", "-s", "-C", str(MAKEFILE.parent), "deploy", "STAGE=dev", "ARTIFACTS_BUCKET=b", "MAKE=true"]
    result = subprocess.run(
        [*make, f"BIN={tmp_path}", "ALARM_EMAIL=ops@example.com"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    [deploy] = [line for line in log.read_text().splitlines() if line.startswith("aws cloudformation deploy")]
    overrides = deploy.split("--parameter-overrides ")[1].split()
    assert overrides == ["AlarmEmail=ops@example.com"] + (["OriginVerifySecret=abc_DEF-123"] if expected else [])
    assert "abc_DEF" not in result.stdout + result.stderr  # never echoed
