"""The text model's scoring (handlers/nlu_model.py) gives what the plain per-feature, per-class loop gave
(kept here as the oracle), through one model's `probabilities` and through `Model.read`, which counts a
message's features once for both models."""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers import nlu_model
from handlers.keywords import model_features

INTENTS_CSV = Path(__file__).parents[2] / "data" / "nlu" / "intents.csv"


def plain_probabilities(linear: nlu_model.Linear, feats: list[str]) -> dict[str, float]:
    """The scorer as first written: every class's score grown feature by feature."""
    counts: dict[int, int] = {}
    for f in feats:
        i = linear.vocabulary.get(f)
        if i is not None:
            counts[i] = counts.get(i, 0) + 1
    weights = {i: (1.0 + math.log(n)) * linear.idf[i] for i, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    k = len(linear.classes)
    scores = list(linear.intercept)
    for i, w in weights.items():
        for c in range(k):
            scores[c] += w / norm * linear.coef[i * k + c]
    if linear.multinomial:
        exps = [math.exp(s - max(scores)) for s in scores]
    else:
        exps = [1.0 / (1.0 + math.exp(-s)) for s in scores]
    return {name: e / sum(exps) for name, e in zip(linear.classes, exps, strict=True)}


def same(got: dict[str, float], want: dict[str, float]) -> None:
    assert list(got) == list(want)
    assert got == pytest.approx(want, rel=1e-9, abs=1e-12)


@pytest.fixture(scope="module")
def model() -> nlu_model.Model:
    return nlu_model.current()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    with INTENTS_CSV.open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def test_real_messages_score_as_the_plain_loop_scored_them(model, texts):
    assert len(texts) > 500
    for text in texts:
        feats = model_features(text)
        intents, categories = model.read(feats)
        same(intents, plain_probabilities(model.intent, feats))
        same(categories, plain_probabilities(model.category, feats))
        same(model.intent.probabilities(feats), intents)


def test_the_likeliest_class_is_the_plain_loops_on_every_real_message(model, texts):
    """What the bot acts on: the same top intent and category, not merely close probabilities."""
    for text in texts:
        feats = model_features(text)
        for got, linear in zip(model.read(feats), (model.intent, model.category), strict=True):
            want = plain_probabilities(linear, feats)
            assert max(got, key=got.__getitem__) == max(want, key=want.__getitem__), text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_repeated_unknown_and_missing_features_score_alike(model, data):
    """Counts above one (the sublinear TF), features only one model knows, features neither knows,
    and no feature at all (the intercepts alone)."""
    intent_only = sorted(set(model.intent.vocabulary) - set(model.category.vocabulary))[:200]
    category_only = sorted(set(model.category.vocabulary) - set(model.intent.vocabulary))[:200]
    shared = sorted(set(model.intent.vocabulary) & set(model.category.vocabulary))[:200]
    pool = intent_only + category_only + shared + ["never-a-feature", "wไม่มีคำนี้"]
    feats = data.draw(st.lists(st.sampled_from(pool), max_size=60))
    intents, categories = model.read(feats)
    same(intents, plain_probabilities(model.intent, feats))
    same(categories, plain_probabilities(model.category, feats))


def test_a_one_vs_rest_model_is_scored_with_sigmoids(model, texts):
    ovr = nlu_model.Linear(classes=model.intent.classes, vocabulary=model.intent.vocabulary,
                           idf=model.intent.idf, coef=model.intent.coef, intercept=model.intent.intercept,
                           multinomial=False)
    for text in texts[:100]:
        feats = model_features(text)
        same(ovr.probabilities(feats), plain_probabilities(ovr, feats))
