"""Thai text to an intent and the likeliest complaint categories: a trained model beside keyword lists.

Over 250 lines for now: the model's reading and the keywords' are blended in one pass over one cleaned
view of the text; splitting the category half out (category_choices) is the next step (issue 12).

The trained model (handlers/nlu_model.py, learnt from real complaints and the municipality's own cases)
gives probabilities; keyword lists keep what it cannot know: a category Traffy lacks or an admin just
added is found by its keywords (see category_choices), a ticket number means tracking, a corruption
hint goes to the confidential channel, and a message the model is unsure of keeps the keywords'
reading only when both agree (else it is "other", and the citizen is asked what they meant).
Keyword scores are the summed weight of the keywords found (vague words weigh less, see
messages_th/defaults.py). `scripts/eval_nlu.py` measures both on data never trained on.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from handlers import nlu_model
from handlers.tickets import find_ticket
from handlers.types import CategoryInfo
from messages_th import defaults
from models.thai_text import clean as clean_thai
from models.thai_text import pythainlp as _thai

INTENTS = ("complaint", "corruption", "inquiry", "suggestion", "tracking", "greeting", "other")
MAX_CHARS = 1500  # the start of a long message decides; keeps tokenizing cheap
LONG_TEXT = 80  # characters (spaces left out) beyond which a message is a story, not a question
SHORT_WORD = 4  # keywords shorter than this match whole words (or parts of a compound) only
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
STRAY = 8  # letters: a shorter message with no keyword of any intent is a stray word
# The thresholds below are chosen by scripts/tune_nlu.py on a validation split of the TRAINING data
# (never on the held-out rows that scripts/eval_nlu.py reports on), for the shipped model.
# The model's intent probability trusted on its own (below it, only when the keywords agree): higher
# sends more clear messages to "what did you mean?".
INTENT_SURE = 0.25
OVER_KEYWORDS = 0.35  # the model overrules the keywords' reading from here
OVER_MARGIN = 0.0  # ... and only when it likes its reading this much more than the keywords' one
KEYWORDS_KEPT = 0.2  # below it, the keywords' reading stands if the model gives it at least this
INTENT_ALONE = 0.6  # ... and when no keyword of any intent or category is in the message at all
CORRUPTION_SURE = 0.5  # a corruption reading the keywords do not share must be this sure
INTENT_SURE_SHORT = 0.5  # a short message the keywords do not know is a greeting only this surely
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


@dataclass(frozen=True)
class Understanding:
    intent: str
    category_id: int | None = None  # the likeliest category, when the message names it (see classify)
    category_name: str | None = None
    score: float = 0.0  # how likely the intent is (0-1)
    choices: tuple[tuple[int, str, float], ...] = ()  # (id, name, probability), likeliest first
    sure: bool = False  # the likeliest category is likely enough to be offered alone


@dataclass(frozen=True)
class _View:
    """A message prepared once for all keyword lists and the model."""

    flat: str  # lower case, no spaces, phrases of defaults.NOT_KEYWORDS blanked out
    words: frozenset[str]
    tokens: tuple[str, ...] = ()  # the newmm words in order (the model counts them)


def warm_up() -> None:
    """Load the tokenizer now (a worker may call this at start so the first chat is not slow)."""
    word_tokenize = _thai()[0]
    word_tokenize("warm up", engine="newmm")
    nlu_model.current()


def clean(text: str) -> str:
    """Lower case, invisible characters removed, Thai vowel and tone order normalised, spaces collapsed."""
    return clean_thai(text, MAX_CHARS)


def words(text: str) -> list[str]:
    """The newmm words of a text (spaces dropped)."""
    return list(_words(text))


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    # One message is cut into words by several readers (the FAQ ranking, "is it a question?", the
    # topic check): newmm once per text, not three times.
    word_tokenize = _thai()[0]
    return tuple(w for w in word_tokenize(clean(text), engine="newmm", keep_whitespace=False) if w.strip())


def _view(text: str) -> _View:
    cleaned = clean(text)
    for phrase in _not_keywords():
        cleaned = cleaned.replace(phrase, " ")
    word_tokenize = _thai()[0]
    tokens = word_tokenize(cleaned, engine="newmm", keep_whitespace=False) if cleaned.strip() else []
    kept = tuple(w for w in tokens if w.strip())
    return _View(flat=cleaned.replace(" ", ""), words=frozenset(kept), tokens=kept)


def model_features(text: str) -> list[str]:
    """What the trained model sees of a text: the same cleaned view as the keywords (look-alike
    phrases such as "campaigning" for "noise" blanked out), cut into words once."""
    return _features(_view(text))


def _features(view: _View) -> list[str]:
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


def classify(text: str, categories: list[CategoryInfo], model: nlu_model.Model | None = None) -> Understanding:
    """What a citizen's message is about, and which categories a complaint would likely fall in
    (with the model in use, or the one given: training compares two)."""
    view = _view(text)
    if not view.flat:
        return Understanding("other")
    feats = _features(view)
    model = model or nlu_model.current()
    choices = category_choices(view, feats, categories, model)
    intents = model.intent.probabilities(feats)
    intent = _combine(intents, _keyword_intent(text, view, categories), bool(find_ticket(text)), len(view.flat))
    first = choices[0] if choices else None
    # "Named": the message's own words point to it, or the model is sure (inquiry.ask then offers to report).
    named = first[0] if first and (first[1] >= CATEGORY_SURE or _score(_keywords_of(first[0]), view)[0] >= 1) \
        else None
    return Understanding(intent=intent, category_id=named.id if named else None,
                         category_name=named.name if named else None,
                         score=round(intents.get(intent, 0.0), 3),
                         choices=tuple((c.id, c.name, round(p, 3)) for c, p in choices[:CHOICES]
                                       if p >= MIN_CHOICE or c is first[0]),
                         sure=bool(first) and first[1] >= CATEGORY_SURE)


def _combine(probabilities: dict[str, float], keyword_intent: str, ticket: bool, length: int) -> str:
    """The model's intent, checked by the keywords' reading (thresholds: see INTENT_SURE and below)."""
    guess = max(probabilities, key=probabilities.__getitem__)
    p = probabilities[guess]
    if keyword_intent == "corruption" or ticket:
        return keyword_intent  # the safe side, and a ticket number says what it is
    if keyword_intent == "other" and length <= STRAY and not (guess == "greeting" and p >= INTENT_SURE_SHORT):
        return "other"  # "555", "ok", "I don't know": too little for the model to go on
    if guess == "corruption":  # "staff were rude" is a complaint: the model must be sure it is more
        return guess if p >= CORRUPTION_SURE else keyword_intent
    if keyword_intent == "inquiry" and guess == "complaint":
        return "inquiry"  # asked in so many words: the inquiry offers to report the problem too
    # With no keyword at all, a flow opens only when the model is sure; else the FAQ or "what did you mean?".
    if guess == keyword_intent:
        return guess
    if keyword_intent == "other":
        return guess if p >= (INTENT_ALONE if guess in ("complaint", "tracking", "suggestion") else INTENT_SURE) \
            else "other"
    if p >= OVER_KEYWORDS and p - probabilities.get(keyword_intent, 0.0) >= OVER_MARGIN:
        return guess
    return keyword_intent if p < INTENT_SURE or probabilities.get(keyword_intent, 0.0) >= KEYWORDS_KEPT else "other"


def keyword_classify(text: str, categories: list[CategoryInfo]) -> Understanding:
    """The keyword lists' reading alone (the baseline scripts/eval_nlu.py prints beside the model's)."""
    view = _view(text)
    if not view.flat:
        return Understanding("other")
    category, score = best_category(view, categories)
    return Understanding(intent=_keyword_intent(text, view, categories), category_id=category.id if category else None,
                         category_name=category.name if category else None, score=min(1.0, score / 3.0))


def _keyword_intent(text: str, view: _View, categories: Iterable[CategoryInfo]) -> str:
    scores = {name: _score(kws, view)[0] for name, kws in defaults.INTENT_KEYWORDS.items()}
    scores["complaint"] = scores.get("complaint", 0.0) + best_category(view, categories)[1]
    if len(view.flat) > LONG_TEXT:
        # "no progress yet" inside a long story is a complaint told again, not a status question.
        scores["tracking"] = scores.get("tracking", 0.0) / 2
    if find_ticket(text):
        scores["tracking"] = scores.get("tracking", 0.0) + 3
    return _decide(scores, len(view.flat))


def category_choices(view: _View, feats: list[str], categories: Iterable[CategoryInfo],
                     model: nlu_model.Model) -> list[tuple[CategoryInfo, float]]:
    """Active categories with their probability, likeliest first. The model's classes are matched to
    the configured categories (see _resolve); a category the model does not know (one an admin added)
    or knows from a handful of examples only (water supply) takes a share by its keywords, so it works
    from the moment it exists."""
    categories = tuple(categories)
    known = _resolve(tuple(model.category.classes), categories)
    learnt: dict[int, float] = {}
    weak: dict[int, float] = {}  # classes learnt from a handful of examples: their keywords count as much
    counts = model.info.get("category_examples") or {}
    probabilities = model.category.probabilities(feats)
    # An unsure model (short or rural wording Bangkok's tickets rarely use) hears the keywords too:
    # each unit of keyword weight multiplies a category's odds by e**BLEND_WEIGHT (scripts/tune_nlu.py).
    unsure = max(probabilities.values(), default=1.0) < BLEND_BELOW
    for name, p in probabilities.items():
        if name in known:
            if unsure:
                p *= math.exp(BLEND_WEIGHT * min(_score(_keywords_of(known[name]), view)[0], 5.0))
            into = weak if counts and counts.get(name, 0) < WELL_KNOWN else learnt
            into[known[name].id] = into.get(known[name].id, 0.0) + p
    scores = {c.id: _score(_keywords_of(c), view)[0] for c in known.values() if c.id in learnt}
    _keyword_lead(learnt, scores)
    # Only keywords stronger than those of every category the model knows count: "water" in a story
    # about a flooded road is no water-supply complaint.
    rival = max(scores.values(), default=0.0)
    by_keywords = {c.id: min(KEYWORD_CAP, KEYWORD_SHARE * (_score(_keywords_of(c), view)[0] - rival))
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
