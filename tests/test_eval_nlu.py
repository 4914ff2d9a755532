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
    out = _run("--csv", str(_write(tmp_path / "sample.csv", ROWS)), "--no-timing", cwd=tmp_path)
    lines = out.splitlines()
    # complaint rows whose types map to one of our categories: 0, 1, 2, 3, 5, 9, 10
    assert "category on sample.csv: 7 real complaints with a mapped category" in lines
    model = next(line for line in lines if line.strip().startswith("model: any-of"))
    keywords = next(line for line in lines if line.strip().startswith("keywords: any-of"))
    assert "/7)" in model and "single-label macro recall" in model
    assert "/7)" in keywords
    assert any(line.startswith("  real complaints the model takes for a greeting or a question:") for line in lines)
    assert not any("intent on the held-out" in line for line in lines)  # only the CSVs given


def test_any_of_and_macro_recall_count_as_documented() -> None:
    ev = _eval()
    road, light = "ถนน/ทางเท้า", "ไฟฟ้าสาธารณะ"
    rows = [ev.Ticket("a", {road}, {"model": road}, {}), ev.Ticket("b", {road}, {"model": light}, {}),
            ev.Ticket("c", {light}, {"model": light}, {}), ev.Ticket("d", {road, light}, {"model": light}, {})]
    assert ev.any_of(rows, "model") == (3, 4)
    macro, per = ev.macro_recall(rows, "model")  # road 1/2, light 1/1; the two-label row is left out
    assert per == {road: (1, 2), light: (1, 1)} and macro == pytest.approx(0.75)


def _eval():
    spec = importlib.util.spec_from_file_location("eval_nlu", SCRIPT)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["eval_nlu"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_a_csv_with_nothing_to_score_still_reports(tmp_path: Path) -> None:
    out = _run("--csv", str(_write(tmp_path / "empty.csv", [("[]", "ไม่มีประเภท"), ("['ถนน']", "")])), cwd=tmp_path)
    assert "category on empty.csv: 0 real complaints" in out and "any-of n/a (0 rows)" in out


def test_a_missing_csv_given_by_hand_is_an_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--csv", str(tmp_path / "nope.csv")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no such file" in done.stderr


def _traffy_map():
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
def test_the_in_repo_held_out_data_is_evaluated_from_any_folder(tmp_path: Path) -> None:
    out = _run(cwd=tmp_path)  # no --csv: the held-out files inside the repository, found from the script
    assert "category on heldout_2022.csv.gz:" in out and "category on bangkok_sample_2023-05-17.csv:" in out
    assert "intent on the held-out hand-labelled set:" in out and "tracking: model" in out
    assert "category on the held-out hand-written rural complaints:" in out
    assert "speed: median" in out and "ms per message" in out
