"""The ITA evidence files, read back as the working group would: every number in the workbook and
in the PDF's text against the data the test created (tests/ita/data.py), the fiscal-year boundary,
an empty period, and no personal data anywhere in either file."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.ita.export import export_period, file_name
from messages_th.dates import status_label
from messages_th.ita import period_label, tx
from models import periods
from tests.ita import data as ita_data
from tests.ita.files import all_xml, index, normal, pdf_pages, pdf_text, row, sheets, squash

FY = periods.fiscal_year(2569)


@pytest.fixture
def fy_files(engine, settings, tmp_path):
    ita_data.create(engine)
    xlsx, pdf = export_period(engine, settings, FY, tmp_path)
    return sheets(xlsx), pdf, xlsx


@pytest.fixture
def fy_book(engine, settings, tmp_path):
    """The workbook alone (a PDF takes a few seconds more to print)."""
    ita_data.create(engine)
    xlsx, = export_period(engine, settings, FY, tmp_path, formats=("xlsx",))
    return sheets(xlsx)


def test_files_are_named_by_period(engine, settings, tmp_path):
    paths = export_period(engine, settings, periods.parse("quarter", "2569-Q2"), tmp_path, formats=("xlsx",))
    assert [p.name for p in paths] == ["ita-2569-q2.xlsx"] and paths[0].stat().st_size > 0
    assert file_name(FY, "pdf") == "ita-2569-fy.pdf" and file_name(periods.month(2569, 1), "xlsx") == "ita-2569-01.xlsx"
    assert [p.name for p in tmp_path.iterdir()] == ["ita-2569-q2.xlsx"]  # no temporary file left behind


def test_workbook_sheets_and_indicator_numbers(fy_book):
    book = fy_book
    assert list(book) == [tx("sheet.summary"), tx("sheet.5"), tx("sheet.6"), tx("sheet.7"), tx("sheet.8"),
                          tx("sheet.raw")]
    # Indicator 5: two reports in November 2568, one finished.
    five = book[tx("sheet.5")]
    assert row(five, tx("c5.received"))[1:] == (0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)
    assert row(five, tx("c5.finished"))[-1] == 1 and row(five, tx("c5.in_progress"))[-1] == 1
    assert row(five, tx("c5.median"))[-1] == 10.0
    assert not any(r and r[0] == tx("c5.none") for r in five)
    # Indicator 6: month columns Oct..Sep, then the total; A on 1 Oct (Bangkok) counts, B does not.
    six = book[tx("sheet.6")]
    header = six[index(six, tx("col.item"))]
    assert header[1] == "ต.ค. 68" and header[12] == "ก.ย. 69" and header[13] == tx("col.total")
    assert list(row(six, tx("c6.received"))[1:]) == ita_data.FY_MONTHS_RECEIVED + [5]
    assert row(six, tx("c6.answered"))[-1] == 3 and row(six, tx("c6.within"))[-1] == 2
    assert row(six, tx("c6.open"))[-1] == 2
    assert row(six, tx("c6.share"))[-1] == pytest.approx(2 / 3)
    assert row(six, tx("c6.share"))[2] == 0  # November: C was answered late
    assert row(six, tx("c6.median"))[-1] == 2.0 and row(six, tx("c6.median"))[1] == 2.0
    assert row(six, "ถนน/ทางเท้า", index(six, tx("c6.by_category")))[1:] == (1, 1) + (0,) * 10 + (2,)
    assert row(six, tx("c6.no_category"))[-1] == 1
    assert row(six, status_label("rejected"))[1] == 1 and row(six, status_label("cancelled"))[1] == 0
    assert row(six, tx("c6.responses"))[1:3] == (1, 1) and row(six, tx("c6.responses"))[-1] == 2
    q6 = row(six, "บริการรับเรื่องร้องเรียนทดสอบ")
    assert q6[1:6] == ("ความพึงพอใจโดยรวม", 6, 2, 3.0, 66.5)
    scores = {r[0]: r[1:5] for r in six[index(six, tx("score.title")):] if r and str(r[0]).startswith("ตัวชี้วัดที่")}
    assert scores[tx("score.indicator", n=6)] == (2, 66.5, 67.0, "−0.5")
    assert scores[tx("score.indicator", n=7)] == (2, 83.5, None, tx("none"))
    assert scores[tx("score.indicator", n=8)] == (2, 75.0, None, tx("none"))


def test_workbook_channel_and_improvement_numbers(fy_book):
    book = fy_book
    seven = book[tx("sheet.7")]
    assert row(seven, tx("c7.followers_now"))[1] == 1
    assert row(seven, tx("c7.new_followers"))[1:4] == (1, 1, 0) and row(seven, tx("c7.unfollowed"))[3] == 1
    assert row(seven, tx("c7.people"))[1:3] == (2, 1) and row(seven, tx("c7.people"))[-1] == 2
    assert row(seven, tx("c7.messages"))[-1] == 4  # the follow event is not a message
    assert row(seven, tx("c7.asked"))[1:4] == (2, 0, 2) and row(seven, tx("c7.asked"))[-1] == 4
    assert row(seven, tx("c7.faq"))[-1] == 1 and row(seven, tx("c7.answered"))[-1] == 2
    assert row(seven, tx("c7.waiting"))[-1] == 1 and row(seven, tx("c7.not_helpful"))[-1] == 1
    assert row(seven, tx("c7.answer_hours"))[1] == 3.0 and row(seven, tx("c7.answer_hours"))[-1] == 4.0
    eight = book[tx("sheet.8")]
    assert row(eight, tx("c8.received"))[-1] == 3 and row(eight, tx("c8.done"))[1] == 1
    assert row(eight, tx("c8.not_adopted"))[-1] == 1 and row(eight, tx("c8.open"))[-1] == 1
    action = row(eight, "NMKS6810-0001")
    assert action[1:] == ("5 ตุลาคม 2568", ita_data.TOPIC, tx("c8.status.done"), ita_data.ACTION, "20 ตุลาคม 2568")
    assert not any(ita_data.HIDDEN_ACTION in str(c) for r in eight for c in r)  # not public: not listed
    assert row(eight, tx("act.complaint"), index(eight, tx("c8.participation")))[1:3] == (1, 5)
    assert row(eight, tx("act.suggestion"), index(eight, tx("c8.participation")))[1:3] == (2, 3)
    eservice = index(eight, tx("c8.eservice"))
    assert row(eight, tx("act.complaint"), eservice)[-1] == 5 and row(eight, tx("act.corruption"), eservice)[2] == 2
    assert row(eight, tx("act.inquiry"), eservice)[-1] == 4 and row(eight, tx("act.survey"), eservice)[-1] == 2


def test_summary_compares_with_the_previous_fiscal_year(fy_book):
    book = fy_book
    summary = book[tx("sheet.summary")]
    assert summary[2][0] == period_label(FY) and summary[3][0] == "ตั้งแต่ 1 ตุลาคม 2568 ถึง 30 กันยายน 2569"
    by_label = {r[1]: r[2:4] for r in summary if r and len(r) > 3 and r[1]}
    assert by_label[tx("c6.received")] == (5, 1)  # B (30 Sep 23:59 Bangkok) is FY 2568's
    assert by_label[tx("c5.received")] == (2, 0)
    assert by_label[tx("score.row", n=6)] == (66.5, 67.0)
    assert by_label[tx("c6.median")] == (2.0, 4.0)
    assert any(r and "ค่าประมาณ" in str(r[0]) for r in summary)


def test_raw_rows_are_the_period_s_cases_without_personal_data(fy_book):
    book = fy_book
    raw = book[tx("sheet.raw")]
    assert raw[0] == tuple(tx(k) for k in ("raw.ticket", "raw.received", "raw.closed", "raw.category",
                                           "raw.division", "raw.status", "raw.days", "raw.on_time"))
    assert [r[0] for r in raw[1:]] == ["NMK6810-0001", "NMK6811-0001", "NMK6811-0002", "NMK6901-0001",
                                       "NMK6909-0001"]
    assert raw[1] == ("NMK6810-0001", "2568-10-01", "2568-10-03", "ถนน/ทางเท้า", "กองช่าง", status_label("resolved"),
                      2.0, tx("yes"))
    assert raw[2][6:] == (20.0, tx("no"))
    assert raw[3][2] is None and raw[3][5] == status_label("in_progress") and raw[3][6] is None
    assert raw[4][3:5] == (tx("c6.no_category"), tx("c6.no_division"))
    assert raw[5][1] == "2569-09-30"  # 23:59:59 in Bangkok on the last day


def test_no_personal_data_in_either_file(fy_files):
    _, pdf, xlsx = fy_files
    xml, text = all_xml(xlsx), pdf_text(pdf)
    for planted in ita_data.PLANTED:
        assert planted not in xml, planted
        assert normal(planted) not in text and squash(normal(planted)) not in squash(text), planted
    assert "NMKC" not in xml and "NMKC" not in text  # corruption reports are counted, never listed
    raw = Path(pdf).read_bytes()
    assert ita_data.PHONE.encode() not in raw and ita_data.LINE_ID.encode() not in raw


def test_pdf_text_has_the_numbers_and_reads_as_thai(fy_files):
    _, pdf, _ = fy_files
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    flat = squash(text)
    assert normal("เทศบาลตำบลนามะเขือ") in text and normal(tx("doc.title")) in text
    assert normal("ปีงบประมาณ 2569") in text and normal("1 ตุลาคม 2568") in text and normal("30 กันยายน 2569") in text
    assert normal("จัดทำเมื่อ") in text and "ค่าประมาณ" in text
    for n, page in enumerate(pages, 1):  # page numbers, Thai, on every page
        assert normal(f"หน้า {n} จาก {len(pages)}") in page
    assert squash(normal(tx("score.indicator", n=6))) + "266.567.0−0.5" in flat
    assert squash(normal(tx("score.indicator", n=7))) + "283.5" in flat
    assert "66.7%" in text and "20.0" in text  # on-time share; November's median (C, 20 days)
    assert squash(normal("ต.ค. 2568 1 1 1 100% 2 วัน")) in flat  # October: received, answered, within, median
    assert squash(normal("รวม 5 3 2 66.7% 2 วัน")) in flat
    assert normal(ita_data.TOPIC) in text and normal(ita_data.ACTION) in text
    assert normal(tx("c5.none")) not in text


def test_fiscal_year_boundary_case_is_in_the_next_year(engine, settings, tmp_path):
    ita_data.create(engine)
    before = sheets(export_period(engine, settings, periods.fiscal_year(2568), tmp_path, formats=("xlsx",))[0])
    raw = before[tx("sheet.raw")]
    assert [r[0] for r in raw[1:]] == ["NMK6809-0009"]  # 23:59 on 30 Sep 2568 in Bangkok
    october = sheets(export_period(engine, settings, periods.month(2568, 10), tmp_path, formats=("xlsx",))[0])
    assert [r[0] for r in october[tx("sheet.raw")][1:]] == ["NMK6810-0001"]  # 23:30 UTC on 30 Sep
    after = sheets(export_period(engine, settings, periods.fiscal_year(2570), tmp_path, formats=("xlsx",))[0])
    assert [r[0] for r in after[tx("sheet.raw")][1:]] == ["NMK6910-0001"]


def test_an_empty_period_says_no_corruption_reports(engine, settings, tmp_path):
    ita_data.create(engine)
    xlsx, pdf = export_period(engine, settings, periods.month(2569, 3), tmp_path)
    book = sheets(xlsx)
    assert row(book[tx("sheet.5")], tx("c5.none"))
    assert row(book[tx("sheet.6")], tx("c6.received"))[1:] == (0, 0)
    assert book[tx("sheet.raw")] == [book[tx("sheet.raw")][0]]  # the header alone
    text = pdf_text(pdf)
    assert normal(tx("c5.none")) in text and normal("เดือนมีนาคม 2569") in text
    assert normal(tx("c6.no_survey")) in text and normal(tx("c8.actions.none")) in text


def test_raw_rows_continue_on_another_sheet_past_the_row_limit(engine, settings, tmp_path):
    ita_data.create(engine)
    xlsx, = export_period(engine, settings, FY, tmp_path, formats=("xlsx",), rows_per_sheet=2)
    book = sheets(xlsx)
    parts = [book[tx("sheet.raw")], book[tx("sheet.raw.more", n=2)], book[tx("sheet.raw.more", n=3)]]
    assert [len(p) for p in parts] == [3, 3, 2]  # each with its header
    assert all(p[0][0] == tx("raw.ticket") for p in parts)
    assert [r[0] for p in parts for r in p[1:]][-1] == "NMK6909-0001"
    assert tx("sheet.raw.more", n=4) not in book


# --- text XML cannot hold (the security review: a vertical tab pasted from Word broke the workbook) ------
PASTED = "ติดตั้งโคมไฟ\x0bเพิ่มสี่จุด\x0cแล้ว\x01\x08\x1f ครบ\t\r\nทุกซอย"


def test_control_characters_in_stored_text_give_a_valid_workbook_and_pdf(engine, settings, tmp_path):
    import xml.etree.ElementTree as ET
    import zipfile

    from sqlalchemy import update

    from models.db import session_scope
    from models.suggestion import Suggestion

    ita_data.create(engine)
    with session_scope(engine) as s:  # as an older version stored it, before the admin forms cleaned text
        s.execute(update(Suggestion).where(Suggestion.action == ita_data.ACTION)
                  .values(action=PASTED, topic="ไฟ\x0bซอยสาม"))
    xlsx, pdf = export_period(engine, settings, FY, tmp_path)
    with zipfile.ZipFile(xlsx) as z:
        for part in z.namelist():
            ET.fromstring(z.read(part))  # every part well-formed XML (raises ParseError otherwise)
    book = sheets(xlsx)  # and openpyxl, as Excel would, reads it
    cells = [c for r in book[tx("sheet.8")] for c in r if isinstance(c, str)]
    # Word's line break and page break are line breaks; the other control characters are gone.
    # (An XML reader turns the \r\n kept in the file into \n.)
    assert "ติดตั้งโคมไฟ\nเพิ่มสี่จุด\nแล้ว ครบ\t\nทุกซอย" in cells, cells
    assert "ไฟ\nซอยสาม" in cells
    assert squash("ติดตั้งโคมไฟเพิ่มสี่จุดแล้วครบทุกซอย") in squash(normal(pdf_text(pdf)))


def test_writer_drops_what_xml_cannot_hold(tmp_path):
    import xml.etree.ElementTree as ET
    import zipfile

    from bot.ita.xlsx_writer import Cell, Workbook

    path = tmp_path / "w.xlsx"
    book = Workbook(path)
    bad = "a\x00b\x0bc\ud83dd\udc00e\ufffef\uffffg\x7fh😀"
    book.add_sheet("แผ่น\x0b1", [[bad, Cell(bad, "wrap"), 1, None]])
    book.close()
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            ET.fromstring(z.read(part))
    (rows,) = sheets(path).values()
    assert rows[0][:3] == ("ab\nc" + "defg\x7fh😀", "ab\ncdefg\x7fh😀", 1)
