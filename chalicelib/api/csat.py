"""Satisfaction ratings by mailed link: public routes, the link's token is the credential."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output
from chalicelib.domain.commands import CSATPreviewCommand, CSATRateCommand
from chalicelib.domain.csat import label
from chalicelib.services import csat

api = Api("satisfaction", __name__)


class CSATPreviewOut(Output):
    ticket_number: str
    subject: str
    organization_name: str
    already_rated: bool = Field(description="rated already (by the requester signed in): rating now is 409")
    expires_at: datetime = Field(description="when the link stops working")


class CSATRatingOut(Output):
    ticket_number: str
    score: int = Field(ge=1, le=5, description="good is recorded as 5, bad as 1")
    rating: str = Field(description="good (4-5), neutral (3) or bad (1-2)")
    comment: str | None


@api.route(
    "/satisfaction/preview",
    "POST",
    summary="What a mailed rating link rates (the ticket, the organization); the link stays unused",
    description=(
        "Public: the token from the link's fragment is the credential. 400 `invalid_link` (malformed,"
        " unknown, another purpose or organization), 410 `link_used` / `link_expired` / `link_revoked`,"
        " 403 `not_requester` when the ticket's requester changed since the mail, 404 when the ticket is gone."
    ),
    request=CSATPreviewCommand,
    response=CSATPreviewOut,
    public=True,
    errors=(400, 403, 404, 410, 422),
)
def preview_rating(call: Call[CSATPreviewCommand, NoQuery]) -> CSATPreviewOut:
    return CSATPreviewOut.model_validate(csat.preview(call.body.token))


@api.route(
    "/satisfaction",
    "POST",
    summary="Rate a solved ticket with its mailed link: good/bad or a score 1-5 and a comment, once",
    description=(
        "Public: the token is the credential; it is used by this request and the rating recorded in one"
        " transaction (a second use is 410 `link_used`). Send `rating` (good = 5, bad = 1) or `score`."
        " Refusals as for the preview, plus 409 `already_rated` (rated signed in) and 422 `not_solved`"
        " (reopened since). Never signs anyone in."
    ),
    request=CSATRateCommand,
    response=CSATRatingOut,
    public=True,
    errors=(400, 403, 404, 409, 410, 422),
)
def rate_by_link(call: Call[CSATRateCommand, NoQuery]) -> CSATRatingOut:
    body = call.body
    ticket = csat.rate(body.token, body.chosen_score, body.comment, call.client_ip, call.header("user-agent"))
    score = ticket.customer_satisfaction_score or 0
    return CSATRatingOut(
        ticket_number=ticket.ticket_number, score=score, rating=label(score), comment=ticket.satisfaction_comment
    )
