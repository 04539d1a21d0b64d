"""The organization's own support addresses over HTTP: list, add, resend the code, verify, remove."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401  (registers the authorizer before any private route)
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.domain.support_addresses import SupportAddress
from chalicelib.services import support_addresses

api = Api("support-addresses", __name__)


class SupportAddressOut(Output):
    id: str = Field(description="names the address in the routes below")
    address: str
    state: Literal["pending", "verified"] = Field(description="only a verified address routes mail")
    added_at: datetime | None = Field(description="null: declared before verification existed")
    confirmation_sent_at: datetime | None
    confirmation_expires_at: datetime | None = Field(description="until when the last code works")
    verified_at: datetime | None
    department_id: str | None = Field(description="new tickets from mail to this address go to this department")

    @classmethod
    def of(cls, address: SupportAddress) -> SupportAddressOut:
        pending = address.state.value == "pending"
        return cls(
            id=address.id,
            address=address.address,
            state=address.state.value,
            added_at=address.added_at,
            confirmation_sent_at=address.sent_at if pending else None,
            confirmation_expires_at=address.code_expires_at if pending else None,
            verified_at=address.verified_at,
            department_id=address.department_id,
        )


class SupportAddressList(Output):
    items: list[SupportAddressOut]
    next_cursor: str | None = next_cursor_field()


class AddSupportAddress(Input):
    address: str = Field(min_length=3, max_length=254, description="e.g. help@acme.example")
    department_id: str | None = Field(
        None, max_length=40, description="an active department: new tickets from mail to the address go there"
    )


class UpdateSupportAddress(Input):
    department_id: str | None = Field(
        max_length=40, description="an active department for new tickets from mail to the address; null: none"
    )


class VerifySupportAddress(Input):
    code: str = Field(min_length=1, max_length=64, description="the code mailed to the address")


@api.route(
    "/organization/support-addresses",
    "GET",
    summary="The organization's own support addresses and whether each is verified",
    response=SupportAddressList,
    query=ListQuery,
)
def list_addresses(call: Call[None, ListQuery]) -> SupportAddressList:
    page = support_addresses.list_addresses(call.principal, call.query.limit, call.query.cursor)
    return SupportAddressList(items=[SupportAddressOut.of(a) for a in page.items], next_cursor=page.next_cursor)


@api.route(
    "/organization/support-addresses",
    "POST",
    summary="Add a support address (pending): a one-time code is mailed to it (admin)",
    request=AddSupportAddress,
    response=SupportAddressOut,
    status=201,
    location="/organization/support-addresses/{id}",
    errors=(409, 429),
)
def add_address(call: Call[AddSupportAddress, NoQuery]) -> SupportAddressOut:
    return SupportAddressOut.of(
        support_addresses.add_address(call.principal, call.body.address, call.body.department_id)
    )


@api.route(
    "/organization/support-addresses/{address_id}",
    "PATCH",
    summary="Route new tickets from mail to a support address to a department (admin)",
    request=UpdateSupportAddress,
    response=SupportAddressOut,
    errors=(404, 409, 422),
)
def update_address(call: Call[UpdateSupportAddress, NoQuery], address_id: str) -> SupportAddressOut:
    return SupportAddressOut.of(support_addresses.update_address(call.principal, address_id, call.body.department_id))


@api.route(
    "/organization/support-addresses/{address_id}/resend",
    "POST",
    summary="Mail a new code to a pending support address (admin)",
    response=SupportAddressOut,
    errors=(404, 409, 429),
)
def resend(call: Call[None, NoQuery], address_id: str) -> SupportAddressOut:
    return SupportAddressOut.of(support_addresses.resend(call.principal, address_id))


@api.route(
    "/organization/support-addresses/{address_id}/verify",
    "POST",
    summary="Verify a support address with the mailed code: it routes mail from now on (admin)",
    request=VerifySupportAddress,
    response=SupportAddressOut,
    errors=(404, 409, 429),
)
def verify(call: Call[VerifySupportAddress, NoQuery], address_id: str) -> SupportAddressOut:
    return SupportAddressOut.of(support_addresses.verify(call.principal, address_id, call.body.code))


@api.route(
    "/organization/support-addresses/{address_id}",
    "DELETE",
    summary="Remove a support address; mail to it stops routing (admin)",
    status=204,
    errors=(404,),
)
def remove(call: Call[None, NoQuery], address_id: str) -> None:
    support_addresses.remove(call.principal, address_id)
