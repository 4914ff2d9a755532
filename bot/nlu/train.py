"""Training the text model (handlers/nlu_model.py) with scikit-learn: a developer's and administrator's tool.

scikit-learn is the `[train]` extra (pip install -e '.[train]'); nothing at run time imports this module.
- Categories: Traffy tickets labelled with a type our table maps to a category (a ticket with several
  types counts once, shared among them), plus hand-written rural complaints (data/nlu/categories.csv)
  and the municipality's own confirmed or corrected cases, each weighing CASE_WEIGHT tickets, which
  also teach categories Traffy lacks (water supply, staff service...).
- Intents: the hand-labelled set's training part (data/nlu/intents.csv, with polite variants) and some
  Traffy complaints. Traffy's own inquiry and suggestion tickets are left out: most are complaints
  with that box ticked too, and even at a third of the weight they cost 2-3 points on held-out intents.
Held out and never trained on: Traffy tickets chosen by nlu_data.held_out, the hand-written sets'
`heldout` rows, and 1 case in CASE_HELDOUT.
"""
from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.nlu import data as nlu_data
from handlers.keywords import model_features
from handlers.nlu_model import Linear, Model
from messages_th.nlu import POLITE_PREFIXES, POLITE_SUFFIXES

SAMPLE = 60_000  # Traffy tickets for the category model: about two minutes on two cores
# Traffy complaints among the intent examples: a few keep long real stories in the complaint class;
# thousands made every short message with a number in it look like a complaint (measured, see README).
INTENT_COMPLAINTS = 150
CASE_WEIGHT = 5.0  # one of the municipality's own cases counts as this many Bangkok tickets
# A hand-written rural complaint (data/nlu/categories.csv) counts as this many: there are ~200 of them
# against 60,000 tickets, and where the two disagree (a dangerous road: road here, safety in Bangkok;
# branches on wires: tree here, cables in Bangkok) the municipality's reading must win.
RURAL_WEIGHT = 20.0
CASE_HELDOUT = 5  # 1 case in this many measures the retrained model instead of training it
CATEGORY_FEATURES, INTENT_FEATURES = 60_000, 30_000
SMALL_CLASS = 1_000  # a category with fewer examples is weighed as if it had this many (see balanced)


@dataclass(frozen=True)
class CaseLabel:
    """A municipality's case: its text and the category a citizen confirmed or staff corrected to."""

    key: str  # stable id, decides whether the case is held out
    text: str
    category: str


@dataclass
class Examples:
    texts: list[list[str]] = field(default_factory=list)  # features
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, feats: list[str], label: str, weight: float = 1.0) -> None:
        self.texts.append(feats)
        self.labels.append(label)
        self.weights.append(weight)


def prepare(text: str) -> list[str]:
    """What the model sees of a text (the same as at run time, see understanding)."""
    return model_features(text)


def balanced(examples: Examples, floor: int) -> list[float]:
    """Sample weights that give every class the same total, as if it had at least `floor` examples
    (a class known from a dozen hand-written or municipal examples must not outweigh thousands)."""
    counts = Counter(examples.labels)
    scale = {c: len(examples.labels) / (len(counts) * max(n, floor)) for c, n in counts.items()}
    return [w * scale[label] for w, label in zip(examples.weights, examples.labels)]


def fit(examples: Examples, max_features: int, floor: int = 1) -> Linear:
    """TF-IDF (sublinear, L2) + multinomial logistic regression, exported to a plain-Python Linear."""
    return export(*fit_sklearn(examples, max_features, floor))


def fit_sklearn(examples: Examples, max_features: int, floor: int = 1, c: float = 4.0):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=lambda feats: feats, sublinear_tf=True, min_df=2,
                                 max_features=max_features)
    matrix = vectorizer.fit_transform(examples.texts)
    model = LogisticRegression(C=c, max_iter=400)
    model.fit(matrix, examples.labels, sample_weight=balanced(examples, floor))
    return vectorizer, model


def export(vectorizer, model) -> Linear:
    """The fitted weights as a Linear (feature-major float32), scored without scikit-learn."""
    from array import array

    classes = [str(x) for x in model.classes_]
    if len(classes) == 2:  # scikit-learn keeps one row; the softmax of (-w/2, w/2) is its sigmoid
        half, bias = model.coef_[0] / 2, model.intercept_[0] / 2
        coef, intercept = [-half, half], [-bias, bias]
    else:
        coef, intercept = model.coef_, list(model.intercept_)
    size = len(vectorizer.idf_)
    flat = array("f", (float(coef[k][i]) for i in range(size) for k in range(len(classes))))
    return Linear(classes=classes, vocabulary={f: int(i) for f, i in vectorizer.vocabulary_.items()},
                  idf=array("f", (float(v) for v in vectorizer.idf_)), coef=flat,
                  intercept=[float(v) for v in intercept])


def traffy(path: Path) -> tuple[list[tuple[str, str, list[str]]], list[tuple[str, str, list[str]]]]:
    """Labelled Traffy tickets: (trained on, held out)."""
    train: list[tuple[str, str, list[str]]] = []
    heldout: list[tuple[str, str, list[str]]] = []
    for ticket, text, types in nlu_data.traffy_rows(path):
        if nlu_data.intent_of(types) is None:
            continue
        (heldout if nlu_data.held_out(ticket) else train).append((ticket, text, types))
    return train, heldout


def variants(text: str, rng: random.Random) -> list[str]:
    """The text as typed, and with two polite beginnings or endings."""
    extra = {rng.choice(POLITE_PREFIXES) + text + rng.choice(POLITE_SUFFIXES) for _ in range(2)}
    return [text] + sorted(extra - {text})


def _rows(rows: list[tuple[str, str]], validation: bool) -> list[tuple[str, str]]:
    """Hand-written training rows, less the validation part when tuning (validation=True)."""
    return [row for row in rows if not (validation and nlu_data.validation(row[0]))]


def category_examples(tickets: Sequence[tuple[str, str, list[str]]], cases: Iterable[CaseLabel],
                      validation: bool = False) -> Examples:
    out = Examples()
    for _, text, types in tickets:
        found = nlu_data.categories_to_learn(types)
        if nlu_data.intent_of(types) != "complaint" or not found:
            continue
        feats = prepare(text)
        for name in sorted(found):
            out.add(feats, name, 1.0 / len(found))
    # Hand-written rural complaints (data/nlu/categories.csv) and the municipality's own cases teach
    # the words Bangkok does not use and the categories it lacks.
    for text, name in _rows(nlu_data.category_rows(heldout=False), validation):
        out.add(prepare(text), name, RURAL_WEIGHT)
    for case in cases:
        out.add(prepare(case.text), case.category, CASE_WEIGHT)
    return out


def intent_examples(tickets: Sequence[tuple[str, str, list[str]]], rng: random.Random,
                    validation: bool = False) -> Examples:
    out = Examples()
    for text, intent in _rows(nlu_data.intent_rows(heldout=False), validation):
        for variant in variants(text, rng):
            out.add(prepare(variant), intent)
    for text, _ in _rows(nlu_data.category_rows(heldout=False), validation):  # rural complaints, staff service among them
        out.add(prepare(text), "complaint")
    complaints = [text for _, text, types in tickets if nlu_data.intent_of(types) == "complaint"]
    for text in complaints[:INTENT_COMPLAINTS]:
        out.add(prepare(text), "complaint")
    return out


def split_cases(cases: Sequence[CaseLabel]) -> tuple[list[CaseLabel], list[CaseLabel]]:
    """(trained on, held out): the same case always falls on the same side."""
    train: list[CaseLabel] = []
    heldout: list[CaseLabel] = []
    for case in cases:
        (heldout if nlu_data.bucket("case:" + case.key, CASE_HELDOUT) else train).append(case)
    return train, heldout


def train(data: Path, cases: Sequence[CaseLabel] = (), sample: int = SAMPLE, seed: int = 2022,
          say=print, validation: bool = False) -> tuple[Model, list[tuple[str, str, list[str]]]]:
    """A new model from a Traffy CSV (and cases); also returns the held-out Traffy tickets, or with
    validation=True (scripts/tune_nlu.py) the training tickets left out of the sample instead, and the
    hand-written validation rows are not learnt from."""
    started = time.monotonic()
    rng = random.Random(seed)
    tickets, heldout = traffy(data)
    rng.shuffle(tickets)
    tickets, unused = tickets[:sample], tickets[sample:]
    say(f"Traffy: {len(tickets)} tickets to learn from, {len(heldout)} held out; cases: {len(cases)}")
    categories = category_examples(tickets, cases, validation)
    say(f"category examples: {len(categories.labels)} ({time.monotonic() - started:.0f} s)")
    category = fit(categories, CATEGORY_FEATURES, floor=SMALL_CLASS)
    intents = intent_examples(tickets, rng, validation)
    say(f"intent examples: {len(intents.labels)} " + str(dict(Counter(intents.labels))))
    intent = fit(intents, INTENT_FEATURES)
    now = datetime.now(UTC)
    version = now.strftime("%Y%m%d-%H%M") + (f"+{len(cases)}cases" if cases else "")
    info = {"trained_at": now.isoformat(timespec="seconds"), "traffy_tickets": len(tickets),
            "cases": len(cases), "seconds": round(time.monotonic() - started),
            "category_examples": dict(Counter(categories.labels)),
            "category_classes": category.classes, "intent_classes": intent.classes}
    say(f"trained in {info['seconds']} s: version {version}")
    return Model(version=version, intent=intent, category=category, info=info), unused if validation else heldout
