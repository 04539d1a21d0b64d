from typing import Literal

CsatReportGroupBy = Literal["agent", "department", "week"]

CSAT_REPORT_GROUP_BY_VALUES: set[CsatReportGroupBy] = {
    "agent",
    "department",
    "week",
}


def check_csat_report_group_by(value: str) -> CsatReportGroupBy:
    if value in CSAT_REPORT_GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CSAT_REPORT_GROUP_BY_VALUES!r}")
