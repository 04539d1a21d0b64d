"""``python -m chalicelib.local.chromium``: make sure the browser tests have Debian's chromium
(``make test`` and ``.ci/run`` call it first). Missing and running as root with apt-get: installs
the package ``chromium``. Otherwise it names the package to install and goes on (the browser tests
then skip), unless ``--require`` (CI), which fails instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

PACKAGE = "chromium"
DEFAULT_PATH = "/usr/bin/chromium"


def executable() -> str:
    """Where the browser tests look for the browser (CHROMIUM, else Debian's path)."""
    return os.environ.get("CHROMIUM") or DEFAULT_PATH


def present() -> bool:
    return os.access(executable(), os.X_OK)


def can_install() -> bool:
    """Root on a machine with apt-get (Debian, Ubuntu): the package can be installed here."""
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def install() -> bool:
    """``apt-get install -y chromium``; True when the browser is there afterwards."""
    apt = shutil.which("apt-get") or "apt-get"
    print(f"chromium: not found at {executable()}; installing Debian's package {PACKAGE} (apt-get)...", flush=True)
    try:
        subprocess.run([apt, "update", "-qq"], check=True)  # noqa: S603
        subprocess.run([apt, "install", "-y", "-qq", PACKAGE], check=True)  # noqa: S603
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"chromium: the install failed ({exc}).", file=sys.stderr)
    return present()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.local.chromium", description=__doc__.split("\n")[0])
    parser.add_argument("--require", action="store_true", help="fail when the browser is missing after all")
    args = parser.parse_args(argv)
    if present() or (can_install() and install()):
        return 0
    print(
        f"chromium: the browser tests need Chromium at {executable()}: install Debian's package {PACKAGE} "
        f"(sudo apt-get install -y {PACKAGE}), or set CHROMIUM=/path/to/chromium. "
        + ("CI requires it." if args.require else "Going on: the browser tests are skipped."),
        file=sys.stderr,
        flush=True,
    )
    return 1 if args.require else 0


if __name__ == "__main__":
    sys.exit(main())
