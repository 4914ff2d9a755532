"""Training the text model: the plain-Python scorer reproduces scikit-learn, a model file round-trips,
and `flask nlu train --with-cases` learns the municipality's own categories and says before/after."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli.nlu import register_nlu_cli
from bot.nlu import train as nlu_train
from handlers import nlu_model
from handlers.understanding import classify
from models import nlu_label
from models.complaint import Case, Category
from models.db import session_scope, utcnow
from tests.handlers.conftest import default_categories

TEXTS = [("ถนนเป็นหลุมใหญ่", "road"), ("ถนนพังรถล้ม", "road"), ("ถนนทรุดเป็นแอ่ง", "road"),
         ("ไฟทางดับมืดมาก", "light"), ("ไฟกิ่งไม่ติด", "light"), ("หลอดไฟถนนขาด", "light"),
         ("ขยะล้นถัง", "waste"), ("รถขยะไม่มาเก็บ", "waste"), ("ขยะกองข้างทางเหม็น", "waste")]


def _examples(rows=TEXTS) -> nlu_train.Examples:
    out = nlu_train.Examples()
    for text, label in rows:
        out.add(nlu_train.prepare(text), label)
    return out


@pytest.mark.parametrize("rows", [TEXTS, [r for r in TEXTS if r[1] != "waste"]], ids=["three", "two classes"])
def test_the_plain_python_scorer_gives_scikit_learns_probabilities(rows) -> None:
    examples = _examples(rows)
    vectorizer, fitted = nlu_train.fit_sklearn(examples, max_features=500)
    linear = nlu_train.export(vectorizer, fitted)
    for text in ("ถนนหน้าบ้านเป็นหลุม", "ไฟดับ", "ขยะเต็มถัง ไฟก็ดับ", "ไม่มีคำที่รู้จักเลย"):
        feats = nlu_train.prepare(text)
        want = dict(zip(fitted.classes_, fitted.predict_proba(vectorizer.transform([feats]))[0]))
        got = linear.probabilities(feats)
        assert set(got) == set(want)
        assert all(abs(got[k] - want[k]) < 1e-4 for k in want), (text, got, want)


def test_a_saved_model_reads_back_the_same(tmp_path: Path) -> None:
    linear = nlu_train.fit(_examples(), max_features=500)
    model = nlu_model.Model(version="test-1", intent=linear, category=linear, info={"cases": 0})
    model.save(tmp_path / "m.json.gz")
    again = nlu_model.Model.load(tmp_path / "m.json.gz")
    feats = nlu_train.prepare("ไฟทางดับ")
    assert again.version == "test-1" and again.info == {"cases": 0}
    assert again.category.probabilities(feats) == pytest.approx(linear.probabilities(feats), abs=1e-6)


def test_the_shipped_model_is_small_and_knows_the_intents_and_categories() -> None:
    assert nlu_model.SHIPPED.stat().st_size < 20_000_000
    model = nlu_model.Model.load(nlu_model.SHIPPED)
    assert {"complaint", "corruption", "inquiry", "tracking", "suggestion", "greeting"} <= set(model.intent.classes)
    assert {c.name for c in default_categories()} >= set(model.category.classes)


def test_classes_with_few_examples_do_not_outweigh_large_ones() -> None:
    examples = _examples()
    examples.add(["x"], "rare", 5.0)
    weights = nlu_train.balanced(examples, floor=10)
    rare = weights[-1]
    assert rare == pytest.approx(5.0 * len(examples.labels) / (4 * 10))  # as if it had 10 examples


def _traffy(path: Path) -> Path:
    rows = [("ถนน", "ถนนหน้าบ้านเป็นหลุมใหญ่"), ("ถนน", "ถนนพังรถล้ม"), ("แสงสว่าง", "ไฟทางดับมืดมาก"),
            ("แสงสว่าง", "ไฟกิ่งไม่ติดหลายคืน"), ("ความสะอาด", "ขยะล้นถังไม่มีคนเก็บ"), ("ความสะอาด", "รถขยะไม่มา"),
            ("ถนน,แสงสว่าง", "ถนนมืดไฟทางดับ"), ("สอบถาม", "อยากทราบว่าจ่ายภาษีที่ไหน")] * 3
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["ticket_id", "timestamp", "type", "comment", "district", "state", "star"])
        for i, (types, text) in enumerate(rows):
            out.writerow([f"T-{i}", "2022-06-01", types, f"{text} {i}", "", "", ""])
    return path


@pytest.mark.slow
def test_train_with_cases_learns_the_municipalitys_categories(app, engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        water = s.exec(select(Category).where(Category.name == "น้ำประปา")).scalars().one().id
        for i in range(30):
            case = Case(ticket=f"NMK6912-{i:04d}", category_id=water, description=f"หอถังรั่วซึม เปิดก๊อกไม่มีอะไรออกมา {i}",
                        created_at=utcnow(), updated_at=utcnow())
            s.add(case)
            s.flush()
            nlu_label.record(case.id, water, "staff", session=s)
    if "nlu" not in app.cli.commands:
        register_nlu_cli(app)
    out = tmp_path / "model.json.gz"
    result = app.test_cli_runner().invoke(args=["nlu", "train", "--data", str(_traffy(tmp_path / "t.csv")),
                                                "--with-cases", "--sample", "100", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "cases: 30 labelled" in result.output
    held_out = next(line for line in result.output.splitlines() if line.startswith("held-out cases:"))
    assert "before" in held_out and "after 100.0%" in held_out, held_out
    model = nlu_model.Model.load(out)
    assert "cases" in model.version
    assert "น้ำประปา" in model.category.classes
    got = classify("หอถังรั่วซึม เปิดก๊อกไม่มีอะไรออกมาเลย", default_categories(), model)
    assert got.choices[0][1] == "น้ำประปา"


def test_train_without_data_is_a_clear_error(app, tmp_path: Path) -> None:
    if "nlu" not in app.cli.commands:
        register_nlu_cli(app)
    result = app.test_cli_runner().invoke(args=["nlu", "train", "--data", str(tmp_path / "none.csv.gz")])
    assert result.exit_code != 0 and "--data" in result.output


def test_reading_a_real_complaint_takes_milliseconds() -> None:
    """Under 5 ms a message on a quiet machine (scripts/eval_nlu.py prints the median); the bound here
    leaves room for a busy CI machine but not for a heavyweight runtime."""
    import statistics
    import time

    from bot.nlu import data as nlu_data

    texts = [text for _, text, _ in nlu_data.traffy_rows(nlu_data.HELDOUT_CSV)][:60]
    cats = default_categories()
    classify(texts[0], cats)
    times = []
    for text in texts:
        started = time.perf_counter()
        classify(text, cats)
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.02
