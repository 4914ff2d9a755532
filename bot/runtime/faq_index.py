"""Finds the FAQ entry that answers a citizen's question: newmm words, BM25 ranking, and a 0..1 confidence.

Each entry is indexed over its question and keywords (full weight) and its answer (light weight: an
answer mentions many things it is not about). Each entry sharing a word gets a confidence: the share
of the question's information (its words weighted by rarity, IDF) that the entry covers; entries are
ranked by BM25 times that confidence, and the best one is offered. A word the FAQ
never uses counts at the highest rarity, so a question about something the FAQ does not know stays
below the threshold (settings.faq_min_score) instead of being answered by a near miss.

The index is built once per staff edit counter (models/config_version.py: triggers move it with
every change of the FAQ, the categories or the divisions) and shared by every chat; the worker reads
the counter with the event, so a question runs no statement for the FAQ while it is unchanged.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from bot.runtime import config_cache
from handlers.keywords import clean
from messages_th.inquiry import STOP_WORDS
from messages_th.strings import ENDINGS
from models import thai_text
from models.inquiry import Faq

K1, B = 1.2, 0.75  # the usual BM25 constants
FIELD_WEIGHTS = {"question": 1.0, "keywords": 1.0, "answer": 0.3}
MIN_PART = 3  # parts of a compound shorter than this (single syllables) are noise, not words
PART_CREDIT = 0.5  # a compound met only through its parts ("today" through "day") is a weaker sign
MAX_QUERY = 500  # characters of a question read: the start says what it is about
_PHRASE = re.compile(r"[\s?!.,;:()\"'\uff1f]+")


def units(text: str) -> list[tuple[str, frozenset[str]]]:
    """The words of a text that can tell a topic, each with the dictionary parts of a compound
    ("land-tax" with "land" and "tax"): newmm words without the question and polite words."""
    found: dict[str, frozenset[str]] = {}
    # cleaned first: a question was cleaned already when it was read (keywords.clean keeps it)
    for word in thai_text.cut(_without_endings(clean(text))):
        if word in STOP_WORDS or not any(ch.isalnum() for ch in word) or word in found:
            continue
        found[word] = _topic_parts(word)
    return list(found.items())


@lru_cache(maxsize=8192)
def _topic_parts(word: str) -> frozenset[str]:
    if len(word) < 2 * MIN_PART:
        return frozenset()
    return frozenset(p for p in thai_text.parts(word) if len(p) >= MIN_PART and p not in STOP_WORDS)


def terms(text: str) -> set[str]:
    """Every word and part of a text, as the index keeps them."""
    return {term for word, parts in units(text) for term in (word, *parts)}


def _without_endings(text: str) -> str:
    """Polite endings taken off each phrase: newmm would cut "which day" + a polite ending into
    nonsense syllables."""
    phrases = []
    for phrase in _PHRASE.split(text or ""):
        for _ in range(2):  # two stacked endings
            for ending in ENDINGS:
                if phrase.endswith(ending) and len(phrase) > len(ending):
                    phrase = phrase[: -len(ending)]
        phrases.append(phrase)
    return " ".join(phrases)


@dataclass(frozen=True)
class Entry:
    id: int
    question: str
    answer: str


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float  # confidence, 0..1
    bm25: float


class FaqIndex:
    """BM25 over a fixed list of entries; immutable once built, safe to share between threads."""

    def __init__(self, rows: Iterable[tuple[int, str, str, str]]):
        self.entries: list[Entry] = []
        self.weights: list[dict[str, float]] = []  # per entry: term -> summed field weight
        self.reach: list[dict[str, float]] = []  # per entry: term -> best single field weight
        self.holders: dict[str, list[int]] = {}  # term -> the entries that have it, in order
        df: Counter[str] = Counter()
        for ident, question, answer, keywords in rows:
            fields = {"question": terms(question), "keywords": terms(keywords.replace("\n", " ")),
                      "answer": terms(answer)}
            weight: dict[str, float] = {}
            reach: dict[str, float] = {}
            for name, found in fields.items():
                for term in found:
                    weight[term] = weight.get(term, 0.0) + FIELD_WEIGHTS[name]
                    reach[term] = max(reach.get(term, 0.0), FIELD_WEIGHTS[name])
            for term in weight:
                self.holders.setdefault(term, []).append(len(self.entries))
            self.entries.append(Entry(ident, question, answer))
            self.weights.append(weight)
            self.reach.append(reach)
            df.update(weight.keys())
        n = len(self.entries)
        self.idf = {term: math.log(1 + (n - count + 0.5) / (count + 0.5)) for term, count in df.items()}
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)  # a word in no entry: the rarest there is
        lengths = [sum(w.values()) for w in self.weights]
        self.lengths = lengths
        self.avg_length = (sum(lengths) / n) if n else 1.0

    def ranked(self, text: str) -> list[Match]:
        """Entries sharing a word with the question, best first (BM25 weighed by coverage)."""
        rarity, found = self._bm25(text)
        matches = [Match(self.entries[i], coverage(rarity, self.reach[i]), bm25) for i, bm25 in found]
        matches.sort(key=lambda m: rank(m.bm25, m.score), reverse=True)
        return matches

    def best(self, text: str) -> Match | None:
        """ranked(text)[0], without the coverage of entries that cannot win: an entry's key is its BM25
        times a coverage of at most 1, so entries are tried by falling BM25 until the best key found
        is above the next one's BM25. Ties go to the earlier entry, as in ranked's stable sort."""
        rarity, found = self._bm25(text)
        winner: Match | None = None
        top, first = (-1.0, -1.0), -1
        for i, bm25 in sorted(found, key=lambda f: -f[1]):
            if bm25 < top[0]:
                break
            score = coverage(rarity, self.reach[i])
            key = rank(bm25, score)
            if key > top or (key == top and i < first):
                winner, top, first = Match(self.entries[i], score, bm25), key, i
        return winner

    def _bm25(self, text: str) -> tuple[list[Rarity], list[tuple[int, float]]]:
        """The question's words weighted for coverage, and (entry, BM25) for the entries sharing a word."""
        query = units(text[:MAX_QUERY])
        flat = {term for word, parts in query for term in (word, *parts)}
        if not flat or not self.entries:
            return [], []
        # Only the entries holding a word of the question, each with its shared words in the question's
        # order (as the sums below depend on it), not every entry searched for every word.
        sharing: dict[int, list[str]] = {}
        for term in flat:
            for i in self.holders.get(term, ()):
                sharing.setdefault(i, []).append(term)
        found = []
        for i in sorted(sharing):
            shared, weight = sharing[i], self.weights[i]
            norm = K1 * (1 - B + B * self.lengths[i] / self.avg_length)
            found.append((i, sum(self.idf[t] * weight[t] * (K1 + 1) / (weight[t] + norm) for t in shared)))
        return self.rarity(query), found

    def rarity(self, query: list[tuple[str, frozenset[str]]]) -> list[Rarity]:
        """The question's words weighted for coverage, once per question rather than once per entry."""
        known, unknown = self.idf, self.unknown_idf
        out = []
        for word, parts in query:
            weights = tuple((p, known.get(p, unknown)) for p in parts)
            out.append(Rarity(word, known.get(word, unknown), weights, sum(w for _, w in weights)))
        return out


def rank(bm25: float, score: float) -> tuple[float, float]:
    """An entry's place, higher first. BM25 alone prefers an entry that repeats one shared word
    ("elderly" in a registration entry) over the one that covers the whole question ("when is the
    allowance paid"): it is weighed by the coverage (`score`, at most 1), so the entry that answers
    every part of the question wins; FaqIndex.best relies on the product being at most the BM25."""
    return bm25 * score, score


class Rarity(NamedTuple):
    """A word of a question with its weight (IDF), and its compound's parts with theirs."""

    word: str
    weight: float
    parts: tuple[tuple[str, float], ...]
    parts_weight: float


def coverage(rarity: list[Rarity], reach: dict[str, float]) -> float:
    """The share of the question's words (weighted by rarity) an entry covers. A compound counts
    once: whole when the entry has it, else by the share of its parts the entry has."""
    total = covered = 0.0
    for word, weight, parts, parts_weight in rarity:
        total += weight
        if word in reach:
            covered += weight * reach[word]
        elif parts:
            covered += weight * (sum(w * reach.get(p, 0.0) for p, w in parts) / parts_weight) * PART_CREDIT
    return round(min(1.0, covered / total), 3) if total else 0.0


def index_for(session: Session, config: int | None = None) -> FaqIndex:
    """The index of the active FAQ as it is now, built only when the staff's edit counter moved since
    it was built (bot/runtime/config_cache.py); `config`: the counter as the caller read it (the
    worker, with the event), else it is read here."""
    if config is None:
        config = config_cache.counter(session)

    def build() -> FaqIndex:
        rows = session.execute(select(col(Faq.id), col(Faq.question), col(Faq.answer), col(Faq.keywords))
                               .where(col(Faq.active)).order_by(col(Faq.sort_order), col(Faq.id))).all()
        return FaqIndex((r[0], r[1], r[2], r[3] or "") for r in rows)

    return config_cache.cached("faq", session, config, build)
