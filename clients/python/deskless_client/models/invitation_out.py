from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invitation_status import InvitationStatus, check_invitation_status
from ..models.role import Role, check_role

T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """
    Attributes:
        id (str):
        email (str):
        role (Role):
        department_ids (list[str]):
        first_name (str):
        last_name (str):
        invited_by_id (str):
        status (InvitationStatus):
        user_id (None | str): the user who accepted it (or the passwordless customer it invites)
        sent_at (datetime.datetime):
        expires_at (datetime.datetime):
        accepted_at (datetime.datetime | None):
        revoked_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
    """

    id: str
    email: str
    role: Role
    department_ids: list[str]
    first_name: str
    last_name: str
    invited_by_id: str
    status: InvitationStatus
    user_id: None | str
    sent_at: datetime.datetime
    expires_at: datetime.datetime
    accepted_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        role: str = self.role

        department_ids = self.department_ids

        first_name = self.first_name

        last_name = self.last_name

        invited_by_id = self.invited_by_id

        status: str = self.status

        user_id: None | str
        user_id = self.user_id

        sent_at = self.sent_at.isoformat()

        expires_at = self.expires_at.isoformat()

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "role": role,
                "department_ids": department_ids,
                "first_name": first_name,
                "last_name": last_name,
                "invited_by_id": invited_by_id,
                "status": status,
                "user_id": user_id,
                "sent_at": sent_at,
                "expires_at": expires_at,
                "accepted_at": accepted_at,
                "revoked_at": revoked_at,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")

        role = check_role(d.pop("role"))

        department_ids = cast(list[str], d.pop("department_ids"))

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        invited_by_id = d.pop("invited_by_id")

        status = check_invitation_status(d.pop("status"))

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        invitation_out = cls(
            id=id,
            email=email,
            role=role,
            department_ids=department_ids,
            first_name=first_name,
            last_name=last_name,
            invited_by_id=invited_by_id,
            status=status,
            user_id=user_id,
            sent_at=sent_at,
            expires_at=expires_at,
            accepted_at=accepted_at,
            revoked_at=revoked_at,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        invitation_out.additional_properties = d
        return invitation_out

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
