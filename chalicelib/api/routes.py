"""Every route of the REST API, registered by app.py where the API runs (the API function,
``chalice local``/``make run``, ``chalice package``, the tests): the HTTP middleware, then one
Chalice route per row of the generated route table (chalicelib/api/route_table.py), whose view
imports the route's module on the first request that needs it (docs/architecture.md "Cold start").

Chalice looks a request's route up in ``app.routes`` and ``chalice package`` writes the API from it,
so every path and method is registered at import, with the options ``Api.route`` gives its
blueprint's routes; whether a route needs a principal comes from the table too, so a route whose
module is not loaded yet is authenticated like any other. ``load_all`` imports every module, for
what reads ``http.ROUTES`` / ``http.PRIVATE_ROUTES`` as a whole (the OpenAPI document, generators).

The other Lambda functions never import this module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from chalice.app import Chalice, Response

from chalicelib.api import http
from chalicelib.api.route_table import DOCUMENTED, ROUTE_TABLE, Route

# The route modules, each with its ``api = Api(...)``, in registration order: a more specific path
# first (macros before tickets: /tickets/bulk is not a ticket number). infra/route_table.py
# registers their blueprints in this order to write the table.
MODULES = (
    "system",
    "docs",
    "identity",
    "support_addresses",
    "users",
    "api_tokens",
    "invitations",
    "password_reset",
    "departments",
    "customers",
    "macros",
    "tickets",
    "ccs",
    "merge",
    "ticket_links",
    "time_entries",
    "sla",
    "reports",
    "csat",
    "automation",
    "channels",
    "webhooks",
    "kb",
    "fieldservice",
    "lifecycle",
    "portal",
    "sso",
    "views",
    "search",
    "live",
)

_app: Chalice | None = None
_loaded: dict[str, http.Api] = {}


def register(app: Chalice) -> None:
    """The HTTP middleware, then every route of the table (in its order), each served by its module
    once loaded; the table's private routes are private from now on, loaded or not."""
    global _app
    _app = app
    http.install_middleware(app)
    for route in ROUTE_TABLE:
        http.declare(route.path, route.method, public=route.public, reads=route.reads)
        app.route(route.path, methods=[route.method], name=route.name)(_dispatcher(route))


def _dispatcher(route: Route) -> Callable[..., Response]:
    """The view Chalice calls for the route: the module's own view, the module imported first. It
    carries the handler's docstring, which ``chalice package`` writes into the API definition."""
    key = (route.path, route.method)

    def view(**path_params: str) -> Response:
        return load(route.module).views[key].view(**path_params)

    view.__doc__ = route.doc
    return view


def load(module: str) -> http.Api:
    """The ``Api`` of ``chalicelib.api.<module>``, imported (and bound to the app) on first use."""
    api = _loaded.get(module)
    if api is None:
        api = importlib.import_module(f"chalicelib.api.{module}").api
        if _app is not None:
            api.bind(_app)
        _loaded[module] = api
    return api


def load_all() -> None:
    """Import every route module: ``http.ROUTES`` then lists every documented route, in the order
    the table records (the order of an import of every module, whatever loaded first)."""
    for module in sorted(MODULES):
        load(module)
    position = {name: index for index, name in enumerate(DOCUMENTED)}
    http.ROUTES.sort(key=lambda spec: position.get(spec.name, len(position)))
