"""The command line the one-off per-organization migrations share (``python -m chalicelib.jobs.<name>``):
``--org`` (repeatable; default every organization), ``--endpoint``/``--data-dir`` to run against the
local stack's database, and the JSON report printed."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[[list[str] | None], dict[str, Any]]


def main(prog: str, description: str | None, run: Run, argv: list[str] | None) -> int:
    """Parse ``argv``, point at the local stack's database when asked, print ``run(orgs)`` as JSON."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--org", action="append", help="only this organization (repeatable)")
    parser.add_argument("--endpoint", help="the running local stack's database, e.g. http://127.0.0.1:8001")
    parser.add_argument("--data-dir", type=Path, default=Path(".local"), help="the local stack's data directory")
    args = parser.parse_args(argv)
    if args.endpoint:
        from chalicelib.local.environment import apply_stage, use_endpoints

        apply_stage(Path(__file__).resolve().parents[2], "local", args.data_dir)
        use_endpoints(args.endpoint)
    print(json.dumps(run(args.org), indent=2), flush=True)
    return 0
