from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.history_out_changes import HistoryOutChanges


T = TypeVar("T", bound="HistoryOut")


@_attrs_define
class HistoryOut:
    """
    Attributes:
        id (str):
        user_id (None | str):
        field_name (str):
        old_value (None | str):
        new_value (None | str):
        change_type (str):
        changes (HistoryOutChanges):
        ip_address (None | str):
        user_agent (None | str):
        rule_id (None | str): the automation rule that made the change
        source (None | str): "link": made through a mailed single-use link (a rating); "macro": by applying a macro
        macro_id (None | str): the macro the user applied to make the change
        macro_name (None | str): that macro's name when it was applied
        created_at (datetime.datetime):
    """

    id: str
    user_id: None | str
    field_name: str
    old_value: None | str
    new_value: None | str
    change_type: str
    changes: HistoryOutChanges
    ip_address: None | str
    user_agent: None | str
    rule_id: None | str
    source: None | str
    macro_id: None | str
    macro_name: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id: None | str
        user_id = self.user_id

        field_name = self.field_name

        old_value: None | str
        old_value = self.old_value

        new_value: None | str
        new_value = self.new_value

        change_type = self.change_type

        changes = self.changes.to_dict()

        ip_address: None | str
        ip_address = self.ip_address

        user_agent: None | str
        user_agent = self.user_agent

        rule_id: None | str
        rule_id = self.rule_id

        source: None | str
        source = self.source

        macro_id: None | str
        macro_id = self.macro_id

        macro_name: None | str
        macro_name = self.macro_name

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "field_name": field_name,
                "old_value": old_value,
                "new_value": new_value,
                "change_type": change_type,
                "changes": changes,
                "ip_address": ip_address,
                "user_agent": user_agent,
                "rule_id": rule_id,
                "source": source,
                "macro_id": macro_id,
                "macro_name": macro_name,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_out_changes import HistoryOutChanges  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        field_name = d.pop("field_name")

        def _parse_old_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_value = _parse_old_value(d.pop("old_value"))

        def _parse_new_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_value = _parse_new_value(d.pop("new_value"))

        change_type = d.pop("change_type")

        changes = HistoryOutChanges.from_dict(d.pop("changes"))

        def _parse_ip_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip_address = _parse_ip_address(d.pop("ip_address"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        def _parse_rule_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        def _parse_macro_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        macro_id = _parse_macro_id(d.pop("macro_id"))

        def _parse_macro_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        macro_name = _parse_macro_name(d.pop("macro_name"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        history_out = cls(
            id=id,
            user_id=user_id,
            field_name=field_name,
            old_value=old_value,
            new_value=new_value,
            change_type=change_type,
            changes=changes,
            ip_address=ip_address,
            user_agent=user_agent,
            rule_id=rule_id,
            source=source,
            macro_id=macro_id,
            macro_name=macro_name,
            created_at=created_at,
        )

        history_out.additional_properties = d
        return history_out

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
