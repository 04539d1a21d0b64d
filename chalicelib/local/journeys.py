"""Run the web app's browser journeys (``web/e2e/*.mjs``) against fresh local stacks:
``python -m chalicelib.local.journeys [--screenshots DIR] [NAME ...]`` (``make screenshots``).

Every journey gets its own stack (``python -m chalicelib.local run`` on free ports, memory only, the
demo organization seeded), then :func:`seed` adds what makes the screens look real (a full inbox of
tickets with requesters, assignees, tags, statuses and replies; a second organization; a pending
invitation) and hands the journey the facts as environment variables, so no journey depends on what
another one changed. The convention a journey follows:

* It is ``web/e2e/<name>.mjs`` (``lib.mjs`` is the shared library, not a journey), runs with
  ``web/`` as its working directory, reads its input with ``env("DESKLESS_...")`` from lib.mjs and
  prints one JSON line ``{"ok": ...}`` last (lib.mjs ``main`` does), exit status 0 on success.
* Its input is the variables of :data:`FACTS` below (every journey gets all of them), plus
  ``DESKLESS_FACTS``: the same facts as one JSON object, with the seeded tickets as a list.
  A journey that needs a new fact adds it to :func:`seed` and to :data:`FACTS`.
* ``run.audit(page, "<screen>")`` on every main screen: with ``--screenshots DIR``
  (``DESKLESS_SCREENSHOTS``) that writes ``DIR/<screen>.png``, the window (1280x800; a phone journey its own).

A pytest test runs one journey with :func:`run_journey` and asserts on the JSON it returns.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from chalicelib.local.pngs import recompress

PROJECT_DIR = Path(__file__).resolve().parents[2]
WEB = PROJECT_DIR / "web"
E2E = WEB / "e2e"
NOT_JOURNEYS = {"lib"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
JOURNEY_TIMEOUT_S = 600
INVITEE_PASSWORD = "a long password for the invitee"  # noqa: S105 (a throwaway local account)
OTHER_ORG = "northwind"
OTHER_PASSWORD = "northwind-local-2026"  # noqa: S105 (a throwaway local organization)

# Every fact a journey can read (environment variable: what it holds).
FACTS = {
    "DESKLESS_URL": "the stack's origin (API and /app/), e.g. http://127.0.0.1:41234",
    "DESKLESS_ORG": "the demo organization's slug",
    "DESKLESS_DOMAIN": "the demo organization's mail domain",
    "DESKLESS_PASSWORD": "the password of every demo user",
    "DESKLESS_ADMIN_EMAIL": "the demo admin",
    "DESKLESS_MANAGER_EMAIL": "a manager",
    "DESKLESS_AGENT_EMAIL": "an agent with assigned tickets",
    "DESKLESS_CUSTOMER_EMAIL": "a customer with tickets (Acme Corp)",
    "DESKLESS_TICKET_SUBJECT": "a ticket on the first page of the admin's inbox",
    "DESKLESS_TICKET_NUMBER": "that ticket's number",
    "DESKLESS_TICKET_COUNT": "how many tickets the demo organization holds",
    "DESKLESS_INVITE_URL": "a pending invitation's link from the outbox (an agent; token in the fragment)",
    "DESKLESS_INVITEE_EMAIL": "the invited address",
    "DESKLESS_INVITEE_PASSWORD": "a password to set when accepting",
    "DESKLESS_OUTBOX": "the directory where the stack writes every mail (.eml) it sends",
    "DESKLESS_OTHER_ORG": "a second organization's slug (isolation checks)",
    "DESKLESS_OTHER_ADMIN_EMAIL": "its admin",
    "DESKLESS_OTHER_PASSWORD": "its admin's password",
    "DESKLESS_OTHER_TICKET_SUBJECT": "a ticket only the second organization may see",
    "DESKLESS_OTHER_CATEGORY": "a knowledge base category only the second organization's help centre has",
    "DESKLESS_OTHER_ARTICLE": "the title of a published article only the second organization's help centre has",
    "DESKLESS_ADMIN_TOKEN": "a session of the demo admin (for a journey that changes things through the API meanwhile)",
    "DESKLESS_AGENT_NAME": "the agent's first and last name, as the assignee list shows it",
    "DESKLESS_SEARCH_WORD": "a word only one reply holds, on a ticket assigned to the agent (already searchable)",
    "DESKLESS_SEARCH_TICKET_NUMBER": "that ticket's number",
    "DESKLESS_SEARCH_TICKET_SUBJECT": "that ticket's subject",
    "DESKLESS_SEARCH_QUERY": "words and a tag: filter finding exactly the tickets the tag alone holds (searchable)",
}
# What the search journey looks for in the seeded tickets below.
SEARCH_WORD = "firmware"
SEARCH_SUBJECT = "Wi-Fi drops every afternoon in building C"
SEARCH_TAG = "plumbing"
SEARCH_QUERY = f"umbrella tag:{SEARCH_TAG}"  # both plumbing tickets are Umbrella Ltd's
# The local stack's stream poller indexes a change for search a moment after it is written.
INDEXED_WITHIN_S = 60.0

# A help desk's ordinary week, one ticket a line:
# subject | requester | company | priority | status | tags | assignee (demo user) | the team's reply
TICKETS = """
Boiler in unit 4B makes a banging noise | Priya Shah | Acme Corp | high | open | heating | agent | -
Request: extra key cards for new starters | Tom Becker | Globex | low | new | access | - | -
Air conditioning not cooling in meeting room 2 | Lena Fischer | Initech | normal | open | hvac | agent2 | A technician is booked for Thursday morning.
Invoice INV-2291 charged twice | Marco Rossi | Acme Corp | urgent | open | billing refund | agent | We have started the refund; you will see it in 3-5 working days.
Water leak under the kitchen sink | Aisha Khan | Umbrella Ltd | urgent | new | plumbing | - | -
How do I change the contact email on our account? | Jon Olsen | Globex | low | pending | account | agent2 | You can change it under Settings > Company; shall we do it for you?
Lift stuck on the 3rd floor | Chen Wei | Initech | urgent | open | elevator safety | agent | Engineer dispatched, arriving within the hour.
Printer on the 2nd floor shows error E-52 | Sofia Garcia | Acme Corp | normal | on_hold | hardware | agent2 | Waiting for the replacement fuser from the vendor.
Quote for replacing the office carpet | David Miller | Umbrella Ltd | low | new | quote | - | -
Fire alarm test scheduled: please confirm the date | Emma Wilson | Globex | normal | pending | safety | agent | Would Tuesday 10:00 work for you?
Car park barrier does not open with the badge | Lukas Weber | Initech | high | new | access | - | -
Flickering lights in the reception area | Yuki Tanaka | Acme Corp | normal | solved | electrical | agent2 | We replaced the ballast; please tell us if it happens again.
Broken window latch in office 12 | Olivia Brown | Globex | normal | open | repairs | agent | -
Wi-Fi drops every afternoon in building C | Noah Martin | Umbrella Ltd | high | open | network | agent | We see the access point rebooting at 14:00; firmware update planned tonight.
Update our billing address | Mia Johnson | Initech | low | solved | billing | agent2 | Done: the next invoice goes to the new address.
Door to the server room does not close | Ethan Clark | Acme Corp | high | new | security | - | -
Coffee machine leaking on the 4th floor | Ava Lewis | Globex | low | open | facilities | agent2 | -
Need a certificate of insurance for the landlord | Lucas Walker | Initech | normal | pending | documents | agent | Could you send us the landlord's exact legal name?
Blocked drain in the ground floor toilets | Isabella Hall | Umbrella Ltd | high | open | plumbing | agent | -
Cancel the weekend cleaning from next month | Mason Young | Acme Corp | low | new | contract | - | -
Heating schedule: start at 7 instead of 8 | Harper King | Globex | normal | solved | heating | agent | Changed from Monday on.
Emergency lighting failed its monthly test | Elijah Scott | Initech | urgent | open | safety | agent2 | Batteries ordered; a technician fits them tomorrow.
Parking permit for a visitor next week | Amelia Green | Umbrella Ltd | low | new | access | - | -
"""  # noqa: E501 (a table reads best one row a line)


class JourneyFailed(RuntimeError):
    """A journey (or the stack or seeding it needed) failed; the message holds its output."""


def journeys() -> list[str]:
    """The journeys in web/e2e, by name, in a stable order."""
    return sorted(p.stem for p in E2E.glob("*.mjs") if p.stem not in NOT_JOURNEYS)


@contextmanager
def local_stack(work_dir: Path) -> Iterator[dict[str, str]]:
    """A fresh local stack (free ports, memory only, demo organization) for the ``with`` block:
    yields ``{"api": origin, "dynamodb": url, "outbox": directory}``."""
    work_dir.mkdir(parents=True, exist_ok=True)
    ready = work_dir / "ready.json"
    ready.unlink(missing_ok=True)
    outbox = work_dir / "outbox"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL") and k != "TABLE_NAME"}
    # A journey clicks faster than any person: the rate limits have their own tests.
    env.update({"OUTBOX_DIR": str(outbox), "RATE_LIMITS": "free=1000000,address=1000000"})
    log = work_dir / "stack.log"
    command = [sys.executable, "-m", "chalicelib.local", "run", "--port", "0", "--db-port", "0"]
    command += ["--data-dir", str(work_dir / "data"), "--no-persist", "--ready-file", str(ready)]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise JourneyFailed(f"the local stack did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        urls: dict[str, str] = json.loads(ready.read_text())
        yield {**urls, "outbox": str(outbox)}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def call(
    api: str, method: str, path: str, token: str | None = None, body: Any = None, if_match: int | None = None
) -> Any:
    """One JSON request to the stack; the answer's body (None for 204). Raises JourneyFailed on an error."""
    headers = {"Content-Type": "application/json"}
    if if_match is not None:
        headers["If-Match"] = f'"{if_match}"'
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(api + path, data=data, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (the local stack's origin)
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise JourneyFailed(f"{method} {path}: {exc.code} {exc.read()[:500]!r}") from exc
    return json.loads(raw) if raw else None


def login(api: str, organization: str, address: str, password: str) -> str:
    """A session token for the user."""
    body = {"organization": organization, "email": address, "password": password}
    token: str = call(api, "POST", "/auth/login", body=body)["token"]
    return token


def wait_until_found(api: str, token: str, q: str, number: str) -> None:
    """Poll the ticket search until it finds ticket ``number`` for ``q``: the index is written
    asynchronously from the table's stream (bounded by :data:`INDEXED_WITHIN_S`)."""
    deadline = time.monotonic() + INDEXED_WITHIN_S
    path = "/search/tickets?" + urllib.parse.urlencode({"q": q})
    while number not in [hit["ticket"]["ticket_number"] for hit in call(api, "GET", path, token)["items"]]:
        if time.monotonic() > deadline:
            raise JourneyFailed(f"the search for {q!r} did not find {number} within {INDEXED_WITHIN_S} s")
        time.sleep(0.5)


def mailed_link(outbox: Path, address: str, pattern: str) -> str:
    """The first link matching ``pattern`` in a mail the stack sent to ``address``."""
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if isinstance(message, EmailMessage) and address in str(message["To"]):
            found = re.search(pattern, message.get_content())
            if found:
                return found.group(0)
    raise JourneyFailed(f"no mail to {address} with a link like {pattern} in {outbox}")


def seed(stack: dict[str, str], journey: str) -> dict[str, str]:
    """Fill the demo organization so its screens look used, add a second organization and an
    invitation for ``journey``; return the facts (:data:`FACTS`) as environment variables."""
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG

    api = stack["api"]
    admin = login(api, SLUG, f"admin@{DOMAIN}", PASSWORD)
    people = call(api, "GET", "/users?limit=100", admin)["items"]
    users = {u["email"]: u["id"] for u in people}
    agent_name = next(f"{u['first_name']} {u['last_name']}" for u in people if u["email"] == f"agent@{DOMAIN}")
    # A field customers fill in on the portal's "new request" form.
    organization = call(api, "GET", "/organization", admin)
    fields = [{"name": "order_number", "type": "text", "required": False, "customer_visible": True}]
    settings = {"settings": {"custom_fields": fields}}
    call(api, "PATCH", "/organization", admin, settings, if_match=organization["version"])
    agents = {"agent": users[f"agent@{DOMAIN}"], "agent2": users[f"agent2@{DOMAIN}"]}
    numbers: dict[str, str] = {}  # subject -> ticket number
    tagged: list[str] = []  # the numbers of the tickets tagged SEARCH_TAG
    for line in TICKETS.strip().splitlines():
        subject, requester, company, priority, status, tags, assignee, reply = (f.strip() for f in line.split("|"))
        first, last = requester.split(" ", 1)
        ticket = {
            "subject": subject,
            "description": f"{subject}. Reported by {requester} ({company}).",
            "priority": priority,
            "tags": tags.split(),
            "customer_email": f"{first}.{last}@{company.split()[0]}.example.com".lower(),
            "customer_name": requester,
        }
        if assignee != "-":
            ticket["assigned_agent_id"] = agents[assignee]
        number = call(api, "POST", "/tickets", admin, ticket)["ticket_number"]
        numbers[subject] = number
        if SEARCH_TAG in ticket["tags"]:
            tagged.append(number)
        if reply != "-":
            call(api, "POST", f"/tickets/{number}/comments", admin, {"content": reply})
        if status != "new":
            call(api, "PATCH", f"/tickets/{number}", admin, {"status": status})
    inbox = call(api, "GET", "/tickets?limit=100", admin)["items"]
    # What the search journey looks for is searchable before it starts.
    wait_until_found(api, admin, SEARCH_WORD, numbers[SEARCH_SUBJECT])
    for number in tagged:
        wait_until_found(api, admin, SEARCH_QUERY, number)
    invitee = f"{journey}.invitee@{DOMAIN}".lower()
    call(api, "POST", "/invitations", admin, {"email": invitee, "role": "agent", "first_name": "Robin"})
    invite = mailed_link(Path(stack["outbox"]), invitee, r"https?://\S+/app/accept-invitation#token=dl_\S+")
    other_admin = f"admin@{OTHER_ORG}.example.com"
    signup = {
        "name": "Northwind Facilities",
        "slug": OTHER_ORG,
        "admin_email": other_admin,
        "admin_password": OTHER_PASSWORD,
        "admin_first_name": "Nora",
        "admin_last_name": "North",
    }
    other = call(api, "POST", "/organizations", body=signup)["token"]
    other_subject = "Northwind only: gate code for the loading dock"
    call(api, "POST", "/tickets", other, {"subject": other_subject, "customer_email": "dock@northwind.example.com"})
    other_article = "Northwind loading dock opening hours"
    other_category = "Loading dock"
    category = call(api, "POST", "/kb/categories", other, {"name": other_category})
    article = {"category_id": category["id"], "title": other_article, "content": "6:00-18:00.", "status": "published"}
    call(api, "POST", "/kb/articles", other, article)
    facts: dict[str, Any] = {
        "DESKLESS_URL": api,
        "DESKLESS_ORG": SLUG,
        "DESKLESS_DOMAIN": DOMAIN,
        "DESKLESS_PASSWORD": PASSWORD,
        "DESKLESS_ADMIN_EMAIL": f"admin@{DOMAIN}",
        "DESKLESS_MANAGER_EMAIL": f"manager@{DOMAIN}",
        "DESKLESS_AGENT_EMAIL": f"agent@{DOMAIN}",
        "DESKLESS_CUSTOMER_EMAIL": f"customer@{DOMAIN}",
        "DESKLESS_TICKET_SUBJECT": inbox[0]["subject"],
        "DESKLESS_TICKET_NUMBER": inbox[0]["ticket_number"],
        "DESKLESS_TICKET_COUNT": str(len(inbox)),
        # The mail points at this stack's origin: the link is used as sent.
        "DESKLESS_INVITE_URL": invite,
        "DESKLESS_INVITEE_EMAIL": invitee,
        "DESKLESS_INVITEE_PASSWORD": INVITEE_PASSWORD,
        "DESKLESS_OUTBOX": stack["outbox"],
        "DESKLESS_OTHER_ORG": OTHER_ORG,
        "DESKLESS_OTHER_ADMIN_EMAIL": other_admin,
        "DESKLESS_OTHER_PASSWORD": OTHER_PASSWORD,
        "DESKLESS_OTHER_TICKET_SUBJECT": other_subject,
        "DESKLESS_OTHER_CATEGORY": other_category,
        "DESKLESS_OTHER_ARTICLE": other_article,
        "DESKLESS_ADMIN_TOKEN": admin,
        "DESKLESS_AGENT_NAME": agent_name,
        "DESKLESS_SEARCH_WORD": SEARCH_WORD,
        "DESKLESS_SEARCH_TICKET_NUMBER": numbers[SEARCH_SUBJECT],
        "DESKLESS_SEARCH_TICKET_SUBJECT": SEARCH_SUBJECT,
        "DESKLESS_SEARCH_QUERY": SEARCH_QUERY,
    }
    if set(facts) != set(FACTS):
        raise JourneyFailed(f"FACTS must document every fact seed() hands out: {set(facts) ^ set(FACTS)}")
    tickets = [{k: t[k] for k in ("ticket_number", "subject", "status", "priority")} for t in inbox]
    return {**facts, "DESKLESS_FACTS": json.dumps({**facts, "tickets": tickets})}


def run_journey(name: str, work_dir: Path, screenshots: Path | None = None) -> dict[str, Any]:
    """Start a stack, seed it, run ``web/e2e/<name>.mjs``; its JSON result (``ok`` is true).
    Raises JourneyFailed with the journey's output when it fails."""
    with local_stack(work_dir / name) as stack:
        env = {**os.environ, "CHROMIUM": CHROMIUM, **seed(stack, name)}
        if screenshots is not None:
            env["DESKLESS_SCREENSHOTS"] = str(screenshots.resolve())
        try:
            done = subprocess.run(  # noqa: S603
                ["node", f"e2e/{name}.mjs"],  # noqa: S607 (node from PATH, as npm runs it)
                cwd=WEB,
                env=env,
                capture_output=True,
                text=True,
                timeout=JOURNEY_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as exc:
            raise JourneyFailed(f"{name}: no result after {JOURNEY_TIMEOUT_S} s") from exc
    lines = done.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"ok": False}
    if done.returncode != 0 or not result.get("ok"):
        raise JourneyFailed(f"{name} failed (exit {done.returncode}):\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.local.journeys", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help=f"journeys to run (default: all of {', '.join(journeys())})")
    parser.add_argument(
        "--screenshots", type=Path, default=None, help="when every journey passes, DIR's PNGs become theirs"
    )
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(journeys())
    if unknown:
        parser.error(f"no journey {', '.join(sorted(unknown))} in {E2E}")
    if not os.access(CHROMIUM, os.X_OK):
        print(f"journeys: no chromium at {CHROMIUM} (Debian's package chromium; CHROMIUM=... names another)")
        return 2
    failed = []
    with tempfile.TemporaryDirectory(prefix="deskless-journeys-") as tmp:
        shots = Path(tmp) / "screenshots" if args.screenshots is not None else None
        for name in args.names or journeys():
            print(f"journey {name}: starting a local stack, seeding, running e2e/{name}.mjs...", flush=True)
            try:
                result = run_journey(name, Path(tmp), shots)
            except JourneyFailed as exc:
                print(str(exc), file=sys.stderr, flush=True)
                failed.append(name)
                continue
            screens = [a["screen"] for a in result.get("audited", [])]
            print(f"journey {name}: ok; screens audited: {', '.join(screens) or 'none'}", flush=True)
        if failed:
            print(f"journeys failed: {', '.join(failed)}" + (f"; {args.screenshots} left as it was" if shots else ""))
            return 1
        if shots is not None and args.screenshots is not None:
            _replace_screenshots(shots, args.screenshots, partial=bool(args.names))
    return 0


def _replace_screenshots(new: Path, target: Path, partial: bool) -> None:
    """Move the new PNGs (recompressed) into ``target``; a full run also removes screens no journey shows now."""
    target.mkdir(parents=True, exist_ok=True)
    fresh = {png.name for png in new.glob("*.png")}
    if not partial:
        for stale in target.glob("*.png"):
            if stale.name not in fresh:
                stale.unlink()
                print(f"{stale}: removed (no journey shows this screen now)")
    for name in sorted(fresh):
        recompress(new / name)
        shutil.move(new / name, target / name)
        print(f"{target / name}: {(target / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
