"""End to end: a citizen files a corruption report in LINE, an integrity handler answers it in the
admin view, and the news reaches the citizen's chat as a push they can follow up from."""
from __future__ import annotations

from models.corruption import report_by_ticket
from models.db import session_scope
from tests.admin.access import audit_rows, token
from tests.citizen import CORRUPTION_TICKET, Citizen, text_of
from tests.media_files import JPEG


def file_report(c: Citizen) -> str:
    """The same steps as tests/test_e2e_complaint.py, giving a name and phone this time."""
    c.follow()
    c.tap("ทุจริต")  # the menu entry, whatever its exact wording
    c.say("เจ้าหน้าที่กองคลัง <script>alert(1)</script>")
    c.say("เรียกรับเงินค่าธรรมเนียมโดยไม่ออกใบเสร็จ")
    if "ข้าม" in c.labels() and "หลักฐาน" not in text_of(c.all_messages()[-1:]):
        c.tap("ข้าม")  # "anything to add?": no
    c.photo(JPEG)
    c.tap("เสร็จแล้ว")
    c.tap("ให้ชื่อ")
    c.say("มานี มีนา 0891234567")
    done = text_of(c.tap("ยืนยัน"))
    found = CORRUPTION_TICKET.search(done)
    assert found, done
    return found.group(0)


def test_report_from_line_to_handler_and_back(client, worker, fake_line, engine, as_role):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_report(citizen)
    with session_scope(engine) as s:
        report = report_by_ticket(ticket, session=s)
    assert report.contact_mode == "given" and report.reporter_phone == "0891234567"

    handler = as_role("integrity")
    html = handler.get(f"/admin/corruption/{ticket}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "0891234567" not in html and citizen.user_id not in html
    assert 'src="/admin/corruption/evidence/' in html  # the photo the worker fetched

    handler.post(f"/admin/corruption/{ticket}/reveal", data={"reason": "นัดให้ถ้อยคำ", "csrf_token": token(handler)})
    revealed = handler.get(f"/admin/corruption/{ticket}").get_data(as_text=True)
    assert "0891234567" in revealed and "มานี" in revealed
    assert [a.detail for a in audit_rows(engine, "reveal_reporter")] == ["นัดให้ถ้อยคำ"]

    citizen.new_messages()
    pushes_before = len(fake_line.store.pushes())
    handler.post(f"/admin/corruption/{ticket}/status",
                 data={"status": "in_progress", "message": "รับไว้ตรวจสอบแล้วค่ะ", "csrf_token": token(handler)})
    worker.drain()
    assert len(fake_line.store.pushes()) == pushes_before + 1
    news = text_of(citizen.new_messages())
    assert ticket in news and "กำลังดำเนินการ" in news and "รับไว้ตรวจสอบแล้วค่ะ" in news
    # Its button shows the report's status to its own reporter.
    status = text_of(citizen.tap("ดูสถานะเรื่องนี้"))
    assert ticket in status and "กำลังดำเนินการ" in status
