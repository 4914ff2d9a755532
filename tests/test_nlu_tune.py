"""The thresholds are chosen on a validation split of the training data, never on the held-out rows:
the split is stable, trained-without when tuning, and the tuner changes nothing without a measured gain."""
from __future__ import annotations

import random

from bot.nlu import data as nlu_data
from bot.nlu import train as nlu_train
from handlers import categories, understanding
from scripts import tune_nlu


def test_held_out_rows_are_never_training_rows() -> None:
    for rows in (nlu_data.intent_rows, nlu_data.category_rows):
        trained = {text for text, _ in rows(heldout=False)}
        held = {text for text, _ in rows(heldout=True)}
        assert held and trained and not trained & held


def test_the_validation_part_is_a_stable_fifth_of_the_training_rows_only() -> None:
    intents, rural = tune_nlu.validation_rows()
    trained = nlu_data.intent_rows(heldout=False)
    assert 0.1 < len(intents) / len(trained) < 0.3
    assert set(intents) <= set(trained) and set(rural) <= set(nlu_data.category_rows(heldout=False))
    assert tune_nlu.validation_rows() == (intents, rural)
    held = {text for text, _ in nlu_data.intent_rows(heldout=True) + nlu_data.category_rows(heldout=True)}
    assert not held & {text for text, _ in intents + rural}


def test_tuning_trains_without_the_validation_part() -> None:
    intents, rural = tune_nlu.validation_rows()
    left_out = {tuple(nlu_train.prepare(text)) for text, _ in intents + rural}
    for validation in (False, True):
        seen = {tuple(f) for f in nlu_train.intent_examples([], random.Random(1), validation).texts}
        seen |= {tuple(f) for f in nlu_train.category_examples([], [], validation).texts}
        assert bool(left_out & seen) is not validation


def test_hand_written_rural_complaints_weigh_more_than_bangkok_tickets() -> None:
    examples = nlu_train.category_examples([("T-1", "ถนนเป็นหลุม", ["ถนน"])], [])
    assert examples.weights[0] == 1.0
    assert set(examples.weights[1:]) == {nlu_train.RURAL_WEIGHT} and nlu_train.RURAL_WEIGHT > 1.0


def test_the_tuner_keeps_the_thresholds_in_use_when_nothing_is_gained() -> None:
    # A ticket number decides on its own: every combination reads this right, so none is better.
    values = tune_nlu.tune_intents(understanding.nlu_model.current(), [("เรื่อง NMK6912-0001 ถึงไหนแล้ว", "tracking")],
                                   [], lambda _: None)
    assert values == {name: getattr(understanding, name) for name in tune_nlu.INTENT_GRID}


def _right(rows: list[tuple[str, str]], values: dict[str, float]) -> int:
    before = {name: getattr(understanding, name) for name in values}
    try:
        for name, value in values.items():
            setattr(understanding, name, value)
        cats = tune_nlu.default_categories()
        return sum(understanding.classify(text, cats).intent == want for text, want in rows)
    finally:
        for name, value in before.items():
            setattr(understanding, name, value)


def test_the_tuner_picks_thresholds_that_read_the_validation_messages_best() -> None:
    rows = tune_nlu.validation_rows()[0]
    in_use = {name: getattr(understanding, name) for name in tune_nlu.INTENT_GRID}
    tuned = tune_nlu.tune_intents(understanding.nlu_model.current(), rows, [], lambda _: None)
    assert {name: getattr(understanding, name) for name in tune_nlu.INTENT_GRID} == in_use  # put back
    never_trusted = {name: max(grid) for name, grid in tune_nlu.INTENT_GRID.items()}
    assert _right(rows, tuned) >= max(_right(rows, in_use), _right(rows, never_trusted))


def test_a_type_that_yields_teaches_the_problem_itself() -> None:
    # Bangkok types a dangerous sunken road as road and safety, branches on wires as tree and cables:
    # training learns the problem itself; the evaluation still takes either as right.
    assert nlu_data.categories_to_learn(["ถนน", "ความปลอดภัย"]) == {"ถนน/ทางเท้า"}
    assert nlu_data.categories_to_learn(["สายไฟ", "ต้นไม้"]) == {"ต้นไม้"}
    assert nlu_data.categories_of(["ถนน", "ความปลอดภัย"])[0] == {"ถนน/ทางเท้า", "ความปลอดภัย/สาธารณภัย"}
    # Alone, or beside a type it does not yield to, a type teaches its own category.
    assert nlu_data.categories_to_learn(["ความปลอดภัย"]) == {"ความปลอดภัย/สาธารณภัย"}
    assert nlu_data.categories_to_learn(["สายไฟ", "ถนน"]) == {"ไฟฟ้าสาธารณะ", "ถนน/ทางเท้า"}


def test_keywords_that_lead_by_enough_take_the_models_first_place(monkeypatch) -> None:
    monkeypatch.setattr(categories, "KEYWORD_LEAD", 1.0)
    learnt = {1: 0.8, 2: 0.15, 3: 0.05}
    categories._keyword_lead(learnt, {1: 1.0, 2: 2.0, 3: 0.0})
    assert learnt == {1: 0.15, 2: 0.8, 3: 0.05}
    learnt = {1: 0.8, 2: 0.15, 3: 0.05}
    categories._keyword_lead(learnt, {1: 1.0, 2: 1.5, 3: 0.0})  # a lead of 0.5 only
    assert learnt == {1: 0.8, 2: 0.15, 3: 0.05}
    monkeypatch.setattr(categories, "KEYWORD_LEAD", 99.0)  # off
    categories._keyword_lead(learnt, {1: 0.0, 2: 5.0, 3: 0.0})
    assert learnt == {1: 0.8, 2: 0.15, 3: 0.05}
