"""Inquiries in the admin view: the waiting list, the inquiry page, answers that reach the citizen in
LINE, closing without an answer; roles, CSRF and escaping."""
from __future__ import annotations

import html
import json
from datetime import timedelta

import pytest

from messages_th.admin_feedback import waited
from messages_th.dates import thai_date
from models.inquiry import InquiryStatus
from tests.admin.feedback_rows import (
    LINE_USER,
    XSS,
    audit_rows,
    inquiry_of,
    make_faq,
    make_inquiry,
    pushes_of,
    token_of,
)
from tests.citizen import text_of


def answer(client, inquiry_id: int, text: str, **extra):
    token = token_of(client, f"/admin/inquiries/{inquiry_id}")
    return client.post(f"/admin/inquiries/{inquiry_id}/answer", data={"answer": text, "csrf_token": token, **extra})


@pytest.mark.parametrize("role,list_code,act_code", [
    ("admin", 200, 302), ("officer", 200, 302), ("executive", 200, 403), ("integrity", 403, 403)])
def test_who_may_read_and_answer(engine, as_role, role, list_code, act_code):
    iid = make_inquiry(engine)
    client = as_role(role)
    assert client.get("/admin/inquiries").status_code == list_code
    assert client.get(f"/admin/inquiries/{iid}").status_code == list_code
    token = token_of(client, "/admin/")
    assert client.post(f"/admin/inquiries/{iid}/answer", data={"answer": "ตอบ", "csrf_token": token}).status_code == act_code
    assert client.post(f"/admin/inquiries/{iid}/close", data={"note": "ซ้ำ", "csrf_token": token}).status_code in (
        (302,) if act_code == 302 else (403,))
    page = client.get(f"/admin/inquiries/{iid}").get_data(as_text=True)
    if role == "executive":
        assert "บัญชีของท่านดูได้อย่างเดียว" in page and 'name="answer"' not in page
        assert inquiry_of(engine, iid).status == InquiryStatus.PENDING


def test_logged_out_is_sent_to_login(client, engine):
    iid = make_inquiry(engine)
    for url in ("/admin/inquiries", f"/admin/inquiries/{iid}"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]
    token = token_of(client, "/admin/login")
    resp = client.post(f"/admin/inquiries/{iid}/answer", data={"answer": "x", "csrf_token": token})
    assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]
    assert inquiry_of(engine, iid).status == InquiryStatus.PENDING


def test_waiting_first_oldest_first_with_the_wait_shown(engine, as_role):
    newer = make_inquiry(engine, "คำถามใหม่", ago=timedelta(minutes=30))
    older = make_inquiry(engine, "คำถามเก่า", ago=timedelta(days=2, hours=3))
    done = make_inquiry(engine, "เรื่องที่ตอบไปแล้ว", status=InquiryStatus.ANSWERED, ago=timedelta(minutes=5), answer="ok")
    page = as_role("officer").get("/admin/inquiries").get_data(as_text=True).split("<tbody>")[1]
    assert page.index("คำถามเก่า") < page.index("คำถามใหม่") < page.index("เรื่องที่ตอบไปแล้ว")
    assert "2 วัน 3 ชม." in page and "30 นาที" in page
    assert f"/admin/inquiries/{done}" in page and f"/admin/inquiries/{older}" in page and newer


def test_filters(engine, as_role):
    faq = make_faq(engine)
    make_inquiry(engine, "รอคำตอบ")
    make_inquiry(engine, "ตอบโดยเจ้าหน้าที่", status=InquiryStatus.ANSWERED, answer="x")
    make_inquiry(engine, "ตอบจากคลังคำถาม", status=InquiryStatus.FAQ, faq_id=faq, score=0.9, helpful=True)
    make_inquiry(engine, "ไม่ช่วยเลย", status=InquiryStatus.PENDING, faq_id=faq, score=0.6, helpful=False)
    make_inquiry(engine, "สแปม", status=InquiryStatus.CLOSED, answer="ซ้ำ")
    client = as_role("admin")
    expect = {"pending": {"รอคำตอบ", "ไม่ช่วยเลย"}, "answered": {"ตอบโดยเจ้าหน้าที่"}, "faq": {"ตอบจากคลังคำถาม"},
              "unhelpful": {"ไม่ช่วยเลย"}, "closed": {"สแปม"}}
    everything = set().union(*expect.values())
    for show, wanted in expect.items():
        body = client.get(f"/admin/inquiries?show={show}").get_data(as_text=True).split("<tbody>")[1]
        assert {q for q in everything if q in body} == wanted, show
    chips = client.get("/admin/inquiries").get_data(as_text=True)
    assert "รอตอบ (2)" in chips and "ประชาชนแจ้งว่าไม่ช่วย (1)" in chips and "ทั้งหมด (5)" in chips


def test_the_page_shows_the_faq_offered_its_score_and_that_it_did_not_help(engine, as_role):
    faq = make_faq(engine, "ต่อใบอนุญาตขายของได้ที่ไหน", "ติดต่อกองสาธารณสุข")
    iid = make_inquiry(engine, "ขอต่อใบอนุญาตจำหน่ายอาหาร", faq_id=faq, score=0.62, helpful=False)
    page = as_role("executive").get(f"/admin/inquiries/{iid}").get_data(as_text=True)
    assert "ต่อใบอนุญาตขายของได้ที่ไหน" in page and "ติดต่อกองสาธารณสุข" in page
    assert "ความใกล้เคียง 62%" in page and "ประชาชนแจ้งว่าคำตอบนี้ไม่ช่วย" in page
    assert thai_date(inquiry_of(engine, iid).asked_at) in page  # when it was asked, in the Buddhist era


def test_citizen_text_is_escaped(engine, as_role):
    iid = make_inquiry(engine, f"ถามหน่อย {XSS} <b>ด่วน</b>")
    client = as_role("admin")
    for url in ("/admin/inquiries", f"/admin/inquiries/{iid}"):
        page = client.get(url).get_data(as_text=True)
        assert XSS not in page and "<b>ด่วน</b>" not in page
        assert "&lt;script&gt;" in page


def test_an_answer_is_saved_logged_and_pushed_to_the_citizen(engine, as_role, worker, fake_line, staff):
    question = "ขอทราบเวลาเปิดทำการของกองคลังในวันเสาร์ และต้องเตรียมเอกสารอะไรบ้างสำหรับชำระภาษีป้าย"
    iid = make_inquiry(engine, question)
    other = make_inquiry(engine, "อีกเรื่อง", line_user_id="U" + "b" * 32)
    officer = as_role("officer")
    resp = answer(officer, iid, "กองคลังเปิดวันเสาร์ 08.30–12.00 น. ค่ะ <นำบัตรประชาชนมาด้วย>")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/admin/inquiries/{iid}")
    page = officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert "บันทึกคำตอบแล้ว" in page and "ส่งข้อความถึงประชาชนทางไลน์แล้ว" in page
    assert "&lt;นำบัตรประชาชนมาด้วย&gt;" in page and "อยู่ในคิวส่ง" in page
    row = inquiry_of(engine, iid)
    assert row.status == InquiryStatus.ANSWERED and row.answered_by == staff["officer"]
    assert row.answered_at is not None and row.answer.startswith("กองคลังเปิดวันเสาร์")
    assert inquiry_of(engine, other).status == InquiryStatus.PENDING
    [queued] = pushes_of(engine, "inquiry")
    assert queued.to == LINE_USER and queued.kind == "push" and queued.ticket == f"inquiry:{iid}"
    assert "กองคลังเปิดวันเสาร์" in json.loads(queued.messages)[0]["text"]
    assert ("answer_inquiry", "officer1", str(iid)) in audit_rows(engine, "inquiry")
    worker.drain()
    [push] = fake_line.store.pushes()
    assert push["to"] == LINE_USER and push["headers"].get("X-Line-Retry-Key") == queued.retry_key
    text = text_of(push["messages"])
    assert "กองคลังเปิดวันเสาร์ 08.30–12.00 น. ค่ะ <นำบัตรประชาชนมาด้วย>" in text
    assert "ขอทราบเวลาเปิดทำการของกองคลัง" in text and question not in text  # quoted briefly
    assert "เทศบาลตำบลนามะเขือ" in text
    assert "ส่งถึงไลน์แล้วเมื่อ" in officer.get(f"/admin/inquiries/{iid}").get_data(as_text=True)


def test_a_second_answer_is_refused_and_nothing_more_is_sent(engine, as_role):
    iid = make_inquiry(engine)
    admin, officer = as_role("admin"), as_role("officer")
    token = token_of(officer, f"/admin/inquiries/{iid}")  # the officer opened the page first
    assert answer(admin, iid, "คำตอบแรก").status_code == 302
    resp = officer.post(f"/admin/inquiries/{iid}/answer", data={"answer": "คำตอบซ้ำ", "csrf_token": token})
    assert "มีผู้ตอบหรือปิดไปก่อนแล้ว" in officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert inquiry_of(engine, iid).answer == "คำตอบแรก" and len(pushes_of(engine, "inquiry")) == 1


def test_empty_or_too_long_answers_are_refused(engine, as_role):
    iid = make_inquiry(engine)
    admin = as_role("admin")
    for text in ("   ", "ก" * 2001):
        resp = answer(admin, iid, text)
        assert "โปรดพิมพ์คำตอบ" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    assert inquiry_of(engine, iid).status == InquiryStatus.PENDING and pushes_of(engine, "inquiry") == []


def test_csrf_is_required(engine, as_role):
    iid = make_inquiry(engine)
    admin = as_role("admin")
    assert admin.post(f"/admin/inquiries/{iid}/answer", data={"answer": "x"}).status_code == 400
    assert admin.post(f"/admin/inquiries/{iid}/close", data={"note": "x"}).status_code == 400
    assert inquiry_of(engine, iid).status == InquiryStatus.PENDING and pushes_of(engine, "inquiry") == []


def test_no_line_account_means_an_answer_is_recorded_but_not_pushed(engine, as_role):
    iid = make_inquiry(engine, line_user_id=None)
    admin = as_role("admin")
    assert "ไม่มีบัญชีไลน์ของผู้ส่ง" in admin.get(f"/admin/inquiries/{iid}").get_data(as_text=True)
    answer(admin, iid, "ตอบไว้ในระบบ")
    assert inquiry_of(engine, iid).status == InquiryStatus.ANSWERED and pushes_of(engine, "inquiry") == []


def test_close_without_answer_needs_a_note_and_sends_nothing(engine, as_role, staff):
    iid = make_inquiry(engine, "สวัสดี")
    officer = as_role("officer")
    token = token_of(officer, f"/admin/inquiries/{iid}")
    resp = officer.post(f"/admin/inquiries/{iid}/close", data={"note": " ", "csrf_token": token})
    assert "โปรดระบุเหตุผลที่ปิด" in officer.get(resp.headers["Location"]).get_data(as_text=True)
    officer.post(f"/admin/inquiries/{iid}/close", data={"note": "ทักทาย ไม่ใช่คำถาม", "csrf_token": token})
    row = inquiry_of(engine, iid)
    assert row.status == InquiryStatus.CLOSED and row.answered_by == staff["officer"] and row.answered_at is None
    assert pushes_of(engine, "inquiry") == []
    assert ("close_inquiry", "officer1", str(iid)) in audit_rows(engine, "inquiry")
    page = officer.get(f"/admin/inquiries/{iid}").get_data(as_text=True)
    assert "ทักทาย ไม่ใช่คำถาม" in page and 'name="answer"' not in page


def test_answer_then_add_as_faq_opens_a_prefilled_form(engine, as_role):
    iid = make_inquiry(engine, "จ่ายค่าขยะออนไลน์ได้ไหม <ด่วน>")
    admin = as_role("admin")
    resp = answer(admin, iid, "ได้ค่ะ ผ่านแอปธนาคาร", add_faq="1")
    assert resp.status_code == 302 and f"/admin/faq/new?inquiry={iid}" in resp.headers["Location"]
    form = admin.get(resp.headers["Location"]).get_data(as_text=True)
    assert "จ่ายค่าขยะออนไลน์ได้ไหม &lt;ด่วน&gt;</textarea>" in form and "ได้ค่ะ ผ่านแอปธนาคาร</textarea>" in form
    assert f'name="inquiry" value="{iid}"' in form


def test_the_menu_counts_the_inquiries_waiting(engine, as_role):
    for _ in range(3):
        make_inquiry(engine)
    make_inquiry(engine, status=InquiryStatus.ANSWERED)
    page = as_role("officer").get("/admin/cases").get_data(as_text=True)
    nav = page.split('<nav class="nav">')[1].split("</nav>")[0]
    assert 'href="/admin/inquiries">เรื่องสอบถาม <span class="nav-count"' in nav
    assert html.unescape(nav.split('class="nav-count"')[1]).split(">")[1].startswith("3<")


def test_waited_text() -> None:
    assert waited(timedelta(minutes=5)) == "5 นาที"
    assert waited(timedelta(hours=4, minutes=10)) == "4 ชม. 10 นาที"
    assert waited(timedelta(days=2, hours=3, minutes=59)) == "2 วัน 3 ชม."
    assert waited(timedelta(seconds=-30)) == "0 นาที"
