"""The local stack behind ``make run``: one process, several threads.

* moto in server mode on 127.0.0.1 (requests serialised, O(1) transactions), or any
  DynamoDB-compatible endpoint given as ``DYNAMODB_ENDPOINT`` (moto still serves S3);
* the table, created from the one definition (``chalicelib.store.table.table_spec``), the
  Powertools idempotency records' table (``chalicelib.store.idempotency``; never snapshotted) and
  the local buckets; data restored from ``DATA_DIR/snapshot.json`` and the journal of every write
  since (chalicelib/local/journal.py), so whatever was acknowledged survives even ``kill -9``;
* the seed step (the demo organization, chalicelib/local/demo.py);
* ``chalice local`` for the API, in-process;
* a scheduler for ``@app.schedule`` functions, a poller for the table stream, a poller for the
  webhook queue (moto's SQS; chalicelib/local/queues.py, with worker threads so one slow endpoint
  holds one worker) standing in for the SQS event source, and a watcher of the inbound mail bucket
  (chalicelib/local/inbox.py) standing in for SES + EventBridge.

The data directory belongs to one running stack (``DATA_DIR/stack.lock``, chalicelib/local/lock.py).
Everything runs in this process, so stopping it (Ctrl-C, SIGTERM, SIGHUP) leaves nothing behind:
the API stops taking requests and finishes those in flight, the workers stop, then the final
snapshot is written. A start that fails (a port in use, a damaged journal) writes nothing.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chalicelib.local import journal, snapshot
from chalicelib.local.environment import apply_stage, use_endpoints
from chalicelib.local.gateway import local_server
from chalicelib.local.inbox import InboxWatcher
from chalicelib.local.lock import DataDirInUse, DataDirLock, running_stack
from chalicelib.local.motoserver import LockedMotoServer
from chalicelib.local.queues import QueuePoller
from chalicelib.local.scheduler import Scheduler
from chalicelib.local.streams import StreamPoller
from chalicelib.local.webapp import origin_of
from chalicelib.observability import logger

PROJECT_DIR = Path(__file__).resolve().parents[2]
# How long a stop waits for the API requests in flight before saving anyway.
IN_FLIGHT_GRACE_SECONDS = 30


class StartupError(RuntimeError):
    """The stack cannot start; the message is one line saying why and what to do. Nothing was written."""


def data_dir_in_use(data_dir: Path, holder: dict[str, Any]) -> StartupError:
    who = DataDirInUse(data_dir, holder).describe_holder()
    return StartupError(
        f"{data_dir} is in use by the running stack ({who}); stop it first (Ctrl-C in its terminal), "
        f"or give this one its own data and ports: make run PORT=8100 DATA_DIR=/tmp/stack2"
    )


def _other_port(port: int) -> int:
    return port + 100 if port else 8100


def port_in_use(role: str, host: str, port: int, settings: Settings, error: BaseException) -> StartupError:
    """The one line for a port that cannot be bound: which role, which port, the way out."""
    busy = isinstance(error, OSError) and error.errno == errno.EADDRINUSE
    what = "is in use by another program (another stack?)" if busy else f"cannot be used ({error})"
    if role == "api":
        return StartupError(
            f"port {port} (API) on {host} {what}; start on other ports: make run PORT={_other_port(port)} "
            f"(the local DynamoDB/S3 server takes PORT+1)"
        )
    default = settings.db_port is None
    return StartupError(
        f"port {port} (local DynamoDB/S3 server{', PORT+1' if default else ''}) on {host} {what}; "
        f"start on other ports: make run PORT={_other_port(settings.port)}, or move only this one: "
        f"make run DB_PORT=<a free port>"
    )


def check_ports(settings: Settings) -> None:
    """Refuse, before anything is written, to start on a port another program holds."""
    ports = [("api", settings.port), ("db", settings.resolved_db_port())]
    if settings.port and settings.port == settings.resolved_db_port():
        raise StartupError(
            f"the API and the local DynamoDB/S3 server cannot share port {settings.port}; "
            f"make run PORT={settings.port} DB_PORT={settings.port + 1}"
        )
    for role, port in ports:
        if not port:
            continue
        try:
            socket.create_server((settings.host, port)).close()
        except OSError as exc:
            raise port_in_use(role, settings.host, port, settings, exc) from None


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    db_port: int | None = None
    data_dir: Path = PROJECT_DIR / ".local"
    dynamodb_endpoint: str | None = None
    stage: str = "local"
    persist: bool = True
    project_dir: Path = PROJECT_DIR
    # The web app's build, served under /app/ (chalicelib/local/webapp.py); None: <project_dir>/web/dist.
    web_root: Path | None = None
    # The journal is compacted into the snapshot once its live segment is this large.
    compact_bytes: int = journal.COMPACT_BYTES

    def resolved_db_port(self) -> int:
        if self.db_port is not None:
            return self.db_port
        return self.port + 1 if self.port else 0


@dataclass
class LocalStack:
    settings: Settings
    api_url: str = ""
    db_url: str = ""
    table_name: str = ""
    idempotency_table: str = ""
    stream_arn: str | None = None
    webhook_queue_url: str = ""
    buckets: list[str] = field(default_factory=list)
    restored_items: int = 0
    replayed_writes: int = 0
    replay_failures: list[str] = field(default_factory=list)
    pending_stream_records: int = 0
    seed_lines: list[str] = field(default_factory=list)
    app: Any = None
    moto: LockedMotoServer | None = None
    scheduler: Scheduler | None = None
    poller: StreamPoller | None = None
    sender: QueuePoller | None = None
    inbox: InboxWatcher | None = None
    lock: DataDirLock | None = None
    recorder: journal.Recorder | None = None
    # Only a stack whose restore finished may write a snapshot: a half-restored one would overwrite good data.
    restored: bool = False
    _server: Any = None
    _server_thread: threading.Thread | None = None
    _compactor: threading.Thread | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)
    _compacting: threading.Lock = field(default_factory=threading.Lock)

    @property
    def persisting(self) -> bool:
        """Data kept in the data directory (not with --no-persist, nor on an external endpoint)."""
        return self.settings.persist and not self.settings.dynamodb_endpoint

    @property
    def journal_dir(self) -> Path:
        return self.settings.data_dir / journal.JOURNAL_DIR

    def _client(self, service: str) -> Any:
        import boto3

        return boto3.client(service, region_name=os.environ["AWS_DEFAULT_REGION"])

    def start(self) -> LocalStack:
        """Start everything; raises StartupError (nothing written) when it cannot. Call stop() either way."""
        s = self.settings
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        # Refusals come before anything is written: a running stack on this directory, a busy port.
        holder = running_stack(s.data_dir)
        if holder is not None:
            raise data_dir_in_use(s.data_dir, holder)
        check_ports(s)
        self.lock = DataDirLock(s.data_dir)
        try:
            self.lock.acquire()
        except DataDirInUse as exc:
            self.lock = None
            raise data_dir_in_use(s.data_dir, exc.holder) from None

        chalice_config = apply_stage(s.project_dir, s.stage, s.data_dir)

        self.moto = LockedMotoServer(s.host, s.resolved_db_port())
        try:
            self.moto.start()
        except RuntimeError as exc:
            raise port_in_use("db", s.host, s.resolved_db_port(), s, exc.__cause__ or exc) from None
        self.db_url = use_endpoints(self.moto.endpoint, s.dynamodb_endpoint)

        # Bind the API's port now, before the restore: if it is taken, nothing has been read or written.
        self.app = chalice_config.chalice_app
        try:
            web_root = s.web_root if s.web_root is not None else s.project_dir / "web" / "dist"
            # The browser posts attachment uploads straight to the local S3 endpoint (moto, CORS open).
            uploads = (origin_of(self.moto.endpoint),)
            self._server = local_server(self.app, chalice_config, s.host, s.port, web_root, uploads)
        except OSError as exc:
            raise port_in_use("api", s.host, s.port, s, exc) from None

        from chalicelib import config
        from chalicelib.store.idempotency import create_idempotency_table
        from chalicelib.store.table import create_table

        self.table_name = config.table_name()
        self.stream_arn = create_table(self._client("dynamodb"))
        # Powertools idempotency records (not snapshotted: they expire within a day, and a stale
        # "in progress" record restored after a crash would only hold a delivery up).
        self.idempotency_table = create_idempotency_table(self._client("dynamodb"))
        s3 = self._client("s3")
        self.buckets = [config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()]
        for bucket in self.buckets:
            s3.create_bucket(Bucket=bucket)
        from chalicelib.channels import webhook_queue

        # Queued deliveries are neither snapshotted nor journaled: after a restart the retry job
        # finds the waiting ones on the DUE index and queues them again.
        self.webhook_queue_url = webhook_queue.create_queues(self._client("sqs"))
        if self.persisting:
            self._restore()
        else:
            self.restored = True

        from chalicelib.local import demo, seed  # noqa: F401  (demo registers its seeder)

        self.seed_lines = seed.run()

        port = self._server.server.server_address[1]
        self.api_url = f"http://{s.host}:{port}"
        # Links in the mail this stack sends (invitations, resets...) open its own web app.
        os.environ.setdefault("PUBLIC_URL", f"http://localhost:{port}")
        # Live updates: the WebSocket API and its management API are served on the API's origin.
        os.environ.setdefault("LIVE_ENDPOINT", self.api_url)
        os.environ.setdefault("LIVE_URL", "/live")  # relative: the web app opens it on its own origin
        self._server_thread = threading.Thread(target=self._server.server.serve_forever, name="api", daemon=True)
        self._server_thread.start()

        self.scheduler = Scheduler(self.app, os.environ["AWS_DEFAULT_REGION"])
        self.scheduler.start()
        if self.stream_arn:
            self.poller = StreamPoller(
                self.app,
                self._client("dynamodbstreams"),
                self.stream_arn,
                self.table_name,
                os.environ["AWS_DEFAULT_REGION"],
                on_processed=self.recorder.checkpoint if self.recorder is not None else None,
            )
            self.poller.start()
        self.sender = QueuePoller(
            self.app, self._client("sqs"), self.webhook_queue_url, os.environ["AWS_DEFAULT_REGION"]
        )
        self.sender.start()
        self.inbox = InboxWatcher(self.app, s3, config.inbound_mail_bucket(), os.environ["AWS_DEFAULT_REGION"])
        self.inbox.start()
        if self.recorder is not None:
            self._compactor = threading.Thread(target=self._compact_when_due, name="compactor", daemon=True)
            self._compactor.start()
        self.lock.update(
            api_port=port, db_port=self.moto.get_host_and_port()[1], api_url=self.api_url, db_url=self.db_url
        )
        return self

    def _restore(self) -> None:
        """Snapshot, then the journal's writes since, then the stream records not yet processed;
        then journal every new write."""
        assert self.moto is not None
        s = self.settings
        try:
            data = snapshot.read(s.data_dir) or {}
            first_segment = int(data.get("journal_segment", 0))
            found = journal.segments(self.journal_dir)
            kept = data.get("stream")
            history = journal.StreamHistory(
                next_sequence=int(kept["next_sequence"]) if kept else None,
                done=int(kept["done"]) if kept else 0,
                records=list(kept["pending"]) if kept else [],
            )
            with self.moto.app.lock:
                items = data.get("tables", {}).get(self.table_name, [])
                self.restored_items = snapshot.load_table(self.table_name, items)
                snapshot.load_buckets(data.get("buckets", {}))
                with snapshot.stream_off(self.table_name):
                    replayed = journal.replay(
                        self.moto.app.app, [path for number, path in found if number >= first_segment], history
                    )
                next_sequence = history.next_sequence or snapshot.fresh_stream_start()
                self.pending_stream_records = snapshot.restore_stream(self.table_name, history.pending(), next_sequence)
        except (OSError, ValueError, KeyError, RuntimeError, journal.JournalDamaged) as exc:
            raise StartupError(
                f"could not restore {s.data_dir}: {exc}. Nothing was written; to start afresh, "
                f"move it aside: mv {s.data_dir} {s.data_dir}.damaged"
            ) from None
        self.restored = True
        self.replayed_writes = replayed.requests
        self.replay_failures = replayed.failed
        for failure in replayed.failed:
            logger.warning("a journaled write did not replay cleanly", extra={"write": failure})

        segment = max((number for number, _ in found), default=max(first_segment, 1) - 1) + 1
        self.recorder = journal.Recorder(
            journal.Journal(self.journal_dir, segment),
            self._stream_shard,
            skip_tables=[self.idempotency_table],
            stream_done=history.done,
            compact_bytes=s.compact_bytes,
        )
        # The stream's next number, for a restart that finds this segment but no snapshot of the stream.
        self.recorder.journal.append({"next": snapshot.stream_position(self.table_name)[1]})
        self.moto.app.recorder = self.recorder
        if found:
            self.compact()  # what was replayed becomes the snapshot; the next start replays nothing twice

    def _stream_shard(self) -> Any:
        _, table = snapshot.find_table(self.table_name)
        return table.stream_shard

    def compact(self, final: bool = False) -> Path | None:
        """Write the snapshot and drop the journal it covers. ``final``: journal no more writes
        (they are refused from then on) and drop the whole journal."""
        if not (self.persisting and self.restored and self.recorder is not None and self.moto is not None):
            return None
        with self._compacting:
            with self.moto.app.lock:
                if final:
                    done = self.recorder.close()
                    segment = self.recorder.journal.segment + 1
                else:
                    segment, done = self.recorder.rotate()
                stream = {
                    "next_sequence": snapshot.stream_position(self.table_name)[1],
                    "done": done,
                    "pending": snapshot.stream_records_after(self.table_name, done),
                }
                data = snapshot.encode(
                    self.table_name,
                    snapshot.dump_table(self.table_name),
                    snapshot.dump_buckets(self.buckets),
                    stream,
                    segment,
                )
            path = snapshot.write(self.settings.data_dir, data)
            for number, old in journal.segments(self.journal_dir):
                if number < segment:
                    old.unlink()
            journal.fsync_directory(self.journal_dir)
            return path

    def _compact_when_due(self) -> None:
        assert self.recorder is not None
        while not self._stopping.is_set():
            if not self.recorder.compaction_due.wait(1.0) or self._stopping.is_set():
                continue
            self.recorder.compaction_due.clear()
            try:
                self.compact()
            except Exception:
                logger.exception("compaction failed; the journal still holds every write")

    def stop(self) -> None:
        """Stop taking requests, let those in flight finish, stop the workers, then the final save."""
        self._stopping.set()
        if self._server is not None:
            live_hub = getattr(self._server.server, "live_hub", None)
            if live_hub is not None:
                live_hub.close_all()  # WebSocket clients see a close (1001) and reconnect to the next stack
            if not self._server.server.gate.close(IN_FLIGHT_GRACE_SECONDS):
                logger.warning("API requests still running after the grace period; saving anyway")
            if self._server_thread is not None:
                self._server.server.shutdown()
                self._server_thread.join(timeout=10)
            self._server.server.server_close()
        # The background workers stop side by side: each may be finishing a batch or a job, and
        # waiting for them one after another could add their waits up.
        workers = [w for w in (self.inbox, self.poller, self.sender, self.scheduler) if w is not None]
        stoppers = [threading.Thread(target=w.stop, name=f"stop-{type(w).__name__}") for w in workers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        if self._compactor is not None:
            self._compactor.join(timeout=30)
        try:
            self.compact(final=True)
        finally:
            if self.moto is not None:
                self.moto.stop()
            if self.lock is not None:
                self.lock.release()

    def web_app_line(self) -> str:
        """Where the web app is, or why it is not served (not built)."""
        s = self.settings
        root = s.web_root if s.web_root is not None else s.project_dir / "web" / "dist"
        if (root / "index.html").is_file():
            return f"{self.api_url}/app/"
        return f"not built ({root} is empty): make run builds it when Node.js 20.19+ is installed (README.md)"

    def describe(self) -> str:
        s = self.settings
        source = "external endpoint" if s.dynamodb_endpoint else "embedded moto"
        db = f"{self.db_url} (table {self.table_name}, {source})"
        schedules = ", ".join(f"{j.name} {j.expression}" for j in self.scheduler.jobs) if self.scheduler else ""
        handlers = ", ".join(self.poller.handlers) if self.poller else "none (endpoint has no stream)"
        if self.persisting:
            data = (
                f"{s.data_dir} ({self.restored_items} items restored, {self.replayed_writes} journaled writes "
                f"replayed, {self.pending_stream_records} stream records pending; every write is journaled)"
            )
            if self.replay_failures:
                data += f"; {len(self.replay_failures)} writes did not replay cleanly (see the log)"
        else:
            data = "not persisted"
        return "\n".join(
            [
                "Deskless local stack",
                f"  API        {self.api_url}   (try: curl {self.api_url}/health)",
                f"  Web app    {self.web_app_line()}",
                f"  DynamoDB   {db}",
                f"  S3         {self.moto.endpoint if self.moto else ''}  buckets: {', '.join(self.buckets)}",
                f"  Data       {data}",
                f"  Schedules  {schedules or 'none'}",
                f"  Stream     {handlers}",
                f"  Webhooks   {self.sender.queue_name if self.sender else ''} -> "
                f"{', '.join(self.sender.handlers) if self.sender else 'none'} "
                f"({self.sender.workers if self.sender else 0} workers)",
                f"  Outbox     {os.environ.get('OUTBOX_DIR', '')}  (email .eml, sms.txt, push.json)",
                f"  Inbox      s3://{self.inbox.bucket if self.inbox else ''}/incoming/ -> "
                f"{', '.join(self.inbox.handlers) if self.inbox else 'none'}   (make send-email FILE=message.eml)",
                "Ctrl-C stops everything.",
            ]
        )
