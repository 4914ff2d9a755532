"""Complaints put together from the Thai templates, with their search words.

Cutting Thai into words takes about a millisecond a text: a quarter of an hour for a million
complaints. A complaint here is fragments joined by spaces, and the tokenizer never joins words
across a space, so the words of a complaint are the union of the words of its fragments, each
fragment cut once (tests/test_demo_seed.py checks this against models.search.words_of).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.demo.chance import pick
from messages_th import demo_complaints as tpl
from messages_th import demo_places as places
from models.search import MAX_WORDS_PER_CASE, words_of


@dataclass(frozen=True)
class Complaint:
    description: str
    landmark: str
    location_title: str
    location_address: str
    latitude: float | None
    longitude: float | None
    words: tuple[str, ...]  # the words models.search.index_case would store (any order); () without the index


class ComplaintWriter:
    def __init__(self, *, index: bool = True):
        self.index = index
        self._cache: dict[str, frozenset[str]] = {}

    def words(self, fragment: str) -> frozenset[str]:
        found = self._cache.get(fragment)
        if found is None:
            found = self._cache[fragment] = frozenset(words_of(fragment))
        return found

    def complaint(self, category: str, rng: random.Random) -> Complaint:
        r = rng.random
        p, na = pick(tpl.PARTICLES, r)
        n = 2 + int(r() * 5)
        problems = tpl.PROBLEMS.get(category) or tpl.GENERIC_PROBLEMS
        parts: list[str] = []
        if r() < 0.4:
            parts.append(pick(tpl.OPENERS, r))
        parts.append(pick(problems, r))
        parts += _where(r)
        if r() < 0.35:
            parts.append(pick(tpl.SINCE, r))
        if r() < 0.3:
            parts.append(pick(tpl.IMPACTS, r))
        if r() < 0.7:
            parts.append(pick(tpl.PLEAS, r))
        parts = [x.format(p=p, na=na, n=n).strip() if "{" in x else x for x in parts]
        landmark = []
        if r() < 0.35:
            landmark = [pick(places.LANDMARKS, r)] + ([pick(places.VILLAGES, r)] if r() < 0.5 else [])
        title, address, lat, lon = "", "", None, None
        if r() < 0.55:
            clat, clon, spread = places.CENTRE
            lat, lon = round(clat + (2 * r() - 1) * spread, 6), round(clon + (2 * r() - 1) * spread, 6)
            title, address = pick(places.LOCATION_TITLES, r), places.LOCATION_ADDRESS
        words: tuple[str, ...] = ()
        if self.index:
            cache, words_of_ = self._cache, self.words
            found = set().union(*[cache.get(f) or words_of_(f) for f in (*parts, *landmark, title) if f])
            # index_case keeps the first MAX_WORDS_PER_CASE in sorted order; no demo text has that many.
            words = tuple(found) if len(found) <= MAX_WORDS_PER_CASE else tuple(sorted(found)[:MAX_WORDS_PER_CASE])
        return Complaint(" ".join(x for x in parts if x), " ".join(landmark), title, address, lat, lon, words)


def _where(r: Callable[[], float]) -> list[str]:
    x = r()
    if x < 0.45:
        return [pick(places.LANDMARKS, r), pick(places.VILLAGES, r)]
    if x < 0.65:
        return [pick(places.ROADS, r), pick(places.VILLAGES, r)]
    if x < 0.8:
        return [pick(places.VILLAGES, r)]
    return []
