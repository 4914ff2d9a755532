"""Reporting periods in Bangkok time: month, quarter, half year and fiscal year, named in the Buddhist era.

The fiscal year runs 1 October - 30 September and is named by the Buddhist-era year it ends in:
FY 2569 = 1 Oct 2025 - 30 Sep 2026. Its quarters and halves count from October ("2569-Q1" is
ต.ค.-ธ.ค. 2568, "2569-H1" is ต.ค. 2568 - มี.ค. 2569). Every bound is the instant a Bangkok day
begins, as aware UTC, and a period is the half-open [start, end): an event at 23:30 UTC on
30 September is 06:30 on 1 October in Bangkok, so it belongs to the next fiscal year.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from messages_th.dates import BANGKOK, BE_OFFSET

MONTH, QUARTER, HALF, FISCAL_YEAR = "month", "quarter", "half", "fy"
KINDS = (MONTH, QUARTER, HALF, FISCAL_YEAR)
_MONTHS_IN = {MONTH: 1, QUARTER: 3, HALF: 6, FISCAL_YEAR: 12}
_PATTERNS = {MONTH: re.compile(r"(\d{4})-(\d{1,2})"), QUARTER: re.compile(r"(\d{4})-?[Qq]([1-4])"),
             HALF: re.compile(r"(\d{4})-?[Hh]([12])"), FISCAL_YEAR: re.compile(r"(?:[Ff][Yy]-?)?(\d{4})")}
# Buddhist-era years that can be meant (2500 = 1957; 2700 = 2157): anything else is a typo, most
# often a Gregorian year ("2026-01"), which would otherwise silently give an empty period.
BE_YEAR_MIN, BE_YEAR_MAX = 2500, 2700


class PeriodError(ValueError):
    """Bad period input. `key` names the Thai message (messages_th/ita.py), `values` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def shift_month(be_year: int, month: int, delta: int) -> tuple[int, int]:
    index = be_year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _bangkok_first(year: int, month: int) -> datetime:
    return datetime(year, month, 1, tzinfo=BANGKOK).astimezone(UTC)


def months_bounds(be_year: int, month: int, count: int = 1) -> tuple[datetime, datetime]:
    """[start, end) of `count` calendar months from `month` of Buddhist-era calendar year `be_year`,
    cut at Bangkok midnight, as aware UTC (months_bounds(2568, 10, 6): 1 Oct 2025 - 1 Apr 2026)."""
    if not 1 <= month <= 12 or count < 1:
        raise ValueError(f"bad month {month} or count {count}")
    after = shift_month(be_year, month, count)
    return _bangkok_first(be_year - BE_OFFSET, month), _bangkok_first(after[0] - BE_OFFSET, after[1])


def month_bounds(be_year: int, month: int) -> tuple[datetime, datetime]:
    return months_bounds(be_year, month, 1)


def fiscal_year_bounds(be_year: int) -> tuple[datetime, datetime]:
    """FY 2569 = 1 Oct 2025 00:00 up to (not including) 1 Oct 2026 00:00, Bangkok time."""
    return months_bounds(be_year - 1, 10, 12)


def bangkok_month_of(moment: datetime) -> tuple[int, int]:
    """(Buddhist-era year, month) of an aware instant in Bangkok."""
    local = moment.astimezone(BANGKOK)
    return local.year + BE_OFFSET, local.month


def fiscal_year_of(moment: datetime) -> int:
    be_year, month = bangkok_month_of(moment)
    return be_year + 1 if month >= 10 else be_year


@dataclass(frozen=True)
class Period:
    """One reporting period. `fy` is the fiscal year it lies in and `number` its place there
    (quarter 1-4, half 1-2, 1 for the whole year); a month is named by its calendar month
    (`first` = (calendar BE year, month))."""

    kind: str
    fy: int
    number: int
    first: tuple[int, int]  # (Buddhist-era calendar year, month) of its first month

    @property
    def month_count(self) -> int:
        return _MONTHS_IN[self.kind]

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return months_bounds(*self.first, self.month_count)

    @property
    def start(self) -> datetime:
        return self.bounds[0]

    @property
    def end(self) -> datetime:
        return self.bounds[1]

    @property
    def months(self) -> list[tuple[int, int]]:
        """(Buddhist-era calendar year, month) of every month in the period, in order."""
        return [shift_month(*self.first, i) for i in range(self.month_count)]

    @property
    def slug(self) -> str:
        """For file names: 2569-01, 2569-q2, 2569-h1, 2569-fy."""
        if self.kind == MONTH:
            return f"{self.first[0]}-{self.first[1]:02d}"
        return {QUARTER: f"{self.fy}-q{self.number}", HALF: f"{self.fy}-h{self.number}",
                FISCAL_YEAR: f"{self.fy}-fy"}[self.kind]

    @property
    def code(self) -> str:
        """As typed on the command line: 2569-01, 2569-Q2, 2569-H1, 2569."""
        return self.slug.upper().removesuffix("-FY")

    def previous(self) -> Period:
        """The period of the same kind just before (the trend compares with it)."""
        if self.kind == MONTH:
            return month(*shift_month(*self.first, -1))
        if self.kind == FISCAL_YEAR:
            return fiscal_year(self.fy - 1)
        per_year = 12 // self.month_count
        index = self.fy * per_year + self.number - 2
        return (quarter if self.kind == QUARTER else half)(index // per_year, index % per_year + 1)


def _check_year(be_year: int) -> None:
    if not BE_YEAR_MIN <= be_year <= BE_YEAR_MAX:
        raise PeriodError("error.year", year=be_year, lo=BE_YEAR_MIN, hi=BE_YEAR_MAX)


def month(be_year: int, month_number: int) -> Period:
    _check_year(be_year)
    if not 1 <= month_number <= 12:
        raise PeriodError("error.month", month=month_number)
    fy = be_year + 1 if month_number >= 10 else be_year
    return Period(MONTH, fy, month_number, (be_year, month_number))


def quarter(fy: int, number: int) -> Period:
    _check_year(fy)
    if not 1 <= number <= 4:
        raise PeriodError("error.quarter", number=number)
    return Period(QUARTER, fy, number, shift_month(fy - 1, 10, 3 * (number - 1)))


def half(fy: int, number: int) -> Period:
    _check_year(fy)
    if number not in (1, 2):
        raise PeriodError("error.half", number=number)
    return Period(HALF, fy, number, shift_month(fy - 1, 10, 6 * (number - 1)))


def fiscal_year(fy: int) -> Period:
    _check_year(fy)
    return Period(FISCAL_YEAR, fy, 1, (fy - 1, 10))


def parse(kind: str, text: str) -> Period:
    """'2569-01' (month), '2569-Q2' (quarter), '2569-H1' (half), '2569' (fiscal year) -> a Period.
    Raises PeriodError with the Thai message's key on anything else."""
    if kind not in KINDS:
        raise PeriodError("error.kind", kind=kind)
    found = _PATTERNS[kind].fullmatch((text or "").strip())
    if found is None:
        raise PeriodError(f"error.format.{kind}", text=text)
    numbers = [int(g) for g in found.groups()]
    makers: dict[str, Callable[..., Period]] = {MONTH: month, QUARTER: quarter, HALF: half, FISCAL_YEAR: fiscal_year}
    make = makers[kind]
    period = make(*numbers)
    period.previous()  # every report compares with the period before: 2500-01 has none (PeriodError)
    return period


def containing(kind: str, moment: datetime) -> Period:
    """The period of `kind` that `moment` falls in (the current one, given now)."""
    be_year, month_number = bangkok_month_of(moment)
    fy = fiscal_year_of(moment)
    position = (month_number - 10) % 12  # months since the fiscal year began
    if kind == MONTH:
        return month(be_year, month_number)
    if kind == QUARTER:
        return quarter(fy, position // 3 + 1)
    if kind == HALF:
        return half(fy, position // 6 + 1)
    return fiscal_year(fy)
