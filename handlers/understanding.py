"""Thai text to an intent (complaint, tracking, question, ...): a trained model beside keyword lists.

The trained model (handlers/nlu_model.py, learnt from real complaints and the municipality's own cases)
gives probabilities; keyword lists keep what it cannot know: a ticket number means tracking, a corruption
hint goes to the confidential channel, and a message the model is unsure of keeps the keywords'
reading only when both agree (else it is "other", and the citizen is asked what they meant).
The category half (which complaint categories to offer) is handlers/categories.py; both read the one
cleaned view of the text of handlers/keywords.py. `scripts/eval_nlu.py` measures both on data never
trained on.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from handlers import nlu_model
from handlers.categories import CATEGORY_SURE, CHOICES, MIN_CHOICE, best_category, category_choices, keywords_of
from handlers.keywords import Table, View, compiled, features, prepare, score
from handlers.types import CategoryInfo
from messages_th import defaults
from models.thai_text import pythainlp as _thai
from models.tickets import find_ticket

INTENTS = ("complaint", "corruption", "inquiry", "suggestion", "tracking", "greeting", "other")
LONG_TEXT = 80  # characters (spaces left out) beyond which a message is a story, not a question
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


@dataclass(frozen=True)
class Understanding:
    intent: str
    category_id: int | None = None  # the likeliest category, when the message names it (see classify)
    category_name: str | None = None
    score: float = 0.0  # how likely the intent is (0-1)
    choices: tuple[tuple[int, str, float], ...] = ()  # (id, name, probability), likeliest first
    sure: bool = False  # the likeliest category is likely enough to be offered alone


def warm_up() -> None:
    """Load the tokenizer now (a worker may call this at start so the first chat is not slow)."""
    word_tokenize = _thai()[0]
    word_tokenize("warm up", engine="newmm")
    nlu_model.current().warm()


def classify(text: str, categories: list[CategoryInfo], model: nlu_model.Model | None = None) -> Understanding:
    """What a citizen's message is about, and which categories a complaint would likely fall in
    (with the model in use, or the one given: training compares two)."""
    view = prepare(text)
    if not view.flat:
        return Understanding("other")
    feats = features(view)
    model = model or nlu_model.current()
    intents, by_category = model.read(feats)
    choices = category_choices(view, by_category, categories, model)
    intent = _combine(intents, _keyword_intent(text, view, categories), bool(find_ticket(text)), len(view.flat))
    first = choices[0] if choices else None
    # "Named": the message's own words point to it, or the model is sure (inquiry.ask then offers to report).
    named = first[0] if first and (first[1] >= CATEGORY_SURE or score(keywords_of(first[0]), view)[0] >= 1) \
        else None
    return Understanding(intent=intent, category_id=named.id if named else None,
                         category_name=named.name if named else None,
                         score=round(intents.get(intent, 0.0), 3),
                         choices=tuple((c.id, c.name, round(p, 3)) for c, p in choices[:CHOICES]
                                       if p >= MIN_CHOICE or (first is not None and c is first[0])),
                         sure=first is not None and first[1] >= CATEGORY_SURE)


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
    view = prepare(text)
    if not view.flat:
        return Understanding("other")
    category, weight = best_category(view, categories)
    return Understanding(intent=_keyword_intent(text, view, categories), category_id=category.id if category else None,
                         category_name=category.name if category else None, score=min(1.0, weight / 3.0))


def _keyword_intent(text: str, view: View, categories: Iterable[CategoryInfo]) -> str:
    scores = {name: score(table, view)[0] for name, table in _intent_tables().items()}
    scores["complaint"] = scores.get("complaint", 0.0) + best_category(view, categories)[1]
    if len(view.flat) > LONG_TEXT:
        # "no progress yet" inside a long story is a complaint told again, not a status question.
        scores["tracking"] = scores.get("tracking", 0.0) / 2
    if find_ticket(text):
        scores["tracking"] = scores.get("tracking", 0.0) + 3
    return _decide(scores, len(view.flat))


def problem_weight(text: str) -> float:
    """How strongly a text tells of a problem by its own words ("broken", "please fix", "complain"),
    leaving out what a category's words add: "when does the garbage truck come" names a category
    but no problem."""
    return score(_intent_tables()["complaint"], prepare(text))[0]


@lru_cache(maxsize=1)
def _intent_tables() -> dict[str, Table]:
    """defaults.INTENT_KEYWORDS compiled once (every message is scored on each list)."""
    return {name: compiled(keywords) for name, keywords in defaults.INTENT_KEYWORDS.items()}


def is_long(text: str) -> bool:
    """A story rather than a question (LONG_TEXT)."""
    return len(prepare(text).flat) > LONG_TEXT


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
