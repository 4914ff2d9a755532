"""An officer answers a citizen's inquiry in a real browser on a phone-sized screen: logs in through
the real form, sees the waiting count in the menu, opens the oldest inquiry, answers it, and the
answer reaches the citizen through the outbox and the (fake) LINE API."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from models.inquiry import InquiryStatus
from tests.admin.conftest import PASSWORD
from tests.admin.feedback_rows import LINE_USER, inquiry_of, make_faq, make_inquiry
from tests.citizen import text_of

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
def test_officer_answers_an_inquiry_from_a_phone(browser, live_app, engine, worker, fake_line, staff, tmp_path):
    faq = make_faq(engine, "ชำระภาษีป้ายที่ไหน", "ที่กองคลัง")
    oldest = make_inquiry(engine, "ต้องใช้เอกสารอะไรบ้างในการขอรับเบี้ยยังชีพผู้สูงอายุคะ <ด่วน>",
                          ago=timedelta(days=1, hours=2), faq_id=faq, score=0.41, helpful=False)
    make_inquiry(engine, "ขอเบอร์โทรกองช่าง", ago=timedelta(hours=1), line_user_id="U" + "c" * 32)
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    shots = Path(os.environ.get("CASE_SCREENSHOTS", tmp_path))  # to look at by eye
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(live_app.base_url + "/admin/inquiries")  # not logged in: sent to the form
        assert "/admin/login" in page.url
        page.fill('input[name="username"]', "officer1")
        page.fill('input[name="password"]', PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url("**/admin/inquiries")
        assert page.locator("h1").inner_text() == "เรื่องสอบถาม"
        page.click("label.navbutton")  # the phone menu
        assert page.locator('.nav a[href="/admin/inquiries"] .nav-count').inner_text() == "2"
        first_row = page.locator("tbody tr").first
        assert "เบี้ยยังชีพผู้สูงอายุ" in first_row.inner_text() and "1 วัน 2 ชม." in first_row.inner_text()
        assert _fits(page)
        page.screenshot(path=str(shots / "inquiries-phone.png"), full_page=True)
        first_row.locator("a").first.click()
        page.wait_for_url(f"**/admin/inquiries/{oldest}")
        assert "<ด่วน>" in page.locator(".fb-question").inner_text()  # shown as text, not markup
        assert "ไม่ช่วย" in page.locator("#helpful").inner_text() and "41%" in page.content()
        assert _fits(page)
        page.fill('textarea[name="answer"]', "ใช้สำเนาบัตรประชาชน ทะเบียนบ้าน และสมุดบัญชีธนาคารค่ะ")
        page.click('form[action$="/answer"] button[type="submit"]')
        page.wait_for_selector(".flash")
        assert "เจ้าหน้าที่ตอบแล้ว" in page.locator("h1 .adm-status").inner_text()
        assert "สมุดบัญชีธนาคาร" in page.locator(".fb-answer").inner_text()
        assert "อยู่ในคิวส่ง" in page.locator("#push-state").inner_text() or "ส่งถึงไลน์แล้ว" in page.locator("#push-state").inner_text()
        page.screenshot(path=str(shots / "inquiry-answered-phone.png"), full_page=True)
        page.emulate_media(media="print")
        page.screenshot(path=str(shots / "inquiry-print.png"), full_page=True)
    finally:
        context.close()
    assert errors == []
    row = inquiry_of(engine, oldest)
    assert row.status == InquiryStatus.ANSWERED and row.answered_by == staff["officer"] and row.answered_at
    worker.drain()
    [push] = fake_line.store.pushes()
    assert push["to"] == LINE_USER and push["headers"].get("X-Line-Retry-Key")
    text = text_of(push["messages"])
    assert "สมุดบัญชีธนาคาร" in text and "เบี้ยยังชีพผู้สูงอายุ" in text
