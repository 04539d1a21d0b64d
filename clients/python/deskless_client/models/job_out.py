from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus, check_job_status

T = TypeVar("T", bound="JobOut")


@_attrs_define
class JobOut:
    """
    Attributes:
        id (str):
        work_order_number (str):
        technician_id (str):
        user_id (str):
        status (JobStatus):
        slot_day (datetime.date): the technician's local day this job holds a slot on
        assigned_by_id (str):
        assigned_at (datetime.datetime):
        accepted_at (datetime.datetime | None):
        started_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        declined_at (datetime.datetime | None):
        cancelled_at (datetime.datetime | None):
        notes (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    work_order_number: str
    technician_id: str
    user_id: str
    status: JobStatus
    slot_day: datetime.date
    assigned_by_id: str
    assigned_at: datetime.datetime
    accepted_at: datetime.datetime | None
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    declined_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        work_order_number = self.work_order_number

        technician_id = self.technician_id

        user_id = self.user_id

        status: str = self.status

        slot_day = self.slot_day.isoformat()

        assigned_by_id = self.assigned_by_id

        assigned_at = self.assigned_at.isoformat()

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        declined_at: None | str
        if isinstance(self.declined_at, datetime.datetime):
            declined_at = self.declined_at.isoformat()
        else:
            declined_at = self.declined_at

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        notes = self.notes

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "work_order_number": work_order_number,
                "technician_id": technician_id,
                "user_id": user_id,
                "status": status,
                "slot_day": slot_day,
                "assigned_by_id": assigned_by_id,
                "assigned_at": assigned_at,
                "accepted_at": accepted_at,
                "started_at": started_at,
                "completed_at": completed_at,
                "declined_at": declined_at,
                "cancelled_at": cancelled_at,
                "notes": notes,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        work_order_number = d.pop("work_order_number")

        technician_id = d.pop("technician_id")

        user_id = d.pop("user_id")

        status = check_job_status(d.pop("status"))

        slot_day = datetime.date.fromisoformat(d.pop("slot_day"))

        assigned_by_id = d.pop("assigned_by_id")

        assigned_at = datetime.datetime.fromisoformat(d.pop("assigned_at"))

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_declined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                declined_at_type_0 = datetime.datetime.fromisoformat(data)

                return declined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        declined_at = _parse_declined_at(d.pop("declined_at"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        notes = d.pop("notes")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        job_out = cls(
            id=id,
            work_order_number=work_order_number,
            technician_id=technician_id,
            user_id=user_id,
            status=status,
            slot_day=slot_day,
            assigned_by_id=assigned_by_id,
            assigned_at=assigned_at,
            accepted_at=accepted_at,
            started_at=started_at,
            completed_at=completed_at,
            declined_at=declined_at,
            cancelled_at=cancelled_at,
            notes=notes,
            created_at=created_at,
            updated_at=updated_at,
        )

        job_out.additional_properties = d
        return job_out

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
