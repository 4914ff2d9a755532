"""Text that XML 1.0 (the XLSX parts) and the HTML the PDF is printed from can hold.

XML 1.0 has no way to write most control characters, lone surrogates, U+FFFE or U+FFFF, not even
escaped: one of them makes the whole workbook unreadable. They arrive pasted from Word (its line
break is a vertical tab, its page break a form feed) or from odd keyboards, and mean nothing to a reader.
"""
from __future__ import annotations

import re

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WORD_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def xml_safe(text: str) -> str:
    """`text` without what XML 1.0 cannot hold; Word's line and page breaks become line breaks.
    Tab, line feed and carriage return stay."""
    if _NOT_IN_XML.search(text) is None:  # nearly always: no new string
        return text
    return _NOT_IN_XML.sub("", text.translate(_WORD_BREAKS))
