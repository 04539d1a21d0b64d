"""Time in one format: aware UTC datetimes, ISO 8601 with a Z on the wire and in the table."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """``2026-11-24T18:00:00.123456Z``: sortable as a string, which the sort keys rely on."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def as_utc(moment: datetime) -> datetime:
    """An input time in UTC: a time without an offset is taken as UTC, never as the server's local time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# A timestamp field of a request or query: RFC 3339 with its offset (`Z` or `+02:00`), stored in UTC.
# One without an offset is refused (422 naming the field, type `timezone_aware`), never guessed.
Moment = Annotated[AwareDatetime, AfterValidator(as_utc)]


def _wall_clock(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("a wall-clock time such as 09:00, without an offset (the calendar's time zone applies)")
    return value


# A time of day in some calendar's own time zone. pydantic reads a number as seconds since
# midnight UTC, an aware time that cannot be compared with the wall-clock ones: refused.
LocalTime = Annotated[time, AfterValidator(_wall_clock)]
