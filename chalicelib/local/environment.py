"""The local stage's environment, shared by the stack (``make run``) and the commands that act on
the running stack (``make job``): the same variables, credentials and endpoints in both."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from chalice.cli.factory import CLIFactory

FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def apply_stage(project_dir: Path, stage: str, data_dir: Path) -> Any:
    """Put the stage's variables from ``.chalice/config.json`` (TABLE_NAME, bucket names, ...) in
    this process's environment, as a deployed function gets them, with fake credentials, a region
    and the outbox under ``data_dir``; returns chalice's config object (``.chalice_app`` loads the app).
    """
    factory = CLIFactory(str(project_dir), environ=os.environ)
    chalice_config = factory.create_config_obj(chalice_stage_name=stage)
    # The stage's variables (TABLE_NAME, ...) must be in place before chalicelib.store is imported.
    os.environ.update(chalice_config.environment_variables)
    for name, value in FAKE_CREDENTIALS.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.setdefault("OUTBOX_DIR", str(data_dir / "outbox"))
    os.environ.setdefault("AWS_REGION", os.environ["AWS_DEFAULT_REGION"])
    return chalice_config


def use_endpoints(endpoint: str, dynamodb_endpoint: str | None = None) -> str:
    """Point every AWS client of this process at the local server ``endpoint`` (S3, SQS and, unless
    ``dynamodb_endpoint`` names another server, DynamoDB); returns the DynamoDB endpoint in use."""
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    if dynamodb_endpoint:
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamodb_endpoint
        os.environ["AWS_ENDPOINT_URL_DYNAMODB_STREAMS"] = dynamodb_endpoint
        return dynamodb_endpoint
    os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
    os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", None)
    return endpoint
