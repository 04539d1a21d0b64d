from typing import Literal

JobStatus = Literal["accepted", "assigned", "cancelled", "completed", "declined", "en_route", "started"]

JOB_STATUS_VALUES: set[JobStatus] = {
    "accepted",
    "assigned",
    "cancelled",
    "completed",
    "declined",
    "en_route",
    "started",
}


def check_job_status(value: str) -> JobStatus:
    if value in JOB_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {JOB_STATUS_VALUES!r}")
