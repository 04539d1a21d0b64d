"""Settings read from the environment (set per stage in .chalice/config.json).

Read lazily: ``chalice package`` and the cold start import ``app.py`` without these set.
"""

from __future__ import annotations

import functools
import os

DEFAULT_TABLE_NAME = "deskless-local"


def table_name() -> str:
    return os.environ.get("TABLE_NAME", DEFAULT_TABLE_NAME)


def stage() -> str:
    return os.environ.get("STAGE", "local")


def region() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


def attachments_bucket() -> str:
    return os.environ.get("ATTACHMENTS_BUCKET", f"{table_name()}-attachments")


def inbound_mail_bucket() -> str:
    return os.environ.get("INBOUND_MAIL_BUCKET", f"{table_name()}-inbound-mail")


def archive_bucket() -> str:
    return os.environ.get("ARCHIVE_BUCKET", f"{table_name()}-archive")


def idempotency_table_name() -> str:
    """The Powertools idempotency records' own table (PK ``id``, TTL ``expiration``), not the main one."""
    return os.environ.get("IDEMPOTENCY_TABLE_NAME", f"{table_name()}-idempotency")


def webhook_queue_name() -> str:
    """The FIFO queue of outbound webhook deliveries (``send_webhook`` consumes it)."""
    return os.environ.get("WEBHOOK_QUEUE_NAME", f"{table_name()}-webhooks.fifo")


def webhook_queue_arn() -> str:
    """The queue ``send_webhook`` consumes. Deployed stages get the real ARN from the merge template
    (``Fn::GetAtt WebhookQueue.Arn``); this default only names the queue for the local poller."""
    return os.environ.get("WEBHOOK_QUEUE_ARN", f"arn:aws:sqs:{region()}:000000000000:{webhook_queue_name()}")


def table_stream_arn() -> str:
    """The stream the ``on_table_change`` handler subscribes to.

    Deployed stages get the real ARN from the merge template (``Fn::GetAtt Table.StreamArn``);
    this default only names the table so the local poller can match the handler to it.
    """
    default = f"arn:aws:dynamodb:{region()}:000000000000:table/{table_name()}/stream/latest"
    return os.environ.get("TABLE_STREAM_ARN", default)


def rate_limits() -> str:
    """Overrides of the request rate limits, ``name=requests per minute`` comma-separated (names: the
    subscription tiers and ``address``; see chalicelib/domain/ratelimit.py). Empty: the defaults."""
    return os.environ.get("RATE_LIMITS", "")


@functools.cache
def secret(name: str) -> bytes:
    """A secret from ``<NAME>`` in the environment, or from the SSM SecureString ``<NAME>_PARAMETER``.

    Deployed stages set only the parameter name, so the value never sits in the Lambda
    configuration; it is fetched once per container.
    """
    value = os.environ.get(name)
    if value:
        return value.encode()
    parameter = os.environ.get(f"{name}_PARAMETER")
    if parameter:
        import boto3

        ssm = boto3.client("ssm", region_name=region())
        response = ssm.get_parameter(Name=parameter, WithDecryption=True)
        return str(response["Parameter"]["Value"]).encode()
    raise RuntimeError(f"secret {name} is not configured: set {name} or {name}_PARAMETER")


def origin_verify_secret() -> str:
    """The secret the stack's CloudFront distribution sends in ``X-Deskless-Origin-Verify``
    (``ORIGIN_VERIFY_SECRET``, the stack parameter ``OriginVerifySecret``). Empty: none, and
    ``CloudFront-Viewer-Address`` is never trusted (chalicelib/api/viewer.py)."""
    return os.environ.get("ORIGIN_VERIFY_SECRET", "")


def public_url() -> str:
    """The origin people open the web app at (links in mail point there), without a trailing slash:
    ``PUBLIC_URL`` (the stack's CloudFront or custom domain when deployed; the local stack sets its own)."""
    return os.environ.get("PUBLIC_URL", "http://localhost:8000").rstrip("/")


# Single sign-on (issue 21).
def sso_secret_prefix() -> str:
    """Where the organizations' OIDC client secrets live in the parameter store (SecureString):
    ``<prefix><org_id>/<secret_id>``; the Lambda role may read and write only under it."""
    return os.environ.get("SSO_SECRET_PREFIX", f"/deskless/{stage()}/sso/")


def sso_allow_loopback_issuer() -> bool:
    """Whether an OIDC issuer may be plain http on 127.0.0.1/localhost (local stack and tests only)."""
    return os.environ.get("SSO_ALLOW_LOOPBACK_ISSUER", "").lower() in ("1", "true", "yes")


def sso_callback_url() -> str | None:
    """The web app's SSO callback page, always an allowed redirect URI (None: PUBLIC_URL is unset)."""
    public = os.environ.get("PUBLIC_URL", "").rstrip("/")
    return f"{public}/app/sso/callback" if public else None


def live_endpoint() -> str | None:
    """The WebSocket API's management endpoint (``https://<api>.execute-api.<region>.amazonaws.com/<stage>``;
    the local stack: its API origin); None: live updates are not sent."""
    return os.environ.get("LIVE_ENDPOINT") or None


def live_url() -> str | None:
    """The ``wss://`` URL browsers connect to, or a path on the web app's own origin (the local stack:
    ``/live``); None: no live updates."""
    return os.environ.get("LIVE_URL") or None
