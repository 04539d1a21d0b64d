"""A data directory belongs to one running stack: ``DATA_DIR/stack.lock`` (chalicelib/local/lock.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chalicelib.local import lock as lock_module
from chalicelib.local.lock import LOCK_FILE, DataDirInUse, DataDirLock, running_stack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock_module, "_ACQUIRE_PATIENCE", 0.1)


def test_a_second_lock_on_a_held_directory_is_refused_and_names_the_holder(tmp_path: Path) -> None:
    first = DataDirLock(tmp_path / "data").acquire()
    first.update(api_port=8000, api_url="http://127.0.0.1:8000")
    try:
        with pytest.raises(DataDirInUse) as refused:
            DataDirLock(tmp_path / "data").acquire()
        assert refused.value.holder["pid"] == os.getpid()
        assert refused.value.describe_holder() == f"pid {os.getpid()}, API http://127.0.0.1:8000"
        assert running_stack(tmp_path / "data") == first.content
    finally:
        first.release()
    assert running_stack(tmp_path / "data") is None, "a released lock is free"
    DataDirLock(tmp_path / "data").acquire().release()


def test_the_lock_of_a_killed_stack_is_stale_and_taken_over(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from chalicelib.local.lock import DataDirLock; "
            "DataDirLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
            str(data_dir),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    held = running_stack(data_dir)
    assert held is not None
    assert held["pid"] == holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert str(holder.pid) in (data_dir / LOCK_FILE).read_text(), "kill -9 left the file behind"
    assert running_stack(data_dir) is None, "a lock whose holder died is stale"
    taken = DataDirLock(data_dir).acquire()
    try:
        assert running_stack(data_dir) == taken.content
        assert taken.content["pid"] == os.getpid()
    finally:
        taken.release()


def test_a_lock_whose_file_was_deleted_by_reset_is_not_shared(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    resetting = DataDirLock(data_dir).acquire()
    (data_dir / LOCK_FILE).unlink()  # what `reset` does while it holds the lock
    starting = DataDirLock(data_dir).acquire()  # locks the new file, not the deleted one
    try:
        assert os.stat(data_dir / LOCK_FILE).st_ino == os.fstat(starting._fd or -1).st_ino
        assert running_stack(data_dir) == starting.content
        with pytest.raises(DataDirInUse):
            DataDirLock(data_dir).acquire()
    finally:
        starting.release()
        resetting.release()
