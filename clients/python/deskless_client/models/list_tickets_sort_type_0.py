from typing import Literal

ListTicketsSortType0 = Literal[
    "-created_at", "-priority", "-sla_due_at", "-updated_at", "created_at", "priority", "sla_due_at", "updated_at"
]

LIST_TICKETS_SORT_TYPE_0_VALUES: set[ListTicketsSortType0] = {
    "-created_at",
    "-priority",
    "-sla_due_at",
    "-updated_at",
    "created_at",
    "priority",
    "sla_due_at",
    "updated_at",
}


def check_list_tickets_sort_type_0(value: str) -> ListTicketsSortType0:
    if value in LIST_TICKETS_SORT_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_TICKETS_SORT_TYPE_0_VALUES!r}")
