"""In a real browser: an integrity handler logs in through the form, opens a report, reveals the
reporter with a reason, and finds that reveal on the audit page."""
from __future__ import annotations

import pytest

from tests.admin.access import audit_rows, make_report
from tests.admin.conftest import PASSWORD


@pytest.mark.browser
def test_integrity_reveals_a_reporter_and_the_audit_page_shows_it(browser, live_app, engine, staff):
    ticket = make_report(engine, accused="<b>ปลัดสมมติ</b>")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")  # a phone
    page = context.new_page()
    try:
        page.goto(live_app.base_url + "/admin/login")
        page.fill("input[name=username]", "integrity1")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

        page.goto(live_app.base_url + "/admin/corruption")
        page.click(f"text={ticket}")
        page.wait_for_url(f"**/admin/corruption/{ticket}")
        assert page.inner_text("#accused") == "<b>ปลัดสมมติ</b>"  # shown as text, not markup
        assert "0812345678" not in page.content()

        page.fill("input[name=reason]", "ต้องการสอบถามข้อเท็จจริงเพิ่มเติม")
        page.click("#reporter button[type=submit]")
        page.wait_for_selector(".adm-revealed")
        assert "0812345678" in page.inner_text("#reporter")
        assert "สมศรี ใจดี" in page.inner_text("#reporter")

        page.goto(live_app.base_url + "/admin/audit")
        rows = page.inner_text("table")
        assert "เปิดดูข้อมูลผู้แจ้ง" in rows and "ต้องการสอบถามข้อเท็จจริงเพิ่มเติม" in rows and ticket in rows
        assert "integrity1" in rows
    finally:
        context.close()
    assert [a.detail for a in audit_rows(engine, "reveal_reporter")] == ["ต้องการสอบถามข้อเท็จจริงเพิ่มเติม"]
