"""The shape of a staff link code (models/staff_link.py), database-free so that the conversations
(handlers/) can tell a typed code from any other message."""
from __future__ import annotations

import re

from models.thai_text import ascii_digits

CODE_DIGITS = 6
_SEPARATORS = re.compile(r"[\s\-–.]+")


def as_code(text: str) -> str | None:
    """The code in a message as people type it ("123 456", "๑๒๓๔๕๖", "123-456"), or None."""
    value = _SEPARATORS.sub("", ascii_digits(text or ""))
    return value if len(value) == CODE_DIGITS and value.isascii() and value.isdigit() else None


def shown(code: str) -> str:
    """How the code is shown: two groups of three, easy to read out and type."""
    return f"{code[:3]} {code[3:]}"
