"""Inputs people and LINE really produce, and the broken ones they could: Thai text with its
combining marks, emoji, invisible and right-to-left characters; JSON of any shape; LINE's own event
bodies (tests/fixtures/line) with parts removed or replaced by the wrong type."""
from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

from tests.conftest import webhook_fixtures

THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)  # letters, vowels, tone marks, digits
MARKS = st.sampled_from(["\u0e31", "\u0e34", "\u0e35", "\u0e36", "\u0e37", "\u0e38", "\u0e39", "\u0e3a",
                         "\u0e47", "\u0e48", "\u0e49", "\u0e4a", "\u0e4b", "\u0e4c", "\u0e4d", "\u0e4e"])
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
RTL = st.sampled_from(["\u202e", "\u200f", "\u202b", "\u2067", "مرحبا", "שלום"])
EMOJI = st.sampled_from(["😀", "🚧", "💡", "👍🏽", "👨‍👩‍👧", "🇹🇭", "❤️", "\U0001fae0"])
TRICKY = st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "%s%n", "{0}", "{{7*7}}", "\x00",
                          "\r\n", "NMK6811-0001", "0812345678", "cx:ok", "ยกเลิก", "เมนู", " ", "ไฟถนนดับ"])
# Any Unicode a phone can send (no lone surrogates: they cannot be UTF-8 and LINE never sends them).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
THAI_TEXT = st.lists(st.one_of(THAI, THAI, THAI, MARKS, INVISIBLE, RTL, EMOJI, TRICKY, ANY_CHAR),
                     min_size=1, max_size=60).map("".join)
LONG_TEXT = st.integers(min_value=1000, max_value=5000).flatmap(
    lambda n: st.sampled_from(["ก", "ก่", "😀", "a", "\u200b"]).map(lambda c: (c * n)[:5000]))
CITIZEN_TEXT = st.one_of(THAI_TEXT, THAI_TEXT, LONG_TEXT, st.text(ANY_CHAR, max_size=200))

JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                        st.floats(allow_nan=False), CITIZEN_TEXT)
JSON_VALUE = st.recursive(JSON_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


def real_events() -> list[dict[str, Any]]:
    """Every event in LINE's published example bodies."""
    out = []
    for path in webhook_fixtures():
        out += json.loads(path.read_text(encoding="utf-8")).get("events", [])
    assert out, "no events in LINE's example bodies"
    return out


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out += [prefix + (k,)] + _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += [prefix + (i,)] + _paths(v, prefix + (i,))
    return out


@st.composite
def mutated_event(draw: st.DrawFn, events: list[dict[str, Any]]) -> dict[str, Any]:
    """A real event with up to three of its fields removed or replaced by any JSON value."""
    event = copy.deepcopy(draw(st.sampled_from(events)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(event)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = event
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON_VALUE)
    return event
