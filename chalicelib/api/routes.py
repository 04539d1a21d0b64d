"""Every route of the REST API: the blueprints and the HTTP middleware, registered by app.py where
the API runs (the API function, ``chalice local``/``make run``, ``chalice package``, the tests).

The other Lambda functions never import this module (docs/architecture.md "Cold start").
"""

from __future__ import annotations

from chalice.app import Chalice

from chalicelib.api import (
    api_tokens,
    automation,
    ccs,
    channels,
    csat,
    customers,
    departments,
    docs,
    fieldservice,
    identity,
    invitations,
    kb,
    lifecycle,
    live,
    macros,
    merge,
    password_reset,
    portal,
    reports,
    search,
    sla,
    sso,
    support_addresses,
    system,
    ticket_links,
    tickets,
    time_entries,
    users,
    views,
    webhooks,
)
from chalicelib.api.http import install_middleware


def register(app: Chalice) -> None:
    """The HTTP middleware, then every blueprint (in this order: a more specific path first)."""
    install_middleware(app)

    app.register_blueprint(system.api.blueprint)
    app.register_blueprint(docs.api.blueprint)
    app.register_blueprint(identity.api.blueprint)
    app.register_blueprint(support_addresses.api.blueprint)
    app.register_blueprint(users.api.blueprint)
    app.register_blueprint(api_tokens.api.blueprint)
    app.register_blueprint(invitations.api.blueprint)
    app.register_blueprint(password_reset.api.blueprint)
    app.register_blueprint(departments.api.blueprint)
    app.register_blueprint(customers.api.blueprint)
    app.register_blueprint(macros.api.blueprint)  # before tickets: /tickets/bulk is not a ticket number
    app.register_blueprint(tickets.api.blueprint)
    app.register_blueprint(ccs.api.blueprint)
    app.register_blueprint(merge.api.blueprint)
    app.register_blueprint(ticket_links.api.blueprint)
    app.register_blueprint(time_entries.api.blueprint)
    app.register_blueprint(sla.api.blueprint)
    app.register_blueprint(reports.api.blueprint)
    app.register_blueprint(csat.api.blueprint)
    app.register_blueprint(automation.api.blueprint)
    app.register_blueprint(channels.api.blueprint)
    app.register_blueprint(webhooks.api.blueprint)
    app.register_blueprint(kb.api.blueprint)
    app.register_blueprint(fieldservice.api.blueprint)
    app.register_blueprint(lifecycle.api.blueprint)
    app.register_blueprint(portal.api.blueprint)
    app.register_blueprint(sso.api.blueprint)
    app.register_blueprint(views.api.blueprint)
    app.register_blueprint(search.api.blueprint)
    app.register_blueprint(live.api.blueprint)
