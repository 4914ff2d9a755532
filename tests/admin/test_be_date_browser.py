"""The Buddhist-era date field in a real browser: the calendar shows พ.ศ. years, a picked day is
written "7/12/2569", and the queue filters by it; the header names the role once."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from messages_th.dates import BE_OFFSET, MONTHS
from models.db import utcnow
from tests.admin.cases import make_case
from tests.admin.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
def test_pick_a_buddhist_era_day_and_filter_the_queue(browser, live_app, staff, engine):
    now = utcnow()
    old = make_case(engine, "ถนนพังหน้าวัด", created_at=now - timedelta(days=40))
    new = make_case(engine, "ไฟทางดับ", category="ไฟฟ้าสาธารณะ", created_at=now - timedelta(hours=2))
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(live_app.base_url + "/admin/login")
        page.fill('input[name="username"]', "admin1")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.goto(live_app.base_url + "/admin/cases?status=all")
        field = page.locator('input[name="from"]')
        assert field.get_attribute("type") == "text"  # not the browser's Gregorian picker
        page.locator('input[name="from"] + button.be-date-open').click()
        today = (now + timedelta(hours=7)).date()
        title = page.locator(".be-date-pop .be-date-title").first
        assert title.inner_text() == f"{MONTHS[today.month - 1]} {today.year + BE_OFFSET}"
        page.locator(".be-date-pop button.be-date-day", has_text=re.compile(r"^1$")).first.click()
        assert field.input_value() == f"1/{today.month}/{today.year + BE_OFFSET}"
        page.locator('form[role="search"] button[type="submit"]').click()
        page.wait_for_load_state()
        shown = page.locator("table.queue tbody").inner_text()
        assert new in shown and old not in shown
        assert page.locator('input[name="from"]').input_value() == f"1/{today.month}/{today.year + BE_OFFSET}"
        who = page.locator(".who").inner_text()
        assert who.count("ผู้ดูแลระบบ") == 1
        page.locator('input[name="from"] + button.be-date-open').click()
        assert page.locator(".be-date-pop").first.is_visible()
        page.keyboard.press("Escape")
        assert not page.locator(".be-date-pop").first.is_visible()
    finally:
        context.close()
    assert errors == []
