"""Customer records."""

from __future__ import annotations

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, QueryId, TrashQuery
from chalicelib.api.schemas import CustomerOut, CustomerPage
from chalicelib.domain.commands import CustomerCommand, CustomerPatch
from chalicelib.domain.identity import Customer
from chalicelib.services import customers

api = Api("customers", __name__)


class CustomerQuery(TrashQuery):
    user_id: QueryId | None = Field(
        None, description="only the record linked to this user (one GetItem of the link, one of the record)"
    )


def customer_out(customer: Customer) -> CustomerOut:
    return CustomerOut.model_validate(customer.model_dump())


@api.route(
    "/customers",
    "GET",
    summary="Active customers of my organization, by company (staff; a customer: `user_id` = themselves; "
    "deleted=true: the trash, for admins and managers)",
    response=CustomerPage,
    query=CustomerQuery,
    errors=(400, 403),
)
def list_customers(call: Call[None, CustomerQuery]) -> CustomerPage:
    q = call.query
    page = customers.list_customers(call.principal, q.limit, q.cursor, q.user_id, q.deleted)
    return CustomerPage(items=[customer_out(c) for c in page.items], next_cursor=page.next_cursor)


@api.route(
    "/customers",
    "POST",
    summary="Create a customer record (optionally linked to a customer user)",
    request=CustomerCommand,
    response=CustomerOut,
    status=201,
    location="/customers/{id}",
    errors=(403, 409, 422),
)
def create_customer(call: Call[CustomerCommand, NoQuery]) -> CustomerOut:
    return customer_out(customers.create_customer(call.principal, call.body))


@api.route(
    "/customers/{customer_id}",
    "GET",
    summary="One customer record (a customer user: only their own)",
    response=CustomerOut,
    errors=(404,),
)
def get_customer(call: Call[None, NoQuery], customer_id: str) -> CustomerOut:
    return customer_out(customers.load(call.principal, customer_id))


@api.route(
    "/customers/{customer_id}",
    "PATCH",
    summary="Change a customer record (If-Match: version)",
    request=CustomerPatch,
    response=CustomerOut,
    errors=(403, 404, 409, 422),
    if_match=True,
)
def update_customer(call: Call[CustomerPatch, NoQuery], customer_id: str) -> CustomerOut:
    return customer_out(customers.update_customer(call.principal, customer_id, call.body, call.if_match()))


@api.route(
    "/customers/{customer_id}",
    "DELETE",
    summary="Delete a customer record (soft delete: hidden from reads and the list)",
    status=204,
    errors=(403, 404, 409),
)
def delete_customer(call: Call[None, NoQuery], customer_id: str) -> None:
    customers.delete_customer(call.principal, customer_id)


@api.route(
    "/customers/{customer_id}/restore",
    "POST",
    summary="Bring a deleted customer record back (409 when its user has a new record)",
    response=CustomerOut,
    errors=(404, 409),
)
def restore_customer(call: Call[None, NoQuery], customer_id: str) -> CustomerOut:
    return customer_out(customers.restore_customer(call.principal, customer_id))
