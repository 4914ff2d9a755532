"""Digits typed on a Thai (or any other) keyboard read as 0-9, one character for one: the regex version
in models/thai_text.ascii_digits against the plain definition, character by character."""
from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from models.thai_text import ascii_digits


def plain(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text)


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("๐๑๒๓๔๕๖๗๘๙0123456789กขค ")), max_size=60))
@example("NMK๖๙๑๒-๐๐๐๑ ถนนพัง")
@example("٣ ߃ ໓ ௩ 𝟑 ３ ²")  # Arabic-Indic, N'Ko, Lao, Tamil, mathematical, full-width; a superscript is no digit
def test_the_same_as_the_plain_definition(text):
    assert ascii_digits(text) == plain(text)


def test_thai_digits_and_positions():
    assert ascii_digits("เลขที่ ๑๒/๓ หมู่ ๕") == "เลขที่ 12/3 หมู่ 5"
    assert ascii_digits("ไม่มีตัวเลข") == "ไม่มีตัวเลข"
