"""Deskless: wiring only. Routes live in chalicelib/api, rules in chalicelib/services."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, CloudWatchEvent, DynamoDBEvent, SQSEvent, WebsocketEvent

from chalicelib import coldstart, config  # coldstart first: no garbage collection during the imports

# Each job's module is imported in its handler, not here: Chalice needs the decorators at import,
# and an API request's cold start never loads job code; the routes are registered at the end of this
# file, where the API runs only (docs/architecture.md "Cold start").

app = Chalice(app_name="deskless")


@app.on_dynamodb_record(stream_arn=config.table_stream_arn(), batch_size=100, starting_position="TRIM_HORIZON")
def on_table_change(event: DynamoDBEvent) -> dict[str, Any]:
    """Table stream -> automation rules, notifications, webhooks (partial batch failures reported)."""
    from chalicelib.jobs import stream

    return stream.handle_stream_event(event.to_dict(), event.context)


# Live updates: the WebSocket API's three routes (protocol in chalicelib/api/websocket.py).
app.experimental_feature_flags.update(["WEBSOCKETS"])


@app.on_ws_connect()
def live_connect(event: WebsocketEvent) -> dict[str, Any]:
    """A WebSocket opened: accepted, unauthenticated until its first message."""
    from chalicelib.api import websocket

    return websocket.connect(event.connection_id)


@app.on_ws_message()
def live_message(event: WebsocketEvent) -> dict[str, Any]:
    """A WebSocket message: ``auth`` or ``watch`` (docs/api.md, "Live updates")."""
    from chalicelib.api import websocket

    return websocket.message(event.connection_id, event.body, websocket.source_ip(event.to_dict()))


@app.on_ws_disconnect()
def live_disconnect(event: WebsocketEvent) -> dict[str, Any]:
    """A WebSocket closed: its connection item is deleted."""
    from chalicelib.api import websocket

    return websocket.disconnect(event.connection_id)


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


# Last, once every other handler is declared: a Lambda function running one of them loads no route
# module; anything else (the API function, `chalice local`, `chalice package`, the tests, a function
# name this does not recognise) registers every route.
if coldstart.serves_api(app):
    from chalicelib.api import routes

    routes.register(app)
else:
    from chalicelib import observability

    observability.install_middleware(app)
coldstart.imported()
