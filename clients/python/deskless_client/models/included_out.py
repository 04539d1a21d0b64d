from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut
    from ..models.sla_policy_out import SLAPolicyOut
    from ..models.ticket_counts import TicketCounts
    from ..models.user_out import UserOut


T = TypeVar("T", bound="IncludedOut")


@_attrs_define
class IncludedOut:
    """
    Attributes:
        users (list[UserOut] | None): with `include=users`: requesters, assignees and creators the caller may read
        customers (list[CustomerOut] | None): with `include=customers`: the requesters' active customer records the
            caller may read
        sla_policies (list[SLAPolicyOut] | None): with `include=sla_policy`: the tickets' SLA policies (staff only;
            customers: empty)
        counts (None | TicketCounts): with `include=counts`: the caller's queue counts as `GET /tickets/counts` (staff
            only)
    """

    users: list[UserOut] | None
    customers: list[CustomerOut] | None
    sla_policies: list[SLAPolicyOut] | None
    counts: None | TicketCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ticket_counts import TicketCounts  # noqa: PLC0415

        users: list[dict[str, Any]] | None
        if isinstance(self.users, list):
            users = []
            for users_type_0_item_data in self.users:
                users_type_0_item = users_type_0_item_data.to_dict()
                users.append(users_type_0_item)

        else:
            users = self.users

        customers: list[dict[str, Any]] | None
        if isinstance(self.customers, list):
            customers = []
            for customers_type_0_item_data in self.customers:
                customers_type_0_item = customers_type_0_item_data.to_dict()
                customers.append(customers_type_0_item)

        else:
            customers = self.customers

        sla_policies: list[dict[str, Any]] | None
        if isinstance(self.sla_policies, list):
            sla_policies = []
            for sla_policies_type_0_item_data in self.sla_policies:
                sla_policies_type_0_item = sla_policies_type_0_item_data.to_dict()
                sla_policies.append(sla_policies_type_0_item)

        else:
            sla_policies = self.sla_policies

        counts: dict[str, Any] | None
        if isinstance(self.counts, TicketCounts):
            counts = self.counts.to_dict()
        else:
            counts = self.counts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "users": users,
                "customers": customers,
                "sla_policies": sla_policies,
                "counts": counts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415
        from ..models.sla_policy_out import SLAPolicyOut  # noqa: PLC0415
        from ..models.ticket_counts import TicketCounts  # noqa: PLC0415
        from ..models.user_out import UserOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_users(data: object) -> list[UserOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                users_type_0 = []
                _users_type_0 = data
                for users_type_0_item_data in _users_type_0:
                    users_type_0_item = UserOut.from_dict(users_type_0_item_data)

                    users_type_0.append(users_type_0_item)

                return users_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UserOut] | None, data)

        users = _parse_users(d.pop("users"))

        def _parse_customers(data: object) -> list[CustomerOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                customers_type_0 = []
                _customers_type_0 = data
                for customers_type_0_item_data in _customers_type_0:
                    customers_type_0_item = CustomerOut.from_dict(customers_type_0_item_data)

                    customers_type_0.append(customers_type_0_item)

                return customers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CustomerOut] | None, data)

        customers = _parse_customers(d.pop("customers"))

        def _parse_sla_policies(data: object) -> list[SLAPolicyOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                sla_policies_type_0 = []
                _sla_policies_type_0 = data
                for sla_policies_type_0_item_data in _sla_policies_type_0:
                    sla_policies_type_0_item = SLAPolicyOut.from_dict(sla_policies_type_0_item_data)

                    sla_policies_type_0.append(sla_policies_type_0_item)

                return sla_policies_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SLAPolicyOut] | None, data)

        sla_policies = _parse_sla_policies(d.pop("sla_policies"))

        def _parse_counts(data: object) -> None | TicketCounts:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                counts_type_0 = TicketCounts.from_dict(data)

                return counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TicketCounts, data)

        counts = _parse_counts(d.pop("counts"))

        included_out = cls(
            users=users,
            customers=customers,
            sla_policies=sla_policies,
            counts=counts,
        )

        included_out.additional_properties = d
        return included_out

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
