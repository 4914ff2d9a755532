"""Reopened complaints counted (models/stats_reopen.py): the share of resolutions the citizen said were
not fixed, per division, on the dashboard and in the ITA workbook and PDF; and "answered within 15
days" counting a reopened case only when it is finally resolved."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.ita.export import export_period
from messages_th.case_result import t as rt
from models import lifecycle as life
from models import periods, stats, stats_reopen
from models.complaint import Case, Division
from models.db import read_scope, session_scope, utcnow
from models.enums import CaseStatus
from tests.ita.files import normal, pdf_text, row, sheets, squash
from tests.models.stats_cases import add_case, ids

JAN = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)  # January 2569 (Bangkok), fiscal year 2569


def reopened_cases(engine) -> None:
    """Four resolved once (two reopened: one twice and resolved again, one still in progress), one
    rejected, one open; one of the reopened in another division."""
    ch, other = ids(engine, Division, "กองช่าง", "สำนักปลัดเทศบาล")
    with session_scope(engine) as s:
        for status, reopened, division in (("resolved", 0, ch), ("resolved", 0, ch), ("resolved", 2, ch),
                                           ("in_progress", 1, other), ("rejected", 0, ch), ("received", 0, ch)):
            case = add_case(s, JAN, status, division=division, handled_days=3 if status != "received" else None)
            case.reopened_count = reopened


def test_share_of_resolutions_reopened(engine):
    reopened_cases(engine)
    start, end = stats.fiscal_year_bounds(2569)
    ch = ids(engine, Division, "กองช่าง")[0]
    with read_scope(engine) as s:
        every = stats_reopen.reopened(start, end, session=s)
        division = stats_reopen.reopened(start, end, session=s, division_id=ch)
        before = stats_reopen.reopened(*stats.fiscal_year_bounds(2568), session=s)
    assert (every.resolved, every.reopened, every.times) == (4, 2, 3) and every.share == 0.5
    assert (division.resolved, division.reopened) == (3, 1) and division.share == 1 / 3
    assert before.resolved == 0 and before.share is None


def test_a_reopened_case_is_answered_when_finally_resolved(engine):
    """Resolved on day 10 (on time), reopened by the citizen, resolved again on day 20: answered
    once, late — the final resolution counts, as the ITA's "answered within 15 days" means."""
    now = utcnow()
    with session_scope(engine) as s:
        case = add_case(s, now - timedelta(days=20), "resolved", closed=now - timedelta(days=10))
        case.reporter_line_id = "U" + "c" * 32
    window = (now - timedelta(days=30), now + timedelta(days=1))

    def on_time():
        with read_scope(engine) as r:
            return stats.answered_on_time(*window, session=r)

    assert (on_time().answered, on_time().within) == (1, 1)
    with session_scope(engine) as s:
        case = s.exec(select(Case)).scalars().one()
        life.reopen(case, "ยังไม่เรียบร้อย", session=s)
    assert (on_time().answered, on_time().within) == (0, 0)  # open again: not answered
    with session_scope(engine) as s:
        case = s.exec(select(Case)).scalars().one()
        life.change_status(case, CaseStatus.RESOLVED, life.Actor("officer1", None), session=s, message="ซ่อมแล้ว")
    assert (on_time().answered, on_time().within) == (1, 0)
    with read_scope(engine) as r:
        assert stats_reopen.reopened(*window, session=r).reopened == 1


def test_reopen_window_and_status_rules(engine):
    now = utcnow()
    with session_scope(engine) as s:
        late = add_case(s, now - timedelta(days=30), "resolved", closed=now - timedelta(days=15))
        open_ = add_case(s, now - timedelta(days=3), "in_progress")
    for case_id, reason in ((late.id, "window"), (open_.id, "transition")):
        with session_scope(engine) as s:
            case = s.get(Case, case_id)
            try:
                life.reopen(case, "x", session=s)
            except life.Refused as exc:
                assert exc.reason == reason
            else:
                raise AssertionError("reopened")
            assert case.reopened_count == 0


def test_ita_workbook_and_pdf_show_the_reopened(engine, settings, tmp_path):
    reopened_cases(engine)
    xlsx, pdf = export_period(engine, settings, periods.month(2569, 1), tmp_path)
    six = next(rows for name, rows in sheets(xlsx).items() if "6" in name)
    assert row(six, rt("admin.stat.resolved"))[1] == 4
    assert row(six, rt("admin.stat.reopened_cases"))[1] == 2
    assert row(six, rt("admin.stat.reopened_share"))[1] == 0.5
    text = pdf_text(pdf)
    assert squash(normal(rt("admin.stat.reopened_cases"))) + "2" in squash(text)
    assert "50%" in text
