"""Ticket numbers as people type them, read into the one form they are stored in.

A ticket is letters (the municipality's prefix, plus C for corruption or S for suggestions), four
digits (Buddhist-era year and month), a dash and a sequence of at least four digits: `NMK6912-0001`.
People type it with Thai digits (a Thai keyboard's number row), with a space after the letters, in
lower case, without the leading zeros of the sequence, or without the letters at all; each of those is
the same ticket.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models.thai_text import ascii_digits

SEQUENCE_DIGITS = 4  # tickets are issued as ...-0001: "-1" means the same case
# The stored form, e.g. in postback data. ASCII only: `\d` would also accept Thai digits.
TICKET_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,10}[0-9]{4}-[0-9]{4,12})(?![0-9])")
# As typed (digits already made ASCII): letters, then a space or dash at most, the period and the sequence.
# Thai letters count as word characters in `\b`, so explicit look-arounds are used instead.
_TYPED = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,10})[ \-]?([0-9]{4})\s?-\s?([0-9]{1,12})(?![0-9])")
# Without letters only a sure shape: a Buddhist-era year 2560-2599 (its last two digits), a real
# month and a four-digit sequence, standing alone: not part of a phone number ("0812-345678",
# "02-1012-3456") or a date.
_BARE = re.compile(r"(?<![A-Za-z0-9\-/.])([6-9][0-9](?:0[1-9]|1[0-2]))-([0-9]{4})(?![0-9\-/.])")


@dataclass(frozen=True)
class Found:
    ticket: str  # the stored form, NMK6912-0001
    start: int  # where it was typed in the (digit-normalised) text
    end: int


def _canonical(letters: str, period: str, sequence: str) -> str:
    return f"{letters.upper()}{period}-{sequence.zfill(SEQUENCE_DIGITS)}"


def find(text: str, prefix: str = "") -> Found | None:
    """The first ticket in a text. Without letters, `prefix` (the municipality's complaint prefix) is
    taken; with no prefix given, a bare number is not a ticket."""
    plain = ascii_digits(text or "")
    typed = _TYPED.search(plain)
    bare = _BARE.search(plain) if prefix else None
    if bare and (typed is None or bare.start() < typed.start()):
        return Found(_canonical(prefix, bare.group(1), bare.group(2)), bare.start(), bare.end())
    if typed:
        return Found(_canonical(*typed.groups()), typed.start(), typed.end())
    return None


def find_ticket(text: str, prefix: str = "") -> str | None:
    """The first ticket number in a text, in its stored form: 'nmk 6912-1' -> 'NMK6912-0001'."""
    found = find(text, prefix)
    return found.ticket if found else None


def without_ticket(text: str, prefix: str = "") -> str:
    """The text with its ticket taken out (what else the citizen wrote beside it)."""
    found = find(text, prefix)
    if found is None:
        return text or ""
    plain = ascii_digits(text)
    return plain[:found.start] + " " + plain[found.end:]
