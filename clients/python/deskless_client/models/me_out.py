from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organization_summary import OrganizationSummary
    from ..models.user_out import UserOut


T = TypeVar("T", bound="MeOut")


@_attrs_define
class MeOut:
    """
    Attributes:
        user (UserOut):
        organization (OrganizationSummary):
        permissions (list[str]): Granted permissions in force, beyond the role
    """

    user: UserOut
    organization: OrganizationSummary
    permissions: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        organization = self.organization.to_dict()

        permissions = self.permissions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "organization": organization,
                "permissions": permissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_summary import OrganizationSummary  # noqa: PLC0415
        from ..models.user_out import UserOut  # noqa: PLC0415

        d = dict(src_dict)
        user = UserOut.from_dict(d.pop("user"))

        organization = OrganizationSummary.from_dict(d.pop("organization"))

        permissions = cast(list[str], d.pop("permissions"))

        me_out = cls(
            user=user,
            organization=organization,
            permissions=permissions,
        )

        me_out.additional_properties = d
        return me_out

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
