"""`flask ita export` as an IT person would run it: options, output, files and Thai errors."""
from __future__ import annotations

import pytest

from tests.ita import data as ita_data
from tests.ita.files import row, sheets


@pytest.fixture
def runner(app, engine):
    ita_data.create(engine)
    return app.test_cli_runner()


def test_fiscal_year_export_writes_both_files(runner, tmp_path):
    result = runner.invoke(args=["ita", "export", "--fiscal-year", "2569", "--out", str(tmp_path / "evidence")])
    assert result.exit_code == 0, result.output
    xlsx, pdf = tmp_path / "evidence" / "ita-2569-fy.xlsx", tmp_path / "evidence" / "ita-2569-fy.pdf"
    assert xlsx.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    assert "ปีงบประมาณ 2569" in result.output and str(xlsx) in result.output and str(pdf) in result.output
    assert "สรุปตัวเลข" in result.output and "เสร็จสิ้นใน" in result.output
    assert "weasyprint" not in result.output.lower()  # no library chatter
    assert row(sheets(xlsx)["ตัวชี้วัดที่ 6"], "เรื่องที่ได้รับ (เรื่อง)")[-1] == 5


@pytest.mark.parametrize("option, value, name", [("--month", "2568-11", "ita-2568-11.xlsx"),
                                                 ("--quarter", "2569-Q2", "ita-2569-q2.xlsx"),
                                                 ("--half", "2569-H1", "ita-2569-h1.xlsx")])
def test_each_kind_of_period(runner, tmp_path, option, value, name):
    result = runner.invoke(args=["ita", "export", option, value, "--out", str(tmp_path / "out"), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == [name]


def test_default_out_is_the_current_folder(runner, tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    result = runner.invoke(args=["ita", "export", "--month", "2569-03", "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "here").iterdir()] == ["ita-2569-03.xlsx"]


@pytest.mark.parametrize("args, fragment", [
    ([], "--fiscal-year"),
    (["--month", "2569-01", "--fiscal-year", "2569"], "ครั้งละหนึ่งอย่าง"),
    (["--month", "2026-01"], "2569"),
    (["--quarter", "2569-Q5"], "Q1 ถึง Q4"),
    (["--half", "H1"], "2569-H1"),
])
def test_bad_options_are_explained_in_thai(runner, tmp_path, args, fragment):
    result = runner.invoke(args=["ita", "export", *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert fragment in result.output
    assert not (tmp_path / "out").exists()  # nothing made before the input was checked


def test_the_readme_s_export_folder_is_not_committed_by_mistake() -> None:
    """The README exports to exports/: files with a municipality's figures stay out of git."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert "--out exports/" in (root / "README.md").read_text()
    ignored = [line.strip() for line in (root / ".gitignore").read_text().splitlines()]
    assert "exports/" in ignored or "/exports/" in ignored


def test_the_pdf_drawn_beside_the_workbook_is_the_one_drawn_after_it(runner, app, engine, settings, tmp_path):
    """The command draws the PDF in a forked process while it writes the workbook: same pages, same text."""
    from pypdf import PdfReader

    from bot.ita.export import export_period
    from models.periods import fiscal_year

    result = runner.invoke(args=["ita", "export", "--fiscal-year", "2569", "--out", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    _, alone = export_period(engine, settings, fiscal_year(2569), tmp_path / "alone")

    def pages(path):
        return [p.extract_text().replace("สร้างเมื่อ", "") for p in PdfReader(path).pages]

    beside = pages(tmp_path / "cli" / "ita-2569-fy.pdf")
    assert len(beside) == len(pages(alone)) >= 2
    assert [len(p) for p in beside] == [len(p) for p in pages(alone)]  # the generated-at minute may differ
    assert not list((tmp_path / "cli").glob(".*.part"))
