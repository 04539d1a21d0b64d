"""A ticket's CCs (customer-side addresses copied on public replies) and followers (staff notified)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, NoQuery, Output
from chalicelib.api.tickets import actor
from chalicelib.services import ccs

api = Api("ccs", __name__)

Address = Annotated[str, StringConstraints(min_length=1, max_length=254)]
UserId = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class CcsCommand(Input):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"add": ["pat@customer.example"], "remove": ["old@customer.example"]}]}
    )

    add: list[Address] = Field(default_factory=list, max_length=ccs.MAX_CCS, description="addresses to copy")
    remove: list[Address] = Field(default_factory=list, max_length=ccs.MAX_CCS, description="addresses to drop")


class FollowersCommand(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [{"add": ["u_4f2a9c1d"], "remove": []}]})

    add: list[UserId] = Field(
        default_factory=list,
        max_length=ccs.MAX_FOLLOWERS,
        description="staff user ids to add (yourself: always; `me` names you)",
    )
    remove: list[UserId] = Field(
        default_factory=list, max_length=ccs.MAX_FOLLOWERS, description="user ids to drop (`me`: yourself)"
    )


class CcsOut(Output):
    cc_emails: list[str] = Field(description="the ticket's CCs after the change")


class FollowersOut(Output):
    follower_ids: list[str] = Field(description="the ticket's followers after the change")


@api.route(
    "/tickets/{number}/ccs",
    "POST",
    summary="Add or remove CCs: addresses copied on public replies (staff, and the ticket's requester)",
    request=CcsCommand,
    response=CcsOut,
    errors=(404, 409, 422),
)
def change_ccs(call: Call[CcsCommand, NoQuery], number: str) -> CcsOut:
    ticket = ccs.change_ccs(call.principal, number, call.body.add, call.body.remove, actor(call))
    return CcsOut(cc_emails=ticket.cc_emails)


@api.route(
    "/tickets/{number}/followers",
    "POST",
    summary="Follow or unfollow a ticket (yourself), or manage its followers (tickets.update); staff",
    request=FollowersCommand,
    response=FollowersOut,
    errors=(404, 409, 422),
)
def change_followers(call: Call[FollowersCommand, NoQuery], number: str) -> FollowersOut:
    ticket = ccs.change_followers(call.principal, number, call.body.add, call.body.remove, actor(call))
    return FollowersOut(follower_ids=ticket.follower_ids)
