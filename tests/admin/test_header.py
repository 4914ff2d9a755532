"""The header says who is logged in, and names each role once (the demo's "ผู้ดูแลระบบ (ตัวอย่าง)"
was followed by "(ผู้ดูแลระบบ)" again)."""
from __future__ import annotations

from sqlalchemy import update

from messages_th.admin import who_label
from models.db import session_scope
from models.staff import Staff


def test_who_label() -> None:
    assert who_label("ผู้ดูแลระบบ (ตัวอย่าง)", "demo.admin", frozenset({"admin"})) == "ผู้ดูแลระบบ (ตัวอย่าง)"
    assert who_label("สมชาย ใจดี", "somchai", frozenset({"officer"})) == "สมชาย ใจดี (เจ้าหน้าที่ประจำกอง)"
    assert who_label("", "boss", frozenset({"integrity", "admin"})) == "boss (ผู้ดูแลระบบ, ผู้รับผิดชอบเรื่องทุจริต)"
    assert who_label("ผู้บริหาร", "exec", frozenset({"executive", "admin"})) == "ผู้บริหาร (ผู้ดูแลระบบ)"


def test_the_header_names_the_role_once(engine, as_role) -> None:
    client = as_role("admin")
    with session_scope(engine) as s:
        s.exec(update(Staff).where(Staff.username == "admin1").values(display_name="ผู้ดูแลระบบ (ตัวอย่าง)"))
    page = client.get("/admin/").get_data(as_text=True)
    who = page.split('<a class="who"')[1].split(">", 1)[1].split("</a>")[0]  # the name opens "my account"
    assert who.strip() == "ผู้ดูแลระบบ (ตัวอย่าง)"
