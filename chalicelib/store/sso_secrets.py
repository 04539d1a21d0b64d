"""Organizations' OIDC client secrets, as SSM SecureStrings (``config.sso_secret_prefix()``).

Each secret is written under a new name (``<prefix><org_id>/<secret_id>``) and the configuration
item points at it: a replaced secret is deleted only once the configuration names the new one, so
a sign-in never reads a name that is missing, and a failed save leaves nothing behind.
"""

from __future__ import annotations

import contextlib
from typing import Any

from chalicelib import config
from chalicelib.domain.errors import Unavailable


def _ssm() -> Any:
    import boto3

    return boto3.client("ssm", region_name=config.region())


def parameter_name(org_id: str, secret_id: str) -> str:
    return f"{config.sso_secret_prefix()}{org_id}/{secret_id}"


def put_secret(org_id: str, secret_id: str, value: str) -> None:
    """Store a new secret; ``Unavailable`` (503) when the parameter store refuses or does not answer."""
    try:
        _ssm().put_parameter(Name=parameter_name(org_id, secret_id), Value=value, Type="SecureString", Overwrite=False)
    except Exception as exc:  # any AWS failure: nothing was configured, the admin may retry
        raise Unavailable("The SSO client secret cannot be stored; retry later.", code="sso_unavailable") from exc


def get_secret(org_id: str, secret_id: str) -> str:
    """The client secret; ``Unavailable`` (503) when the parameter store cannot give it."""
    try:
        response = _ssm().get_parameter(Name=parameter_name(org_id, secret_id), WithDecryption=True)
    except Exception as exc:  # any AWS failure: the sign-in cannot go on, the client may retry
        raise Unavailable("The SSO client secret cannot be read; retry later.", code="sso_unavailable") from exc
    return str(response["Parameter"]["Value"])


def discard_secret(org_id: str, secret_id: str) -> None:
    """Delete a secret no configuration names any more, after the change that dropped it was saved:
    a failure is logged, not raised (the change stands; the parameter is left unused)."""
    try:
        delete_secret(org_id, secret_id)
    except Exception:
        from chalicelib.observability import logger

        logger.exception("an unused SSO client secret could not be deleted", extra={"org_id": org_id})


def delete_secret(org_id: str, secret_id: str) -> None:
    """Delete a secret that is no longer named by the configuration (already gone: nothing to do)."""
    ssm = _ssm()
    with contextlib.suppress(ssm.exceptions.ParameterNotFound):
        ssm.delete_parameter(Name=parameter_name(org_id, secret_id))
