"""``python -m chalicelib.local run|run-job|send-email|reset``: the commands behind ``make run``,
``make job``, ``make send-email`` and ``make reset``."""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from chalicelib.local.journal import COMPACT_BYTES
from chalicelib.local.lock import DataDirInUse, DataDirLock
from chalicelib.local.runner import PROJECT_DIR, LocalStack, Settings

# Closing the terminal (SIGHUP) stops the stack as Ctrl-C and SIGTERM do: cleanly, with the final save.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.local")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start the local stack")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000, help="API port (0 picks a free one)")
    run.add_argument(
        "--db-port", type=int, default=None, help="the local DynamoDB/S3 server's port (default: API port + 1)"
    )
    run.add_argument("--data-dir", type=Path, default=PROJECT_DIR / ".local")
    run.add_argument("--dynamodb-endpoint", default=None, help="use this DynamoDB-compatible endpoint instead of moto")
    run.add_argument("--no-persist", action="store_true", help="neither restore nor journal nor write the snapshot")
    run.add_argument("--ready-file", type=Path, default=None, help="write the stack's URLs here as JSON once serving")
    run.add_argument(
        "--journal-compact-bytes",
        type=int,
        default=COMPACT_BYTES,
        help="compact the journal into the snapshot once it is this large (default: %(default)s)",
    )
    send = commands.add_parser("send-email", help="drop a raw message into the running stack's inbound bucket")
    send.add_argument("file", type=Path, help="an .eml file (raw MIME)")
    send.add_argument("--endpoint", default="http://127.0.0.1:8001", help="the local S3 endpoint (API port + 1)")
    job = commands.add_parser("run-job", help="run one scheduled job now against the running stack")
    job.add_argument("name", nargs="?", help="sla, rules, retention, webhooks, tenant-jobs (or a handler's name)")
    job.add_argument("--at", default=None, help='the job\'s "now": ISO 8601 (UTC unless offset) or +90m, +3h, +31d')
    where = job.add_mutually_exclusive_group()
    where.add_argument("--port", type=int, default=8000, help="the stack's API port (its database is on PORT+1)")
    where.add_argument("--endpoint", default=None, help="the stack's database/S3 endpoint URL, instead of --port")
    job.add_argument("--dynamodb-endpoint", default=None, help="the DynamoDB endpoint the stack was started with")
    job.add_argument("--data-dir", type=Path, default=PROJECT_DIR / ".local")
    reset = commands.add_parser("reset", help="delete the local data (refused while a stack runs on it)")
    reset.add_argument("--data-dir", type=Path, default=PROJECT_DIR / ".local")
    return parser


def _run(args: argparse.Namespace) -> int:
    settings = Settings(
        host=args.host,
        port=args.port,
        db_port=args.db_port,
        data_dir=args.data_dir.resolve(),
        dynamodb_endpoint=args.dynamodb_endpoint or None,
        persist=not args.no_persist,
        compact_bytes=args.journal_compact_bytes,
    )
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)
    stack = LocalStack(settings)
    try:
        stack.start()
    except BaseException:
        stack.stop()  # releases what was started; a stack whose restore did not finish writes nothing
        raise
    try:
        print(stack.describe(), flush=True)
        for line in stack.seed_lines:
            print(line, flush=True)
        if args.ready_file:
            # Written aside, then renamed: whoever waits for the file never reads it half-written.
            partial = args.ready_file.with_name(args.ready_file.name + ".partial")
            partial.write_text(json.dumps({"api": stack.api_url, "dynamodb": stack.db_url}))
            partial.replace(args.ready_file)
        # Wake up regularly: a signal may be delivered to another thread, and Python runs its handler
        # only when the main thread gets to run bytecode (a wait without timeout may never return).
        while not stop.wait(0.5):
            pass
    finally:
        print("Stopping: no new requests; finishing those in flight, then saving local data...", flush=True)
        stack.stop()
        print("Stopped.", flush=True)
    return 0


def _reset(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir.resolve()
    if not data_dir.exists():
        print(f"No local data to remove ({data_dir}).")
        return 0
    lock = DataDirLock(data_dir)
    try:
        lock.acquire()  # held while deleting, so no stack starts on the directory meanwhile
    except DataDirInUse as exc:
        pid = exc.holder.get("pid")
        print(
            f"error: a stack ({exc.describe_holder()}) is running on {data_dir}; stop it first "
            f"(Ctrl-C in its terminal, or kill {pid or '<its pid>'}), then reset",
            file=sys.stderr,
        )
        return 1
    try:
        shutil.rmtree(data_dir)
    finally:
        lock.release()
    print(f"Local data removed ({data_dir}).")
    return 0


def _send_email(args: argparse.Namespace) -> int:
    import os
    import uuid

    import boto3

    from chalicelib.local.environment import FAKE_CREDENTIALS

    config = json.loads((PROJECT_DIR / ".chalice" / "config.json").read_text())
    bucket = config["stages"]["local"]["environment_variables"]["INBOUND_MAIL_BUCKET"]
    raw = args.file.read_bytes()
    s3 = boto3.client(
        "s3",
        endpoint_url=args.endpoint,
        region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    key = f"incoming/{uuid.uuid4().hex}.eml"
    try:
        s3.put_object(Bucket=bucket, Key=key, Body=raw)
    except Exception as exc:
        print(f"error: could not reach the local stack at {args.endpoint} ({exc}); is `make run` running?")
        return 1
    print(f"s3://{bucket}/{key} ({len(raw)} bytes): the stack takes it in within a second or two.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "send-email":
        return _send_email(args)
    if args.command == "run-job":
        from chalicelib.local.jobs import run_job

        endpoint = args.endpoint or f"http://127.0.0.1:{args.port + 1}"
        return run_job(
            args.name, args.at, endpoint, args.dynamodb_endpoint or None, args.data_dir.resolve(), PROJECT_DIR
        )
    if args.command == "reset":
        return _reset(args)
    try:
        return _run(args)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
