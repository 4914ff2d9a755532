"""FAQ editing: who may edit, samples marked until a person saves them, updated_at always moving on
(the chat matcher rebuilds its index on it), validation, escaping, CSRF and the audit log."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.db import session_scope
from models.inquiry import Faq
from tests.admin.feedback_rows import XSS, audit_rows, faq_of, make_faq, token_of

SAMPLE = "ตัวอย่าง — โปรดตรวจสอบ"


def fields(**changes: str) -> dict[str, str]:
    return {"topic": "ภาษี", "question": "ชำระภาษีป้ายได้ที่ไหน", "answer": "ที่กองคลัง ชั้น 1 ในวันและเวลาราชการ",
            "keywords": "ป้าย\nภาษีป้าย", "sort_order": "2", "active": "1", **changes}


@pytest.mark.parametrize("role,read,edit", [("admin", 200, 200), ("officer", 200, 200), ("executive", 200, 403),
                                            ("integrity", 403, 403)])
def test_who_may_read_and_edit(engine, as_role, role, read, edit):
    fid = make_faq(engine)
    client = as_role(role)
    assert client.get("/admin/faq").status_code == read
    assert client.get(f"/admin/faq/{fid}").status_code == edit
    assert client.get("/admin/faq/new").status_code == edit
    token = token_of(client, "/admin/")
    wanted = 302 if edit == 200 else 403
    assert client.post(f"/admin/faq/{fid}", data={**fields(), "csrf_token": token}).status_code == wanted
    assert client.post(f"/admin/faq/{fid}/active", data={"active": "0", "csrf_token": token}).status_code == wanted
    assert client.post("/admin/faq", data={**fields(question="ใหม่"), "csrf_token": token}).status_code == wanted
    if role == "executive":
        page = client.get("/admin/faq").get_data(as_text=True)
        assert "ที่กองคลัง ชั้น 1" in page and f"/admin/faq/{fid}/active" not in page and "/admin/faq/new" not in page
        assert faq_of(engine, fid).sample is True


def test_logged_out_is_sent_to_login(client, engine):
    fid = make_faq(engine)
    for url in ("/admin/faq", "/admin/faq/new", f"/admin/faq/{fid}"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"], url


def test_listed_by_topic_with_samples_marked(engine, as_role):
    make_faq(engine, "ขอใบอนุญาตก่อสร้าง", "ติดต่อกองช่าง", topic="ก่อสร้างทดสอบ", sample=False)
    make_faq(engine, "ภาษีที่ดินจ่ายเมื่อไร", "ภายในเดือนเมษายน", topic="ภาษีทดสอบ")
    make_faq(engine, "ปิดใช้แล้ว", "ไม่ใช้", topic="ภาษีทดสอบ", active=False, sample=False)
    page = as_role("officer").get("/admin/faq").get_data(as_text=True)
    build, tax = page.index("ขอใบอนุญาตก่อสร้าง"), page.index("ภาษีที่ดินจ่ายเมื่อไร")
    assert page.index("<h2>ก่อสร้างทดสอบ") < build < page.index("<h2>ภาษีทดสอบ") < tax
    sample_article = page[page.rindex("<article", 0, tax):page.index("</article>", tax)]
    assert SAMPLE in sample_article
    build_article = page[page.rindex("<article", 0, build):page.index("</article>", build)]
    assert SAMPLE not in build_article
    assert "ปิดใช้" in page[page.index("ปิดใช้แล้ว") - 300:page.index("ปิดใช้แล้ว") + 200]


def test_saving_a_sample_makes_it_reviewed_and_bumps_updated_at(engine, as_role, staff):
    fid = make_faq(engine)
    before = faq_of(engine, fid).updated_at
    officer = as_role("officer")
    resp = officer.post(f"/admin/faq/{fid}", data={**fields(), "csrf_token": token_of(officer, f"/admin/faq/{fid}")})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/admin/faq#faq-{fid}")
    row = faq_of(engine, fid)
    assert row.sample is False and row.updated_by == staff["officer"] and row.updated_at > before
    assert (row.topic, row.question, row.keywords, row.sort_order) == ("ภาษี", "ชำระภาษีป้ายได้ที่ไหน", "ป้าย\nภาษีป้าย", 2)
    assert ("update_faq", "officer1", str(fid)) in audit_rows(engine, "faq")
    page = officer.get("/admin/faq").get_data(as_text=True)
    article = page.split(f'id="faq-{fid}"')[1].split("</article>")[0]
    assert "บันทึกคำถามที่พบบ่อยแล้ว" in page and SAMPLE not in article and "ชำระภาษีป้ายได้ที่ไหน" in article


def test_switching_off_bumps_updated_at_but_a_sample_stays_a_sample(engine, as_role):
    fid = make_faq(engine)
    before = faq_of(engine, fid).updated_at
    admin = as_role("admin")
    admin.post(f"/admin/faq/{fid}/active", data={"active": "0", "csrf_token": token_of(admin, "/admin/faq")})
    row = faq_of(engine, fid)
    assert row.active is False and row.sample is True and row.updated_at > before
    admin.post(f"/admin/faq/{fid}/active", data={"active": "1", "csrf_token": token_of(admin, "/admin/faq")})
    assert faq_of(engine, fid).active is True
    assert [a for a, _, _ in audit_rows(engine, "faq")] == ["deactivate_faq", "reactivate_faq"]


def test_create(engine, as_role, staff):
    admin = as_role("admin")
    with session_scope(engine) as s:
        count = s.exec(select(func.count()).select_from(Faq)).scalar_one()
    resp = admin.post("/admin/faq", data={**fields(question="สมัครเบี้ยผู้สูงอายุทำอย่างไร"),
                                          "csrf_token": token_of(admin, "/admin/faq/new")})
    assert resp.status_code == 302
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(Faq)).scalar_one() == count + 1
        row = s.exec(select(Faq).where(Faq.question == "สมัครเบี้ยผู้สูงอายุทำอย่างไร")).scalars().one()
    assert row.sample is False and row.active is True and row.updated_by == staff["admin"]
    assert ("add_faq", "admin1", str(row.id)) in audit_rows(engine, "faq")


def test_bad_input_is_refused_in_thai_and_keeps_what_was_typed(engine, as_role):
    fid = make_faq(engine)
    admin = as_role("admin")
    token = token_of(admin, f"/admin/faq/{fid}")
    resp = admin.post(f"/admin/faq/{fid}", data={**fields(answer="  ", question="คำถามที่พิมพ์ไว้"), "csrf_token": token})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "โปรดพิมพ์คำตอบ" in page and "คำถามที่พิมพ์ไว้" in page
    resp = admin.post("/admin/faq", data={**fields(question=""), "csrf_token": token})
    assert resp.status_code == 400 and "โปรดพิมพ์คำถาม" in resp.get_data(as_text=True)
    assert faq_of(engine, fid).sample is True  # nothing saved


def test_text_is_escaped(engine, as_role):
    fid = make_faq(engine, f"คำถาม {XSS}", f"คำตอบ {XSS}", topic=f"หัวข้อ {XSS}")
    admin = as_role("admin")
    for url in ("/admin/faq", f"/admin/faq/{fid}"):
        page = admin.get(url).get_data(as_text=True)
        assert XSS not in page and "&lt;script&gt;" in page


def test_csrf_is_required(engine, as_role):
    fid = make_faq(engine)
    admin = as_role("admin")
    assert admin.post(f"/admin/faq/{fid}", data=fields()).status_code == 400
    assert admin.post(f"/admin/faq/{fid}/active", data={"active": "0"}).status_code == 400
    assert admin.post("/admin/faq", data=fields()).status_code == 400
    row = faq_of(engine, fid)
    assert row.sample is True and row.active is True


def test_samples_to_review_can_be_listed_alone(engine, as_role):
    make_faq(engine, "ตัวอย่างที่ต้องตรวจ", "ตอบ", topic="หัวข้อเอ")
    make_faq(engine, "ตรวจแล้ว", "ตอบ", topic="หัวข้อบี", sample=False)
    client = as_role("executive")
    page = client.get("/admin/faq?show=samples").get_data(as_text=True)
    assert "ตัวอย่างที่ต้องตรวจ" in page and "หัวข้อบี" not in page
    assert 'href="#topic-1"' in client.get("/admin/faq").get_data(as_text=True)
