"""The dates a filter may name: Buddhist-era years 2500-2700 (1957-2157), the years periods.py accepts.

Year 1 or 9999 parse fine but break later: converting to UTC, adding a day, or binding to the
database overflows (a 500, found by the security review on Open311 and /admin/audit). Whatever parses
a date from a request (ISO, Buddhist-era, with or without time and offset) passes the result through
check() and turns DateOutOfRange into a 400 in its own format. A bound far from today but well
inside what Python and the databases hold leaves room for any shift a caller still does.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from models.periods import BE_OFFSET, BE_YEAR_MAX, BE_YEAR_MIN

FIRST_DAY = date(BE_YEAR_MIN - BE_OFFSET, 1, 1)
LAST_DAY = date(BE_YEAR_MAX - BE_OFFSET, 12, 31)
Day = TypeVar("Day", date, datetime)


class DateOutOfRange(ValueError):
    """A date that parsed but lies outside FIRST_DAY..LAST_DAY; `field` names the parameter."""

    def __init__(self, field: str, value: date) -> None:
        super().__init__(f"{field} must be between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}")
        self.field, self.value = field, value


def in_range(value: date | datetime) -> bool:
    # The calendar day as written: the offset of an aware datetime must not be applied here, since
    # applying it is exactly what overflows at the ends of the calendar.
    day = value.date() if isinstance(value, datetime) else value
    return FIRST_DAY <= day <= LAST_DAY


def check(field: str, value: Day) -> Day:
    """`value` itself when it lies in the range; else DateOutOfRange naming `field`."""
    if not in_range(value):
        raise DateOutOfRange(field, value)
    return value
