"""Time in the demo data: the months it covers, how busy each is, and when citizens and staff act.

Instants are plain epoch seconds (floats) while generating: a million cases need millions of them,
and arithmetic on floats is many times cheaper than on datetimes. The sink turns them into what
each database stores.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from messages_th.dates import BANGKOK, BE_OFFSET

HOUR, DAY = 3600.0, 86400.0
_OFFSET = BANGKOK.utcoffset(None).total_seconds()  # fixed: Bangkok keeps UTC+7 all year
_OPEN, _CLOSE = 8.5 * HOUR, 16.5 * HOUR  # office hours, 08.30-16.30
# How often people write in each Bangkok hour (0-23): quiet at night, busy in the morning and evening.
HOUR_WEIGHTS = (1, 0.5, 0.3, 0.3, 0.5, 1.5, 3, 5, 6, 7, 7, 6, 5, 6, 6, 6, 5, 5, 6, 6, 5, 4, 3, 2)
WEEKEND = 0.8  # fewer reports on Saturdays and Sundays
# Overall volume by calendar month: more in the rainy season (floods, roads), less in the cool season.
SEASON = {1: 0.9, 2: 0.95, 3: 1.1, 4: 1.1, 5: 1.0, 6: 1.1, 7: 1.15, 8: 1.2, 9: 1.2, 10: 1.1, 11: 0.9, 12: 0.85}


@dataclass(frozen=True)
class Month:
    year: int  # Gregorian, in Bangkok
    month: int
    start: float  # first instant (Bangkok midnight on the 1st)
    end: float  # end of the covered part: the month's end, or the window's end in the last month
    full_end: float

    @property
    def period(self) -> str:
        """YYMM in the Buddhist era: the middle of a ticket number."""
        return f"{(self.year + BE_OFFSET) % 100:02d}{self.month:02d}"

    @property
    def covered(self) -> float:
        return (self.end - self.start) / (self.full_end - self.start)


def _bangkok_first(year: int, month: int) -> float:
    return datetime(year, month, 1, tzinfo=BANGKOK).timestamp()


def months_until(end: float, count: int) -> list[Month]:
    """The `count` Bangkok calendar months ending with the month of `end`, the last cut at `end`."""
    local = datetime.fromtimestamp(end, BANGKOK)
    index = local.year * 12 + local.month - 1
    months = []
    for i in range(index - count + 1, index + 1):
        year, month = divmod(i, 12)
        nyear, nmonth = divmod(i + 1, 12)
        start, full_end = _bangkok_first(year, month + 1), _bangkok_first(nyear, nmonth + 1)
        months.append(Month(year, month + 1, start, min(end, full_end), full_end))
    return months


def month_weights(months: list[Month]) -> list[float]:
    """How much of the whole each month gets: season, the part covered, and a channel that grows
    as more people hear of it (three quarters of the last month's volume at the start)."""
    n = len(months)
    return [m.covered * SEASON[m.month] * (0.75 + 0.5 * i / max(1, n - 1)) for i, m in enumerate(months)]


def allocate(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainders), summing exactly to `total`."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])[: total - sum(counts)]:
        counts[i] += 1
    return counts


def times_in(month: Month, n: int, rng: random.Random) -> list[float]:
    """`n` sorted instants in the covered part of a month, following HOUR_WEIGHTS and WEEKEND."""
    if n <= 0 or month.end <= month.start:
        return []
    slots, weights = [], []
    t = month.start
    while t < month.end:
        local = t + _OFFSET
        weekday = (int(local // DAY) + 3) % 7  # 1 Jan 1970 was a Thursday (Monday = 0)
        slots.append(t)
        weights.append(HOUR_WEIGHTS[int(local % DAY // HOUR)] * (WEEKEND if weekday >= 5 else 1.0))
        t += HOUR
    picked = rng.choices(slots, weights, k=n)
    return sorted(min(s + rng.random() * HOUR, month.end - 0.001) for s in picked)


def office_time(t: float, rng: random.Random) -> float:
    """When staff act on something due at `t`: then if it is within office hours on a weekday,
    otherwise soon after the office opens on the next working day."""
    local = t + _OFFSET
    day, sec = int(local // DAY), local % DAY
    weekday = (day + 3) % 7
    if weekday < 5 and _OPEN <= sec < _CLOSE:
        return t
    if weekday < 5 and sec < _OPEN:
        next_day = day
    else:
        next_day = day + 1
        while (next_day + 3) % 7 >= 5:
            next_day += 1
    return next_day * DAY - _OFFSET + _OPEN + rng.random() * 2.5 * HOUR


def to_datetime(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)

