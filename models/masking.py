"""Personal data in free text: finding it, masking it, and a shared location's address made general.

One place for what citizens type into public text (Open311, the retention purge, a deletion request):
ID numbers, e-mail addresses (also "name [at] mail dot com"), LINE ids (the internal U… ids, "@somsri99",
"ไลน์ somsri99", "line id: somsri99") and phone numbers in the shapes people type them, Thai digits
included ("(081)234-5678", "081 / 234 / 5678", "+66(0)81 234 5678", "๐๘๑๒๓๔๕๖๗๘"). Ordinary numbers stay:
ticket numbers, dates ("7/12/2569"), times, amounts, house numbers in a description.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from models.thai_text import ascii_digits

_D = "[0-9๐-๙]"  # Arabic and Thai digits (\d would also take other scripts' digits)

# Thai ID numbers: 13 digits, written 1234567890123 or in their groups 1-2345-67890-12-3 with one kind
# of separator (other groupings of 13 digits are dates and times, or two phones side by side).
# Masked before phones, whose pattern would otherwise take the first ten digits of a hyphenated ID.
_THAI_ID = re.compile(rf"(?<!{_D}){_D}(\s?-?\s?){_D}{{4}}\1{_D}{{5}}\1{_D}{{2}}\1{_D}(?!{_D})")

# "@", " at ", "[at]", "(at)" and ".", " dot ", "[dot]": addresses written so that robots miss them.
_AT = r"(?:\s*@\s*|\s*[\[(]\s*(?:at|แอท)\s*[\])]\s*|\s+(?:at|แอท)\s+)"
_DOT = r"(?:\.|\s*[\[(]\s*(?:dot|ดอท)\s*[\])]\s*|\s+(?:dot|ดอท)\s+)"
_EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+{_AT}"
                    rf"[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}}(?![A-Za-z0-9-])", re.IGNORECASE)
_LINE_USER_ID = re.compile(r"(?<![A-Za-z0-9])U[0-9a-f]{32}(?![A-Za-z0-9])")

# A LINE id as people give it: after a word that says so ("ไลน์", "ไอดีไลน์ :", "line id:"), or as "@name".
# LINE ids are 4-20 letters, digits, ".", "-", "_". A ticket number after "ทางไลน์" is not one.
_LINE_WORD = r"(?:line|ไลน์|ไลน|ไอดี|id)"
_ID_CHARS = "[A-Za-z0-9._-]"
_NOT_TICKET = r"(?![A-Za-z]{2,5}\d{4}-\d{1,4}(?![\w-]))"
_TYPED_LINE_ID = re.compile(rf"(?<![A-Za-z])({_LINE_WORD}(?:\s*{_LINE_WORD})?\s*(?:[:：=]\s*)?)"
                            rf"{_NOT_TICKET}@?{_ID_CHARS}{{4,20}}(?!{_ID_CHARS})", re.IGNORECASE)
_LINE_URL = re.compile(r"(line\.me/(?:R/)?ti/p/[~@]?)[A-Za-z0-9._%-]+", re.IGNORECASE)  # add-friend link
_AT_HANDLE = re.compile(rf"(?<![A-Za-z0-9._%+-])@{_ID_CHARS}{{3,20}}(?!{_ID_CHARS})")

# A run of digits that may be a phone: digits with up to 3 separator characters between them
# ("081 - 234", "+66(0)81"), an optional "+" or "(" in front. Which part of it is a phone is
# decided in _phone_length(); the run is long enough for +66 0 and a 9-digit number.
_PHONE_RUN = re.compile(rf"(?<!{_D})(?:\(\s*)?(?:\+\s*)?{_D}(?:[\s\-–—./()]{{0,3}}{_D}){{7,12}}")
_GROUPS = re.compile(r"\d+")
_DATE = re.compile(r"(?<!\d)\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{2,4}(?!\d)")  # 7/12/2569, 07-12-69


def _is_phone(run: str) -> bool:
    """Whether `run` (Arabic digits, ending in a digit) is a whole Thai phone number."""
    groups = _GROUPS.findall(run)
    digits = "".join(groups)
    # "+66…", or 66812345678 written without the plus (not with separators: NMK6601-0787 is a ticket of 2566).
    international = run.lstrip("( ").startswith("+") or (run.isdigit() and run.startswith("66"))
    short = len(groups) > 2 and len(groups[0]) <= 2 and len(groups[1]) <= 2
    if not international and (_DATE.search(run) or short):
        return False  # a date or a time in it: 010 7/12/2569 0, 08.30-16.30 02 (no phone has two short groups)
    if international:
        national = digits[2:].removeprefix("0")  # "+66 (0)81…": the trunk 0 written anyway
        return digits.startswith("66") and 8 <= len(national) <= 9 and not national.startswith("0")
    return digits.startswith("0") and len(digits) in (9, 10) and digits[1] != "0"


def _phone_length(text: str, start: int, run: str) -> int:
    """The length of the longest phone at the start of `run` (found at `start` in `text`), 0 if none.
    It must end where the number ends: 0812345678 is not a phone inside 08123456789."""
    plain = ascii_digits(run)
    for end in range(len(plain), 0, -1):
        after = ascii_digits(text[start + end:start + end + 1])
        if plain[end - 1].isdigit() and not after.isdigit() and _is_phone(plain[:end]):
            return end
    return 0


def _continues_a_number(text: str, start: int, last_end: int) -> bool:
    """Whether a run at `start` is the tail of a number written before it ("1/01/2500", "NMK6001-0812"),
    not a phone after another phone ("0812345678/0891234567")."""
    return (start >= 2 and text[start - 1] in "-–./:," and ascii_digits(text[start - 2]).isdigit()
            and start - 1 != last_end)


def _phone_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = last_end = 0
    while (found := _PHONE_RUN.search(text, pos)) is not None:
        length = 0 if _continues_a_number(text, found.start(), last_end) else _phone_length(
            text, found.start(), found.group())
        if not length:
            pos = found.start() + 1
            continue
        start, end = found.start(), found.start() + length
        if text[start] == "(" and text.count("(", start, end) > text.count(")", start, end):
            start += 1 + len(text[start + 1:end]) - len(text[start + 1:end].lstrip())  # "(0812345678)"
        yield start, end
        pos = last_end = end


def _regex_spans(pattern: re.Pattern[str], group: int = 0) -> Callable[[str], Iterator[tuple[int, int]]]:
    # group 1 (_TYPED_LINE_ID, _LINE_URL) is what announces the id: it stays, only the id is masked.
    return lambda text: ((m.end(group) if group else m.start(), m.end()) for m in pattern.finditer(text))


# In this order: an ID number before phones, e-mail before "@name", the id after "ไลน์" before phones.
MASKS: tuple[tuple[Callable[[str], Iterator[tuple[int, int]]], str], ...] = (
    (_regex_spans(_THAI_ID), "x-xxxx-xxxxx-xx-x"), (_regex_spans(_EMAIL), "xxx@xxx"),
    (_regex_spans(_LINE_USER_ID), "Uxxx"), (_regex_spans(_TYPED_LINE_ID, 1), "xxx"),
    (_regex_spans(_LINE_URL, 1), "xxx"),
    (_regex_spans(_AT_HANDLE), "@xxx"), (_phone_spans, "xxx-xxx-xxxx"),
)


def _replace(text: str, spans: Iterator[tuple[int, int]], mask: str) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], mask]
        last = end
    return "".join(out) + text[last:]


def mask_text(text: str | None) -> str:
    """Free text with ID numbers, e-mail addresses, LINE ids and phone numbers replaced.
    Names cannot be found reliably in Thai text; those are removed with the fields that hold them."""
    value = text or ""
    for spans, mask in MASKS:
        value = _replace(value, spans(value), mask)
    return value


def personal_spans(text: str | None) -> list[str]:
    """The stretches of `text` that mask_text replaces (phones, ID numbers, e-mail, LINE ids)."""
    found, value = [], text or ""
    for spans, mask in MASKS:
        pieces = list(spans(value))
        found += [value[start:end] for start, end in pieces]
        value = _replace(value, iter(pieces), mask)
    return found


# --- the address of a shared location ------------------------------------------------------------
# LINE sends the geocoded address of a shared spot: "99/1 หมู่ 3 ซอยสุขใจ ตำบลนามะเขือ อำเภอสหัสขันธ์
# จังหวัดกาฬสินธุ์ 46140 ประเทศไทย". Published, it names the reporter's house. Like the coordinates
# (rounded to about 100 m), it is made general: from the first sub-district, district or province on.
_AREA = re.compile(r"(?:^|(?<=[\s,]))(?:ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|จังหวัด|จ\.|"
                   r"tambon|amphoe|khwaeng|khet|chang\s?wat)", re.IGNORECASE)
_DETAIL = re.compile(r"\d|^\s*(?:หมู่|ม\.|ซอย|ซ\.|หมู่บ้าน|moo|soi|village|building)", re.IGNORECASE)


def general_area(address: str | None) -> str:
    """The sub-district, district and province of an address, without house number, หมู่, ซอย or
    road; "" when none can be told apart (the caller then shows the place's name instead)."""
    value = " ".join((address or "").split())
    found = _AREA.search(value)
    if found is not None:
        return value[found.start():]
    parts = [p.strip() for p in value.split(",")]
    while len(parts) > 1 and _DETAIL.search(parts[0]):  # "99/1 Moo 3, Nai Mueang, …, Thailand"
        parts.pop(0)
    return "" if _DETAIL.search(parts[0]) else ", ".join(parts)
