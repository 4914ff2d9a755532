"""scripts/eval_nlu.py: the figures it prints are the right ones for a CSV whose answers we know."""
from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "eval_nlu.py"

# (Traffy types, text): what the classifier answers is in the comment; the rows are built so that
# every figure below can be counted by hand.
ROWS = [
    ("['ถนน']", "ถนนหน้าบ้านเป็นหลุมใหญ่"),  # 0 road: right
    ("['แสงสว่าง']", "ไฟทางดับหลายต้น มืดมาก"),  # 1 lighting: right
    ("['ความสะอาด']", "ขยะล้นถังไม่มีใครมาเก็บ"),  # 2 rubbish: right
    ("['ถนน']", "ไฟกิ่งหน้าวัดไม่ติด"),  # 3 labelled road, read as lighting: a confusion
    ("['สอบถาม']", "อยากสอบถามเรื่องภาษีที่ดินค่ะ"),  # 4 inquiry: right intent, no category scored
    ("['ถนน', 'แสงสว่าง']", "ถนนมืดมาก ไฟทางดับ"),  # 5 two categories: lighting is one of them
    ("['ร้องเรียน']", "ขอร้องเรียนเรื่องนี้ด้วยค่ะ"),  # 6 a complaint with no category of ours
    ("[]", "หมาจรจัดเยอะมาก"),  # 7 no Traffy type: left out
    ("['ถนน']", ""),  # 8 no text: left out
    ("['ต้นไม้']", "สวัสดีค่ะ"),  # 9 labelled a complaint, read as a greeting: wrong twice
    ("['ท่อระบายน้ำ', 'น้ำท่วม']", "ท่อตันน้ำขังหน้าบ้าน"),  # 10 both types are drains: right
]


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["ticket_id", "type", "description", "address", "timestamp", "state", "star"])
        for i, (types, text) in enumerate(rows):
            out.writerow([f"T{i}", types, text, "", "2023-05-17", "เสร็จสิ้น", ""])
    return path


def _run(*args: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_figures_for_a_small_csv(tmp_path: Path) -> None:
    out = _run("--csv", str(_write(tmp_path / "sample.csv", ROWS)), cwd=tmp_path)
    lines = out.splitlines()
    assert "rows evaluated: 9" in lines
    assert "intent accuracy (complaint vs other): 88.9% (8/9)" in lines
    assert "intent baseline (majority class): 88.9% (8/9)" in lines
    assert "category accuracy: 66.7% (4/6)" in lines
    assert "category baseline (majority class): 33.3% (2/6)" in lines
    assert "  left out or noted: no text: 1" in lines
    assert "  left out or noted: no Traffy type: 1" in lines
    assert "  exact intent accuracy: 88.9% (8/9)" in lines
    assert "  as the bot acts (intent complaint and right category): 66.7% (4/6)" in lines
    assert "     1  ถนน/ทางเท้า -> ไฟฟ้าสาธารณะ" in lines
    assert "     1  ต้นไม้ -> (none)" in lines
    assert "complaint rows with several Traffy categories: 1; suggestion among them: 100.0% (1/1)" in lines
    assert any(line.startswith("complaint rows whose types map to no category: 1;") for line in lines)
    # per category: precision = right / suggested, recall = right / labelled
    table = {line.split()[-1]: line.split()[:4] for line in lines if line.startswith("  ") and "% (" in line}
    assert table["ไฟฟ้าสาธารณะ"] == ["50.0%", "(1/2)", "100.0%", "(1/1)"]
    assert table["ถนน/ทางเท้า"] == ["100.0%", "(1/1)", "50.0%", "(1/2)"]
    assert table["ต้นไม้"] == ["n/a", "(0", "rows)", "0.0%"]  # never suggested, missed once
    assert table["(none)"] == ["0.0%", "(0/1)", "n/a", "(0"]
    even, odd = (line for line in lines if line.startswith(("  even rows", "  odd rows")))
    assert "intent accuracy (complaint vs other) 100.0% (5/5)" in even and "category accuracy 100.0% (3/3)" in even
    assert "intent accuracy (complaint vs other) 75.0% (3/4)" in odd and "category accuracy 33.3% (1/3)" in odd


def test_a_csv_with_nothing_to_score_still_reports(tmp_path: Path) -> None:
    out = _run("--csv", str(_write(tmp_path / "empty.csv", [("[]", "ไม่มีประเภท"), ("['ถนน']", "")])), cwd=tmp_path)
    assert "rows evaluated: 0" in out and "category accuracy: n/a (0 rows)" in out


def test_a_missing_csv_given_by_hand_is_an_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--csv", str(tmp_path / "nope.csv")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no such file" in done.stderr


def _traffy_map():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("traffy_map", ROOT / "scripts" / "traffy_map.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_traffy_types_parse_and_map() -> None:
    tm = _traffy_map()
    assert tm.parse_types("['ถนน', 'ทางเท้า']") == ["ถนน", "ทางเท้า"]
    assert tm.parse_types("{ถนน,ทางเท้า}") == ["ถนน", "ทางเท้า"]
    assert tm.parse_types("[]") == [] and tm.parse_types("") == []
    assert tm.intent_of([]) is None and tm.intent_of(["ถนน"]) == "complaint"
    assert tm.intent_of(["ถนน", "สอบถาม"]) == "inquiry" and tm.intent_of(["เสนอแนะ"]) == "suggestion"
    assert tm.categories_of(["ถนน", "ทางเท้า", "ร้องเรียน"]) == ({"ถนน/ทางเท้า"}, [])
    assert tm.categories_of(["แสงสว่าง", "ใหม่เอี่ยม"]) == ({"ไฟฟ้าสาธารณะ"}, ["ใหม่เอี่ยม"])


def test_every_mapped_category_is_a_default_category() -> None:
    from messages_th import defaults

    names = {c["name"] for c in defaults.CATEGORIES}
    assert {v for v in _traffy_map().TYPE_TO_CATEGORY.values() if v} <= names


@pytest.mark.slow
def test_the_real_sample_runs_from_any_folder(tmp_path: Path) -> None:
    out = _run(cwd=tmp_path)  # no --csv: found from the script's own location
    rows = int(next(line for line in out.splitlines() if line.startswith("rows evaluated:")).split(":")[1])
    assert rows > 800 and "odd rows (held out)" in out
