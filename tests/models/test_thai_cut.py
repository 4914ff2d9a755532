"""Cutting a text phrase by phrase (models/thai_text.cut) gives exactly newmm's words for the whole text:
on real messages and complaints, and on texts built to put dictionary words that contain a space
("ร้อน ๆ หนาว ๆ") across phrases."""
from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models import thai_text
from models.thai_text import clean, cut

DATA = Path(__file__).parents[2] / "data" / "nlu"


def whole(text: str) -> tuple[str, ...]:
    """newmm on the whole text at once: what cut must equal."""
    word_tokenize = thai_text.pythainlp().word_tokenize
    return tuple(w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip())


def real_texts() -> list[str]:
    with (DATA / "intents.csv").open(encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    with gzip.open(DATA / "heldout_2022.csv.gz", "rt", encoding="utf-8") as f:
        texts += [row["comment"] for _, row in zip(range(1500), csv.DictReader(io.StringIO(f.read())), strict=False)]
    return texts


def test_real_texts_are_cut_as_newmm_cuts_them_whole():
    texts = real_texts()
    assert len(texts) > 2000
    spaced = 0
    for text in texts:
        cleaned = clean(text, 1500)
        spaced += " " in cleaned
        assert cut(cleaned) == whole(cleaned), text
    assert spaced > 1000  # most of them do go phrase by phrase


SPACED = sorted(w for w in thai_text.pythainlp().words if " " in w)[:300]
PIECES = [*SPACED, *(part for w in SPACED[:100] for part in w.split(" ")),
          "ถนน", "หมู่", "3", "พัง", "ครับ", "ค่ะ", "ไฟ", "ฟ้า", "ๆ", "ริน", "a", "B1", "!", "."]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(("", " ", " "))), max_size=12))
@example([("ร้อน", " "), ("ๆ", " "), ("หนาว", " "), ("ๆ", "")])  # a spaced word met piece by piece
@example([("ริน", " "), ("ๆ", " "), ("ถนน", "")])
def test_texts_built_across_spaced_words_are_cut_as_newmm_cuts_them_whole(parts):
    text = clean("".join(piece + gap for piece, gap in parts))
    assert cut(text) == whole(text)
    assert thai_text.tokens(text) == [w.strip() for w in whole(text)]
