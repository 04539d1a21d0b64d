"""The API registers every route from the generated route table at import and imports a route's
module on the first request that needs it (chalicelib/api/routes.py, docs/architecture.md "Cold start").

Each behaviour is checked in a fresh interpreter, as a new Lambda instance starts: nothing is loaded
but what ``import app`` loads, so the first request is the one that imports its route's module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from chalicelib.api.routes import MODULES

ROOT = Path(__file__).resolve().parents[2]

# A fresh instance on an empty in-process table: ``client`` is the app's test client, ``loaded()``
# the route modules imported so far; the script's last line prints its findings as JSON.
PRELUDE = """
import json, sys
from moto import mock_aws

mock_aws().start()
import boto3
import app
from chalice.test import Client
from chalicelib.store.table import create_table

MODULES = {modules!r}
at_init = sorted(m for m in sys.modules if m.startswith("chalicelib.api."))
create_table(boto3.client("dynamodb"))
client = Client(app.app)


def loaded():
    return sorted(name for name in MODULES if "chalicelib.api." + name in sys.modules)


def answer(response):
    body = json.loads(response.body) if response.body else None
    return {{"status": response.status_code, "code": (body or {{}}).get("error", {{}}).get("code")}}


SIGNUP = json.dumps({{
    "name": "Acme", "slug": "acme", "admin_email": "admin@acme.example.com",
    "admin_password": "correct-horse-battery", "admin_first_name": "A", "admin_last_name": "B",
}})
JSON = {{"Content-Type": "application/json"}}
"""


def fresh(script: str, **env: str) -> dict[str, Any]:
    """Run ``script`` after PRELUDE in a new interpreter; its printed JSON."""
    source = PRELUDE.format(modules=MODULES) + script
    # A local stack started earlier in this worker points AWS_ENDPOINT_URL at its (stopped) server.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
    environment = inherited | {"PYTHONPATH": str(ROOT)} | env
    out = subprocess.run([sys.executable, "-c", source], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_route_table_the_routes_and_their_private_flags_are_what_the_modules_declare() -> None:
    """infra/route_table.py --check: the committed table equals a fresh generation, and app.routes
    (the lazy registration) equals the blueprints registered eagerly: paths in order, methods, view
    names and every Chalice option; the private routes and their reads are the modules' own."""
    out = subprocess.run(
        [sys.executable, "-m", "infra.route_table", "--check"],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


def test_the_api_function_init_registers_every_route_and_imports_no_route_module() -> None:
    found = fresh(
        "print(json.dumps({'at_init': at_init, 'loaded': loaded(), 'routes': sum(map(len, app.app.routes.values()))}))",
        AWS_LAMBDA_FUNCTION_NAME="deskless-dev",
        STAGE="dev",
    )
    assert found["loaded"] == []
    assert "chalicelib.api.authorizer" not in found["at_init"]
    light = {"errors", "http", "idempotency", "models", "ratelimit", "route_table", "routes", "viewer"}
    assert {name.removeprefix("chalicelib.api.") for name in found["at_init"]} <= light
    assert found["routes"] > 200


def test_the_first_request_to_a_private_route_without_a_token_is_401() -> None:
    found = fresh(
        "import chalicelib.api.http as http\n"
        "private = ('/tickets', 'POST') in http.PRIVATE_ROUTES\n"
        "reply = client.http.post('/tickets', headers=JSON, body='{}')\n"
        "me = client.http.get('/auth/me')\n"
        "print(json.dumps({'private_before_load': private, 'tickets': answer(reply), 'me': answer(me)}))"
    )
    assert found["private_before_load"] is True, "a route whose module is not loaded is private already"
    assert found["tickets"] == {"status": 401, "code": "unauthenticated"}
    assert found["me"] == {"status": 401, "code": "unauthenticated"}


def test_the_first_request_to_a_private_route_with_a_forged_token_is_401() -> None:
    found = fresh(
        "forged = {'Authorization': 'Bearer ' + 'x' * 43, **JSON}\n"
        "reply = client.http.post('/tickets', headers=forged, body=json.dumps({'subject': 'pwned'}))\n"
        "listed = client.http.get('/tickets', headers=forged)\n"
        "print(json.dumps({'tickets': answer(reply), 'listed': answer(listed)}))"
    )
    assert found["tickets"]["status"] == 401
    assert found["listed"]["status"] == 401


def test_the_first_request_with_a_valid_token_is_authenticated_before_its_module_loads() -> None:
    """Authenticated by the middleware (the organization's rate limit, not the address's), though
    nothing had imported the tickets module or the authorizer yet (the token comes from the service)."""
    found = fresh(
        "from chalicelib.domain.commands import SignupCommand\n"
        "from chalicelib.services import identity\n"
        "_, _, token = identity.signup(SignupCommand.model_validate_json(SIGNUP), None, None)\n"
        "auth = {'Authorization': 'Bearer ' + token, **JSON}\n"
        "before = loaded() + [m for m in sys.modules if m == 'chalicelib.api.authorizer']\n"
        "listed = client.http.get('/tickets', headers=auth)\n"
        "print(json.dumps({'before': before, 'listed': answer(listed),\n"
        "    'limit': listed.headers.get('X-RateLimit-Limit')}))",
        RATE_LIMITS="free=50,standard=50,professional=50,enterprise=50,address=7",
    )
    assert found["before"] == [], "no route module, no authorizer"
    assert found["listed"]["status"] == 200
    assert found["limit"] == "50", "the organization's budget: the middleware knew the route is private"


def test_first_requests_load_only_their_own_modules_and_work() -> None:
    found = fresh(
        "health = answer(client.http.get('/health'))\n"
        "after_health = loaded()\n"
        "signup = client.http.post('/organizations', headers=JSON, body=SIGNUP)\n"
        "token = json.loads(signup.body)['token']\n"
        "auth = {'Authorization': 'Bearer ' + token, **JSON}\n"
        "me = client.http.get('/auth/me', headers=auth)\n"
        "bulk = client.http.post('/tickets/bulk', headers=auth, body='{}')\n"
        "listed = client.http.get('/tickets', headers=auth)\n"
        "number = client.http.get('/tickets/T-1', headers=auth)\n"
        "print(json.dumps({'health': health, 'after_health': after_health, 'signup': answer(signup),\n"
        "    'me': answer(me), 'bulk': answer(bulk), 'listed': answer(listed), 'number': answer(number),\n"
        "    'loaded': loaded()}))"
    )
    assert found["health"]["status"] == 200
    assert found["after_health"] == ["system"]
    assert found["signup"]["status"] == 201
    assert found["me"]["status"] == 200
    # /tickets/bulk is the macros module's (registered before /tickets/{number}): a body error, not a ticket
    assert found["bulk"] == {"status": 422, "code": "invalid_request"}
    assert found["listed"]["status"] == 200
    assert found["number"] == {"status": 404, "code": "not_found"}
    assert "kb" not in found["loaded"]
    assert "fieldservice" not in found["loaded"]
    assert {"system", "identity", "macros", "tickets"} <= set(found["loaded"])


def test_an_unknown_path_or_method_is_refused_as_before_and_loads_nothing() -> None:
    found = fresh(
        "unknown = client.http.get('/no-such-route')\n"
        "method = client.http.put('/health')\n"
        "print(json.dumps({'unknown': unknown.status_code, 'method': method.status_code, 'loaded': loaded()}))"
    )
    assert found["unknown"] in (403, 404)
    assert found["method"] == 405
    assert found["loaded"] == []


def test_the_openapi_document_is_the_same_whichever_route_loaded_first() -> None:
    document = "print(json.dumps({'text': json.dumps(json.loads(client.http.get('/openapi.json').body))}))"
    first = fresh(document)
    after_tickets = fresh("client.http.post('/tickets', headers=JSON, body='{}')\n" + document)
    assert first["text"] == after_tickets["text"], "same operations, in the same order"
