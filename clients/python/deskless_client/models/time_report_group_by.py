from typing import Literal

TimeReportGroupBy = Literal["agent", "customer", "day", "department"]

TIME_REPORT_GROUP_BY_VALUES: set[TimeReportGroupBy] = {
    "agent",
    "customer",
    "day",
    "department",
}


def check_time_report_group_by(value: str) -> TimeReportGroupBy:
    if value in TIME_REPORT_GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TIME_REPORT_GROUP_BY_VALUES!r}")
