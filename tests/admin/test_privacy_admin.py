"""/admin/privacy: admins only, CSRF on every decision, a logged view of LINE names, and never a hint
of who reported corruption."""
from __future__ import annotations

from sqlalchemy import select

from models.audit import AuditLog
from models.conversation import Follower
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.privacy import ANON_PREFIX, DeletionRequest, DeletionStatus
from tests.admin.conftest import csrf_from

LINE_ID = "U" + "5" * 32


def _request(engine) -> int:
    now = utcnow()
    with session_scope(engine) as s:
        s.add(Follower(user_id=LINE_ID, display_name="คุณผู้ขอ"))
        s.add(CorruptionReport(ticket="NMKC6901-0001", description="เรียกรับเงิน", reporter_line_id=LINE_ID,
                               contact_mode="given", reporter_name="ผู้แจ้งลับ", created_at=now, updated_at=now))
        row = DeletionRequest(line_user_id=LINE_ID)
        s.add(row)
        s.flush()
        return row.id


def test_only_admins_see_and_decide(as_role, engine) -> None:
    request_id = _request(engine)
    for role in ("officer", "executive", "integrity"):
        client = as_role(role)
        assert client.get("/admin/privacy").status_code == 403
        token = csrf_from(client.get("/admin/").get_data(as_text=True))
        resp = client.post("/admin/privacy", data={"csrf_token": token, "request_id": request_id,
                                                   "decision": "confirm"})
        assert resp.status_code == 403
    with session_scope(engine) as s:
        assert s.get(DeletionRequest, request_id).status == DeletionStatus.PENDING
    admin = as_role("admin")
    page = admin.get("/admin/privacy")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "คุณผู้ขอ" in html and "คำขอลบข้อมูลส่วนบุคคล" in html
    # An admin is not an integrity handler: nothing says this person reported corruption.
    assert "NMKC" not in html and "ทุจริต" not in html and "ผู้แจ้งลับ" not in html
    assert "คำขอลบข้อมูล" in admin.get("/admin/").get_data(as_text=True)  # the menu link


def test_logged_out_goes_to_login(client) -> None:
    resp = client.get("/admin/privacy")
    assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]


def test_decisions_need_the_csrf_token(as_role, engine) -> None:
    request_id = _request(engine)
    admin = as_role("admin")
    resp = admin.post("/admin/privacy", data={"request_id": request_id, "decision": "confirm"})
    assert resp.status_code == 400
    with session_scope(engine) as s:
        assert s.get(DeletionRequest, request_id).status == DeletionStatus.PENDING
        assert s.execute(select(CorruptionReport.reporter_name)).scalar_one() == "ผู้แจ้งลับ"


def test_bad_forms_are_refused(as_role, engine) -> None:
    request_id = _request(engine)
    admin = as_role("admin")
    token = csrf_from(admin.get("/admin/privacy").get_data(as_text=True))
    for data in ({}, {"request_id": "x", "decision": "confirm"}, {"request_id": request_id, "decision": "drop"}):
        assert admin.post("/admin/privacy", data={"csrf_token": token, **data}).status_code == 400
    resp = admin.post("/admin/privacy", data={"csrf_token": token, "request_id": 999, "decision": "confirm"})
    assert resp.status_code == 302
    assert "ดำเนินการไปแล้ว" in admin.get("/admin/privacy").get_data(as_text=True)


def test_confirm_erases_the_corruption_reporter_and_audits_without_naming_it(as_role, engine) -> None:
    request_id = _request(engine)
    admin = as_role("admin")
    token = csrf_from(admin.get("/admin/privacy").get_data(as_text=True))
    resp = admin.post("/admin/privacy", data={"csrf_token": token, "request_id": request_id, "decision": "confirm"})
    assert resp.status_code == 302
    with session_scope(engine) as s:
        report = s.execute(select(CorruptionReport)).scalars().one()
        assert report.reporter_line_id.startswith(ANON_PREFIX) and report.reporter_name == ""
        actions = {a.action: a for a in s.execute(select(AuditLog)).scalars()}
        assert "view_privacy" in actions and actions["privacy_erase"].target_id == str(request_id)
        assert "corruption" not in actions["privacy_erase"].detail
    audit_page = admin.get("/admin/audit").get_data(as_text=True)
    assert "ลบข้อมูลส่วนบุคคลตามคำขอ" in audit_page and "เปิดดูคำขอลบข้อมูลส่วนบุคคล" in audit_page
    assert "เรื่องร้องเรียน 0 · เรื่องสอบถาม 0" in audit_page and "complaints=" not in audit_page  # Thai


def test_the_page_shows_the_retention_and_the_last_purge_in_thai(app, as_role) -> None:
    admin = as_role("admin")
    page = admin.get("/admin/privacy").get_data(as_text=True)
    assert "2 ปี" in page and "ยังไม่เคยสั่งลบข้อมูลที่ครบกำหนด" in page
    assert app.test_cli_runner().invoke(args=["privacy", "purge"]).exit_code == 0
    page = admin.get("/admin/privacy").get_data(as_text=True)
    assert "ลบข้อมูลที่ครบกำหนดครั้งล่าสุด" in page and "ระยะเวลาเก็บ (วัน) 730 · เรื่องร้องเรียน 0" in page
    assert "complaints=" not in page


def test_viewing_names_is_logged_once_per_half_hour(as_role, engine) -> None:
    _request(engine)
    admin = as_role("admin")
    for _ in range(3):
        admin.get("/admin/privacy")
    with session_scope(engine) as s:
        views = s.execute(select(AuditLog).where(AuditLog.action == "view_privacy")).scalars().all()
    assert len(views) == 1
