from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ticket_filter_output import TicketFilterOutput


T = TypeVar("T", bound="TicketSearchQueryOut")


@_attrs_define
class TicketSearchQueryOut:
    """
    Attributes:
        terms (list[str]): the stems searched, with the completions and near spellings used
        filter_ (TicketFilterOutput): Every given criterion must hold (AND); a list criterion holds when ANY of its
            values does (OR),
            except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see.
    """

    terms: list[str]
    filter_: TicketFilterOutput
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        terms = self.terms

        filter_ = self.filter_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "terms": terms,
                "filter": filter_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_filter_output import TicketFilterOutput  # noqa: PLC0415

        d = dict(src_dict)
        terms = cast(list[str], d.pop("terms"))

        filter_ = TicketFilterOutput.from_dict(d.pop("filter"))

        ticket_search_query_out = cls(
            terms=terms,
            filter_=filter_,
        )

        ticket_search_query_out.additional_properties = d
        return ticket_search_query_out

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
