from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sla_policy_command import SLAPolicyCommand


T = TypeVar("T", bound="SLAPreviewCommand")


@_attrs_define
class SLAPreviewCommand:
    """Due times a ticket would get: under an unsaved ``policy`` (as POSTed) or a saved ``policy_id``.

    Attributes:
        policy (None | SLAPolicyCommand | Unset):
        policy_id (None | str | Unset):
        priority (Priority | Unset):
        created_at (datetime.datetime | None | Unset): when the ticket would be created (default: now)
    """

    policy: None | SLAPolicyCommand | Unset = UNSET
    policy_id: None | str | Unset = UNSET
    priority: Priority | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_policy_command import SLAPolicyCommand  # noqa: PLC0415

        policy: dict[str, Any] | None | Unset
        if isinstance(self.policy, Unset):
            policy = UNSET
        elif isinstance(self.policy, SLAPolicyCommand):
            policy = self.policy.to_dict()
        else:
            policy = self.policy

        policy_id: None | str | Unset
        if isinstance(self.policy_id, Unset):
            policy_id = UNSET
        else:
            policy_id = self.policy_id

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if policy is not UNSET:
            field_dict["policy"] = policy
        if policy_id is not UNSET:
            field_dict["policy_id"] = policy_id
        if priority is not UNSET:
            field_dict["priority"] = priority
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_policy_command import SLAPolicyCommand  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_policy(data: object) -> None | SLAPolicyCommand | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                policy_type_0 = SLAPolicyCommand.from_dict(data)

                return policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SLAPolicyCommand | Unset, data)

        policy = _parse_policy(d.pop("policy", UNSET))

        def _parse_policy_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        policy_id = _parse_policy_id(d.pop("policy_id", UNSET))

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = check_priority(_priority)

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        sla_preview_command = cls(
            policy=policy,
            policy_id=policy_id,
            priority=priority,
            created_at=created_at,
        )

        return sla_preview_command
