"""Thai text made comparable, in one place: pythainlp loaded once, one cleaner, compound parts.

Used by the case search index (models/search.py), the FAQ index (bot/runtime/faq_index.py) and the reading of
citizens' messages (handlers/keywords.py), so that a word is cut and normalised the same way
when it is stored and when it is looked for. Database-free on purpose: handlers may import it.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")  # zero-width characters pasted from apps
_SPACES = re.compile(r"\s+")


class Pythainlp(NamedTuple):
    word_tokenize: Callable[..., list[str]]
    normalize: Callable[[str], str]
    words: frozenset[str]  # the dictionary newmm cuts with


# A decimal digit other than 0-9 (for str patterns \d is exactly str.isdecimal: Unicode's Nd).
_OTHER_DIGIT = re.compile(r"[^\D0-9]")


def _digit(found: re.Match[str]) -> str:
    return str(unicodedata.decimal(found.group()))


def ascii_digits(text: str) -> str:
    """Thai (and any other decimal) digits as 0-9, one character for one, so positions still match:
    what people type on a Thai keyboard's number row is a number like any other. A search in C
    first: most Thai texts have no such digit, and a pass per character was run on every message."""
    if text.isascii() or not _OTHER_DIGIT.search(text):
        return text
    return _OTHER_DIGIT.sub(_digit, text)


@lru_cache(maxsize=1)
def pythainlp() -> Pythainlp:
    """pythainlp, imported on first use: its dictionary takes most of a second to load."""
    import sys

    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import normalize

    return Pythainlp(word_tokenize, _quick(normalize, sys.modules[normalize.__module__]), thai_words())


def _quick(normalize: Callable[[str], str], rules: Any) -> Callable[[str], str]:
    """pythainlp's normalize, giving the same text, without its ~35 regex passes over vowels and tone
    marks (nine tenths of its time) where one combined search shows that none would change the text:
    almost every message. Built from pythainlp's own rule tables; where they are not found (another
    version of pythainlp), its normalize as it is. tests/models/test_thai_normalize.py compares the two."""
    try:
        may_change = re.compile("|".join(f"(?:{pattern})" for pattern, _ in rules._REORDER_PAIRS)
                                + f"|(?P<mark>[{rules._NOREPEAT_CHARS}]) *(?P=mark)|[{rules.tonemarks}]{{2}}")
        first = (rules.remove_zw, rules.remove_dup_spaces, rules.remove_spaces_before_marks)
        repeats, dangling = rules.remove_repeat_vowels, rules.remove_dangling
    except (AttributeError, TypeError, re.error):
        return normalize

    def quick(text: str) -> str:  # normalize's steps in its order, the costly one only when it applies
        for step in first:
            text = step(text)
        if may_change.search(text):
            text = repeats(text)
        return dangling(text)

    return quick


@lru_cache(maxsize=1)
def trie() -> Any:
    """The dictionary as a prefix trie (for `parts`)."""
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words such as "ที่", "และ" that are in most texts and tell nothing of a topic."""
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def clean(text: str, limit: int | None = None) -> str:
    """Lower case, invisible characters removed, Thai vowel and tone order normalised, spaces
    collapsed; only the first `limit` characters when given (the start of a long text decides)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))[:limit]
    return _SPACES.sub(" ", pythainlp().normalize(text)).strip().lower()


def tokens(text: str) -> list[str]:
    """The newmm words of an already cleaned text, spaces dropped."""
    return [w.strip() for w in cut(text)]


def cut(cleaned: str) -> tuple[str, ...]:
    """The newmm words of a cleaned text (see clean), spaces dropped. newmm's search grows with the
    length it is given, and citizens repeat phrases (the polite endings, "หมู่ 3", a road's name): each
    space-separated phrase is cut on its own and kept, which gives newmm's very words, unless a
    dictionary word with a space in it ("ร้อน ๆ หนาว ๆ") may span two phrases: then the whole text is cut."""
    phrases = cleaned.split(" ")
    if len(phrases) == 1:
        return _cut(cleaned)[0]
    cuts = [_cut(phrase) for phrase in phrases if phrase]
    if any(may_join for _, may_join in cuts[:-1]):
        return _cut_whole(cleaned)
    return tuple(w for words, _ in cuts for w in words)


@lru_cache(maxsize=4096)
def _cut(phrase: str) -> tuple[tuple[str, ...], bool]:
    """A phrase's words, and whether it ends as a dictionary word with a space in it begins."""
    return _cut_whole(phrase), any(phrase[-n:] in heads for n, heads in _spaced_heads() if len(phrase) >= n)


def _cut_whole(text: str) -> tuple[str, ...]:
    return tuple(w for w in pythainlp().word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip())


@lru_cache(maxsize=1)
def _spaced_heads() -> tuple[tuple[int, frozenset[str]], ...]:
    """What comes before the first space of each dictionary word that has one, grouped by length: a
    phrase ending so may be the start of such a word."""
    by_length: dict[int, set[str]] = {}
    for word in pythainlp().words:
        if " " in word:
            head = word.split(" ", 1)[0]
            by_length.setdefault(len(head), set()).add(head)
    return tuple((n, frozenset(heads)) for n, heads in sorted(by_length.items()))


def parts(word: str) -> set[str]:
    """Dictionary words that make up a compound: every word of every full segmentation of it
    into dictionary words, other than the word itself. "หน้าบ้าน" gives หน้า and บ้าน; "บ้าน"
    gives nothing (บ้า + น is not a segmentation: น alone is not a word)."""
    n = len(word)
    if n < 3 or n > 30:
        return set()
    words = trie()
    edges = [[(i, i + len(w)) for w in words.prefixes(word[i:])] for i in range(n)]
    reach = [False] * (n + 1)
    reach[0] = True
    for i in range(n):
        if reach[i]:
            for _, j in edges[i]:
                reach[j] = True
    finish = [False] * (n + 1)
    finish[n] = True
    for i in range(n - 1, -1, -1):
        finish[i] = any(finish[j] for _, j in edges[i])
    return {word[i:j] for i in range(n) if reach[i] for _, j in edges[i] if finish[j] and (i, j) != (0, n)}
