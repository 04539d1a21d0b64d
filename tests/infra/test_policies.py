"""Per-function IAM policies: generated, committed, and least-privilege."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infra import policies
from infra.functions import FUNCTIONS, STAGES, function

CHALICE_DIR = Path(__file__).resolve().parents[2] / ".chalice"


def statements(stage: str, name: str) -> list[dict[str, Any]]:
    return list(policies.policy_document(stage, name)["Statement"])


def actions(stage: str, name: str) -> set[str]:
    return {action for s in statements(stage, name) for action in s["Action"]}


def resources(statement: dict[str, Any]) -> list[str]:
    value = statement["Resource"]
    return [value] if isinstance(value, str) else list(value)


def test_committed_files_are_what_the_generator_writes() -> None:
    assert policies.differences(CHALICE_DIR) == []


def test_generator_detects_drift_and_rewrites(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text((CHALICE_DIR / "config.json").read_text())
    assert policies.differences(tmp_path)  # nothing written yet
    policies.write(tmp_path)
    assert policies.differences(tmp_path) == []
    victim = tmp_path / policies.policy_file("dev", "sla_sweep_job")
    victim.write_text(victim.read_text().replace("dynamodb:UpdateItem", "dynamodb:Scan"))
    (tmp_path / "policy-dev.json").write_text("{}")
    problems = policies.differences(tmp_path)
    assert any("policy-dev-sla_sweep_job.json" in p for p in problems)
    assert any("policy-dev.json is not generated" in p for p in problems)


def test_config_gives_every_function_its_own_file() -> None:
    config = json.loads((CHALICE_DIR / "config.json").read_text())
    for stage in STAGES:
        settings = config["stages"][stage]
        assert "iam_policy_file" not in settings  # no shared fallback
        for fn in FUNCTIONS:
            assert settings["lambda_functions"][fn.name]["iam_policy_file"] == f"policy-{stage}-{fn.name}.json"
        assert settings["environment_variables"]["IDEMPOTENCY_TABLE_NAME"] == f"deskless-{stage}-idempotency"
    assert config["stages"]["local"]["environment_variables"]["IDEMPOTENCY_TABLE_NAME"] == "deskless-local-idempotency"
    assert config["autogen_policy"] is False


@pytest.mark.parametrize("stage", STAGES)
def test_no_wildcard_actions_and_star_resources_only_where_unavoidable(stage: str) -> None:
    for fn in FUNCTIONS:
        for statement in statements(stage, fn.name):
            assert statement["Effect"] == "Allow"
            for action in statement["Action"]:
                assert "*" not in action, (fn.name, action)
            if "*" in resources(statement):
                assert set(statement["Action"]) <= policies.UNSCOPABLE, (fn.name, statement)


@pytest.mark.parametrize("stage", STAGES)
def test_resources_are_the_stages_own(stage: str) -> None:
    other = next(s for s in STAGES if s != stage)
    for fn in FUNCTIONS:
        for statement in statements(stage, fn.name):
            for resource in resources(statement):
                if resource == "*":
                    continue
                if resource == "arn:aws:ses:*:*:identity/*":
                    # The sender identity is the inbound domain or an organization's support address,
                    # verified in SES per account; not a stage's resource. The API mails the codes
                    # that verify support addresses; the stream handler mails notifications.
                    assert fn.name in ("api_handler", "on_table_change")
                    continue
                assert f"deskless-{stage}" in resource or f"/deskless/{stage}/" in resource, (fn.name, resource)
                assert f"deskless-{other}" not in resource
                assert resource.split(":")[2] != "*"  # a service is always named


@pytest.mark.parametrize("stage", STAGES)
def test_only_tenant_jobs_may_scan(stage: str) -> None:
    scanners = {fn.name for fn in FUNCTIONS if "dynamodb:Scan" in actions(stage, fn.name)}
    assert scanners == {"tenant_jobs_job"}
    [scan] = [s for s in statements(stage, "tenant_jobs_job") if "dynamodb:Scan" in s["Action"]]
    assert resources(scan) == [f"arn:aws:dynamodb:*:*:table/deskless-{stage}"]  # the table, not its indexes


def test_no_authorizer_function_is_deployed_and_the_api_handler_authenticates_itself() -> None:
    assert all(fn.name != "bearer" for fn in FUNCTIONS)
    assert not any(name.endswith("-bearer.json") for name in policies.expected_files())
    config = json.loads((CHALICE_DIR / "config.json").read_text())
    assert all("bearer" not in config["stages"][stage]["lambda_functions"] for stage in STAGES)
    # The handler's one BatchGetItem (session, user, organization) and the activity UpdateItem.
    assert {"dynamodb:BatchGetItem", "dynamodb:UpdateItem"} <= actions("dev", "api_handler")


def test_a_function_no_longer_deployed_is_dropped_from_the_config(tmp_path: Path) -> None:
    config = json.loads((CHALICE_DIR / "config.json").read_text())
    config["stages"]["dev"]["lambda_functions"]["bearer"] = {"iam_policy_file": "policy-dev-bearer.json"}
    (tmp_path / "config.json").write_text(json.dumps(config))
    assert any("config.json" in p for p in policies.differences(tmp_path))
    policies.write(tmp_path)
    assert "bearer" not in json.loads((tmp_path / "config.json").read_text())["stages"]["dev"]["lambda_functions"]


def test_mail_push_and_secret_only_where_the_code_uses_them() -> None:
    def holders(action: str) -> set[str]:
        return {fn.name for fn in FUNCTIONS if action in actions("prod", fn.name)}

    assert holders("ses:SendEmail") == holders("ses:SendRawEmail") == {"api_handler", "on_table_change"}
    assert holders("sns:Publish") == {"on_table_change"}
    assert holders("dynamodb:GetRecords") == {"on_table_change"}
    assert holders("ssm:GetParameter") == {
        "api_handler",
        "on_table_change",
        "automation_timer_job",
        "retention_sweep_job",
    }
    idempotent = {
        fn.name
        for fn in FUNCTIONS
        for s in statements("prod", fn.name)
        if any(r.endswith("table/deskless-prod-idempotency") for r in resources(s))
    }
    assert idempotent == {"ingest_email", "retention_sweep_job"}
    assert holders("sqs:SendMessage") == {fn.name for fn in FUNCTIONS if fn.failure_queue is not None}


def _objects(stage: str, name: str) -> dict[str, set[str]]:
    """Bucket -> object actions the function may take there."""
    found: dict[str, set[str]] = {}
    for statement in statements(stage, name):
        for resource in resources(statement):
            if resource.startswith("arn:aws:s3:::") and resource.endswith("/*"):
                bucket = resource.removeprefix("arn:aws:s3:::").removesuffix("/*")
                found.setdefault(bucket, set()).update(statement["Action"])
    return found


def test_bucket_access_per_function() -> None:
    prefix = "deskless-dev-"
    by_function = {
        fn.name: {b.removeprefix(prefix): sorted(a) for b, a in _objects("dev", fn.name).items()} for fn in FUNCTIONS
    }
    assert by_function == {
        "api_handler": {
            "attachments": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
            "inbound-mail": ["s3:DeleteObject"],
            "archive": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
        },
        "on_table_change": {},
        "sla_sweep_job": {},
        "automation_timer_job": {},
        "ingest_email": {
            "attachments": ["s3:PutObject"],
            "inbound-mail": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
        },
        "send_webhook": {},
        "webhook_retry_job": {},
        "retention_sweep_job": {
            "attachments": ["s3:DeleteObject"],
            "inbound-mail": ["s3:DeleteObject"],
            "archive": ["s3:GetObject", "s3:PutObject"],
        },
        "tenant_jobs_job": {
            "attachments": ["s3:DeleteObject"],
            "inbound-mail": ["s3:DeleteObject"],
            "archive": ["s3:DeleteObject", "s3:PutObject"],
        },
        "websocket_connect": {},
        "websocket_message": {},
        "websocket_disconnect": {},
    }


def test_logs_go_to_the_functions_own_group_which_it_cannot_create() -> None:
    for fn in FUNCTIONS:
        [logs] = [s for s in statements("prod", fn.name) if s["Sid"] == "Logs"]
        assert resources(logs) == [f"arn:aws:logs:*:*:log-group:/aws/lambda/deskless-prod-{fn.name}:*"]
        assert "logs:CreateLogGroup" not in actions("prod", fn.name)


def test_failure_queue_is_the_functions_own() -> None:
    fn = function("ingest_email")
    [queue] = [s for s in statements("dev", fn.name) if s["Sid"] == "FailureQueue"]
    assert resources(queue) == ["arn:aws:sqs:*:*:deskless-dev-ingest-failures"]


def test_cli_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert policies.main(["--check"]) == 0


def test_only_the_sender_receives_webhook_messages_and_only_stream_and_retry_job_queue_them() -> None:
    queue = "arn:aws:sqs:*:*:deskless-prod-webhooks.fifo"

    def on_queue(name: str) -> set[str]:
        return {a for s in statements("prod", name) if queue in resources(s) for a in s["Action"]}

    assert {fn.name: on_queue(fn.name) for fn in FUNCTIONS if on_queue(fn.name)} == {
        "on_table_change": {"sqs:SendMessage"},
        "webhook_retry_job": {"sqs:SendMessage"},
        "send_webhook": {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
    }
    # The sender reads and writes by key only, and can reach no bucket, topic or secret.
    assert not any(s["Sid"] == "TableIndexes" for s in statements("prod", "send_webhook"))
    assert {s["Sid"] for s in statements("prod", "send_webhook")} == {"Logs", "Tracing", "Table", "WebhookQueue"}
