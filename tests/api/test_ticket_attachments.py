"""Attachments: presigned uploads limited by the org's settings, visibility, download counting."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
import requests
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def number(api: Client, acme: Tenant) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Broken screen"})
    return str(reply.body["ticket_number"])


def attach(api: Client, tenant: Tenant, role: str, number: str, **body: Any) -> Any:
    payload = {"file_name": "photo.png", "file_size": 1234, "file_type": "image/png", **body}
    return call(api, "POST", f"/tickets/{number}/attachments", tenant.token(role), payload)


def test_upload_is_presigned_under_the_org_prefix_and_the_bytes_land_in_s3(
    api: Client, acme: Tenant, number: str
) -> None:
    reply = attach(api, acme, "customer", number, file_name="../../evil name.png", file_size=5)
    assert reply.status == 201
    attachment, upload = reply.body["attachment"], reply.body["upload"]
    assert attachment["file_path"].startswith(f"org/{acme.org_id}/tickets/")
    assert attachment["file_path"].endswith("/evil_name.png")
    assert upload["fields"]["key"] == attachment["file_path"]
    assert upload["fields"]["Content-Type"] == "image/png"
    sent = requests.post(upload["url"], data=upload["fields"], files={"file": ("x.png", b"12345")}, timeout=10)
    assert sent.status_code in (200, 204)
    stored = boto3.client("s3").get_object(Bucket=config.attachments_bucket(), Key=attachment["file_path"])
    assert stored["Body"].read() == b"12345"
    detail = call(api, "GET", f"/tickets/{number}", acme.token("customer")).body
    assert [a["id"] for a in detail["attachments"]] == [attachment["id"]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"file_type": "application/x-msdownload"}, "file_type_not_allowed"),
        ({"file_size": 26 * 1024 * 1024}, "file_too_large"),
    ],
)
def test_type_and_size_limits_come_from_org_settings(
    api: Client, acme: Tenant, number: str, body: dict[str, Any], code: str
) -> None:
    reply = attach(api, acme, "agent", number, **body)
    assert (reply.status, reply.body["error"]["code"]) == (422, code)


def test_org_settings_change_the_limits(api: Client, acme: Tenant, number: str) -> None:
    call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {"settings": {"attachment_max_bytes": 2048, "attachment_content_types": ["text/plain"]}},
    )
    assert attach(api, acme, "agent", number, file_type="text/plain", file_size=4096).status == 422
    assert attach(api, acme, "agent", number, file_type="text/plain", file_size=100).status == 201


def test_customers_never_see_internal_attachments(api: Client, acme: Tenant, number: str) -> None:
    internal = attach(api, acme, "agent", number, is_public=False).body["attachment"]
    public = attach(api, acme, "agent", number).body["attachment"]
    forced = attach(api, acme, "customer", number, is_public=False).body["attachment"]
    assert forced["is_public"] is True
    seen = {a["id"] for a in call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["attachments"]}
    assert seen == {public["id"], forced["id"]}
    assert call(api, "GET", f"/tickets/{number}/attachments/{internal['id']}", acme.token("customer")).status == 404
    assert call(api, "GET", f"/tickets/{number}/attachments/{internal['id']}", acme.token("agent")).status == 200


def test_download_is_presigned_and_counted(api: Client, acme: Tenant, number: str) -> None:
    attachment = attach(api, acme, "customer", number).body["attachment"]
    first = call(api, "GET", f"/tickets/{number}/attachments/{attachment['id']}", acme.token("agent"))
    second = call(api, "GET", f"/tickets/{number}/attachments/{attachment['id']}", acme.token("customer"))
    assert second.body["attachment"]["download_count"] == 2
    url = urlparse(first.body["url"])
    assert url.path.endswith(attachment["file_path"])
    assert "X-Amz-Signature" in parse_qs(url.query)


def test_attachment_to_a_comment_marks_the_comment(api: Client, acme: Tenant, number: str) -> None:
    comment = call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "see attached"}).body[
        "comment"
    ]
    assert attach(api, acme, "agent", number, comment_id=comment["id"]).status == 201
    comments = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["comments"]
    assert comments[0]["has_attachments"] is True
    assert attach(api, acme, "agent", number, comment_id="nope").status == 422


def test_other_tenants_cannot_attach_or_download(api: Client, acme: Tenant, number: str) -> None:
    globex = make_tenant(api, "globex")
    attachment = attach(api, acme, "customer", number).body["attachment"]
    assert attach(api, globex, "admin", number).status == 404
    assert call(api, "GET", f"/tickets/{number}/attachments/{attachment['id']}", globex.token("admin")).status == 404
