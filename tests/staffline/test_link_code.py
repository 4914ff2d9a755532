"""How a typed link code is read: as people type six digits."""
from __future__ import annotations

import pytest

from models.link_code import as_code, shown


@pytest.mark.parametrize("typed, code", [
    ("123456", "123456"), ("123 456", "123456"), (" 123-456 ", "123456"), ("๑๒๓๔๕๖", "123456"),
    ("๑๒๓ ๔๕๖", "123456"), ("12 34 56", "123456"), ("123.456", "123456"),
    ("12345", None), ("1234567", None), ("12a456", None), ("6912-0001", None), ("", None),
    ("รหัส 123456", None),  # a sentence around it is a sentence: only the code alone links
])
def test_as_code(typed: str, code: str | None) -> None:
    assert as_code(typed) == code


def test_shown_in_two_groups() -> None:
    assert shown("096710") == "096 710"
