"""Thai text to an intent and a suggested complaint category, from keyword lists and newmm words.

Explainable on purpose: a category's score is the summed weight of its keywords found in the message
(vague words weigh less, see messages_th/defaults.py), and `scripts/eval_nlu.py` measures it on real
complaints. The message is cleaned, look-alike phrases (defaults.NOT_KEYWORDS) are blanked out, and it
is cut into newmm words once; then every keyword list is matched against that one view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from handlers.tickets import find_ticket
from handlers.types import CategoryInfo
from messages_th import defaults
from models.thai_text import clean as clean_thai, pythainlp as _thai

INTENTS = ("complaint", "corruption", "inquiry", "suggestion", "tracking", "greeting", "other")
MAX_CHARS = 1500  # the start of a long message decides; keeps tokenizing cheap
LONG_TEXT = 80  # characters (spaces left out) beyond which a message is a story, not a question
SHORT_WORD = 4  # keywords shorter than this match whole words (or parts of a compound) only
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Understanding:
    intent: str
    category_id: int | None = None
    category_name: str | None = None
    score: float = 0.0


@dataclass(frozen=True)
class _View:
    """A message prepared once for all keyword lists."""

    flat: str  # lower case, no spaces, phrases of defaults.NOT_KEYWORDS blanked out
    words: frozenset[str]


def warm_up() -> None:
    """Load the tokenizer now (a worker may call this at start so the first chat is not slow)."""
    word_tokenize = _thai()[0]
    word_tokenize("warm up", engine="newmm")


def clean(text: str) -> str:
    """Lower case, invisible characters removed, Thai vowel and tone order normalised, spaces collapsed."""
    return clean_thai(text, MAX_CHARS)


def words(text: str) -> list[str]:
    """The newmm words of a text (spaces dropped)."""
    word_tokenize = _thai()[0]
    return [w for w in word_tokenize(clean(text), engine="newmm", keep_whitespace=False) if w.strip()]


def _view(text: str) -> _View:
    cleaned = clean(text)
    for phrase in _not_keywords():
        cleaned = cleaned.replace(phrase, " ")
    word_tokenize = _thai()[0]
    tokens = word_tokenize(cleaned, engine="newmm", keep_whitespace=False) if cleaned.strip() else []
    return _View(flat=cleaned.replace(" ", ""), words=frozenset(w for w in tokens if w.strip()))


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


def _found(key: str, view: _View) -> int:
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


def _score(keywords: Mapping[str, float] | Iterable[str], view: _View) -> tuple[float, int]:
    """Total weight of the keywords found, and the position of the first one found."""
    pairs = tuple(keywords.items()) if isinstance(keywords, Mapping) else tuple((k, None) for k in keywords)
    hits = {key: (weight, at) for key, weight in _prepared(pairs) if (at := _found(key, view)) >= 0}
    # A word inside a longer word found too ("x" in "xy") counts once, through the longer one.
    counted = [key for key in hits if not any(key != other and key in other for other in hits)]
    total = sum(hits[key][0] for key in counted)
    first = min((hits[key][1] for key in counted), default=len(view.flat) + 1)
    return total, first


def _keywords_of(category: CategoryInfo) -> tuple[str, ...]:
    """The category's own keywords, or the default ones of the category with the same name."""
    if category.keywords:
        return tuple(category.keywords)
    for default in defaults.CATEGORIES:
        if default["name"] == category.name:
            return tuple(default["keywords"])
    return ()


def best_category(view: _View, categories: Iterable[CategoryInfo]) -> tuple[CategoryInfo | None, float]:
    """The category with the most keyword weight; on a tie, the one mentioned first."""
    best, best_rank = None, (0.0, 0)
    for category in categories:
        score, first = _score(_keywords_of(category), view)
        rank = (score, -first)
        if score > 0 and rank > best_rank:
            best, best_rank = category, rank
    return best, best_rank[0]


def classify(text: str, categories: list[CategoryInfo]) -> Understanding:
    """What a citizen's message is about, and which category a complaint would fall in."""
    view = _view(text)
    if not view.flat:
        return Understanding("other")
    scores = {name: _score(kws, view)[0] for name, kws in defaults.INTENT_KEYWORDS.items()}
    category, category_score = best_category(view, categories)
    scores["complaint"] = scores.get("complaint", 0.0) + category_score
    if len(view.flat) > LONG_TEXT:
        # "no progress yet" inside a long story is a complaint told again, not a status question.
        scores["tracking"] = scores.get("tracking", 0.0) / 2
    if find_ticket(text):
        scores["tracking"] = scores.get("tracking", 0.0) + 3
    intent = _decide(scores, len(view.flat))
    top = scores.get(intent, 0.0)
    return Understanding(intent=intent, category_id=category.id if category else None,
                         category_name=category.name if category else None,
                         score=round(min(1.0, top / 3.0), 3))


def problem_weight(text: str) -> float:
    """How strongly a text tells of a problem by its own words ("broken", "please fix", "complain"),
    leaving out what a category's words add: "when does the garbage truck come" names a category
    but no problem."""
    return _score(defaults.INTENT_KEYWORDS["complaint"], _view(text))[0]


def is_long(text: str) -> bool:
    """A story rather than a question (LONG_TEXT)."""
    return len(_view(text).flat) > LONG_TEXT


def _decide(scores: dict[str, float], length: int) -> str:
    corruption = scores.get("corruption", 0.0)
    others = [(scores.get(name, 0.0), name) for name in ("complaint", "tracking", "inquiry", "suggestion")]
    best_score = max(score for score, _ in others)
    # A corruption hint outranks the rest: sending it to the confidential channel is the safe side.
    if corruption >= 2 or (corruption > 0 and corruption > best_score):
        return "corruption"
    if best_score >= 1 or (best_score > 0 and scores.get("greeting", 0.0) == 0):
        # Ties go to the earlier name: complaint, then tracking, inquiry, suggestion.
        return next(name for score, name in others if score == best_score)
    if scores.get("greeting", 0.0) > 0 and length <= 40:
        return "greeting"
    return "other"
