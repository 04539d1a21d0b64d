from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.macro_scope import MacroScope, check_macro_scope

if TYPE_CHECKING:
    from ..models.macro_out_actions_item import MacroOutActionsItem


T = TypeVar("T", bound="MacroOut")


@_attrs_define
class MacroOut:
    """
    Attributes:
        id (str):
        name (str):
        description (str):
        scope (MacroScope):
        owner_id (None | str): the owner of a personal macro; null for organization macros
        actions (list[MacroOutActionsItem]):
        position (int):
        usage_count (int): tickets the macro was applied to
        last_used_at (datetime.datetime | None):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    name: str
    description: str
    scope: MacroScope
    owner_id: None | str
    actions: list[MacroOutActionsItem]
    position: int
    usage_count: int
    last_used_at: datetime.datetime | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        scope: str = self.scope

        owner_id: None | str
        owner_id = self.owner_id

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        position = self.position

        usage_count = self.usage_count

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "scope": scope,
                "owner_id": owner_id,
                "actions": actions,
                "position": position,
                "usage_count": usage_count,
                "last_used_at": last_used_at,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.macro_out_actions_item import MacroOutActionsItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        scope = check_macro_scope(d.pop("scope"))

        def _parse_owner_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner_id = _parse_owner_id(d.pop("owner_id"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = MacroOutActionsItem.from_dict(actions_item_data)

            actions.append(actions_item)

        position = d.pop("position")

        usage_count = d.pop("usage_count")

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        macro_out = cls(
            id=id,
            name=name,
            description=description,
            scope=scope,
            owner_id=owner_id,
            actions=actions,
            position=position,
            usage_count=usage_count,
            last_used_at=last_used_at,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        macro_out.additional_properties = d
        return macro_out

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
