from typing import Literal

TicketLinkOutKind = Literal["child", "merged_from", "merged_into", "parent", "related", "split_from", "split_into"]

TICKET_LINK_OUT_KIND_VALUES: set[TicketLinkOutKind] = {
    "child",
    "merged_from",
    "merged_into",
    "parent",
    "related",
    "split_from",
    "split_into",
}


def check_ticket_link_out_kind(value: str) -> TicketLinkOutKind:
    if value in TICKET_LINK_OUT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TICKET_LINK_OUT_KIND_VALUES!r}")
