"""Which complaint categories a message likely falls in: the chips a citizen is offered.

The trained model's category probabilities matched to the categories configured here, with keyword
lists for what it cannot know: a category Traffy lacks or an admin just added is found by its
keywords from the moment it exists. The thresholds are chosen by scripts/tune_nlu.py.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from handlers import nlu_model
from handlers.keywords import View, score
from handlers.types import CategoryInfo
from messages_th import defaults

CATEGORY_SURE = 0.7  # one category offered alone at or above this (98% right on held-out tickets)
CHOICES = 3  # categories offered when unsure
MIN_CHOICE = 0.03  # a category less likely than this is not offered (the full list is one tap away)
KEYWORD_SHARE = 0.45  # probability given per unit of keyword weight to a category the model lacks
KEYWORD_CAP = 0.9
WELL_KNOWN = 1_000  # training examples a category needs before the model alone speaks for it
BLEND_BELOW = 0.5  # the model's best category probability below which keywords weigh in
BLEND_WEIGHT = 2.0  # log-odds added per unit of keyword weight then
# A category the message's own words name this much more strongly than the model's favourite takes
# its place: a sure Bangkok habit ("dangerous" means safety, "wires" mean cables) yields to plain words
# (a sunken road, branches on the wires). 99: off, as tuned (it cost more real tickets than it won
# rural complaints; the local reading is taught by the hand-written complaints and the yields table).
KEYWORD_LEAD = 99.0


def keywords_of(category: CategoryInfo) -> tuple[str, ...]:
    """The category's own keywords, or the default ones of the category with the same name."""
    if category.keywords:
        return tuple(category.keywords)
    for default in defaults.CATEGORIES:
        if default["name"] == category.name:
            return tuple(default["keywords"])
    return ()


def best_category(view: View, categories: Iterable[CategoryInfo]) -> tuple[CategoryInfo | None, float]:
    """The category with the most keyword weight; on a tie, the one mentioned first."""
    best, best_rank = None, (0.0, 0)
    for category in categories:
        weight, first = score(keywords_of(category), view)
        rank = (weight, -first)
        if weight > 0 and rank > best_rank:
            best, best_rank = category, rank
    return best, best_rank[0]


def category_choices(view: View, probabilities: dict[str, float], categories: Iterable[CategoryInfo],
                     model: nlu_model.Model) -> list[tuple[CategoryInfo, float]]:
    """Active categories with their probability, likeliest first. The model's classes are matched to
    the configured categories (see _resolve); a category the model does not know (one an admin added)
    or knows from a handful of examples only (water supply) takes a share by its keywords, so it works
    from the moment it exists. `probabilities`: the model's category probabilities of the message
    (nlu_model.Model.read)."""
    categories = tuple(categories)
    known = _resolve(tuple(model.category.classes), categories)
    learnt: dict[int, float] = {}
    weak: dict[int, float] = {}  # classes learnt from a handful of examples: their keywords count as much
    counts = model.info.get("category_examples") or {}
    # An unsure model (short or rural wording Bangkok's tickets rarely use) hears the keywords too:
    # each unit of keyword weight multiplies a category's odds by e**BLEND_WEIGHT (scripts/tune_nlu.py).
    unsure = max(probabilities.values(), default=1.0) < BLEND_BELOW
    for name, p in probabilities.items():
        if name in known:
            if unsure:
                p *= math.exp(BLEND_WEIGHT * min(score(keywords_of(known[name]), view)[0], 5.0))
            into = weak if counts and counts.get(name, 0) < WELL_KNOWN else learnt
            into[known[name].id] = into.get(known[name].id, 0.0) + p
    scores = {c.id: score(keywords_of(c), view)[0] for c in known.values() if c.id in learnt}
    _keyword_lead(learnt, scores)
    # Only keywords stronger than those of every category the model knows count: "water" in a story
    # about a flooded road is no water-supply complaint.
    rival = max(scores.values(), default=0.0)
    by_keywords = {c.id: min(KEYWORD_CAP, KEYWORD_SHARE * (score(keywords_of(c), view)[0] - rival))
                   for c in categories if c.id not in learnt}
    by_keywords = {k: max(v, weak.get(k, 0.0)) for k, v in by_keywords.items() if v > 0 or k in weak}
    kept = sum(by_keywords.values())
    if kept > KEYWORD_CAP:
        by_keywords = {k: v * KEYWORD_CAP / kept for k, v in by_keywords.items()}
        kept = KEYWORD_CAP
    total = sum(learnt.values()) or 1.0
    probability = {k: v * (1.0 - kept) / total for k, v in learnt.items()} | by_keywords
    ranked = sorted(categories, key=lambda c: -probability.get(c.id, 0.0))
    return [(c, probability[c.id]) for c in ranked if probability.get(c.id, 0.0) > 0]


def _keyword_lead(learnt: dict[int, float], scores: dict[int, float]) -> None:
    """The model's favourite and the category the keywords name most strongly swap probabilities when
    the keywords lead by KEYWORD_LEAD (see there)."""
    if not learnt or not scores:
        return
    top = max(learnt, key=learnt.__getitem__)
    named = max(scores, key=lambda k: (scores[k], learnt.get(k, 0.0)))
    if named != top and scores[named] - scores.get(top, 0.0) >= KEYWORD_LEAD:
        learnt[top], learnt[named] = learnt[named], learnt[top]


@lru_cache(maxsize=64)
def _resolve(classes: tuple[str, ...], categories: tuple[CategoryInfo, ...]) -> dict[str, CategoryInfo]:
    """The configured category each model class stands for: the one with its name, or (renamed) the
    one holding most of that default category's keywords."""
    out: dict[str, CategoryInfo] = {}
    for name in classes:
        same = next((c for c in categories if c.name == name), None)
        default = next((d for d in defaults.CATEGORIES if d["name"] == name), None)
        if same is None and default and default["keywords"]:
            wanted = set(default["keywords"])
            overlap, same = max(((len(wanted & set(c.keywords)), c) for c in categories),
                                key=lambda pair: pair[0], default=(0, None))
            same = same if overlap * 2 >= len(wanted) else None
        if same is not None:
            out[name] = same
    return out
