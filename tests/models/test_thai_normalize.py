"""models/thai_text's normalize gives exactly pythainlp's, on real messages and on texts built from
the characters its rules are about: vowels and tone marks repeated, misordered, after spaces."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from models import thai_text

DATA = Path(__file__).parents[2] / "data" / "nlu" / "intents.csv"
# Consonants, leading, following, above and below vowels, tone marks, signs, spaces, zero-width characters.
MARKS = "กขนรอยฤฦ" "เแโใไ" "ะาำๅ" "ัิีึืุู" "่้๊๋" "็์ํ๎ฺ" "  \u200b\u200c\n"


def pythainlps(text: str) -> str:
    from pythainlp.util import normalize

    return normalize(text)


def test_its_rule_tables_were_found():
    """Not merely pythainlp's own normalize handed back (another version would fall back to it)."""
    assert thai_text.pythainlp().normalize is not sys.modules["pythainlp.util"].normalize


def test_real_messages():
    with DATA.open(encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    assert len(texts) > 500
    for text in texts:
        assert thai_text.pythainlp().normalize(text) == pythainlps(text), text


@given(st.text(alphabet=st.sampled_from(MARKS), max_size=30))
@example("เเปลก")  # two Sara E: Sara Ae
@example("นานาาา")
@example("ก\u200bีี")  # repeated once the zero-width space is gone
@example("ก ุ่่")  # a space before the marks, then two tone marks
@example("่่ก")
def test_built_texts(text):
    assert thai_text.pythainlp().normalize(text) == pythainlps(text)
