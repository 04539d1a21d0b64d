from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.support_address_out_state import SupportAddressOutState, check_support_address_out_state

T = TypeVar("T", bound="SupportAddressOut")


@_attrs_define
class SupportAddressOut:
    """
    Attributes:
        id (str): names the address in the routes below
        address (str):
        state (SupportAddressOutState): only a verified address routes mail
        added_at (datetime.datetime | None): null: declared before verification existed
        confirmation_sent_at (datetime.datetime | None):
        confirmation_expires_at (datetime.datetime | None): until when the last code works
        verified_at (datetime.datetime | None):
        department_id (None | str): new tickets from mail to this address go to this department
    """

    id: str
    address: str
    state: SupportAddressOutState
    added_at: datetime.datetime | None
    confirmation_sent_at: datetime.datetime | None
    confirmation_expires_at: datetime.datetime | None
    verified_at: datetime.datetime | None
    department_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        address = self.address

        state: str = self.state

        added_at: None | str
        if isinstance(self.added_at, datetime.datetime):
            added_at = self.added_at.isoformat()
        else:
            added_at = self.added_at

        confirmation_sent_at: None | str
        if isinstance(self.confirmation_sent_at, datetime.datetime):
            confirmation_sent_at = self.confirmation_sent_at.isoformat()
        else:
            confirmation_sent_at = self.confirmation_sent_at

        confirmation_expires_at: None | str
        if isinstance(self.confirmation_expires_at, datetime.datetime):
            confirmation_expires_at = self.confirmation_expires_at.isoformat()
        else:
            confirmation_expires_at = self.confirmation_expires_at

        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        department_id: None | str
        department_id = self.department_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "address": address,
                "state": state,
                "added_at": added_at,
                "confirmation_sent_at": confirmation_sent_at,
                "confirmation_expires_at": confirmation_expires_at,
                "verified_at": verified_at,
                "department_id": department_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        address = d.pop("address")

        state = check_support_address_out_state(d.pop("state"))

        def _parse_added_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                added_at_type_0 = datetime.datetime.fromisoformat(data)

                return added_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        added_at = _parse_added_at(d.pop("added_at"))

        def _parse_confirmation_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmation_sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmation_sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmation_sent_at = _parse_confirmation_sent_at(d.pop("confirmation_sent_at"))

        def _parse_confirmation_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmation_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmation_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmation_expires_at = _parse_confirmation_expires_at(d.pop("confirmation_expires_at"))

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        support_address_out = cls(
            id=id,
            address=address,
            state=state,
            added_at=added_at,
            confirmation_sent_at=confirmation_sent_at,
            confirmation_expires_at=confirmation_expires_at,
            verified_at=verified_at,
            department_id=department_id,
        )

        support_address_out.additional_properties = d
        return support_address_out

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
