"""A message prepared once for every keyword list and the trained model, and keyword lists scored on it.

Shared by the intent half (handlers/understanding.py) and the category half (handlers/categories.py):
both read the same cleaned view, so a phrase blanked out for one is blanked out for the other.
Keyword scores are the summed weight of the keywords found (vague words weigh less, see
messages_th/defaults.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from handlers import nlu_model
from messages_th import defaults
from models.thai_text import clean as clean_thai
from models.thai_text import cut
from models.thai_text import pythainlp as _thai

MAX_CHARS = 1500  # the start of a long message decides; keeps tokenizing cheap
SHORT_WORD = 4  # keywords shorter than this match whole words (or parts of a compound) only


@dataclass(frozen=True)
class View:
    """A message prepared once for all keyword lists and the model."""

    flat: str  # lower case, no spaces, phrases of defaults.NOT_KEYWORDS blanked out
    words: frozenset[str]
    tokens: tuple[str, ...] = ()  # the newmm words in order (the model counts them)
    # Each keyword list's score on this message: one message is scored against the same category
    # lists three or four times (the keyword intent, the blend, the rival, "named").
    scores: dict[Table, tuple[float, int]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def pairs(self) -> frozenset[str]:
        """Every two letters in a row of `flat`: a keyword whose first two are not here is not in it."""
        flat = self.flat
        return frozenset(flat[i:i + 2] for i in range(len(flat) - 1))


@lru_cache(maxsize=256)
def clean(text: str) -> str:
    """Lower case, invisible characters removed, Thai vowel and tone order normalised, spaces collapsed.
    Kept per text: one message is cleaned by each of its readers (the keywords, its words, the FAQ)."""
    return clean_thai(text, MAX_CHARS)


def words(text: str) -> list[str]:
    """The newmm words of a text (spaces dropped)."""
    return list(_words(text))


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    # One message is cut into words by several readers (the FAQ ranking, "is it a question?", the
    # topic check): newmm once per text, not three times.
    return cut(clean(text))


def prepare(text: str) -> View:
    """The text cleaned, look-alike phrases (defaults.NOT_KEYWORDS) blanked out, cut into newmm words once."""
    cleaned = clean(text)
    whole = cleaned
    for phrase in _not_keywords():
        cleaned = cleaned.replace(phrase, " ")
    # nothing blanked out (most messages): the words other readers of the text cut already
    kept = _words(text) if cleaned == whole else cut(cleaned)
    return View(flat=cleaned.replace(" ", ""), words=frozenset(kept), tokens=kept)


def model_features(text: str) -> list[str]:
    """What the trained model sees of a text: the same cleaned view as the keywords (look-alike
    phrases such as "campaigning" for "noise" blanked out), cut into words once."""
    return features(prepare(text))


def features(view: View) -> list[str]:
    return nlu_model.features(view.flat, view.tokens)


@lru_cache(maxsize=4096)
def _key(keyword: str) -> str:
    return clean(keyword).replace(" ", "")


@lru_cache(maxsize=1)
def _not_keywords() -> tuple[str, ...]:
    return tuple(k for k in (_key(p) for p in defaults.NOT_KEYWORDS) if k)


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return {_key(k): w for k, w in defaults.KEYWORD_WEIGHTS.items()}


@lru_cache(maxsize=8192)
def _compound(word: str, key: str) -> bool:
    """Whether a newmm word is the short keyword joined to other dictionary words ("by-road" in one
    token), not a longer word that merely contains its letters (as "dog" is inside "number")."""
    word_tokenize, _, dictionary = _thai()
    rest = [part for part in word.split(key) if part]
    return all(part in dictionary or all(w in dictionary for w in word_tokenize(part, engine="newmm"))
               for part in rest)


def _found(key: str, view: View) -> int:
    """Where the (cleaned) keyword is in the message, or -1."""
    if len(key) >= SHORT_WORD or key in view.words:
        return view.flat.find(key)
    places = [view.flat.find(w) + w.find(key) for w in view.words if key in w and _compound(w, key)]
    return min(places, default=-1)


@lru_cache(maxsize=512)
def _prepared(pairs: tuple[tuple[str, float | None], ...]) -> tuple[tuple[str, float], ...]:
    """Cleaned keywords with their weight (None: 1, or what defaults.KEYWORD_WEIGHTS says for a
    vague word), each once with its highest weight; done once per keyword list, not per message."""
    weights: dict[str, float] = {}
    for keyword, weight in pairs:
        key = _key(keyword)
        if key:
            weights[key] = max(weights.get(key, 0.0), _weights().get(key, 1.0) if weight is None else weight)
    return tuple(weights.items())


@dataclass(frozen=True, eq=False)
class Table:
    """A keyword list compiled once (see compiled): what score() needs of it, reduced so that a message
    tries only the keywords that can be in it, instead of searching it for every keyword."""

    keys: tuple[str, ...]  # cleaned, once each, in the list's order
    weights: tuple[float, ...]
    starts: dict[str, tuple[int, ...]]  # a key's first two letters -> the indices of the keys starting so
    single: tuple[int, ...]  # one-letter keys: tried on every message
    longer: tuple[tuple[int, ...], ...]  # per key: the other keys that contain it


Keywords = Mapping[str, float] | Iterable[str]  # weighted keywords, or plain ones (see _prepared)


def compiled(keywords: Keywords | Table) -> Table:
    """A keyword list compiled, once per list (a module's constant lists can keep theirs)."""
    if isinstance(keywords, Table):
        return keywords
    if type(keywords) is tuple:  # a category's keywords: the common case, without the Mapping check
        return _table(keywords, False)
    if isinstance(keywords, Mapping):
        return _table(tuple(keywords.items()), True)
    return _table(tuple(keywords), False)


@lru_cache(maxsize=512)
def _table(keywords: tuple, weighted: bool) -> Table:
    """`keywords` are (keyword, weight) pairs when `weighted`, else words."""
    prepared = _prepared(keywords if weighted else tuple((k, None) for k in keywords))
    keys = tuple(key for key, _ in prepared)
    starts: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if len(key) >= 2:
            starts.setdefault(key[:2], []).append(i)
    return Table(keys=keys, weights=tuple(weight for _, weight in prepared),
                 starts={pair: tuple(at) for pair, at in starts.items()},
                 single=tuple(i for i, key in enumerate(keys) if len(key) < 2),
                 longer=tuple(tuple(j for j, other in enumerate(keys) if j != i and key in other)
                              for i, key in enumerate(keys)))


def score(keywords: Keywords | Table, view: View) -> tuple[float, int]:
    """Total weight of the keywords found, and the position of the first one found."""
    table = compiled(keywords)
    known = view.scores.get(table)
    if known is None:
        known = view.scores[table] = _score(table, view)
    return known


def _score(table: Table, view: View) -> tuple[float, int]:
    # A key is in the text only if its first two letters are: only those keys are looked for (through
    # the text's pairs or the list's, whichever are fewer), in the list's order (the weights are summed
    # in that order, as a float sum depends on it).
    pairs, starts = view.pairs, table.starts
    if len(pairs) < len(starts):
        tried = [i for pair in pairs if pair in starts for i in starts[pair]]
    else:
        tried = [i for pair, at in starts.items() if pair in pairs for i in at]
    tried += table.single
    if not tried:  # most lists, on most messages
        return 0, len(view.flat) + 1  # the int 0 of an empty sum, as before
    tried.sort()
    hits = {i: at for i in tried if (at := _found(table.keys[i], view)) >= 0}
    # A word inside a longer word found too ("x" in "xy") counts once, through the longer one.
    counted = [i for i in hits if not any(j in hits for j in table.longer[i])]
    total = sum(table.weights[i] for i in counted)
    first = min((hits[i] for i in counted), default=len(view.flat) + 1)
    return total, first
