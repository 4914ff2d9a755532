"""Choosing a saved reply on the case page, in a real browser: the message box fills and stays editable;
a message typed by hand is never replaced."""
from __future__ import annotations

import pytest

from models.db import session_scope
from models.reply_template import ReplyTemplate
from tests.admin.conftest import PASSWORD
from tests.citizen import Citizen, file_street_light_complaint


@pytest.mark.browser
def test_choosing_a_saved_reply_fills_the_message(browser, live_app, client, worker, fake_line, engine, staff):
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    with session_scope(engine) as s:
        s.add(ReplyTemplate(title="รับเรื่องแล้ว", body="ช่างจะเข้าไปตรวจภายใน 3 วันค่ะ"))
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH").new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live_app.base_url + "/admin/login")
    page.fill('input[name="username"]', "officer1")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.goto(f"{live_app.base_url}/admin/cases/{ticket}")
    page.select_option("select.reply-template", label="รับเรื่องแล้ว")
    assert page.input_value("textarea#message") == "ช่างจะเข้าไปตรวจภายใน 3 วันค่ะ"
    page.fill("textarea#message", "พิมพ์เอง")
    page.select_option("select.reply-template", index=0)
    assert page.input_value("textarea#message") == "พิมพ์เอง"
    assert errors == []
