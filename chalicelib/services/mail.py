"""Account mail (invitations, resets, sign-in links, verifications): one message, sent now.

Through the same outbound path as notifications (SES when deployed, the outbox folder on the
local stage), from the organization's support sender, marked automatic. Ticket notifications
keep their own path (``services/notifications.py``: threading, once per event).
"""

from __future__ import annotations

from chalicelib.domain.errors import Unavailable
from chalicelib.domain.identity import Organization


def send_account_mail(org: Organization, to_name: str, to: str, subject: str, body: str) -> None:
    """Send one message to ``to``; ``Unavailable`` (503 ``mail_unavailable``) when it could not be sent."""
    from chalicelib.channels import outbound
    from chalicelib.services.channels import inbound_domain
    from chalicelib.services.notifications import support_sender

    message, _ = outbound.compose_email(
        sender_name=org.name,
        sender=support_sender(org),
        to_name=to_name,
        to=to,
        subject=subject,
        body=body,
        domain=inbound_domain(),
        references=[],
        automatic=True,
    )
    try:
        outbound.send_email(message)
    except Exception as exc:  # SES refused or did not answer: the caller's request can be repeated
        raise Unavailable("The mail could not be sent; try again in a moment.", code="mail_unavailable") from exc
