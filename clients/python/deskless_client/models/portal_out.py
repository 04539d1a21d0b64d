from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.portal_out_customer_registration import (
    PortalOutCustomerRegistration,
    check_portal_out_customer_registration,
)

if TYPE_CHECKING:
    from ..models.portal_custom_field_out import PortalCustomFieldOut
    from ..models.portal_sign_in_out import PortalSignInOut
    from ..models.portal_sso_out import PortalSsoOut


T = TypeVar("T", bound="PortalOut")


@_attrs_define
class PortalOut:
    """An organization's portal as anyone may see it: nothing secret (no registration domains, no
    SSO settings, no support addresses).

        Attributes:
            slug (str):
            name (str):
            default_language (str):
            customer_registration (PortalOutCustomerRegistration): off, open to anyone, or only for addresses at some
                domains (which ones is not told)
            sign_in (PortalSignInOut):
            sso (PortalSsoOut):
            custom_fields (list[PortalCustomFieldOut]): the customer-visible custom fields, for the new request form
    """

    slug: str
    name: str
    default_language: str
    customer_registration: PortalOutCustomerRegistration
    sign_in: PortalSignInOut
    sso: PortalSsoOut
    custom_fields: list[PortalCustomFieldOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        default_language = self.default_language

        customer_registration: str = self.customer_registration

        sign_in = self.sign_in.to_dict()

        sso = self.sso.to_dict()

        custom_fields = []
        for custom_fields_item_data in self.custom_fields:
            custom_fields_item = custom_fields_item_data.to_dict()
            custom_fields.append(custom_fields_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "default_language": default_language,
                "customer_registration": customer_registration,
                "sign_in": sign_in,
                "sso": sso,
                "custom_fields": custom_fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_custom_field_out import PortalCustomFieldOut  # noqa: PLC0415
        from ..models.portal_sign_in_out import PortalSignInOut  # noqa: PLC0415
        from ..models.portal_sso_out import PortalSsoOut  # noqa: PLC0415

        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        default_language = d.pop("default_language")

        customer_registration = check_portal_out_customer_registration(d.pop("customer_registration"))

        sign_in = PortalSignInOut.from_dict(d.pop("sign_in"))

        sso = PortalSsoOut.from_dict(d.pop("sso"))

        custom_fields = []
        _custom_fields = d.pop("custom_fields")
        for custom_fields_item_data in _custom_fields:
            custom_fields_item = PortalCustomFieldOut.from_dict(custom_fields_item_data)

            custom_fields.append(custom_fields_item)

        portal_out = cls(
            slug=slug,
            name=name,
            default_language=default_language,
            customer_registration=customer_registration,
            sign_in=sign_in,
            sso=sso,
            custom_fields=custom_fields,
        )

        portal_out.additional_properties = d
        return portal_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
