"""The report page: the reporter hidden until revealed with a reason, escaping, evidence, status
changes with news to the reporter through the outbox, notes, assignment, and the list's filter."""
from __future__ import annotations

from sqlalchemy import select

from models.corruption import CorruptionHistory, CorruptionReport
from models.db import session_scope
from models.events import OutboundMessage
from tests.admin.access import REPORTER_LINE_ID, audit_rows, make_report, report_id, token
from tests.media_files import JPEG, stored_photo

IDENTITY = ("สมศรี ใจดี", "0812345678", f"{REPORTER_LINE_ID[:5]}…{REPORTER_LINE_ID[-4:]}")


def report(engine, ticket: str) -> CorruptionReport:
    with session_scope(engine) as s:
        return s.exec(select(CorruptionReport).where(CorruptionReport.ticket == ticket)).scalar_one()


def history(engine, ticket: str) -> list[CorruptionHistory]:
    rid = report_id(engine, ticket)
    with session_scope(engine) as s:
        stmt = select(CorruptionHistory).where(CorruptionHistory.report_id == rid).order_by(CorruptionHistory.id)
        return list(s.exec(stmt).scalars())


def page(client, ticket: str) -> str:
    resp = client.get(f"/admin/corruption/{ticket}")
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"
    return resp.get_data(as_text=True)


def post(client, ticket: str, action: str, **data: str):
    return client.post(f"/admin/corruption/{ticket}/{action}", data=data | {"csrf_token": token(client)})


def test_reporter_is_hidden_until_revealed_with_a_reason(as_role, engine):
    ticket = make_report(engine)
    client = as_role("integrity")
    html = page(client, ticket)
    assert not any(part in html for part in IDENTITY)
    assert 'name="reason"' in html
    # No reason, no reveal, and no audit row for it.
    resp = post(client, ticket, "reveal", reason="  ")
    assert resp.status_code == 302
    html = page(client, ticket)
    assert "โปรดระบุเหตุผล" in html and not any(part in html for part in IDENTITY)
    assert audit_rows(engine, "reveal_reporter") == []
    # With a reason: shown on the next view, once.
    assert post(client, ticket, "reveal", reason="ต้องเชิญผู้แจ้งมาให้ถ้อยคำ").status_code == 302
    html = page(client, ticket)
    assert all(part in html for part in IDENTITY)
    assert REPORTER_LINE_ID not in html  # the LINE id only masked: messages reach it through the bot
    reloaded = page(client, ticket)
    assert not any(part in reloaded for part in IDENTITY)  # a reload hides it again
    reveals = audit_rows(engine, "reveal_reporter")
    assert [(a.target_kind, a.target_id, a.detail, a.username) for a in reveals] == [
        ("corruption", ticket, "ต้องเชิญผู้แจ้งมาให้ถ้อยคำ", "integrity1")]
    # Every view was logged.
    views = audit_rows(engine, "view_corruption")
    assert len(views) == 4 and {(a.target_kind, a.target_id) for a in views} == {("corruption", ticket)}


def test_anonymous_report_has_nothing_to_reveal(as_role, engine):
    ticket = make_report(engine, contact="anonymous")
    client = as_role("integrity")
    html = page(client, ticket)
    assert "ไม่ประสงค์ออกนาม" in html and 'name="reason"' not in html
    post(client, ticket, "reveal", reason="อยากรู้ว่าใครแจ้ง")
    html = page(client, ticket)
    assert REPORTER_LINE_ID not in html and "ไม่มีข้อมูลผู้แจ้งให้เปิดดู" in html
    assert audit_rows(engine, "reveal_reporter") == []


def test_citizen_text_is_escaped(as_role, engine):
    ticket = make_report(engine, accused="<script>alert('accused')</script>",
                         description="<img src=x onerror=alert(1)> & <b>bold</b>")
    client = as_role("integrity")
    html = page(client, ticket)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;accused&#39;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    listing = client.get("/admin/corruption").get_data(as_text=True)
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing


def test_evidence_is_served_only_for_corruption_reports(app, as_role, engine):
    from models.complaint import Case

    ticket = make_report(engine)
    evidence = stored_photo(engine, app.extensions["settings"], purpose="corruption", report=report_id(engine, ticket))
    with session_scope(engine) as s:
        case = Case(ticket="NMK6901-0001", description="ไฟดับ")
        s.add(case)
        s.flush()
        case_id = case.id
    complaint_photo = stored_photo(engine, app.extensions["settings"], purpose="complaint", case=case_id)
    client = as_role("integrity")
    assert f'src="/admin/corruption/evidence/{evidence}"' in page(client, ticket)
    resp = client.get(f"/admin/corruption/evidence/{evidence}")
    assert resp.status_code == 200 and resp.data == JPEG and resp.mimetype == "image/jpeg"
    assert "no-store" in resp.headers["Cache-Control"] and resp.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/admin/corruption/evidence/{complaint_photo}").status_code == 404
    assert client.get(f"/admin/corruption/evidence/{evidence + complaint_photo + 1000}").status_code == 404
    assert as_role("admin").get(f"/admin/corruption/evidence/{evidence}").status_code == 403


def test_status_change_with_message_reaches_the_reporter_as_a_push(as_role, engine, worker, fake_line):
    ticket = make_report(engine)
    client = as_role("integrity")
    resp = post(client, ticket, "status", status="in_progress", note="ตั้งกรรมการสอบข้อเท็จจริง",
                message="เรื่องของท่านอยู่ระหว่างตรวจสอบค่ะ")
    assert resp.status_code == 302
    r = report(engine, ticket)
    assert r.status == "in_progress" and r.last_message == "เรื่องของท่านอยู่ระหว่างตรวจสอบค่ะ"
    row = history(engine, ticket)[-1]
    assert (row.kind, row.from_status, row.to_status, row.actor) == ("status", "received", "in_progress", "integrity1")
    assert row.note == "ตั้งกรรมการสอบข้อเท็จจริง" and row.message == "เรื่องของท่านอยู่ระหว่างตรวจสอบค่ะ"
    assert [a.detail for a in audit_rows(engine, "change_status")] == ["received -> in_progress"]
    worker.drain()
    pushes = fake_line.store.pushes()
    assert len(pushes) == 1 and pushes[0]["to"] == REPORTER_LINE_ID
    headers = {k.lower(): v for k, v in pushes[0]["headers"].items()}
    assert headers.get("x-line-retry-key")
    text = pushes[0]["messages"][0]["text"]
    assert ticket in text and "กำลังดำเนินการ" in text and "อยู่ระหว่างตรวจสอบ" in text
    assert "ตั้งกรรมการ" not in text  # the internal note stays inside
    with session_scope(engine) as s:
        assert s.exec(select(OutboundMessage)).scalar_one().status == "sent"
    # The page never shows the LINE id it sent to.
    assert REPORTER_LINE_ID not in page(client, ticket)


def test_status_rules(as_role, engine):
    ticket = make_report(engine)
    client = as_role("integrity")
    post(client, ticket, "status", status="rejected", note="")
    assert report(engine, ticket).status == "received"  # closing without action needs a reason
    assert "ต้องระบุเหตุผล" in page(client, ticket)
    post(client, ticket, "status", status="cancelled", note="x")  # not a staff transition
    post(client, ticket, "status", status="bogus")
    post(client, ticket, "status", status="", message="")  # nothing to do
    assert report(engine, ticket).status == "received" and len(history(engine, ticket)) == 1
    post(client, ticket, "status", status="rejected", note="ไม่อยู่ในอำนาจหน้าที่")
    r = report(engine, ticket)
    assert r.status == "rejected" and r.closed_at is not None
    post(client, ticket, "status", status="in_progress")  # reopened
    r = report(engine, ticket)
    assert r.status == "in_progress" and r.closed_at is None
    post(client, ticket, "status", message="ขอเอกสารเพิ่มค่ะ")  # a message alone keeps the status
    last = history(engine, ticket)[-1]
    assert (last.kind, last.to_status, last.message) == ("message", None, "ขอเอกสารเพิ่มค่ะ")
    assert [a.action for a in audit_rows(engine) if a.action in ("change_status", "send_message")] == [
        "change_status", "change_status", "send_message"]


def test_notes_and_assignment(as_role, engine, staff):
    ticket = make_report(engine)
    client = as_role("integrity")
    post(client, ticket, "note", note="โทรหาพยานแล้ว <b>ไม่รับสาย</b>")
    post(client, ticket, "assign", staff_id=str(staff["officer"]))  # not an integrity handler: refused
    assert report(engine, ticket).assigned_staff_id is None
    post(client, ticket, "assign", staff_id=str(staff["integrity"]))
    assert report(engine, ticket).assigned_staff_id == staff["integrity"]
    assert [h.kind for h in history(engine, ticket)] == ["created", "note", "assign"]
    html = page(client, ticket)
    assert "&lt;b&gt;ไม่รับสาย&lt;/b&gt;" in html
    assert [a.action for a in audit_rows(engine) if a.action in ("add_note", "assign")] == ["add_note", "assign"]
    post(client, ticket, "assign", staff_id="")
    assert report(engine, ticket).assigned_staff_id is None


def test_list_filters_by_status_with_counts(as_role, engine):
    first = make_report(engine)
    second = make_report(engine, status="in_progress")
    third = make_report(engine, status="resolved")
    client = as_role("integrity")
    html = client.get("/admin/corruption").get_data(as_text=True)
    assert all(t in html for t in (first, second, third)) and "ทั้งหมด (3)" in html and "ยังไม่เสร็จ (2)" in html
    html = client.get("/admin/corruption?status=open").get_data(as_text=True)
    assert first in html and second in html and third not in html
    html = client.get("/admin/corruption?status=resolved").get_data(as_text=True)
    assert third in html and first not in html and "เสร็จสิ้น (1)" in html
    assert REPORTER_LINE_ID not in html and "สมศรี" not in html
    assert client.get("/admin/corruption/NMKC0000-9999").status_code == 404


def test_the_reporter_s_line_account_is_shown_by_its_name_and_masked(as_role, engine):
    """Not a raw "LINE user ID U…": the name the reporter shows in LINE, the id masked, and how to
    reach them (a message from this page goes to their LINE)."""
    from models.conversation import record_follow

    ticket = make_report(engine)
    with session_scope(engine) as s:
        record_follow(REPORTER_LINE_ID, True, session=s).display_name = "ศรี นามะเขือ"
    client = as_role("integrity")
    post(client, ticket, "reveal", reason="ต้องเชิญผู้แจ้งมาให้ถ้อยคำ")
    html = page(client, ticket)
    revealed = html.split('class="adm-facts adm-revealed"')[1].split("</dl>")[0]
    assert "บัญชี LINE ของผู้แจ้ง" in revealed and "LINE user ID" not in html
    assert "ชื่อในไลน์ “ศรี นามะเขือ” · รหัสบัญชี U0123…cdef" in revealed
    assert REPORTER_LINE_ID not in html and "ข้อความถึงผู้แจ้ง" in html


def test_status_choices_are_in_the_same_order_as_on_the_complaint_page(as_role, engine):
    """One order everywhere, models/enums.CaseStatus's (not alphabetical by code)."""
    import re

    from models.enums import CaseStatus
    from models.lifecycle import allowed_targets

    ticket = make_report(engine, status="in_progress")
    html = page(as_role("integrity"), ticket)
    form = html.split('name="status"')[1].split("</select>")[0]
    shown = [v for v in re.findall(r'<option value="([a-z_]+)"', form)]
    assert shown == [s.value for s in allowed_targets("in_progress")]
    assert shown == [s.value for s in CaseStatus if s.value in shown] == ["resolved", "forwarded", "rejected"]
