from typing import Literal

ListTicketsView = Literal["all", "mine", "unassigned"]

LIST_TICKETS_VIEW_VALUES: set[ListTicketsView] = {
    "all",
    "mine",
    "unassigned",
}


def check_list_tickets_view(value: str) -> ListTicketsView:
    if value in LIST_TICKETS_VIEW_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_TICKETS_VIEW_VALUES!r}")
