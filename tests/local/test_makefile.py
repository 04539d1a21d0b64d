"""The Makefile's answers to a newcomer: the Python it needs, an install that fails leaves nothing
half-built, ``make help`` and ``make job``."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def old_python(tmp_path: Path, version: str = "3.9") -> tuple[Path, Path]:
    """A stand-in for an old interpreter: answers the version check as ``version`` would, and
    leaves a mark if it is ever asked to do anything else (create a venv, install)."""
    marker = tmp_path / "used"
    major, minor = version.split(".")
    script = tmp_path / f"python{version}"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-c" ]; then\n'
        f"  exec {sys.executable} -c \"import sys; sys.version_info = ({major}, {minor}, 18, 'final', 0); "
        'exec(sys.argv[1])" "$2"\n'
        "fi\n"
        f'echo "$@" >> {marker}\n'
        "exit 0\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, marker


@pytest.mark.parametrize("target", ["venv", "run", "test", "lint"])
def test_an_old_python_is_named_before_anything_is_created(tmp_path: Path, target: str) -> None:
    python, marker = old_python(tmp_path)
    venv = tmp_path / "venv"
    done = make(target, f"PYTHON={python}", f"VENV={venv}")
    assert done.returncode != 0
    assert "Python 3.11+ is needed (found 3.9)" in done.stdout + done.stderr
    assert not venv.exists()
    assert not marker.exists(), "the old interpreter was used for more than the version check"


def test_a_missing_python_is_named_before_anything_is_created(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    done = make("venv", "PYTHON=python3-not-installed-here", f"VENV={venv}")
    assert done.returncode != 0
    assert "Python 3.11+ is needed (found none: no python3-not-installed-here on PATH)" in done.stdout + done.stderr
    assert not venv.exists()


@pytest.mark.slow
def test_a_failed_install_leaves_no_half_built_venv(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # A real venv, then pip cannot reach any index: the install fails half-way, as it does offline.
    done = make("venv", f"PYTHON={sys.executable}", f"VENV={venv}", env={"PIP_NO_INDEX": "1"})
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"Installing dependencies into {venv}" in output
    assert "about a minute" in output
    assert f"the install failed: {venv} was removed" in output
    assert not venv.exists(), "a half-built venv would be trusted by the next make"


def test_make_help_lists_every_target_with_one_line() -> None:
    done = make("help")
    assert done.returncode == 0, done.stderr
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert phony is not None
    targets = phony.group(1).split()
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.startswith("  ")}
    for target in targets:
        assert target in lines, f"make help does not list {target}"
        assert len(lines[target].split(None, 1)) == 2, f"{target} has no description"
    assert {"run", "test", "job", "help"} <= set(lines)


def test_plain_make_shows_the_help_and_starts_nothing() -> None:
    done = make("-n")
    assert done.returncode == 0, done.stderr
    assert "chalicelib.local run" not in done.stdout
    assert "pip install" not in done.stdout
    assert "make run" in make().stdout


def test_make_job_passes_the_name_time_port_and_data_dir() -> None:
    done = make("-n", "job", "NAME=retention", "AT=+31d", "PORT=8300", "DATA_DIR=/tmp/stack-x", "VENV=.venv")
    assert done.returncode == 0, done.stderr
    command = [line.strip() for line in done.stdout.splitlines() if "run-job" in line]
    assert command == [
        ".venv/bin/python -m chalicelib.local run-job retention --at '+31d' --port 8300 --data-dir /tmp/stack-x"
    ]
    moved = make("-n", "job", "NAME=sla", "DB_PORT=9001", "DATA_DIR=/tmp/stack-x", "VENV=.venv")
    assert [" ".join(line.split()) for line in moved.stdout.splitlines() if "run-job" in line] == [
        ".venv/bin/python -m chalicelib.local run-job sla --endpoint http://127.0.0.1:9001 --data-dir /tmp/stack-x"
    ]
