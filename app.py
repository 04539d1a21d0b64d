"""Deskless: wiring only. Routes live in chalicelib/api, rules in chalicelib/services."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, CloudWatchEvent, DynamoDBEvent, SQSEvent

from chalicelib import config
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
from chalicelib.jobs import (
    automation_timer,
    email_ingest,
    retention_sweep,
    sla_sweep,
    stream,
    tenant_jobs,
    webhooks_out,
)

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


@app.on_dynamodb_record(stream_arn=config.table_stream_arn(), batch_size=100, starting_position="TRIM_HORIZON")
def on_table_change(event: DynamoDBEvent) -> dict[str, Any]:
    """Table stream -> automation rules, notifications, webhooks (partial batch failures reported)."""
    return stream.handle_stream_event(event.to_dict(), event.context)


@app.schedule("rate(1 minute)")
def sla_sweep_job(event: CloudWatchEvent) -> dict[str, Any]:
    """SLA warnings, breaches and escalations due since the last run."""
    return sla_sweep.run(event.to_dict())


@app.schedule("rate(5 minutes)")
def automation_timer_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Time-based automation rules over their indexed candidates."""
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
    return email_ingest.handle(event.to_dict(), event.context)


@app.on_sqs_message(queue_arn=config.webhook_queue_arn(), batch_size=1)
def send_webhook(event: SQSEvent) -> dict[str, Any]:
    """The webhook queue: one outbound delivery attempt per message, short timeouts (partial batch failures)."""
    return webhooks_out.send(event.to_dict(), event.context)


@app.schedule("rate(1 minute)")
def webhook_retry_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Outbound webhook deliveries whose next attempt is due, queued again for the sender."""
    return webhooks_out.retry(event.to_dict())


@app.schedule("rate(1 day)")
def retention_sweep_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Retention: archive, then delete, what each organization's policies say has expired."""
    return retention_sweep.run(event.to_dict(), event.context)


@app.schedule("rate(1 minute)")
def tenant_jobs_job(event: CloudWatchEvent) -> dict[str, Any]:
    """Organization exports and offboarding deletions, page by page (resumable)."""
    return tenant_jobs.run(event.to_dict(), event.context)
