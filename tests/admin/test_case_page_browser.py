"""A member of staff handles a complaint in a real browser on a phone-sized screen: logs in through
the real form, opens the queue, opens the case, sets it in progress with a message to the citizen."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.admin.conftest import PASSWORD
from tests.citizen import Citizen, file_street_light_complaint, text_of

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
def test_officer_sets_a_case_in_progress_from_a_phone(browser, live_app, client, worker, fake_line, staff,
                                                      tmp_path):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    shots = Path(os.environ.get("CASE_SCREENSHOTS", tmp_path))  # to look at by eye
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(live_app.base_url + "/admin/cases")  # not logged in: sent to the form
        assert "/admin/login" in page.url
        css = page.get_attribute('link[rel="stylesheet"]', "href")
        assert context.request.get(live_app.base_url + css).status == 200  # the layout checked below is real
        page.fill('input[name="username"]', "officer1")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url("**/admin/cases")  # back to the page asked for
        assert page.locator("h1").inner_text() == "เรื่องร้องเรียน"
        assert _fits(page)
        page.screenshot(path=str(shots / "queue-phone.png"), full_page=True)
        page.click(f'a[href="/admin/cases/{ticket}"]')
        page.wait_for_url(f"**/admin/cases/{ticket}")
        assert "ไฟถนนหน้าบ้านดับ" in page.locator(".case-text").first.inner_text()
        assert _fits(page)
        page.select_option('select[name="status"]', "in_progress")
        page.fill('form[action$="/status"] textarea[name="message"]', "ช่างจะไปซ่อมวันพรุ่งนี้ค่ะ")
        page.click('form[action$="/status"] button[type="submit"]')
        page.wait_for_selector(".flash")
        assert "กำลังดำเนินการ" in page.locator("h1 .badge").inner_text()
        assert "ช่างจะไปซ่อมวันพรุ่งนี้ค่ะ" in page.locator(".history").inner_text()
        page.screenshot(path=str(shots / "case-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(shots / "case-desktop.png"), full_page=True)
        page.emulate_media(media="print")
        page.screenshot(path=str(shots / "case-print.png"), full_page=True)
    finally:
        context.close()
    assert errors == []
    worker.drain()
    [push] = fake_line.store.pushes()
    assert push["to"] == citizen.user_id and push["headers"].get("X-Line-Retry-Key")
    assert "ช่างจะไปซ่อมวันพรุ่งนี้ค่ะ" in text_of(push["messages"])
