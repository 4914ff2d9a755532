"""The case page: escaped text, contact and the PDPA audit, location, history, and photos served
only to staff who may see the case (never corruption evidence)."""
from __future__ import annotations

from sqlalchemy import select

from messages_th.dates import thai_date_short
from models.audit import AuditLog
from models.complaint import Case
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.enums import CaseStatus
from models.lifecycle import Actor, record
from tests.admin.cases import make_case
from tests.admin.pages import audit_actions
from tests.citizen import Citizen, file_street_light_complaint
from tests.media_files import JPEG, stored_photo

XSS = "<script>alert('x')</script>"


def case_id(engine, ticket: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(Case.id).where(Case.ticket == ticket)).scalars().one()


def test_citizen_text_and_location_are_escaped(engine, as_role):
    ticket = make_case(engine, f"ถนนพัง {XSS} & <b>ด่วน</b>", location_title=f"หน้าบ้าน {XSS}",
                       landmark="<img src=x onerror=alert(1)>", latitude=16.5757, longitude=103.4955)
    html = as_role("admin").get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert "<script>alert" not in html and "<b>ด่วน" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "หน้าบ้าน &lt;script&gt;" in html and "&lt;b&gt;ด่วน&lt;/b&gt;" in html
    assert 'href="https://www.google.com/maps?q=16.575700,103.495500"' in html
    # The queue's summary is escaped too.
    queue = as_role("admin").get("/admin/cases").get_data(as_text=True)
    assert "<script>alert" not in queue and "&lt;script&gt;" in queue


def test_anonymous_contact_and_no_audit_without_personal_data(engine, as_role):
    ticket = make_case(engine, "ไฟดับ", contact_mode="anonymous", reporter_line_id="U" + "a" * 32)
    html = as_role("admin").get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert "ไม่ประสงค์ออกนาม" in html and "U" + "a" * 32 not in html  # the LINE id is never shown
    assert audit_actions(engine) == []


def test_personal_data_is_shown_and_its_viewing_logged(engine, as_role):
    ticket = make_case(engine, "น้ำไม่ไหล", category="น้ำประปา", contact_mode="given",
                       reporter_name="สมศรี <i>มีสุข</i>", reporter_phone="0812345678")
    executive = as_role("executive")
    html = executive.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert "สมศรี &lt;i&gt;มีสุข&lt;/i&gt;" in html and "0812345678" in html
    assert "ไม่ประสงค์ออกนาม" not in html
    assert audit_actions(engine) == [("view_personal", "exec1", ticket)]
    executive.get(f"/admin/cases/{ticket}")  # a reload soon after is the same viewing
    assert audit_actions(engine) == [("view_personal", "exec1", ticket)]
    as_role("admin").get(f"/admin/cases/{ticket}")  # another person is logged
    assert len(audit_actions(engine)) == 2
    from datetime import timedelta

    from sqlalchemy import update

    from models.db import session_scope, utcnow

    with session_scope(engine) as s:  # half an hour later it is a new viewing
        s.exec(update(AuditLog).values(at=utcnow() - timedelta(minutes=31)))
    executive.get(f"/admin/cases/{ticket}")
    assert len(audit_actions(engine)) == 3


def test_history_in_time_order_with_who_and_thai_dates(engine, as_role, staff):
    ticket = make_case(engine, "ต้นไม้ล้มขวางถนน", category="ต้นไม้")
    cid, officer = case_id(engine, ticket), Actor("officer1", staff["officer"])
    with session_scope(engine) as s:
        case = s.get(Case, cid)
        record(case, officer, session=s, from_status=CaseStatus.RECEIVED, to_status=CaseStatus.IN_PROGRESS,
               message="กำลังส่งทีมไปตัด")
        record(case, officer, session=s, kind="note", note="รอรถกระเช้า <ภายใน>")
    html = as_role("admin").get(f"/admin/cases/{ticket}").get_data(as_text=True)
    history = html.split("ประวัติการดำเนินการ")[1]
    assert history.index("รับเรื่อง") < history.index("กำลังส่งทีมไปตัด") < history.index("รอรถกระเช้า")
    assert "officer1" in history and "ผู้แจ้ง" in history
    assert "รอรถกระเช้า &lt;ภายใน&gt;" in history and "ภายใน ไม่แจ้งผู้ร้อง" in history
    assert thai_date_short(utcnow()) in history  # "23 พ.ย. 68": short Buddhist-era dates


def test_officer_of_another_division_gets_404_and_executive_reads_only(engine, as_role):
    health = make_case(engine, "ขยะล้น", category="ขยะ/ความสะอาด")
    works = make_case(engine, "ถนนพัง")
    officer = as_role("officer")
    assert officer.get(f"/admin/cases/{health}").status_code == 404
    assert officer.get("/admin/cases/NMK0000-9999").status_code == 404  # the same answer as "no such case"
    assert officer.get(f"/admin/cases/{works}").status_code == 200
    exec_page = as_role("executive").get(f"/admin/cases/{health}").get_data(as_text=True)
    assert "ดูได้อย่างเดียว" in exec_page and "/status" not in exec_page


def test_photos_only_for_staff_who_may_see_the_case(engine, as_role, settings):
    works = make_case(engine, "ถนนพัง")
    health = make_case(engine, "ขยะล้น", category="ขยะ/ความสะอาด")
    works_photo = stored_photo(engine, settings, case=case_id(engine, works))
    health_photo = stored_photo(engine, settings, case=case_id(engine, health))
    officer, admin = as_role("officer"), as_role("admin")
    resp = officer.get(f"/admin/media/{works_photo}")
    assert resp.status_code == 200 and resp.data == JPEG and resp.mimetype == "image/jpeg"
    assert "no-store" in resp.headers["Cache-Control"] and resp.headers["X-Content-Type-Options"] == "nosniff"
    assert f"/admin/media/{works_photo}" in officer.get(f"/admin/cases/{works}").get_data(as_text=True)
    assert officer.get(f"/admin/media/{health_photo}").status_code == 404  # another division's case
    assert admin.get(f"/admin/media/{health_photo}").status_code == 200
    for guess in (0, health_photo + 1, health_photo + 1000, 2**31):  # guessed ids
        assert admin.get(f"/admin/media/{guess}").status_code == 404
    assert as_role("integrity").get(f"/admin/media/{works_photo}").status_code == 403


def test_corruption_evidence_is_never_served_here(engine, as_role, settings):
    with session_scope(engine) as s:
        report = CorruptionReport(ticket="NMKC6811-0001", accused="นาย ก", description="เรียกรับเงิน")
        s.add(report)
        s.flush()
        report_id = report.id
    evidence = stored_photo(engine, settings, purpose="corruption", report=report_id, folder="confidential")
    ticket = make_case(engine, "ถนนพัง")
    # Even a row that claims to be a complaint photo is refused if its file is in the confidential folder.
    misfiled = stored_photo(engine, settings, case=case_id(engine, ticket), folder="confidential/x")
    admin = as_role("admin")
    assert admin.get(f"/admin/media/{evidence}").status_code == 404
    assert admin.get(f"/admin/media/{misfiled}").status_code == 404


def test_citizen_filed_case_shows_photo_map_and_anonymity(client, worker, fake_line, engine, as_role):
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    admin = as_role("admin")
    html = admin.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert "ไฟถนนหน้าบ้านดับ" in html and "ไม่ประสงค์ออกนาม" in html
    assert "https://www.google.com/maps?q=16.575700,103.495500" in html
    photo = html.split('src="/admin/media/')[1].split('"')[0]
    assert admin.get(f"/admin/media/{photo}").data[:3] == b"\xff\xd8\xff"
    assert ticket in admin.get("/admin/cases").get_data(as_text=True)
    assert as_role("officer").get(f"/admin/cases/{ticket}").status_code == 200  # street lights: กองช่าง
