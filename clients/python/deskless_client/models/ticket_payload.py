from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_payload_custom_fields import TicketPayloadCustomFields


T = TypeVar("T", bound="TicketPayload")


@_attrs_define
class TicketPayload:
    """
    Attributes:
        type_ (Literal['ticket']):
        subject (str):
        customer_email (str): the requester; a new customer when unknown
        description (str | Unset):  Default: ''.
        priority (Priority | Unset):
        category (None | str | Unset):
        tags (list[str] | Unset):
        custom_fields (TicketPayloadCustomFields | Unset):
        customer_name (None | str | Unset):
        external_id (None | str | Unset): the sender's own id, kept as the source
    """

    type_: Literal["ticket"]
    subject: str
    customer_email: str
    description: str | Unset = ""
    priority: Priority | Unset = UNSET
    category: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    custom_fields: TicketPayloadCustomFields | Unset = UNSET
    customer_name: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        subject = self.subject

        customer_email = self.customer_email

        description = self.description

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        custom_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = self.custom_fields.to_dict()

        customer_name: None | str | Unset
        if isinstance(self.customer_name, Unset):
            customer_name = UNSET
        else:
            customer_name = self.customer_name

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "subject": subject,
                "customer_email": customer_email,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if priority is not UNSET:
            field_dict["priority"] = priority
        if category is not UNSET:
            field_dict["category"] = category
        if tags is not UNSET:
            field_dict["tags"] = tags
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if customer_name is not UNSET:
            field_dict["customer_name"] = customer_name
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_payload_custom_fields import TicketPayloadCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["ticket"], d.pop("type"))
        if type_ != "ticket":
            raise ValueError(f"type must match const 'ticket', got '{type_}'")

        subject = d.pop("subject")

        customer_email = d.pop("customer_email")

        description = d.pop("description", UNSET)

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = check_priority(_priority)

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: TicketPayloadCustomFields | Unset
        if isinstance(_custom_fields, Unset):
            custom_fields = UNSET
        else:
            custom_fields = TicketPayloadCustomFields.from_dict(_custom_fields)

        def _parse_customer_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_name = _parse_customer_name(d.pop("customer_name", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        ticket_payload = cls(
            type_=type_,
            subject=subject,
            customer_email=customer_email,
            description=description,
            priority=priority,
            category=category,
            tags=tags,
            custom_fields=custom_fields,
            customer_name=customer_name,
            external_id=external_id,
        )

        return ticket_payload
