"""Thai dates in the Buddhist era (พ.ศ.), in Bangkok time, and case status labels."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from messages_th.strings import STATUS

# Thailand keeps UTC+7 all year (no daylight saving), so a fixed offset needs no tz database.
BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
BE_OFFSET = 543  # Buddhist era = Gregorian + 543

MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
          "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def to_bangkok(dt: datetime) -> datetime:
    """The same instant in Bangkok time; a naive datetime is taken as UTC (how the database keeps it)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(BANGKOK)


def _day(d: date | datetime) -> date:
    return to_bangkok(d).date() if isinstance(d, datetime) else d


def thai_date(d: date | datetime) -> str:
    """'1 ตุลาคม 2568'."""
    d = _day(d)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year + BE_OFFSET}"


def thai_date_short(d: date | datetime) -> str:
    """'1 ต.ค. 68'."""
    d = _day(d)
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {(d.year + BE_OFFSET) % 100:02d}"


def thai_datetime(dt: datetime, short: bool = False) -> str:
    """'1 ตุลาคม 2568 เวลา 14.05 น.' in Bangkok time; short: '1 ต.ค. 68 14.05 น.'."""
    local = to_bangkok(dt)
    clock = f"{local.hour:02d}.{local.minute:02d} น."
    if short:
        return f"{thai_date_short(local.date())} {clock}"
    return f"{thai_date(local.date())} เวลา {clock}"


def citizen_date(d: date | datetime) -> str:
    """'1 ต.ค. 2568': the one date style citizens see in the chat (a short month, the whole BE year)."""
    d = _day(d)
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year + BE_OFFSET}"


def citizen_datetime(dt: datetime) -> str:
    """'1 ต.ค. 2568 เวลา 14.05 น.' in Bangkok time, in the same style as `citizen_date`."""
    local = to_bangkok(dt)
    return f"{citizen_date(local.date())} เวลา {local.hour:02d}.{local.minute:02d} น."


def status_label(code: object) -> str:
    """The Thai label of a CaseStatus code ('received' -> 'รับเรื่องแล้ว'); the code itself if unknown."""
    key = str(getattr(code, "value", code))
    return STATUS.get(key, key)
