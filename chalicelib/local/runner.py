"""The local stack behind ``make run``: one process, several threads.

* moto in server mode on 127.0.0.1 (requests serialised, O(1) transactions), or any
  DynamoDB-compatible endpoint given as ``DYNAMODB_ENDPOINT`` (moto still serves S3);
* the table, created from the one definition (``chalicelib.store.table.table_spec``), the
  Powertools idempotency records' table (``chalicelib.store.idempotency``; never snapshotted) and
  the local buckets; data restored from ``DATA_DIR/snapshot.json`` and written back on shutdown;
* the seed step (the demo organization, chalicelib/local/demo.py);
* ``chalice local`` for the API, in-process;
* a scheduler for ``@app.schedule`` functions, a poller for the table stream, a poller for the
  webhook queue (moto's SQS; chalicelib/local/queues.py, with worker threads so one slow endpoint
  holds one worker) standing in for the SQS event source, and a watcher of the inbound mail bucket
  (chalicelib/local/inbox.py) standing in for SES + EventBridge.

Everything runs in this process, so stopping it (Ctrl-C, SIGTERM) leaves nothing behind.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chalicelib.local import snapshot
from chalicelib.local.environment import apply_stage, use_endpoints
from chalicelib.local.gateway import local_server
from chalicelib.local.inbox import InboxWatcher
from chalicelib.local.motoserver import LockedMotoServer
from chalicelib.local.queues import QueuePoller
from chalicelib.local.scheduler import Scheduler
from chalicelib.local.streams import StreamPoller

PROJECT_DIR = Path(__file__).resolve().parents[2]


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
    seed_lines: list[str] = field(default_factory=list)
    app: Any = None
    moto: LockedMotoServer | None = None
    scheduler: Scheduler | None = None
    poller: StreamPoller | None = None
    sender: QueuePoller | None = None
    inbox: InboxWatcher | None = None
    _server: Any = None
    _server_thread: threading.Thread | None = None

    def _client(self, service: str) -> Any:
        import boto3

        return boto3.client(service, region_name=os.environ["AWS_DEFAULT_REGION"])

    def start(self) -> LocalStack:
        s = self.settings
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        chalice_config = apply_stage(s.project_dir, s.stage, s.data_dir)

        self.moto = LockedMotoServer(s.host, s.resolved_db_port())
        self.moto.start()
        self.db_url = use_endpoints(self.moto.endpoint, s.dynamodb_endpoint)

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

        # Queued deliveries are not snapshotted: after a restart the retry job finds the waiting
        # ones on the DUE index and queues them again.
        self.webhook_queue_url = webhook_queue.create_queues(self._client("sqs"))
        if s.persist and not s.dynamodb_endpoint:
            data = snapshot.read(s.data_dir)
            if data is not None:
                with self.moto.app.lock:
                    self.restored_items = snapshot.load_table(self.table_name, data["tables"].get(self.table_name, []))
                snapshot.load_buckets(s3, data.get("buckets", {}))

        self.app = chalice_config.chalice_app
        from chalicelib.local import demo, seed  # noqa: F401  (demo registers its seeder)

        self.seed_lines = seed.run()

        self._server = local_server(self.app, chalice_config, s.host, s.port)
        port = self._server.server.server_address[1]
        self.api_url = f"http://{s.host}:{port}"
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
            )
            self.poller.start()
        self.sender = QueuePoller(
            self.app, self._client("sqs"), self.webhook_queue_url, os.environ["AWS_DEFAULT_REGION"]
        )
        self.sender.start()
        self.inbox = InboxWatcher(self.app, s3, config.inbound_mail_bucket(), os.environ["AWS_DEFAULT_REGION"])
        self.inbox.start()
        return self

    def save(self) -> Path | None:
        s = self.settings
        if not s.persist or s.dynamodb_endpoint or self.moto is None:
            return None
        with self.moto.app.lock:
            items = snapshot.dump_table(self.table_name)
        return snapshot.write_payload(
            s.data_dir, self.table_name, items, snapshot.dump_buckets(self._client("s3"), self.buckets)
        )

    def stop(self) -> None:
        # The background workers stop side by side: each may be finishing a batch or a job, and
        # waiting for them one after another could add their waits up.
        workers = [w for w in (self.inbox, self.poller, self.sender, self.scheduler) if w is not None]
        stoppers = [threading.Thread(target=w.stop, name=f"stop-{type(w).__name__}") for w in workers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        if self._server is not None:
            self._server.server.shutdown()
            self._server.server.server_close()
        if self._server_thread is not None:
            self._server_thread.join(timeout=10)
        try:
            self.save()
        finally:
            if self.moto is not None:
                self.moto.stop()

    def describe(self) -> str:
        s = self.settings
        source = "external endpoint" if s.dynamodb_endpoint else "embedded moto"
        db = f"{self.db_url} (table {self.table_name}, {source})"
        schedules = ", ".join(f"{j.name} {j.expression}" for j in self.scheduler.jobs) if self.scheduler else ""
        handlers = ", ".join(self.poller.handlers) if self.poller else "none (endpoint has no stream)"
        data = (
            "not persisted"
            if (not s.persist or s.dynamodb_endpoint)
            else f"{s.data_dir} ({self.restored_items} items restored)"
        )
        return "\n".join(
            [
                "Deskless local stack",
                f"  API        {self.api_url}   (try: curl {self.api_url}/health)",
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
