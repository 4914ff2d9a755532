"""How LINE measures text: UTF-16 code units for message text, grapheme clusters for labels."""
from __future__ import annotations

import unicodedata

# Thai marks written above/below or after a consonant: they never start a new cluster.
# U+0E33 (SARA AM) is a SpacingMark in UAX #29, so it joins the cluster too.
_THAI_EXTENDERS = {0x0E31, 0x0E33, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)}
_ZWJ = 0x200D
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_REGIONAL = range(0x1F1E6, 0x1F200)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of LINE's 5000-character text limit."""
    return len(text.encode("utf-16-le")) // 2


def _extends(cp: int) -> bool:
    if cp in _THAI_EXTENDERS or cp == _ZWJ or cp in _SKIN_TONES:
        return True
    if 0xFE00 <= cp <= 0xFE0F or 0xE0020 <= cp <= 0xE007F:  # variation selectors, emoji tags
        return True
    return unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")


def grapheme_count(text: str) -> int:
    """An approximation of UAX #29 extended grapheme clusters, good for Thai and common emoji.

    Python has no grapheme segmentation in the standard library; this covers combining marks,
    Thai vowels and tone marks, emoji ZWJ sequences, skin tones and flag pairs.
    """
    count = 0
    prev = None
    regional_run = 0
    for ch in text:
        cp = ord(ch)
        if prev is None:
            starts = True
        elif (prev == 0x000D and cp == 0x000A) or prev == _ZWJ:  # CR LF is one cluster
            starts = False
        elif cp in _REGIONAL:  # flags are pairs of regional indicators
            starts = regional_run % 2 == 0
        else:
            starts = not _extends(cp)
        regional_run = regional_run + 1 if cp in _REGIONAL else 0
        if starts:
            count += 1
        prev = cp
    return count
