from __future__ import annotations

import json

import boto3
from chalice.test import Client

from chalicelib import config


def test_health_reads_the_table_once(api: Client) -> None:
    from chalicelib.store import metering

    with metering.metered() as calls:
        response = api.http.get("/health")
    assert response.status_code == 200
    assert json.loads(response.body) == {"status": "ok", "table": "ok"}
    assert [c.operation for c in calls] == ["GetItem"]
    assert response.headers["X-Request-Id"]


def test_health_is_503_when_the_table_does_not_answer(api: Client) -> None:
    boto3.client("dynamodb").delete_table(TableName=config.table_name())
    response = api.http.get("/health")
    assert response.status_code == 503
    assert json.loads(response.body)["error"]["code"] == "table_unavailable"


def test_openapi_documents_every_route_of_the_app(api: Client) -> None:
    from app import app

    response = api.http.get("/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.body)
    assert document["openapi"].startswith("3.1")
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    served = {(path, method) for path, methods in app.routes.items() for method in methods}
    assert served - documented == set(), "routes missing from /openapi.json"
    assert documented - served == set(), "documented routes the app does not serve"
    health = document["paths"]["/health"]["get"]
    assert health["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/HealthOut")
    assert "HealthOut" in document["components"]["schemas"]
    assert "ErrorResponse" in document["components"]["schemas"]
