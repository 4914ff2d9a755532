"""Dates typed by staff, Buddhist era first: the one parser of every date filter in the admin view
(the queue, the audit log), and the text a date field shows.

Accepted: "7/12/2569" (day/month/year, also with - or .), "7/12/69" (two-digit Buddhist year),
"๗/๑๒/๒๕๖๙" (Thai digits), "7 ธ.ค. 2569" or "7 ธันวาคม 2569" (Thai month names), and ISO
"2025-12-07" (what a browser's own date field and old links send; a year above 2400 there is
Buddhist too). A four-digit year below 2400 is Gregorian, as people sometimes type it.
"""
from __future__ import annotations

import re
from datetime import date

from messages_th.dates import BE_OFFSET, MONTHS, MONTHS_SHORT
from models import date_bounds
from models.thai_text import ascii_digits

BE_YEARS_FROM = 2400  # a year above this is a Buddhist-era year (2568 = 2025)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_NAMED = re.compile(r"^(\d{1,2})\s+(\S+)\s+(\d{2}|\d{4})$")
_MONTH_NAMES = {name: n for n, name in enumerate(MONTHS, 1)} | {
    name.replace(".", ""): n for n, name in enumerate(MONTHS_SHORT, 1)}


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # "69": the Buddhist-era century staff live in
        year += 2500
    return year - BE_OFFSET if year > BE_YEARS_FROM else year


def parse_date(value: str, field: str = "date") -> date | None:
    """The date typed, or None for an empty field; ValueError for what is not a date, and its
    subclass date_bounds.DateOutOfRange (naming `field`) for a day too far off to compute with
    (the audit log answers that with its 400 page, the queue with a note on the page)."""
    text = " ".join(ascii_digits(value).split())
    if not text:
        return None
    if m := _ISO.match(text):
        year, month, day = _year(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.match(text):
        day, month, year = int(m[1]), int(m[2]), _year(m[3])
    elif (m := _NAMED.match(text)) and m[2].replace(".", "") in _MONTH_NAMES:
        day, month, year = int(m[1]), _MONTH_NAMES[m[2].replace(".", "")], _year(m[3])
    else:
        raise ValueError(f"not a date: {value!r}")
    return date_bounds.check(field, date(year, month, day))  # date(): ValueError for 31/2/2569


def be_text(day: date | None) -> str:
    """How a date field shows a date: "7/12/2569"."""
    return f"{day.day}/{day.month}/{day.year + BE_OFFSET}" if day else ""
