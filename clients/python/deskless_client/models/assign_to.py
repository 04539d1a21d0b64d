from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assign_to_strategy import AssignToStrategy, check_assign_to_strategy
from ..types import UNSET, Unset

T = TypeVar("T", bound="AssignTo")


@_attrs_define
class AssignTo:
    """A named agent, or one of a department's available agents with free capacity.

    Attributes:
        type_ (Literal['assign_to']):
        user_id (None | str | Unset):
        department_id (None | str | Unset):
        strategy (AssignToStrategy | Unset):  Default: 'least_loaded'.
    """

    type_: Literal["assign_to"]
    user_id: None | str | Unset = UNSET
    department_id: None | str | Unset = UNSET
    strategy: AssignToStrategy | Unset = "least_loaded"

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        department_id: None | str | Unset
        if isinstance(self.department_id, Unset):
            department_id = UNSET
        else:
            department_id = self.department_id

        strategy: str | Unset = UNSET
        if not isinstance(self.strategy, Unset):
            strategy = self.strategy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if department_id is not UNSET:
            field_dict["department_id"] = department_id
        if strategy is not UNSET:
            field_dict["strategy"] = strategy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["assign_to"], d.pop("type"))
        if type_ != "assign_to":
            raise ValueError(f"type must match const 'assign_to', got '{type_}'")

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_department_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department_id = _parse_department_id(d.pop("department_id", UNSET))

        _strategy = d.pop("strategy", UNSET)
        strategy: AssignToStrategy | Unset
        if isinstance(_strategy, Unset):
            strategy = UNSET
        else:
            strategy = check_assign_to_strategy(_strategy)

        assign_to = cls(
            type_=type_,
            user_id=user_id,
            department_id=department_id,
            strategy=strategy,
        )

        return assign_to
