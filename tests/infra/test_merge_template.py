"""The merge template: what each stage deploys next to Chalice's functions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infra.build_merge_template import BUCKETS, main, merge_template
from infra.functions import FAILURE_QUEUES, FUNCTIONS, STAGES, WEBHOOK_QUEUE, function


@pytest.fixture(scope="module", params=STAGES)
def stage(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def template(stage: str) -> dict[str, Any]:
    return merge_template(stage)


def of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r.get("Type") == kind}


def test_table_comes_from_the_model_and_only_prod_is_deletion_protected(template: dict[str, Any], stage: str) -> None:
    from chalicelib.store.table import table_spec

    table = template["Resources"]["Table"]
    properties = table["Properties"]
    spec = table_spec(f"deskless-{stage}")
    assert properties["TableName"] == f"deskless-{stage}"
    assert properties["KeySchema"] == spec["KeySchema"]
    assert properties["GlobalSecondaryIndexes"] == spec["GlobalSecondaryIndexes"]
    assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain"
    assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert properties["SSESpecification"] == {"SSEEnabled": True}
    if stage == "prod":
        assert properties["DeletionProtectionEnabled"] is True
    else:
        assert "DeletionProtectionEnabled" not in properties


def test_idempotency_table(template: dict[str, Any], stage: str) -> None:
    properties = template["Resources"]["IdempotencyTable"]["Properties"]
    assert properties["TableName"] == f"deskless-{stage}-idempotency"
    assert properties["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert properties["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert properties["TimeToLiveSpecification"] == {"Enabled": True, "AttributeName": "expiration"}
    assert properties["BillingMode"] == "PAY_PER_REQUEST"
    assert properties["SSESpecification"] == {"SSEEnabled": True}
    assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}


def test_idempotency_table_matches_the_code_when_present(template: dict[str, Any]) -> None:
    idempotency = pytest.importorskip("chalicelib.store.idempotency")
    properties = template["Resources"]["IdempotencyTable"]["Properties"]
    spec = idempotency.table_spec(properties["TableName"])
    assert properties["KeySchema"] == spec["KeySchema"]
    assert properties["AttributeDefinitions"] == spec["AttributeDefinitions"]
    assert properties["TimeToLiveSpecification"] == idempotency.ttl_spec()


def test_every_bucket_is_private_encrypted_retained_and_tls_only(template: dict[str, Any], stage: str) -> None:
    buckets = of_type(template, "AWS::S3::Bucket")
    assert set(buckets) == set(BUCKETS)
    policies = {r["Properties"]["Bucket"]["Ref"]: r for r in of_type(template, "AWS::S3::BucketPolicy").values()}
    for name, bucket in buckets.items():
        properties = bucket["Properties"]
        assert properties["BucketName"] == f"deskless-{stage}-{BUCKETS[name]}"
        assert bucket["DeletionPolicy"] == "Retain"
        assert all(properties["PublicAccessBlockConfiguration"].values())
        assert len(properties["PublicAccessBlockConfiguration"]) == 4
        rule = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms")
        deny = policies[name]["Properties"]["PolicyDocument"]["Statement"][0]
        assert deny["Effect"] == "Deny"
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_ses_may_write_only_incoming_mail_of_this_account(template: dict[str, Any], stage: str) -> None:
    policy = template["Resources"]["InboundMailBucketPolicy"]["Properties"]["PolicyDocument"]
    [ses] = [s for s in policy["Statement"] if s.get("Principal") == {"Service": "ses.amazonaws.com"}]
    assert ses["Action"] == "s3:PutObject"
    assert ses["Resource"] == {"Fn::Sub": "${InboundMailBucket.Arn}/incoming/*"}
    assert ses["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert f"receipt-rule-set/deskless-{stage}-inbound:" in ses["Condition"]["ArnLike"]["aws:SourceArn"]["Fn::Sub"]
    for name in ("AttachmentsBucketPolicy", "ArchiveBucketPolicy"):
        statements = template["Resources"][name]["Properties"]["PolicyDocument"]["Statement"]
        assert all(s["Effect"] == "Deny" for s in statements)


def test_receipt_rule_stores_the_domains_mail_under_incoming(template: dict[str, Any], stage: str) -> None:
    resources = template["Resources"]
    assert template["Parameters"]["InboundEmailDomain"]["Default"] == ""
    assert template["Conditions"]["HasInboundEmailDomain"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "InboundEmailDomain"}, ""]}]
    }
    rule_set, rule = resources["ReceiptRuleSet"], resources["ReceiptRule"]
    assert rule_set["Condition"] == rule["Condition"] == "HasInboundEmailDomain"
    assert rule_set["Properties"]["RuleSetName"] == f"deskless-{stage}-inbound"
    assert "InboundMailBucketPolicy" in rule["DependsOn"]
    body = rule["Properties"]["Rule"]
    assert body["Enabled"] is True
    # SES writes its spam, virus and DMARC verdicts on top of every message only when scanning is on:
    # inbound mail is trusted on those headers alone (channels/mail_auth.py).
    assert body["ScanEnabled"] is True
    assert body["Recipients"] == [{"Ref": "InboundEmailDomain"}]
    assert body["Actions"] == [
        {"S3Action": {"BucketName": {"Ref": "InboundMailBucket"}, "ObjectKeyPrefix": "incoming/"}}
    ]
    # ingest_email listens for exactly that prefix on that bucket (EventBridge).
    inbound = resources["InboundMailBucket"]["Properties"]
    assert inbound["NotificationConfiguration"] == {"EventBridgeConfiguration": {"EventBridgeEnabled": True}}


def test_topics_and_the_optional_alarm_subscription(template: dict[str, Any], stage: str) -> None:
    resources = template["Resources"]
    assert resources["NotificationsTopic"]["Properties"]["TopicName"] == f"deskless-{stage}-notifications"
    assert resources["AlarmsTopic"]["Properties"]["TopicName"] == f"deskless-{stage}-alarms"
    subscription = resources["AlarmsEmailSubscription"]
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"] == {
        "TopicArn": {"Ref": "AlarmsTopic"},
        "Protocol": "email",
        "Endpoint": {"Ref": "AlarmEmail"},
    }


def test_functions_get_fixed_names_and_their_environment(template: dict[str, Any], stage: str) -> None:
    resources = template["Resources"]
    for fn in FUNCTIONS:
        properties = resources[fn.logical_id]["Properties"]
        assert properties["FunctionName"] == f"deskless-{stage}-{fn.name}"
        variables = properties["Environment"]["Variables"]
        assert variables["INBOUND_EMAIL_DOMAIN"]["Fn::If"][0] == "HasInboundEmailDomain"
        log_group = resources[fn.log_group_logical_id]["Properties"]["LogGroupName"]
        assert log_group == f"/aws/lambda/deskless-{stage}-{fn.name}"
    # Only the stream handler sends push notifications (channels.outbound.send_push reads the variable).
    with_topic = [fn.name for fn in FUNCTIONS if "NOTIFICATIONS_TOPIC_ARN" in _variables(template, fn.logical_id)]
    assert with_topic == ["on_table_change"]
    assert _variables(template, "OnTableChange")["NOTIFICATIONS_TOPIC_ARN"] == {"Ref": "NotificationsTopic"}


def _variables(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    return dict(template["Resources"][logical_id]["Properties"]["Environment"]["Variables"])


def test_every_async_function_sends_failures_to_a_queue(template: dict[str, Any], stage: str) -> None:
    resources = template["Resources"]
    queues = of_type(template, "AWS::SQS::Queue")
    assert set(queues) == {q.logical_id for q in FAILURE_QUEUES} | {WEBHOOK_QUEUE.logical_id}
    for name, queue in queues.items():
        assert queue["Properties"]["QueueName"].startswith(f"deskless-{stage}-")
        assert queue["Properties"]["SqsManagedSseEnabled"] is True
        if name != WEBHOOK_QUEUE.logical_id:
            assert queue["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
    for fn in FUNCTIONS:
        properties = resources[fn.logical_id]["Properties"]
        if fn.asynchronous:
            assert fn.failure_queue is not None
            config = properties["EventInvokeConfig"]
            assert config["DestinationConfig"]["OnFailure"] == {
                "Type": "SQS",
                "Destination": {"Fn::GetAtt": [fn.failure_queue.logical_id, "Arn"]},
            }
            assert config["MaximumRetryAttempts"] == fn.async_retries
        else:
            assert "EventInvokeConfig" not in properties
    assert function("ingest_email").async_retries == 2
    assert function("sla_sweep_job").async_retries == 0


def test_stream_settings_and_its_failure_destination(template: dict[str, Any]) -> None:
    source = template["Resources"]["OnTableChange"]["Properties"]["Events"]["OnTableChangeDynamodbEventSource"]
    properties = source["Properties"]
    assert properties["Stream"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert properties["BisectBatchOnFunctionError"] is True
    assert properties["MaximumRetryAttempts"] == 5
    assert properties["DestinationConfig"]["OnFailure"]["Destination"] == {"Fn::GetAtt": ["StreamFailuresQueue", "Arn"]}


def test_the_webhook_queue_is_fifo_with_dead_letters_and_matches_the_local_one(
    template: dict[str, Any], stage: str
) -> None:
    from chalicelib.channels import webhook_queue

    resources = template["Resources"]
    properties = resources["WebhookQueue"]["Properties"]
    local = webhook_queue.queue_attributes("arn")
    assert properties["QueueName"] == f"deskless-{stage}-webhooks.fifo"
    assert (properties["FifoQueue"], properties["ContentBasedDeduplication"]) == (True, False)
    assert (properties["DeduplicationScope"], properties["FifoThroughputLimit"]) == (
        local["DeduplicationScope"],
        local["FifoThroughputLimit"],
    )
    assert str(properties["VisibilityTimeout"]) == local["VisibilityTimeout"]
    assert str(properties["MessageRetentionPeriod"]) == local["MessageRetentionPeriod"]
    assert properties["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": ["WebhookDeadLettersQueue", "Arn"]},
        "maxReceiveCount": webhook_queue.MAX_RECEIVES,
    }
    dead_letters = resources["WebhookDeadLettersQueue"]["Properties"]
    assert dead_letters["QueueName"] == f"deskless-{stage}-webhooks-dead-letters.fifo"
    assert dead_letters["FifoQueue"] is True
    assert webhook_queue.dead_letter_queue_name(f"deskless-{stage}-webhooks.fifo") == dead_letters["QueueName"]


def test_the_sender_takes_one_message_at_a_time_with_bounded_concurrency(template: dict[str, Any]) -> None:
    from chalicelib.channels import webhook_queue

    sender = template["Resources"]["SendWebhook"]["Properties"]
    source = sender["Events"]["SendWebhookSqsEventSource"]["Properties"]
    assert source["Queue"] == {"Fn::GetAtt": ["WebhookQueue", "Arn"]}
    assert source["BatchSize"] == 1
    assert source["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert 2 <= source["ScalingConfig"]["MaximumConcurrency"] <= 1000
    # Lambda needs the visibility timeout above the function's timeout.
    config = json.loads((Path(__file__).resolve().parents[2] / ".chalice" / "config.json").read_text())
    for stage in STAGES:
        timeout = config["stages"][stage]["lambda_functions"]["send_webhook"]["lambda_timeout"]
        assert timeout * 2 <= webhook_queue.VISIBILITY_TIMEOUT
    # Only the functions that queue deliveries are told where the queue is.
    told = [fn.name for fn in FUNCTIONS if "WEBHOOK_QUEUE_URL" in _variables(template, fn.logical_id)]
    assert told == ["on_table_change", "webhook_retry_job"]
    assert _variables(template, "OnTableChange")["WEBHOOK_QUEUE_URL"] == {"Ref": "WebhookQueue"}


def test_a_webhook_backlog_raises_an_alarm(template: dict[str, Any]) -> None:
    alarm = _alarms(template)["WebhookBacklogAlarm"]
    assert alarm["MetricName"] == "ApproximateAgeOfOldestMessage"
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["WebhookQueue", "QueueName"]}}]


def _alarms(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: r["Properties"] for name, r in of_type(template, "AWS::CloudWatch::Alarm").items()}


def test_every_alarm_notifies_the_alarms_topic(template: dict[str, Any], stage: str) -> None:
    alarms = _alarms(template)
    assert alarms
    names = [a["AlarmName"] for a in alarms.values()]
    assert len(names) == len(set(names))
    for properties in alarms.values():
        assert properties["AlarmActions"] == [{"Ref": "AlarmsTopic"}]
        assert properties["OKActions"] == [{"Ref": "AlarmsTopic"}]
        assert properties["AlarmName"].startswith(f"deskless-{stage}-")
        assert properties["AlarmDescription"]


def _watched(alarms: dict[str, dict[str, Any]], namespace: str, metric: str) -> list[dict[str, Any]]:
    return [a for a in alarms.values() if a.get("Namespace") == namespace and a.get("MetricName") == metric]


def test_lambda_errors_and_throttles_of_every_function(template: dict[str, Any]) -> None:
    alarms = _alarms(template)
    for metric in ("Errors", "Throttles"):
        watched = {a["Dimensions"][0]["Value"]["Ref"] for a in _watched(alarms, "AWS/Lambda", metric)}
        assert watched == {fn.logical_id for fn in FUNCTIONS}, metric


def test_sla_sweep_failing_and_silent(template: dict[str, Any]) -> None:
    alarms = _alarms(template)
    failing = alarms["SlaSweepFailingAlarm"]
    assert (failing["MetricName"], failing["Period"], failing["EvaluationPeriods"]) == ("Errors", 60, 3)
    assert failing["DatapointsToAlarm"] == 3
    assert failing["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "SlaSweepJob"}}]
    silent = alarms["SlaSweepSilentAlarm"]
    assert silent["MetricName"] == "Invocations"
    assert silent["ComparisonOperator"] == "LessThanThreshold"
    assert silent["TreatMissingData"] == "breaching"


def test_table_throttles_and_system_errors(template: dict[str, Any], stage: str) -> None:
    alarms = _alarms(template)
    for name, metric in (("TableThrottlesAlarm", "ThrottledRequests"), ("TableSystemErrorsAlarm", "SystemErrors")):
        [query] = alarms[name]["Metrics"]
        assert query["ReturnData"] is True
        assert f"SUM({metric})" in query["Expression"]
        assert query["Expression"].endswith(f"WHERE TableName = 'deskless-{stage}'")


def test_every_failure_queue_has_a_depth_alarm(template: dict[str, Any]) -> None:
    alarms = _watched(_alarms(template), "AWS/SQS", "ApproximateNumberOfMessagesVisible")
    watched = {a["Dimensions"][0]["Value"]["Fn::GetAtt"][0] for a in alarms}
    assert watched == {q.logical_id for q in FAILURE_QUEUES}
    for properties in alarms:
        assert properties["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert properties["Threshold"] == 1


def test_alarms_and_outputs_reference_only_defined_things(template: dict[str, Any]) -> None:
    defined = set(template["Resources"]) | set(template["Parameters"]) | {"AWS::AccountId", "AWS::NoValue"}
    chalice_made = {fn.logical_id for fn in FUNCTIONS} | {f"{fn.logical_id}Role" for fn in FUNCTIONS}

    def refs(node: Any) -> set[str]:
        if isinstance(node, dict):
            found = {str(node["Ref"])} if "Ref" in node else set()
            if "Fn::GetAtt" in node:
                found.add(str(node["Fn::GetAtt"][0]))
            return found | {r for value in node.values() for r in refs(value)}
        if isinstance(node, list):
            return {r for value in node for r in refs(value)}
        return set()

    assert refs(template) <= defined | chalice_made | {"RestAPI"}
    conditions = {r.get("Condition") for r in template["Resources"].values()} - {None}
    assert conditions <= set(template["Conditions"])


def test_gateway_responses_are_part_of_the_api_definition(template: dict[str, Any]) -> None:
    from chalicelib.api.gateway import GATEWAY_RESPONSES

    definition = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    responses = definition["x-amazon-apigateway-gateway-responses"]
    assert set(responses) == {g.response_type for g in GATEWAY_RESPONSES}
    for entry in GATEWAY_RESPONSES:
        response = responses[entry.response_type]
        assert json.loads(response["responseTemplates"]["application/json"]) == entry.body()
        assert response["responseParameters"] == {"gatewayresponse.header.Content-Type": "'application/json'"}
        if entry.response_type.startswith("DEFAULT_"):
            assert "statusCode" not in response
        else:
            assert response["statusCode"] == str(entry.status)
    assert not of_type(template, "AWS::ApiGateway::GatewayResponse")


def test_cli_writes_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--stage", "prod"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["Resources"]["Table"]["Properties"]["DeletionProtectionEnabled"] is True


@pytest.mark.parametrize("stage", STAGES)
def test_live_updates_send_through_this_stacks_websocket_api_only(stage: str) -> None:
    from infra.policies import GRANTS

    template = merge_template(stage)
    resources = template["Resources"]
    senders = {fn.logical_id for fn in FUNCTIONS if GRANTS[fn.name].live}
    assert senders == {"OnTableChange", "WebsocketMessage"}
    for fn in FUNCTIONS:
        variables = resources[fn.logical_id]["Properties"]["Environment"]["Variables"]
        assert ("LIVE_ENDPOINT" in variables) == (fn.logical_id in senders), fn.name
        assert ("LIVE_URL" in variables) == (fn.invocation == "api"), fn.name
    endpoint = resources["OnTableChange"]["Properties"]["Environment"]["Variables"]["LIVE_ENDPOINT"]["Fn::Sub"]
    assert endpoint.startswith("https://${WebsocketAPI}.execute-api.")
    policy = resources["LiveConnectionsPolicy"]["Properties"]
    assert sorted(r["Ref"] for r in policy["Roles"]) == sorted(f"{s}Role" for s in senders)
    [statement] = policy["PolicyDocument"]["Statement"]
    assert statement["Action"] == ["execute-api:ManageConnections"]
    for resource in statement["Resource"]:
        assert ":${WebsocketAPI}/api/" in resource["Fn::Sub"]  # this stack's API, never another stage's
    csp = resources["WebHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    connect = csp["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    assert "wss://${WebsocketAPI}.execute-api." in connect.split("connect-src", 1)[1].split(";", 1)[0]


def test_the_gateway_requires_the_authorization_header_on_every_private_route(template: dict[str, Any]) -> None:
    """No authorizer function: the request validator refuses a missing header (401, the API's body)."""
    import app
    from chalicelib.api import routes
    from chalicelib.api.gateway import MISSING_AUTHORIZATION
    from chalicelib.api.http import PRIVATE_ROUTES

    routes.load_all()

    definition = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    validator = definition["x-amazon-apigateway-request-validators"]["authorization-header"]
    assert validator == {"validateRequestParameters": True, "validateRequestBody": False}
    declared = {
        (path, method.upper()): operation
        for path, methods in definition["paths"].items()
        for method, operation in methods.items()
    }
    assert set(declared) == PRIVATE_ROUTES
    assert {key for key in declared} <= {(p, m) for p, ms in app.app.routes.items() for m in ms}, (
        "only Chalice's routes"
    )
    for (path, _), operation in declared.items():
        assert operation["x-amazon-apigateway-request-validator"] == "authorization-header"
        header = {"name": "Authorization", "in": "header", "required": True, "type": "string"}
        assert operation["parameters"][-1] == header
        assert [p["name"] for p in operation["parameters"][:-1]] == [
            part[1:-1] for part in path.split("/") if part.startswith("{")
        ], "the path parameters Chalice writes, restated (the merge replaces lists)"
    assert ("/auth/login", "POST") not in declared
    assert ("/health", "GET") not in declared
    response = definition["x-amazon-apigateway-gateway-responses"]["BAD_REQUEST_PARAMETERS"]
    assert response["statusCode"] == "401"
    assert json.loads(response["responseTemplates"]["application/json"]) == MISSING_AUTHORIZATION.body()
    assert MISSING_AUTHORIZATION.code == "unauthenticated"
