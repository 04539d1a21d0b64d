from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ticket_result_out_status import TicketResultOutStatus, check_ticket_result_out_status

if TYPE_CHECKING:
    from ..models.result_error_out import ResultErrorOut
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketResultOut")


@_attrs_define
class TicketResultOut:
    """
    Attributes:
        ticket_number (str):
        status (TicketResultOutStatus):
        error (None | ResultErrorOut):
        ticket (None | TicketOut): the ticket after the change (null when it failed)
    """

    ticket_number: str
    status: TicketResultOutStatus
    error: None | ResultErrorOut
    ticket: None | TicketOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.result_error_out import ResultErrorOut  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        ticket_number = self.ticket_number

        status: str = self.status

        error: dict[str, Any] | None
        if isinstance(self.error, ResultErrorOut):
            error = self.error.to_dict()
        else:
            error = self.error

        ticket: dict[str, Any] | None
        if isinstance(self.ticket, TicketOut):
            ticket = self.ticket.to_dict()
        else:
            ticket = self.ticket

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket_number": ticket_number,
                "status": status,
                "error": error,
                "ticket": ticket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_error_out import ResultErrorOut  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        status = check_ticket_result_out_status(d.pop("status"))

        def _parse_error(data: object) -> None | ResultErrorOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ResultErrorOut.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResultErrorOut, data)

        error = _parse_error(d.pop("error"))

        def _parse_ticket(data: object) -> None | TicketOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ticket_type_0 = TicketOut.from_dict(data)

                return ticket_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TicketOut, data)

        ticket = _parse_ticket(d.pop("ticket"))

        ticket_result_out = cls(
            ticket_number=ticket_number,
            status=status,
            error=error,
            ticket=ticket,
        )

        ticket_result_out.additional_properties = d
        return ticket_result_out

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
