from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.changed import Changed
    from ..models.changed_value import ChangedValue
    from ..models.compare import Compare
    from ..models.hours_since import HoursSince
    from ..models.matches import Matches
    from ..models.membership import Membership
    from ..models.order import Order


T = TypeVar("T", bound="AutomationConditions")


@_attrs_define
class AutomationConditions:
    """Every ``all`` condition holds, and at least one ``any`` condition (when there are any).

    Attributes:
        all_ (list[Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order] | Unset):
        any_ (list[Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order] | Unset):
    """

    all_: list[Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order] | Unset = UNSET
    any_: list[Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.changed import Changed  # noqa: PLC0415
        from ..models.changed_value import ChangedValue  # noqa: PLC0415
        from ..models.compare import Compare  # noqa: PLC0415
        from ..models.matches import Matches  # noqa: PLC0415
        from ..models.membership import Membership  # noqa: PLC0415
        from ..models.order import Order  # noqa: PLC0415

        all_: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.all_, Unset):
            all_ = []
            for all_item_data in self.all_:
                all_item: dict[str, Any]
                if isinstance(all_item_data, Compare):
                    all_item = all_item_data.to_dict()
                elif isinstance(all_item_data, Membership):
                    all_item = all_item_data.to_dict()
                elif isinstance(all_item_data, Order):
                    all_item = all_item_data.to_dict()
                elif isinstance(all_item_data, Changed):
                    all_item = all_item_data.to_dict()
                elif isinstance(all_item_data, ChangedValue):
                    all_item = all_item_data.to_dict()
                elif isinstance(all_item_data, Matches):
                    all_item = all_item_data.to_dict()
                else:
                    all_item = all_item_data.to_dict()

                all_.append(all_item)

        any_: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.any_, Unset):
            any_ = []
            for any_item_data in self.any_:
                any_item: dict[str, Any]
                if isinstance(any_item_data, Compare):
                    any_item = any_item_data.to_dict()
                elif isinstance(any_item_data, Membership):
                    any_item = any_item_data.to_dict()
                elif isinstance(any_item_data, Order):
                    any_item = any_item_data.to_dict()
                elif isinstance(any_item_data, Changed):
                    any_item = any_item_data.to_dict()
                elif isinstance(any_item_data, ChangedValue):
                    any_item = any_item_data.to_dict()
                elif isinstance(any_item_data, Matches):
                    any_item = any_item_data.to_dict()
                else:
                    any_item = any_item_data.to_dict()

                any_.append(any_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_ is not UNSET:
            field_dict["all"] = all_
        if any_ is not UNSET:
            field_dict["any"] = any_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.changed import Changed  # noqa: PLC0415
        from ..models.changed_value import ChangedValue  # noqa: PLC0415
        from ..models.compare import Compare  # noqa: PLC0415
        from ..models.hours_since import HoursSince  # noqa: PLC0415
        from ..models.matches import Matches  # noqa: PLC0415
        from ..models.membership import Membership  # noqa: PLC0415
        from ..models.order import Order  # noqa: PLC0415

        d = dict(src_dict)
        _all_ = d.pop("all", UNSET)
        all_: list[Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order] | Unset = UNSET
        if _all_ is not UNSET:
            all_ = []
            for all_item_data in _all_:

                def _parse_all_item(
                    data: object,
                ) -> Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        all_item_type_0 = Compare.from_dict(data)

                        return all_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        all_item_type_1 = Membership.from_dict(data)

                        return all_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        all_item_type_2 = Order.from_dict(data)

                        return all_item_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        all_item_type_3 = Changed.from_dict(data)

                        return all_item_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        all_item_type_4 = ChangedValue.from_dict(data)

                        return all_item_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        all_item_type_5 = Matches.from_dict(data)

                        return all_item_type_5
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    all_item_type_6 = HoursSince.from_dict(data)

                    return all_item_type_6

                all_item = _parse_all_item(all_item_data)

                all_.append(all_item)

        _any_ = d.pop("any", UNSET)
        any_: list[Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order] | Unset = UNSET
        if _any_ is not UNSET:
            any_ = []
            for any_item_data in _any_:

                def _parse_any_item(
                    data: object,
                ) -> Changed | ChangedValue | Compare | HoursSince | Matches | Membership | Order:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        any_item_type_0 = Compare.from_dict(data)

                        return any_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        any_item_type_1 = Membership.from_dict(data)

                        return any_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        any_item_type_2 = Order.from_dict(data)

                        return any_item_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        any_item_type_3 = Changed.from_dict(data)

                        return any_item_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        any_item_type_4 = ChangedValue.from_dict(data)

                        return any_item_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        any_item_type_5 = Matches.from_dict(data)

                        return any_item_type_5
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    any_item_type_6 = HoursSince.from_dict(data)

                    return any_item_type_6

                any_item = _parse_any_item(any_item_data)

                any_.append(any_item)

        automation_conditions = cls(
            all_=all_,
            any_=any_,
        )

        return automation_conditions
