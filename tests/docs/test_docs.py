"""The documentation stays true to the repository: links resolve inside it, what it says the API
answers is what the API answers, and the demo it describes is the demo the seed writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from chalice.test import Client

from chalicelib.api.gateway import UNAUTHORIZED
from tests.api.helpers import call, login

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")])
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE_PATH = re.compile(r"`([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+\.(?:py|md|json|txt|eml|toml))`")
GENERATED = ("dist/",)  # made by `make package`, never committed


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    return {slug(line.lstrip("#")) for line in document.read_text().splitlines() if line.startswith("#")}


def relative(document: Path) -> str:
    return str(document.relative_to(ROOT))


@pytest.mark.parametrize("document", DOCUMENTS, ids=relative)
def test_every_link_resolves_to_a_file_and_heading_in_the_repository(document: Path) -> None:
    broken = []
    for target in LINK.findall(document.read_text()):
        if re.match(r"^[a-z]+:", target):
            continue  # http(s), mailto: not a file
        path_part, _, anchor = target.partition("#")
        resolved = (document.parent / path_part).resolve() if path_part else document
        if (
            not resolved.is_relative_to(ROOT)
            or not resolved.exists()
            or (anchor and resolved.suffix == ".md" and anchor not in anchors(resolved))
        ):
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=relative)
def test_no_document_points_outside_the_repository(document: Path) -> None:
    text = document.read_text()
    assert re.findall(r"shared/design|\.\./shared|/work/|/home/|/Users/", text) == []
    missing = [
        path
        for path in CODE_PATH.findall(text)
        if not path.startswith(GENERATED)
        and not path.split("/")[0].isupper()  # a placeholder such as DATA_DIR/snapshot.json
        and not (ROOT / path).exists()
        and not (ROOT / "chalicelib" / path).exists()
    ]
    assert missing == [], "files named in the text exist in the repository (paths from the root or chalicelib/)"


def test_no_code_comment_cites_notes_outside_the_repository() -> None:
    # chalicelib/local/ is left to the local stack's own change (its motoserver docstring).
    sources = [
        ROOT / "app.py",
        *(p for p in ROOT.glob("chalicelib/**/*.py") if "local" not in p.relative_to(ROOT).parts),
        *ROOT.glob("infra/**/*.py"),
    ]
    cited = [str(p.relative_to(ROOT)) for p in sources if re.search(r"shared/design|\.\./shared", p.read_text())]
    assert cited == []


def test_security_md_shows_the_401_body_the_gateway_sends() -> None:
    section = (ROOT / "docs" / "security.md").read_text().split("## The authorizer", 1)[1].split("\n## ", 1)[0]
    bodies = [json.loads(span) for span in re.findall(r"`(\{.*?\})`", section) if "unauthenticated" in span]
    assert bodies == [UNAUTHORIZED.body()]
    assert "Unauthorized" not in section, "API Gateway's default body is replaced (chalicelib/api/gateway.py)"


def test_readme_lists_the_demo_users_the_seed_creates() -> None:
    from chalicelib.local.demo import DOMAIN, PEOPLE

    section = (ROOT / "README.md").read_text().split("## Demo organization", 1)[1].split("\n## ", 1)[0]
    listed: dict[str, set[str]] = {}
    for role, emails in re.findall(r"^\| (admin|manager|agent|customer) \| (.+) \|$", section, re.MULTILINE):
        listed[role] = set(re.findall(r"[\w.+-]+@[\w.-]+", emails))
    seeded: dict[str, set[str]] = {"admin": {f"admin@{DOMAIN}"}}
    for name, _, _, role in PEOPLE:
        seeded.setdefault(role.value, set()).add(f"{name}@{DOMAIN}")
    assert listed == seeded


def test_the_demo_the_readme_describes_is_the_demo_the_seed_writes(api: Client) -> None:
    from chalicelib.local.demo import DOMAIN, PASSWORD, SLUG, seed_demo

    readme = " ".join((ROOT / "README.md").read_text().split())  # sentences, whatever their line breaks
    seed_demo()
    token = login(api, SLUG, f"admin@{DOMAIN}", PASSWORD)
    users = {u["email"].split("@")[0]: u["id"] for u in call(api, "GET", "/users?limit=100", token).body["items"]}

    assert (
        'the department "Customer Support" (managed by the manager; both agents are its members; new tickets '
        "by mail and from the portal go to it)" in readme
    )
    (department,) = call(api, "GET", "/departments", token).body["items"]
    department = call(api, "GET", f"/departments/{department['id']}", token).body
    assert department["name"] == "Customer Support"
    assert department["manager_id"] == users["manager"]
    assert sorted(department["members"]) == sorted([users["agent"], users["agent2"]])
    routes = call(api, "GET", "/organization", token).body["settings"]["channel_departments"]
    assert routes == {"email": department["id"], "portal": department["id"]}

    assert "two customer records (Acme Corp, for the customer, and Globex, for customer2)" in readme
    records = {c["company"]: c["user_id"] for c in call(api, "GET", "/customers", token).body["items"]}
    assert records == {"Acme Corp": users["customer"], "Globex": users["customer2"]}

    assert "three tickets (T-1 unassigned, T-2 assigned to the agent, T-3 a broken printer)" in readme
    tickets = {t["ticket_number"]: t for t in call(api, "GET", "/tickets?view=all", token).body["items"]}
    assert sorted(tickets) == ["T-1", "T-2", "T-3"]
    assert tickets["T-1"]["assigned_agent_id"] is None
    assert tickets["T-2"]["assigned_agent_id"] == users["agent"]
    assert "printer" in tickets["T-3"]["subject"]

    assert "work order T-WO-1 made from T-3 for tomorrow 10:00" in readme
    work_order = call(api, "GET", "/work-orders/T-WO-1", token).body
    assert work_order["ticket_number"] == "T-3"
    technicians = {t["user_id"] for t in call(api, "GET", "/technicians", token).body["items"]}
    assert technicians == {users["agent"], users["agent2"]}, "both agents are technicians"
