from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CallWebhook")


@_attrs_define
class CallWebhook:
    """POST the event to ``url``, signed with ``secret`` (``X-Deskless-Signature: t=<unix>,v1=<hex>``).

    Attributes:
        type_ (Literal['call_webhook']):
        url (str):
        secret (str): write-only: shown as null when read
    """

    type_: Literal["call_webhook"]
    url: str
    secret: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        url = self.url

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "url": url,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["call_webhook"], d.pop("type"))
        if type_ != "call_webhook":
            raise ValueError(f"type must match const 'call_webhook', got '{type_}'")

        url = d.pop("url")

        secret = d.pop("secret")

        call_webhook = cls(
            type_=type_,
            url=url,
            secret=secret,
        )

        return call_webhook
