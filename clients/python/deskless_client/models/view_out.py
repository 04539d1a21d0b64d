from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.view_out_columns_item import ViewOutColumnsItem, check_view_out_columns_item
from ..models.view_out_sort import ViewOutSort, check_view_out_sort
from ..models.view_scope import ViewScope, check_view_scope

if TYPE_CHECKING:
    from ..models.ticket_filter_output import TicketFilterOutput


T = TypeVar("T", bound="ViewOut")


@_attrs_define
class ViewOut:
    """
    Attributes:
        id (str): `builtin:<name>` for the built-ins, else the view's id
        name (str):
        scope (ViewScope):
        department_id (None | str): the department of a `department` view
        owner_id (None | str): the owner of a `personal` view
        filter_ (TicketFilterOutput): Every given criterion must hold (AND); a list criterion holds when ANY of its
            values does (OR),
            except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see.
        sort (ViewOutSort):
        columns (list[ViewOutColumnsItem]):
        position (int):
        count (int | None): with `include=counts`: the tickets the reader would list, up to 100; else null
        count_capped (bool): true: at least `count` (100 reached, or the bounded count stopped before the end) Default:
            False.
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    name: str
    scope: ViewScope
    department_id: None | str
    owner_id: None | str
    filter_: TicketFilterOutput
    sort: ViewOutSort
    columns: list[ViewOutColumnsItem]
    position: int
    count: int | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    count_capped: bool = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        scope: str = self.scope

        department_id: None | str
        department_id = self.department_id

        owner_id: None | str
        owner_id = self.owner_id

        filter_ = self.filter_.to_dict()

        sort: str = self.sort

        columns = []
        for columns_item_data in self.columns:
            columns_item: str = columns_item_data
            columns.append(columns_item)

        position = self.position

        count: int | None
        count = self.count

        count_capped = self.count_capped

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "scope": scope,
                "department_id": department_id,
                "owner_id": owner_id,
                "filter": filter_,
                "sort": sort,
                "columns": columns,
                "position": position,
                "count": count,
                "count_capped": count_capped,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_filter_output import TicketFilterOutput  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        scope = check_view_scope(d.pop("scope"))

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        def _parse_owner_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner_id = _parse_owner_id(d.pop("owner_id"))

        filter_ = TicketFilterOutput.from_dict(d.pop("filter"))

        sort = check_view_out_sort(d.pop("sort"))

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = check_view_out_columns_item(columns_item_data)

            columns.append(columns_item)

        position = d.pop("position")

        def _parse_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        count = _parse_count(d.pop("count"))

        count_capped = d.pop("count_capped")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        view_out = cls(
            id=id,
            name=name,
            scope=scope,
            department_id=department_id,
            owner_id=owner_id,
            filter_=filter_,
            sort=sort,
            columns=columns,
            position=position,
            count=count,
            count_capped=count_capped,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        view_out.additional_properties = d
        return view_out

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
