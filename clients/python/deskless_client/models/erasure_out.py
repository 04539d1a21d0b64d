from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ErasureOut")


@_attrs_define
class ErasureOut:
    """
    Attributes:
        tickets (int):
        work_orders (int):
        items_rewritten (int):
        items_deleted (int):
        files_deleted (int):
        exports_deleted (int):
    """

    tickets: int
    work_orders: int
    items_rewritten: int
    items_deleted: int
    files_deleted: int
    exports_deleted: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tickets = self.tickets

        work_orders = self.work_orders

        items_rewritten = self.items_rewritten

        items_deleted = self.items_deleted

        files_deleted = self.files_deleted

        exports_deleted = self.exports_deleted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tickets": tickets,
                "work_orders": work_orders,
                "items_rewritten": items_rewritten,
                "items_deleted": items_deleted,
                "files_deleted": files_deleted,
                "exports_deleted": exports_deleted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tickets = d.pop("tickets")

        work_orders = d.pop("work_orders")

        items_rewritten = d.pop("items_rewritten")

        items_deleted = d.pop("items_deleted")

        files_deleted = d.pop("files_deleted")

        exports_deleted = d.pop("exports_deleted")

        erasure_out = cls(
            tickets=tickets,
            work_orders=work_orders,
            items_rewritten=items_rewritten,
            items_deleted=items_deleted,
            files_deleted=files_deleted,
            exports_deleted=exports_deleted,
        )

        erasure_out.additional_properties = d
        return erasure_out

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
