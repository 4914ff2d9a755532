"""The summary's comparison column: a previous period without any data at all reads "no data" (a
dash), not "0 complaints", in the workbook, the PDF and the admin page; and every summary row keeps
its indicator, its item and its figure in their own columns."""
from __future__ import annotations

import pytest

from bot.ita.export import export_period
from messages_th.ita import period_label, tx
from models import periods
from tests.admin.conftest import _fast_password_hash, as_role, staff  # noqa: F401  (fixtures)
from tests.ita import data as ita_data
from tests.ita.files import normal, pdf_text, sheets, squash

FY68, FY69 = periods.fiscal_year(2568), periods.fiscal_year(2569)  # FY 2567 has nothing, FY 2568 one case


def _summary(engine, settings, tmp_path, period):
    xlsx, = export_period(engine, settings, period, tmp_path, formats=("xlsx",))
    return sheets(xlsx)[tx("sheet.summary")]


def test_a_previous_period_without_data_reads_no_data_in_the_workbook(engine, settings, tmp_path) -> None:
    ita_data.create(engine)
    rows = _summary(engine, settings, tmp_path, FY68)
    assert ("", "", "", tx("col.previous.none", period=period_label(FY68.previous()))) in [r[:4] for r in rows if r]
    by_label = {r[1]: r[2:4] for r in rows if r and len(r) > 3 and r[1]}
    assert by_label[tx("c6.received")] == (1, "–")  # case B; nothing in FY 2567 at all
    assert by_label[tx("c5.received")] == (0, "–")


def test_a_previous_period_with_data_keeps_its_zeros(engine, settings, tmp_path) -> None:
    ita_data.create(engine)
    rows = _summary(engine, settings, tmp_path, FY69)
    assert any(r and r[3] == period_label(FY68) for r in rows if len(r) > 3)
    by_label = {r[1]: r[2:4] for r in rows if r and len(r) > 3 and r[1]}
    assert by_label[tx("c5.received")] == (2, 0)  # FY 2568 had a complaint: its 0 reports are a real 0


def test_the_followers_row_has_its_text_in_the_item_column(engine, settings, tmp_path) -> None:
    ita_data.create(engine)
    rows = _summary(engine, settings, tmp_path, FY69)
    (followers,) = [r for r in rows if tx("c7.followers_now") in r]
    assert followers[0] == tx("score.indicator", n=7) and followers[1] == tx("c7.followers_now")
    assert isinstance(followers[2], int)
    indicator_column = {r[0] for r in rows[7:] if r and len(r) > 2 and r[2] is not None and r[1]}
    assert indicator_column <= {tx("score.indicator", n=n) for n in (5, 6, 7, 8)}


def test_the_pdf_says_no_data_for_an_empty_previous_period(engine, settings, tmp_path) -> None:
    ita_data.create(engine)
    _, pdf = export_period(engine, settings, FY68, tmp_path)
    text = pdf_text(pdf)
    assert normal("(ไม่มีข้อมูล)") in text
    assert squash(normal(tx("c6.received"))) + "1–" in squash(text)


@pytest.mark.usefixtures("staff")
def test_the_admin_page_says_no_data_for_an_empty_previous_period(as_role, engine) -> None:
    ita_data.create(engine)
    page = as_role("admin").get("/admin/ita?period=fy:2568").get_data(as_text=True)
    assert tx("col.previous.none", period=period_label(FY68.previous())) in page
    assert page.count('class="num">–</td>') >= 10
