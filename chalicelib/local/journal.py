"""The local stack's journal: every write the embedded server acknowledged survives ``kill -9``.

``motoserver.SerialisedApp`` serves one request at a time. While it holds that lock, the
:class:`Recorder` appends each request that changed something (DynamoDB PutItem, UpdateItem,
DeleteItem, BatchWriteItem, TransactWriteItems and PartiQL statements; S3 PUT, POST and DELETE)
to the current segment ``DATA_DIR/journal/<n>.jsonl`` as one JSON line: the request as the server
received it (its WSGI environ and body) and the stream records it produced, with their sequence
numbers. The response leaves only once that line is on disk (``fdatasync``; requests waiting at
the same moment share one: group commit). Every other request, reads included, also waits until
what it may have seen is on disk, so nothing a client saw can be lost. The stream poller appends
its progress (``{"done": <sequence number>}``) the same way, and each start writes the stream's
next sequence number first (``{"next": <n>}``).

Replay (on start, after the snapshot): each request runs again, in order, against the same state,
so it does the same thing. The stream is switched off meanwhile; the recorded records, minus those
the poller finished, are put back with their original sequence numbers (``snapshot.restore_stream``),
so no record is made twice, renumbered or lost. A last line cut short by a crash is ignored: its
request was never acknowledged.

Not journaled: reads; the Powertools idempotency table (never snapshotted either); SQS (the
webhook queue: the delivery log in the table is the truth, and the retry job queues the
deliveries still waiting again); table and bucket creation (every start does it).
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

JOURNAL_DIR = "journal"
# Compact (snapshot, then drop the journal) once the live segment is this large: replay time on
# start stays bounded (bench/results.md, "Local stack durability").
COMPACT_BYTES = 16 * 1024 * 1024

DYNAMODB_WRITES = frozenset(
    {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
    | {"ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"}  # PartiQL may write
)
S3_WRITES = frozenset({"PUT", "POST", "DELETE"})
# What a replay needs to route and run the request again; the rest of the environ is per connection.
_ENVIRON_KEYS = (
    "REQUEST_METHOD",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "CONTENT_TYPE",
    "REQUEST_URI",
    "RAW_URI",
    "SERVER_NAME",
    "SERVER_PORT",
    "SERVER_PROTOCOL",
    "wsgi.url_scheme",
)
_DROPPED_HEADERS = frozenset(
    {
        "HTTP_CONNECTION",
        "HTTP_KEEP_ALIVE",
        "HTTP_ACCEPT_ENCODING",
        "HTTP_USER_AGENT",
        "HTTP_EXPECT",
        "HTTP_CONTENT_LENGTH",
        "HTTP_TRANSFER_ENCODING",
        "HTTP_AMZ_SDK_INVOCATION_ID",
        "HTTP_AMZ_SDK_REQUEST",
    }
)
_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/[^/]+/([^/]+)/aws4_request")


class JournalClosed(Exception):
    """The stack is stopping: its final snapshot is being written, no write is accepted any more."""


class JournalDamaged(Exception):
    """A complete line of the journal does not parse (only a crash's last line may be cut short)."""


def datasync(fd: int) -> None:
    """``fdatasync`` where the system has it (Linux), else ``fsync`` (macOS)."""
    flush = getattr(os, "fdatasync", None) or os.fsync
    flush(fd)


def segment_path(directory: Path, number: int) -> Path:
    return directory / f"{number:08d}.jsonl"


def segments(directory: Path) -> list[tuple[int, Path]]:
    """The journal's segments, oldest first."""
    if not directory.is_dir():
        return []
    found = [(int(p.stem), p) for p in directory.glob("*.jsonl") if p.stem.isdigit()]
    return sorted(found)


def fsync_directory(directory: Path) -> None:
    """Make a file's creation, rename or removal in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_segment(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one segment; a last line without its newline (cut short by a crash) is skipped."""
    lines = path.read_bytes().split(b"\n")
    for number, line in enumerate(lines[:-1], 1):  # lines[-1] is b"" or the cut-short record
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise JournalDamaged(f"{path} line {number} is damaged ({exc})") from exc
        if isinstance(record, dict):
            yield record


class Journal:
    """Append-only segments with group commit: :meth:`append` returns a position, :meth:`sync` waits
    until everything up to it is on disk."""

    def __init__(self, directory: Path, segment: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.segment = segment
        self.appended = 0  # records appended since this object was made (positions)
        self.synced = 0
        self.segment_bytes = 0
        self.closed = False
        self._write_lock = threading.Lock()
        self._sync = threading.Condition()
        self._syncing = False
        self._fd = self._open(segment)

    def _open(self, segment: int) -> int:
        path = segment_path(self.directory, segment)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
        self.segment_bytes = os.fstat(fd).st_size
        fsync_directory(self.directory)
        return fd

    def append(self, record: dict[str, Any]) -> int:
        """Write one record (one line); returns its position for :meth:`sync`."""
        line = (json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
        with self._write_lock:
            if self.closed:
                raise JournalClosed()
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view) :]
            self.appended += 1
            self.segment_bytes += len(line)
            return self.appended

    def sync(self, position: int) -> None:
        """Return once every record up to ``position`` is on disk; concurrent callers share one fdatasync."""
        with self._sync:
            while self.synced < position:
                if self._syncing:
                    self._sync.wait()
                    continue
                with self._write_lock:
                    target, fd = self.appended, self._fd
                self._syncing = True
                self._sync.release()
                try:
                    datasync(fd)
                finally:
                    self._sync.acquire()
                    self._syncing = False
                    self._sync.notify_all()
                self.synced = max(self.synced, target)

    def _settle(self) -> None:
        """With ``_sync`` held: wait for a running fdatasync, then flush what is left (holds the write lock after)."""
        while self._syncing:
            self._sync.wait()
        self._write_lock.acquire()
        if not self.closed:
            datasync(self._fd)
        self.synced = self.appended
        self._sync.notify_all()

    def rotate(self) -> int:
        """Continue in a new segment (compaction); returns its number."""
        with self._sync:
            self._settle()
            try:
                os.close(self._fd)
                self.segment += 1
                self._fd = self._open(self.segment)
            finally:
                self._write_lock.release()
        return self.segment

    def close(self) -> None:
        """No more appends (the final snapshot is being written); later appends raise JournalClosed."""
        with self._sync:
            self._settle()
            try:
                if not self.closed:
                    self.closed = True
                    os.close(self._fd)
            finally:
                self._write_lock.release()


# ---- which requests are journaled, and how ------------------------------------------------------


def _service(environ: dict[str, Any]) -> str | None:
    target = str(environ.get("HTTP_X_AMZ_TARGET") or "")
    if target.startswith("DynamoDB_"):
        return "dynamodb"
    if target:
        return None  # DynamoDB Streams, SQS's JSON protocol, ...
    scope = _SCOPE.search(str(environ.get("HTTP_AUTHORIZATION") or "")) or _SCOPE.search(
        "Credential=" + unquote(str(environ.get("QUERY_STRING") or "")).partition("X-Amz-Credential=")[2]
    )
    if scope is not None:
        return scope.group(1).lower()
    # Unsigned: a browser's presigned POST upload (the signature is in the form) goes to S3.
    return "s3" if environ.get("REQUEST_METHOD") in S3_WRITES else None


def _take_body(environ: dict[str, Any]) -> bytes:
    """Read the request body and put it back for the app."""
    stream = environ.get("wsgi.input")
    length = environ.get("CONTENT_LENGTH")
    if stream is None:
        body = b""
    elif length:
        body = stream.read(int(length))
    elif environ.get("wsgi.input_terminated"):  # chunked, already decoded by the server
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _tables_of(operation: str, body: bytes) -> set[str]:
    try:
        payload = json.loads(body or b"{}")
    except ValueError:
        return set()
    if operation == "BatchWriteItem":
        return set((payload.get("RequestItems") or {}).keys())
    if operation == "TransactWriteItems":
        names = set()
        for entry in payload.get("TransactItems") or []:
            for op in entry.values():
                names.add(str(op.get("TableName")))
        return names
    return {str(payload.get("TableName"))}


def _recordable(environ: dict[str, Any]) -> dict[str, str]:
    kept = {k: str(environ[k]) for k in _ENVIRON_KEYS if k in environ}
    kept.update({k: str(v) for k, v in environ.items() if k.startswith("HTTP_") and k not in _DROPPED_HEADERS})
    return kept


def _body_field(body: bytes) -> dict[str, str]:
    try:
        return {"body": body.decode()}
    except UnicodeDecodeError:
        return {"body64": base64.b64encode(body).decode()}


def stream_record_json(record: dict[str, Any]) -> dict[str, Any]:
    """A moto stream record as plain JSON, exactly as moto's GetRecords would write it (binaries in
    base64, the creation time in epoch seconds), so a restored record is served unchanged."""
    from moto.dynamodb.models.utilities import dynamo_json_dump

    result: dict[str, Any] = json.loads(dynamo_json_dump(record))
    return result


def sequence_of(record: dict[str, Any]) -> int:
    return int(record["dynamodb"]["SequenceNumber"])


@dataclass
class Captured:
    environ: dict[str, str]
    body: bytes
    stream_start: int | None


@dataclass
class StreamHistory:
    """The stream as the data directory knows it: records not yet processed, the poller's position
    (the last sequence number it finished) and the next sequence number to hand out."""

    next_sequence: int | None = None  # None: not known yet (a data directory's first start)
    done: int = 0
    records: list[dict[str, Any]] = field(default_factory=list)

    def add(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self.records.append(record)
            self.note_next(sequence_of(record) + 1)

    def note_next(self, sequence: int) -> None:
        self.next_sequence = max(self.next_sequence or 0, sequence)

    def mark_done(self, sequence: int) -> None:
        self.done = max(self.done, sequence)

    def pending(self) -> list[dict[str, Any]]:
        return [r for r in self.records if sequence_of(r) > self.done]


class Recorder:
    """The journaling half of ``SerialisedApp``: :meth:`capture` before a request, :meth:`commit`
    after it (both inside the server's lock), :meth:`durable` once the lock is released."""

    def __init__(
        self,
        journal: Journal,
        shard_of_table: Callable[[], Any],
        skip_tables: Iterable[str] = (),
        stream_done: int = 0,
        compact_bytes: int = COMPACT_BYTES,
    ) -> None:
        self.journal = journal
        self.shard_of_table = shard_of_table
        self.skip_tables = frozenset(skip_tables)
        self.stream_done = stream_done
        self.compact_bytes = compact_bytes
        self.compaction_due = threading.Event()
        self._lock = threading.Lock()

    def capture(self, environ: dict[str, Any]) -> Captured | None:
        """A write to journal (its body read and put back), or None; raises JournalClosed when stopping."""
        service = _service(environ)
        if service == "dynamodb":
            operation = str(environ.get("HTTP_X_AMZ_TARGET", "")).partition(".")[2]
            if operation not in DYNAMODB_WRITES:
                return None
        elif service != "s3" or environ.get("REQUEST_METHOD") not in S3_WRITES:
            return None
        if self.journal.closed:
            raise JournalClosed()
        body = _take_body(environ)
        if service == "dynamodb" and not operation.endswith(("Statement", "Transaction")):
            tables = _tables_of(operation, body)
            if tables and tables <= self.skip_tables:
                return None
        shard = self.shard_of_table()
        return Captured(_recordable(environ), body, len(shard.items) if shard is not None else None)

    def commit(self, captured: Captured | None, status: int) -> int:
        """Journal a request that changed something; returns the position the response waits for."""
        if captured is None:
            return self.journal.appended
        shard = self.shard_of_table()
        produced = []
        if shard is not None and captured.stream_start is not None:
            produced = shard.items[captured.stream_start :]
        # A failed request changed nothing, unless it left stream records behind: journal those too.
        if not (200 <= status < 300 or produced):
            return self.journal.appended
        record: dict[str, Any] = {"env": captured.environ, **_body_field(captured.body)}
        if produced:
            record["stream"] = [stream_record_json(r.to_json()) for r in produced]
        with self._lock:
            position = self._append(record)
        return position

    def _append(self, record: dict[str, Any]) -> int:
        position = self.journal.append(record)
        if self.journal.segment_bytes > self.compact_bytes:
            self.compaction_due.set()
        return position

    def durable(self, position: int) -> None:
        self.journal.sync(position)

    def checkpoint(self, sequence: str) -> None:
        """The stream poller finished every record up to ``sequence``."""
        with self._lock:
            if self.journal.closed:
                return  # stopping: the records are redelivered after the restart (handlers are idempotent)
            position = self._append({"done": sequence})
            self.stream_done = max(self.stream_done, int(sequence))
        self.journal.sync(position)

    def rotate(self) -> tuple[int, int]:
        """Start a new segment for a compaction; returns (its number, the poller's position then)."""
        with self._lock:
            return self.journal.rotate(), self.stream_done

    def close(self) -> int:
        """Stop journaling for the final snapshot; returns the poller's position."""
        with self._lock:
            self.journal.close()
            return self.stream_done


# ---- replay ----------------------------------------------------------------------------------------


@dataclass
class Replayed:
    requests: int = 0
    failed: list[str] = field(default_factory=list)


def _run(app: Any, record: dict[str, Any]) -> int:
    body = base64.b64decode(record["body64"]) if "body64" in record else str(record.get("body", "")).encode()
    environ: dict[str, Any] = dict(record["env"])
    environ.update(
        {
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)),
        }
    )
    environ.setdefault("wsgi.url_scheme", "http")
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        statuses.append(status)
        return lambda data: None

    result = app(environ, start_response)
    try:
        b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return int(statuses[0].split()[0]) if statuses else 500


def _describe(record: dict[str, Any]) -> str:
    env = record.get("env", {})
    target = env.get("HTTP_X_AMZ_TARGET")
    return str(target or f"{env.get('REQUEST_METHOD')} {env.get('PATH_INFO')}")


def replay(app: Any, paths: Iterable[Path], history: StreamHistory) -> Replayed:
    """Run the journaled requests of ``paths`` again through the WSGI ``app`` (moto, without the
    recorder; the caller switches the stream off) and collect their stream records into ``history``."""
    result = Replayed()
    for path in paths:
        for record in read_segment(path):
            if "done" in record:
                history.mark_done(int(record["done"]))
                continue
            if "next" in record:
                history.note_next(int(record["next"]))
                continue
            status = _run(app, record)
            result.requests += 1
            if not 200 <= status < 300:
                result.failed.append(f"{_describe(record)} -> {status}")
            history.add(record.get("stream", []))
    return result
