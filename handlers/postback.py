"""Postback data: short "namespace:action[:argument]" strings, e.g. "cx:cat:3" or "tr:case:NMK6811-0042".

Namespaces: menu (rich menu entries, fixed), cx (complaint), cr (corruption report),
tr (tracking, works in any state), fl (an unfinished draft: resume / start new / drop),
sv (survey; "sv:case:<ticket>" works in any state), iq (inquiry; "iq:ok|no:<id>" work in any state),
sg (suggestion), ro (the citizen's answer to a resolution: fixed, or reopen), st (a linked staff
member acting on cases, handlers/staff.py; works in any state: "st:take:<ticket>" and "st:open:<ticket>"
are also on the staff's alert cards).
"""
from __future__ import annotations

from dataclasses import dataclass

MENU, COMPLAINT, CORRUPTION, TRACK, FLOW = "menu", "cx", "cr", "tr", "fl"
SURVEY, INQUIRY, SUGGESTION = "sv", "iq", "sg"
STAFF = "st"
PRIVACY = "pv"  # a personal-data deletion request (handlers/privacy.py), works in any state
RESULT = "ro"  # fixed or not, under a resolution (handlers/case_result.py); "ro:ok|no:<ticket>" in any state
MAX_DATA = 300

# The rich menu's entries (the exact data the rich menu sends), plus "main" for the menu itself.
MENU_ENTRIES = ("complaint", "corruption", "track", "inquiry", "survey", "suggest", "help", "main")


@dataclass(frozen=True)
class Postback:
    ns: str = ""
    action: str = ""
    arg: str = ""

    def arg_int(self) -> int | None:
        """The argument as a whole number, or None."""
        return int(self.arg) if self.arg.isascii() and self.arg.isdigit() and len(self.arg) < 10 else None


def encode(ns: str, action: str, arg: object = "") -> str:
    """'ns:action' or 'ns:action:arg', at most 300 characters."""
    data = f"{ns}:{action}" + (f":{arg}" if arg != "" and arg is not None else "")
    return data[:MAX_DATA]


def decode(data: str | None) -> Postback:
    """The parts of a postback; anything unexpected decodes to empty parts, never an error."""
    parts = str(data or "")[:MAX_DATA].strip().split(":", 2)
    parts += [""] * (3 - len(parts))
    return Postback(ns=parts[0], action=parts[1], arg=parts[2])


def menu(entry: str) -> str:
    return encode(MENU, entry)


def cx(action: str, arg: object = "") -> str:
    return encode(COMPLAINT, action, arg)


def cr(action: str, arg: object = "") -> str:
    return encode(CORRUPTION, action, arg)


def tr(action: str, arg: object = "") -> str:
    return encode(TRACK, action, arg)


def fl(action: str, arg: object = "") -> str:
    return encode(FLOW, action, arg)


def sv(action: str, arg: object = "") -> str:
    return encode(SURVEY, action, arg)


def iq(action: str, arg: object = "") -> str:
    return encode(INQUIRY, action, arg)


def sg(action: str, arg: object = "") -> str:
    return encode(SUGGESTION, action, arg)


def pv(action: str, arg: object = "") -> str:
    return encode(PRIVACY, action, arg)


def ro(action: str, arg: object = "") -> str:
    return encode(RESULT, action, arg)
