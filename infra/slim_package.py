"""Removes from the deployment zip what the Lambda Python runtime already provides, and what no
function reads.

PynamoDB depends on botocore, so ``chalice package`` bundles botocore, boto3 and their
dependencies (about 20 MB of a 21 MB zip). The runtime ships them; a smaller zip loads faster
on a cold start. swagger-ui-py ships 25 MB of static files (Swagger Editor, source maps, other
builds); the API serves two of them at ``/docs`` (``chalicelib.api.docs.PACKAGE_FILES``), so only
those and Swagger UI's license stay.

    python -m infra.slim_package dist/dev/deployment.zip
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import zipfile
from pathlib import Path

PROVIDED_BY_RUNTIME = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")
_DIST_INFO = re.compile(r"^(?P<name>[A-Za-z0-9_.]+?)-[^/]*\.dist-info$")


def provided(top_level: str) -> bool:
    name = top_level.removesuffix(".py")
    match = _DIST_INFO.match(top_level)
    if match:
        name = match.group("name").lower().replace("python_", "")
    return name in PROVIDED_BY_RUNTIME


def unused(path: str) -> bool:
    """A file of the Swagger UI package that the documentation page never loads."""
    from chalicelib.api.docs import PACKAGE, PACKAGE_FILES

    static = f"{PACKAGE}/static/"
    return path.startswith(static) and path.removeprefix(static) not in (*PACKAGE_FILES, "LICENSE")


def slim(archive: Path) -> tuple[int, int]:
    """Rewrite ``archive`` without the runtime-provided packages and the unused Swagger UI files;
    returns (bytes before, bytes after)."""
    before = archive.stat().st_size
    slimmed = archive.with_suffix(".slim.zip")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(slimmed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if not provided(info.filename.split("/", 1)[0]) and not unused(info.filename):
                target.writestr(info, source.read(info.filename))
    os.replace(slimmed, archive)
    return before, archive.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", type=Path)
    args = parser.parse_args(argv)
    before, after = slim(args.archive)
    print(f"{args.archive}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
