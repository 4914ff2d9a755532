"""The raw rows' sheets written by a forked process beside the figures (`flask ita export`) make the
same workbook as written in one process, and a failing child leaves the parent to write them."""
from __future__ import annotations

import os
import re

from bot.ita import export
from bot.ita.export import export_period
from models.periods import fiscal_year
from tests.ita import data as ita_data
from tests.ita.files import sheets


def _made_at_removed(book: dict) -> dict:
    return {name: [tuple(re.sub(r"\d\d\.\d\d", "", c) if isinstance(c, str) else c for c in r) for r in rows]
            for name, rows in book.items()}


def test_raw_rows_beside_the_figures_make_the_same_workbook(engine, settings, tmp_path):
    ita_data.create(engine)
    beside, = export_period(engine, settings, fiscal_year(2569), tmp_path / "beside", formats=("xlsx",),
                            pdf_beside=True, rows_per_sheet=2)  # the raw rows continue on further sheets
    alone, = export_period(engine, settings, fiscal_year(2569), tmp_path / "alone", formats=("xlsx",),
                           rows_per_sheet=2)
    got, want = sheets(beside), sheets(alone)
    assert list(got) == list(want) and len(got) >= 7
    assert _made_at_removed(got) == _made_at_removed(want)
    assert not list((tmp_path / "beside").glob(".*.part"))


def test_a_failing_raw_writer_is_replaced_by_the_parent(engine, settings, tmp_path, monkeypatch):
    ita_data.create(engine)
    finish, parts = export._finish_raw, []

    def fail_in_child(*args, **kwargs):  # runs in the forked child only
        raise RuntimeError("disk full")

    def finish_seen(*args):
        parts.append(finish(*args))
        return parts[-1]

    monkeypatch.setattr(export, "write_raw", fail_in_child)
    monkeypatch.setattr(export, "_finish_raw", finish_seen)
    xlsx, = export_period(engine, settings, fiscal_year(2569), tmp_path, formats=("xlsx",), pdf_beside=True)
    assert parts == [None]  # the child's part was given up; the parent wrote the rows
    alone, = export_period(engine, settings, fiscal_year(2569), tmp_path / "alone", formats=("xlsx",))
    assert _made_at_removed(sheets(xlsx)) == _made_at_removed(sheets(alone))


def _drawn_by_pid(monkeypatch) -> None:
    def draw(report, path):  # what the test reads back: which process drew it, and the report it had
        path.write_text(f"{os.getpid()} {report.period.slug} {report.key.cases.received}")

    monkeypatch.setattr(export, "write_pdf", draw)


def test_the_pdf_is_drawn_beside_from_the_report_it_is_sent(engine, settings, tmp_path, monkeypatch):
    ita_data.create(engine)
    _drawn_by_pid(monkeypatch)
    warmed = []
    monkeypatch.setattr(export, "warm_up", lambda: warmed.append(os.getpid()))
    pdf, = export_period(engine, settings, fiscal_year(2569), tmp_path, formats=("pdf",), pdf_beside=True)
    pid, slug, received = pdf.read_text().split()
    assert int(pid) != os.getpid() and slug == "2569-fy" and int(received) > 0
    assert warmed == []  # warmed up in the child, not here


def test_a_failing_pdf_process_is_replaced_by_the_parent(engine, settings, tmp_path, monkeypatch):
    ita_data.create(engine)
    _drawn_by_pid(monkeypatch)

    def fail_in_child():
        raise RuntimeError("no fonts")

    monkeypatch.setattr(export, "warm_up", fail_in_child)
    pdf, = export_period(engine, settings, fiscal_year(2569), tmp_path, formats=("pdf",), pdf_beside=True)
    assert int(pdf.read_text().split()[0]) == os.getpid()
