"""Dates typed by staff (bot/admin/be_dates.py): Buddhist era first, Thai digits and month names,
ISO from old links; the queue and the audit log filter by them without JavaScript."""
from __future__ import annotations

import html
from datetime import date, timedelta

import pytest

from bot.admin.be_dates import be_text, parse_date
from models.db import utcnow
from tests.admin.cases import make_case
from tests.admin.pages import listed, rows_of

DAY = date(2025, 12, 7)


@pytest.mark.parametrize("typed", ["7/12/2568", "07/12/2568", "7-12-2568", "7.12.2568", " 7 / 12 / 2568 ",
                                   "7/12/68", "๗/๑๒/๒๕๖๘", "7 ธ.ค. 2568", "7 ธค 2568", "7 ธันวาคม 2568",
                                   "2025-12-07", "2568-12-07", "7/12/2025"])
def test_what_staff_type_is_the_day(typed: str) -> None:
    assert parse_date(typed) == DAY


@pytest.mark.parametrize("typed", ["31/2/2569", "7/13/2569", "yesterday", "7/12", "9999-12-31", "1/1/0001",
                                   "7 ธันวา 2568x"])
def test_what_is_not_a_day_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed)


def test_empty_is_no_filter_and_a_day_is_written_in_the_buddhist_era() -> None:
    assert parse_date("  ") is None and be_text(None) == ""
    assert be_text(DAY) == "7/12/2568" and parse_date(be_text(DAY)) == DAY


def test_the_queue_filters_by_a_buddhist_era_day_typed_with_thai_digits(engine, as_role) -> None:
    now = utcnow()
    old = make_case(engine, "ถนนพัง", created_at=now - timedelta(days=30))
    new = make_case(engine, "ไฟดับ", category="ไฟฟ้าสาธารณะ", created_at=now)
    day = (now - timedelta(days=30) + timedelta(hours=7)).date()
    thai = be_text(day).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    admin = as_role("admin")
    assert listed(admin, f"/admin/cases?status=all&from={thai}&to={thai}") == [old]
    page = admin.get(f"/admin/cases?status=all&from={thai}").get_data(as_text=True)
    assert f'value="{be_text(day)}"' in page and new in page  # shown back as the calendar writes it
    assert 'type="date"' not in page


def test_the_audit_log_filters_by_a_buddhist_era_day(engine, as_role) -> None:
    admin = as_role("admin")
    today = (utcnow() + timedelta(hours=7)).date()
    shown = html.unescape(rows_of(admin, f"?date_from={be_text(today)}&date_to={be_text(today)}"))
    assert "admin1" in shown
    page = admin.get(f"/admin/audit?date_from={be_text(today)}").get_data(as_text=True)
    assert f'value="{be_text(today)}"' in page and 'type="date"' not in page
    yesterday = be_text(today - timedelta(days=1))
    assert "admin1" not in rows_of(admin, f"?date_to={yesterday}")  # the login was today
