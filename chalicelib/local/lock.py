"""One running stack per data directory: ``DATA_DIR/stack.lock``.

The stack holds an exclusive ``flock`` on the file for its whole life. The kernel drops the lock
when the process ends in any way (exit, crash, ``kill -9``), so a lock left behind by a dead
stack is simply free: the next start takes it over. The file's content says who holds it, as JSON
``{"pid", "api_port", "db_port", "api_url", "db_url", "started_at"}`` (ports and URLs are null
until the stack serves), for the tools that need the running stack: ``make reset`` refuses to
delete its data, other commands find its ports with :func:`running_stack`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOCK_FILE = "stack.lock"
# A reader probes the lock with a shared flock for a few microseconds; a start that meets such a
# probe tries again rather than reporting a stack that is not there.
_ACQUIRE_PATIENCE = 1.0


class DataDirInUse(Exception):
    """Another live process holds the data directory's lock."""

    def __init__(self, data_dir: Path, holder: dict[str, Any]) -> None:
        self.data_dir = data_dir
        self.holder = holder
        super().__init__(f"{data_dir} is in use by the stack with pid {holder.get('pid')}")

    def describe_holder(self) -> str:
        """``pid 123, API http://127.0.0.1:8000`` (as much as the holder wrote)."""
        parts = [f"pid {self.holder.get('pid') or '?'}"]
        if self.holder.get("api_url"):
            parts.append(f"API {self.holder['api_url']}")
        return ", ".join(parts)


def _pid_alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _read_holder(path: Path) -> dict[str, Any]:
    """The holder's JSON; the holder may be writing it, so an empty or partial read is retried."""
    for _ in range(20):
        try:
            data = json.loads(path.read_text() or "null")
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict):
            return data
        time.sleep(0.025)
    return {}


def running_stack(data_dir: Path) -> dict[str, Any] | None:
    """The lock's content when a live stack holds ``data_dir``, else ``None`` (free or stale)."""
    path = Path(data_dir) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(path)
            if not holder:  # held by a stack that is still writing who it is
                return {"pid": None}
            # A held lock means a live holder; the pid check guards against a lock inherited by a child.
            return holder if _pid_alive(holder.get("pid")) else None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


class DataDirLock:
    """The exclusive lock on ``data_dir``; :meth:`acquire` before touching anything in it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE
        self._fd: int | None = None
        self.content: dict[str, Any] = {}

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DataDirLock:
        """Take the lock (creating the directory), or raise :class:`DataDirInUse`."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + _ACQUIRE_PATIENCE
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise DataDirInUse(self.data_dir, _read_holder(self.path)) from None
            # `reset` deletes the file while holding it: lock the file that is there now, not an orphan.
            try:
                current = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                self._fd = fd
                break
            os.close(fd)
        self.update(
            pid=os.getpid(),
            api_port=None,
            db_port=None,
            api_url=None,
            db_url=None,
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        return self

    def update(self, **fields: Any) -> None:
        """Rewrite the lock's JSON with ``fields`` changed (the ports, once bound)."""
        if self._fd is None:
            raise RuntimeError("the data directory lock is not held")
        self.content.update(fields)
        data = json.dumps(self.content).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)
        os.fsync(self._fd)

    def release(self) -> None:
        """Empty the file (nobody runs here any more) and drop the lock."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
