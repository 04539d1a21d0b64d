"""An outbound webhook subscription, as stored (a JSON document; the secret never leaves the service)."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict

from chalicelib.domain.lifecycle import Lifecycle


class WebhookSubscription(Lifecycle):
    """Only what the lifecycle needs is typed; url, events, secret... ride along unchanged."""

    model_config = ConfigDict(extra="allow")

    id: str
    updated_at: datetime
