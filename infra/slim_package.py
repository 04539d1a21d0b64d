"""Removes from the deployment zip what the Lambda Python runtime already provides, and what no
function reads.

PynamoDB depends on botocore, so ``chalice package`` bundles botocore, boto3 and their
dependencies (about 20 MB of a 21 MB zip). The runtime ships them; a smaller zip loads faster
on a cold start. swagger-ui-py ships 25 MB of static files (Swagger Editor, source maps, other
builds); the API serves two of them at ``/docs`` (``chalicelib.api.docs.PACKAGE_FILES``), so only
those and Swagger UI's license stay.

It then adds the bytecode of every Python module left (``__pycache__/<name>.cpython-311.pyc``, unchecked
hash-based pycs, PEP 552): ``/var/task`` is read-only, so without them the runtime compiles every
module it imports from source again on every cold start (the app's own modules alone took ~200 ms).
The interpreter running this step must be the functions' runtime version (Chalice packages for the
Python it runs on); a pyc of another version would only be ignored.

    python -m infra.slim_package dist/dev/deployment.zip
"""

from __future__ import annotations

import argparse
import importlib.util
import marshal
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


def bytecode(path: str, source: bytes) -> tuple[str, bytes] | None:
    """The cache path and content of ``path``'s unchecked hash-based pyc; None when it does not compile
    (a template or test file shipped inside a package, which nothing imports)."""
    try:
        code = compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    # PEP 552 header: magic, flags (0b01: hash-based, source not checked), source hash, then the code.
    header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little") + importlib.util.source_hash(source)
    return importlib.util.cache_from_source(path), header + marshal.dumps(code)


def slim(archive: Path) -> tuple[int, int]:
    """Rewrite ``archive`` without the runtime-provided packages and the unused Swagger UI files, with
    the bytecode of every module added; returns (bytes before, bytes after)."""
    before = archive.stat().st_size
    slimmed = archive.with_suffix(".slim.zip")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(slimmed, "w", zipfile.ZIP_DEFLATED) as target:
        names = set(source.namelist())
        for info in source.infolist():
            if provided(info.filename.split("/", 1)[0]) or unused(info.filename):
                continue
            content = source.read(info.filename)
            target.writestr(info, content)
            compiled = bytecode(info.filename, content) if info.filename.endswith(".py") else None
            if compiled is not None and compiled[0] not in names:
                pyc = zipfile.ZipInfo(compiled[0], date_time=info.date_time)
                pyc.external_attr = info.external_attr
                target.writestr(pyc, compiled[1], zipfile.ZIP_DEFLATED)
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
