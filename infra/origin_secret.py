"""The ``OriginVerifySecret`` override ``make deploy`` passes to CloudFormation.

A new random value when the stack has none yet (its first deployment, or the upgrade that adds the
parameter) or when rotating; otherwise nothing, and ``aws cloudformation deploy`` keeps the stack's
previous value. The value lives only in the stack (a NoEcho parameter), the distribution's origin
header and the API function's environment: nothing to store, nothing billed while idle.

    python -m infra.origin_secret --stack deskless-dev [--rotate]

prints ``OriginVerifySecret=<value>`` or nothing.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from typing import Any

from botocore.exceptions import ClientError

PARAMETER = "OriginVerifySecret"
SECRET_BYTES = 32  # token_urlsafe: 43 characters of [A-Za-z0-9_-], as the parameter's pattern allows


def has_secret(cloudformation: Any, stack: str) -> bool:
    """Whether ``stack`` exists and already has the parameter (a value CloudFormation can keep)."""
    try:
        [described] = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as error:
        if "does not exist" in str(error):
            return False
        raise
    return any(p["ParameterKey"] == PARAMETER for p in described.get("Parameters", []))


def override(cloudformation: Any, stack: str, rotate: bool = False) -> str | None:
    """``OriginVerifySecret=<new value>`` when the stack needs one (or ``rotate``), else None."""
    if rotate or not has_secret(cloudformation, stack):
        return f"{PARAMETER}={secrets.token_urlsafe(SECRET_BYTES)}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stack", required=True, help="the CloudFormation stack (deskless-<stage>)")
    parser.add_argument("--rotate", action="store_true", help="a new value even if the stack has one")
    args = parser.parse_args(argv)

    import boto3

    value = override(boto3.client("cloudformation"), args.stack, args.rotate)
    if value is not None:
        sys.stdout.write(value + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
