from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.view_patch_columns_item import ViewPatchColumnsItem, check_view_patch_columns_item
from ..models.view_patch_sort import ViewPatchSort, check_view_patch_sort
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_filter_input import TicketFilterInput


T = TypeVar("T", bound="ViewPatch")


@_attrs_define
class ViewPatch:
    """Changes to a view (its scope and department are fixed).

    Attributes:
        name (str | Unset):
        filter_ (TicketFilterInput | Unset): Every given criterion must hold (AND); a list criterion holds when ANY of
            its values does (OR),
            except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see.
        sort (ViewPatchSort | Unset):
        columns (list[ViewPatchColumnsItem] | Unset):
        position (int | Unset):
    """

    name: str | Unset = UNSET
    filter_: TicketFilterInput | Unset = UNSET
    sort: ViewPatchSort | Unset = UNSET
    columns: list[ViewPatchColumnsItem] | Unset = UNSET
    position: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        sort: str | Unset = UNSET
        if not isinstance(self.sort, Unset):
            sort = self.sort

        columns: list[str] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = []
            for columns_item_data in self.columns:
                columns_item: str = columns_item_data
                columns.append(columns_item)

        position = self.position

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if sort is not UNSET:
            field_dict["sort"] = sort
        if columns is not UNSET:
            field_dict["columns"] = columns
        if position is not UNSET:
            field_dict["position"] = position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_filter_input import TicketFilterInput  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _filter_ = d.pop("filter", UNSET)
        filter_: TicketFilterInput | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = TicketFilterInput.from_dict(_filter_)

        _sort = d.pop("sort", UNSET)
        sort: ViewPatchSort | Unset
        if isinstance(_sort, Unset):
            sort = UNSET
        else:
            sort = check_view_patch_sort(_sort)

        _columns = d.pop("columns", UNSET)
        columns: list[ViewPatchColumnsItem] | Unset = UNSET
        if _columns is not UNSET:
            columns = []
            for columns_item_data in _columns:
                columns_item = check_view_patch_columns_item(columns_item_data)

                columns.append(columns_item)

        position = d.pop("position", UNSET)

        view_patch = cls(
            name=name,
            filter_=filter_,
            sort=sort,
            columns=columns,
            position=position,
        )

        return view_patch
