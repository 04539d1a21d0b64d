"""Build the web app (``web/`` -> ``web/dist``) for the local stack: ``npm ci`` when the lockfile
changed, ``npm run build`` (tsc --noEmit, vite build) when a source changed, nothing otherwise.

``make run`` calls it with ``--optional``: without Node.js 20.19+ it says what is missing and the
API starts anyway (``/app/`` then answers 503 ``web_app_not_built``). ``make web`` needs Node.
``make lint`` calls it with ``--typecheck`` (``npm ci`` when needed, then ``tsc --noEmit``), with
``--optional`` too unless DESKLESS_REQUIRE_BROWSER=1 (CI): a machine without Node skips the check.
Exit status: 0 built or up to date (or skipped with --optional), 1 the install or build failed,
2 Node.js is missing or too old.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
NODE_NEEDED = (20, 19)
# What the build reads besides web/src: a change in any of them rebuilds.
BUILD_INPUTS = ("index.html", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts")
GENERATED_TYPES = Path("clients") / "typescript" / "deskless.d.ts"


class NodeMissing(RuntimeError):
    """Node.js is absent or older than NODE_NEEDED; the message says which and what to do."""


def node_version(node: str | None) -> tuple[int, int] | None:
    """The major.minor of ``node`` (a path), or None when it cannot be run."""
    if node is None:
        return None
    try:
        # node is the one on PATH (shutil.which), as a shell would run it
        out = subprocess.run(  # noqa: S603
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.match(r"v(\d+)\.(\d+)", out.strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


def check_node() -> None:
    """Raise NodeMissing unless ``node`` and ``npm`` on PATH are recent enough."""
    needed = "Node.js {}.{}+".format(*NODE_NEEDED)
    version = node_version(shutil.which("node"))
    if version is None:
        found = "found none: no node on PATH"
    elif version < NODE_NEEDED:
        found = "found {}.{}".format(*version)
    elif shutil.which("npm") is None:
        found = "found node but no npm on PATH"
    else:
        return
    raise NodeMissing(
        f"The web app needs {needed} to build ({found}). Install it (https://nodejs.org, or e.g. "
        f"`apt-get install nodejs npm` on Debian 13), then run make again."
    )


def digest(paths: list[Path]) -> str:
    """One hash over the names and contents of ``paths``."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def sources(project_dir: Path) -> list[Path]:
    web = project_dir / "web"
    found = [p for p in (web / "src").rglob("*") if p.is_file()]
    found += [web / name for name in BUILD_INPUTS if (web / name).is_file()]
    found.append(project_dir / GENERATED_TYPES)
    return found


def build(project_dir: Path = PROJECT_DIR, log: Callable[[str], None] = print) -> bool:
    """Install and build what changed; True when something was done. Raises NodeMissing,
    subprocess.CalledProcessError (npm failed)."""
    check_node()
    web = project_dir / "web"
    # One build at a time (parallel test workers, two terminals): the others wait, then find it done.
    with (web / ".build-lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build(web, project_dir, log)


def _install(web: Path, log: Callable[[str], None]) -> bool:
    """``npm ci`` when node_modules does not match the lockfile; True when it ran."""
    npm = shutil.which("npm") or "npm"  # check_node found it on PATH
    lock_stamp = web / "node_modules" / ".deskless-lock"
    lock_digest = digest([web / "package-lock.json"])
    if lock_stamp.is_file() and lock_stamp.read_text() == lock_digest:
        return False
    log("web: installing the pinned packages (npm ci; web/package-lock.json)...")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=web, check=True)  # noqa: S603
    lock_stamp.write_text(lock_digest)
    return True


def typecheck(project_dir: Path = PROJECT_DIR, log: Callable[[str], None] = print) -> None:
    """``tsc --noEmit`` over the web app (installing the pinned packages first when needed).
    Raises NodeMissing, subprocess.CalledProcessError (a type error: tsc printed it)."""
    check_node()
    web = project_dir / "web"
    with (web / ".build-lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _install(web, log)
    npx = shutil.which("npx") or "npx"
    log("web: type-checking the app (tsc --noEmit)...")
    subprocess.run([npx, "--no-install", "tsc", "--noEmit"], cwd=web, check=True)  # noqa: S603


def _build(web: Path, project_dir: Path, log: Callable[[str], None]) -> bool:
    npm = shutil.which("npm") or "npm"  # check_node found it on PATH
    did = _install(web, log)
    build_stamp = web / ".build-stamp"
    source_digest = digest(sources(project_dir))
    built = (web / "dist" / "index.html").is_file()
    if did or not built or not build_stamp.is_file() or build_stamp.read_text() != source_digest:
        log("web: building the app (tsc --noEmit, vite build -> web/dist)...")
        build_stamp.unlink(missing_ok=True)
        subprocess.run([npm, "run", "--silent", "build"], cwd=web, check=True)  # noqa: S603
        build_stamp.write_text(source_digest)
        did = True
    return did


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.local.webbuild", description=__doc__)
    parser.add_argument("--optional", action="store_true", help="without Node.js: say so and succeed")
    parser.add_argument(
        "--typecheck", action="store_true", help="only type-check (tsc --noEmit); with --optional, skipped without Node"
    )
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR)
    args = parser.parse_args(argv)
    try:
        if args.typecheck:
            typecheck(args.project_dir)
        elif not build(args.project_dir):
            print("web: up to date (web/dist)")
    except NodeMissing as exc:
        print(f"web: {exc}", file=sys.stderr)
        if args.optional and args.typecheck:
            print("web: the web app's type check is skipped (CI runs it).", file=sys.stderr)
            return 0
        if args.optional:
            print("web: starting without the web app; the API works, /app/ answers 503.", file=sys.stderr)
            return 0
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"web: `{' '.join(exc.cmd)}` failed (exit {exc.returncode}); see its output above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
