from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.view_command_columns_item import ViewCommandColumnsItem, check_view_command_columns_item
from ..models.view_command_scope import ViewCommandScope, check_view_command_scope
from ..models.view_command_sort import ViewCommandSort, check_view_command_sort
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_filter_input import TicketFilterInput


T = TypeVar("T", bound="ViewCommand")


@_attrs_define
class ViewCommand:
    """A new view; ``scope`` organization or department needs a manager or admin.

    Attributes:
        name (str):
        filter_ (TicketFilterInput): Every given criterion must hold (AND); a list criterion holds when ANY of its
            values does (OR),
            except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see.
        sort (ViewCommandSort | Unset):  Default: '-updated_at'.
        columns (list[ViewCommandColumnsItem] | Unset):
        scope (ViewCommandScope | Unset):  Default: 'personal'.
        department_id (None | str | Unset): required for (and only for) `department`
        position (int | Unset):  Default: 0.
    """

    name: str
    filter_: TicketFilterInput
    sort: ViewCommandSort | Unset = "-updated_at"
    columns: list[ViewCommandColumnsItem] | Unset = UNSET
    scope: ViewCommandScope | Unset = "personal"
    department_id: None | str | Unset = UNSET
    position: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        name = self.name

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

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope

        department_id: None | str | Unset
        if isinstance(self.department_id, Unset):
            department_id = UNSET
        else:
            department_id = self.department_id

        position = self.position

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "filter": filter_,
            }
        )
        if sort is not UNSET:
            field_dict["sort"] = sort
        if columns is not UNSET:
            field_dict["columns"] = columns
        if scope is not UNSET:
            field_dict["scope"] = scope
        if department_id is not UNSET:
            field_dict["department_id"] = department_id
        if position is not UNSET:
            field_dict["position"] = position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_filter_input import TicketFilterInput  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        filter_ = TicketFilterInput.from_dict(d.pop("filter"))

        _sort = d.pop("sort", UNSET)
        sort: ViewCommandSort | Unset
        if isinstance(_sort, Unset):
            sort = UNSET
        else:
            sort = check_view_command_sort(_sort)

        _columns = d.pop("columns", UNSET)
        columns: list[ViewCommandColumnsItem] | Unset = UNSET
        if _columns is not UNSET:
            columns = []
            for columns_item_data in _columns:
                columns_item = check_view_command_columns_item(columns_item_data)

                columns.append(columns_item)

        _scope = d.pop("scope", UNSET)
        scope: ViewCommandScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = check_view_command_scope(_scope)

        def _parse_department_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department_id = _parse_department_id(d.pop("department_id", UNSET))

        position = d.pop("position", UNSET)

        view_command = cls(
            name=name,
            filter_=filter_,
            sort=sort,
            columns=columns,
            scope=scope,
            department_id=department_id,
            position=position,
        )

        return view_command
