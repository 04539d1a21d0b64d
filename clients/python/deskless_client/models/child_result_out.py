from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.child_result_out_outcome import ChildResultOutOutcome, check_child_result_out_outcome

if TYPE_CHECKING:
    from ..models.child_result_out_error_type_0 import ChildResultOutErrorType0


T = TypeVar("T", bound="ChildResultOut")


@_attrs_define
class ChildResultOut:
    """
    Attributes:
        ticket_number (str):
        outcome (ChildResultOutOutcome): `skipped`: already solved or closed; `failed`: see `error` (the others still
            ran)
        error (ChildResultOutErrorType0 | None): `{code, message, details}` when it failed
    """

    ticket_number: str
    outcome: ChildResultOutOutcome
    error: ChildResultOutErrorType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.child_result_out_error_type_0 import ChildResultOutErrorType0  # noqa: PLC0415

        ticket_number = self.ticket_number

        outcome: str = self.outcome

        error: dict[str, Any] | None
        if isinstance(self.error, ChildResultOutErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket_number": ticket_number,
                "outcome": outcome,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.child_result_out_error_type_0 import ChildResultOutErrorType0  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        outcome = check_child_result_out_outcome(d.pop("outcome"))

        def _parse_error(data: object) -> ChildResultOutErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ChildResultOutErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChildResultOutErrorType0 | None, data)

        error = _parse_error(d.pop("error"))

        child_result_out = cls(
            ticket_number=ticket_number,
            outcome=outcome,
            error=error,
        )

        child_result_out.additional_properties = d
        return child_result_out

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
