"""Deskless: wiring only. Routes live in chalicelib/api, rules in chalicelib/services."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, CloudWatchEvent, DynamoDBEvent, SQSEvent, WebsocketEvent

from chalicelib import coldstart, config  # coldstart first: no garbage collection during the imports
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

# Each job's module is imported in its handler, not here: Chalice needs the decorators at import,
# and an API request's cold start never loads job code (docs/architecture.md "Cold start").

app = Chalice(app_name="deskless")
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
coldstart.imported()


@app.on_dynamodb_record(stream_arn=config.table_stream_arn(), batch_size=100, starting_position="TRIM_HORIZON")
def on_table_change(event: DynamoDBEvent) -> dict[str, Any]:
    """Table stream -> automation rules, notifications, webhooks (partial batch failures reported)."""
    from chalicelib.jobs import stream

    return stream.handle_stream_event(event.to_dict(), event.context)


# Live updates: the WebSocket API's three routes (protocol and rules in chalicelib/api/live.py).
app.experimental_feature_flags.update(["WEBSOCKETS"])


@app.on_ws_connect()
def live_connect(event: WebsocketEvent) -> dict[str, Any]:
    """A WebSocket opened: accepted, unauthenticated until its first message."""
    return live.connect(event.connection_id)


@app.on_ws_message()
def live_message(event: WebsocketEvent) -> dict[str, Any]:
    """A WebSocket message: ``auth`` or ``watch`` (docs/api.md, "Live updates")."""
    return live.message(event.connection_id, event.body, live.source_ip(event.to_dict()))


@app.on_ws_disconnect()
def live_disconnect(event: WebsocketEvent) -> dict[str, Any]:
    """A WebSocket closed: its connection item is deleted."""
    return live.disconnect(event.connection_id)


@app.schedule("rate(1 minute)")
def sla_sweep_job(event: CloudWatchEvent) -> dict[str, Any]:
    """SLA warnings, breaches and escalations due since the last run."""
    from chalicelib.jobs import sla_sweep

    return sla_sweep.run(event.to_dict())


@app.schedule("rate(5 minutes)")
def automation_timer_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Time-based automation rules over their indexed candidates."""
    from chalicelib.jobs import automation_timer

    return automation_timer.run(event.to_dict())


@app.on_cw_event(
    {
        "source": ["aws.s3"],
        "detail-type": ["Object Created"],
        "detail": {"bucket": {"name": [config.inbound_mail_bucket()]}, "object": {"key": [{"prefix": "incoming/"}]}},
    }
)
def ingest_email(event: CloudWatchEvent) -> dict[str, Any]:
    """A raw message in the inbound bucket becomes a ticket or a comment (channels service)."""
    from chalicelib.jobs import email_ingest

    return email_ingest.handle(event.to_dict(), event.context)


@app.on_sqs_message(queue_arn=config.webhook_queue_arn(), batch_size=1)
def send_webhook(event: SQSEvent) -> dict[str, Any]:
    """The webhook queue: one outbound delivery attempt per message, short timeouts (partial batch failures)."""
    from chalicelib.jobs import webhooks_out

    return webhooks_out.send(event.to_dict(), event.context)


@app.schedule("rate(1 minute)")
def webhook_retry_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Outbound webhook deliveries whose next attempt is due, queued again for the sender."""
    from chalicelib.jobs import webhooks_out

    return webhooks_out.retry(event.to_dict())


@app.schedule("rate(1 day)")
def retention_sweep_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Retention: archive, then delete, what each organization's policies say has expired."""
    from chalicelib.jobs import retention_sweep

    return retention_sweep.run(event.to_dict(), event.context)


@app.schedule("rate(1 minute)")
def tenant_jobs_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Organization exports and offboarding deletions, page by page (resumable)."""
    from chalicelib.jobs import tenant_jobs

    return tenant_jobs.run(event.to_dict(), event.context)
