"""Makes the text layer of WeasyPrint's PDF read back as the Thai it shows.

The pages look right either way; what this fixes is copying, searching and screen readers.
WeasyPrint (up to 70, its issue #2841) maps each glyph to the text of the first cluster it was
drawn in. Thai shaping draws one character as several glyphs and one glyph in several clusters:
Sarabun draws ำ as nikhahit + า, and "น้ำ" as น + a nikhahit-tone ligature + า. So after "น้ำ"
every า of the document read back as "้ำ" and "ตำบล" as "ตาบล". Here each Sarabun glyph is mapped
to the characters its name stands for (uni0E32 -> า, uni0E49.small -> ้, uni0E4D0E49 -> ้ + ํ),
after WeasyPrint has drawn the pages and before the PDF is written (a WeasyPrint "finisher").
ำ then reads back as ํา, its Unicode compatibility decomposition (NFKC makes them equal).
"""
from __future__ import annotations

import re
from functools import lru_cache

import pydyf
from fontTools import agl
from fontTools.ttLib import TTFont

_ENTRY = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>")
_NIKHAHIT = "\u0e4d"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"


@lru_cache(maxsize=1)
def sarabun_glyph_text() -> dict[int, str]:
    """Glyph id -> its characters, for the Thai glyphs of Sarabun (every weight shares one glyph order)."""
    import fontpkg

    order = TTFont(fontpkg.path("Sarabun", weight=400), lazy=True).getGlyphOrder()
    found = {}
    for gid, name in enumerate(order):
        text = agl.toUnicode(name.split(".")[0])
        if not any("\u0e00" <= ch <= "\u0e7f" for ch in text):
            continue  # Latin and digits come out right already
        if len(text) == 2 and text[0] == _NIKHAHIT and text[1] in _TONES:
            text = text[1] + _NIKHAHIT  # typed order: tone mark first, then the ำ's nikhahit
        found[gid] = text
    return found


def fix_thai_text(_document, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: rewrite the ToUnicode map of every Sarabun font in the PDF."""
    glyphs = sarabun_glyph_text()
    for obj in pdf.objects:
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Font" and obj.get("ToUnicode")
                and b"+Sarabun" in obj.get("BaseFont", b"")):
            continue
        stream = pdf.objects[int(obj["ToUnicode"].split()[0])]
        for i, line in enumerate(stream.stream):
            found = _ENTRY.fullmatch(line) if isinstance(line, bytes) else None
            if found is None:
                continue
            text = glyphs.get(int(found[1], 16))
            if text:
                stream.stream[i] = b"<" + found[1] + b"> <" + text.encode("utf-16-be").hex().encode() + b">"
