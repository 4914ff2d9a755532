"""End to end: a citizen asks in LINE that their data be deleted, an admin confirms at /admin/privacy,
every trace of the citizen is gone from the database and the disk, the statistics stay, and the citizen
got a push saying so. A refused request tells the citizen why and keeps the data."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, text
from sqlmodel import SQLModel

from models import stats
from models.complaint import Case, CaseHistory
from models.conversation import Follower
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.enums import CaseStatus, MediaStatus
from models.events import OutboundMessage
from models.inquiry import Inquiry
from models.media import Media
from models.privacy import ANON_PREFIX, DeletionRequest, DeletionStatus
from models.suggestion import Suggestion
from models.survey import SurveyResponse
from tests import media_files
from tests.admin.conftest import csrf_from, login, make_staff
from tests.citizen import Citizen, file_street_light_complaint, text_of

NAME, PHONE = "สมหญิง ใจดีมาก", "0891234567"


def _old_records(engine, settings, line_id: str) -> None:
    """A closed complaint with name, phone and a photo; a corruption report with the reporter known;
    an inquiry, a suggestion and a survey; all from the same LINE user."""
    media_files.put(settings, engine, "cases/old.jpg", b"\xff\xd8old\xff\xd9")
    now = utcnow()
    with session_scope(engine) as s:
        case = Case(ticket="NMK6801-0001", status=CaseStatus.RESOLVED, description=f"น้ำท่วม โทร {PHONE}",
                    contact_mode="given", reporter_line_id=line_id, reporter_name=NAME, reporter_phone=PHONE,
                    created_at=now - timedelta(days=40), updated_at=now - timedelta(days=30),
                    closed_at=now - timedelta(days=30))
        s.add(case)
        s.flush()
        s.add(Media(purpose="complaint", chat_key=f"user:{line_id}", line_message_id="old-photo", case_id=case.id,
                    status=MediaStatus.STORED, path="cases/old.jpg", content_type="image/jpeg"))
        s.add(CorruptionReport(ticket="NMKC6801-0001", description="เรียกเงิน", accused="นายช่าง",
                               contact_mode="given", reporter_line_id=line_id, reporter_name=NAME,
                               reporter_phone=PHONE, created_at=now, updated_at=now))
        s.add(Inquiry(line_user_id=line_id, question=f"ภาษีป้าย ติดต่อ {PHONE}"))
        s.add(Suggestion(ticket="NMKS6801-0001", text="อยากให้มีสวน", line_user_id=line_id))
        s.add(SurveyResponse(line_user_id=line_id, comment="ดีมาก"))


def _everything(engine) -> str:
    """Every row of every table, as text."""
    with engine.connect() as conn:
        return "\n".join(json.dumps([str(v) for v in row], ensure_ascii=False)
                         for table in SQLModel.metadata.sorted_tables
                         for row in conn.execute(text(f'SELECT * FROM "{table.name}"')))


def _admin(app, engine):
    make_staff(engine, "admin1", "admin")
    client = app.test_client()
    assert login(client, "admin1").status_code == 302
    return client


def _decide(client, request_id: int, decision: str, reason: str = ""):
    token = csrf_from(client.get("/admin/privacy").get_data(as_text=True))
    return client.post("/admin/privacy", data={"csrf_token": token, "request_id": str(request_id),
                                               "decision": decision, "reason": reason})


def test_request_in_chat_confirmed_by_staff_erases_everything(app, client, worker, fake_line, engine, settings):
    c = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(c)  # still open, with a photo and the exact spot
    _old_records(engine, settings, c.user_id)
    with session_scope(engine) as s:
        s.merge(Follower(user_id=c.user_id, display_name="Somying LINE"))
    period = stats.months_bounds(2500, 1, 12 * 200)
    with session_scope(engine) as s:
        before = (stats.count_by_status(*period, session=s), stats.corruption_counts(*period, session=s))

    asked = text_of(c.say("ลบข้อมูลของฉันค่ะ"))
    assert ticket in asked and "แจ้งความคืบหน้าให้ท่านทางไลน์ไม่ได้" in asked and "NMKC" not in asked
    assert "รับคำขอลบข้อมูลส่วนบุคคลแล้ว" in text_of(c.tap("ยืนยันขอลบข้อมูล"))
    c.say("ขอลบข้อมูล")
    assert "รอเจ้าหน้าที่ตรวจสอบอยู่แล้ว" in text_of(c.tap("ยืนยันขอลบข้อมูล"))
    with session_scope(engine) as s:
        (req,) = s.execute(select(DeletionRequest)).scalars().all()
    assert req.status == DeletionStatus.PENDING and req.line_user_id == c.user_id

    admin = _admin(app, engine)
    page = admin.get("/admin/privacy").get_data(as_text=True)
    assert "Somying LINE" in page and ticket in page and "NMKC" not in page
    resp = _decide(admin, req.id, "confirm")
    assert resp.status_code == 302
    assert "ลบข้อมูลส่วนบุคคลตามคำขอเลขที่" in admin.get("/admin/privacy").get_data(as_text=True)
    worker.drain()

    # The citizen was told, by push, before their LINE id was erased.
    (push,) = [p for p in fake_line.store.pushes() if p["to"] == c.user_id]
    pushed = text_of(push["messages"])
    assert "ลบข้อมูลส่วนบุคคลของท่านตามคำขอเรียบร้อยแล้ว" in pushed and "ทำต่อจนเสร็จ" in pushed

    # No row anywhere still names them, except the push in the outbox (kept until the retention purge)
    # and their follower row: LINE's own friend list, kept so that followers are not counted twice
    # when they chat again; it has no name any more and staff never see it.
    leftovers = [line for line in _everything(engine).splitlines() if c.user_id in line]
    assert len(leftovers) == 2, leftovers
    assert any(f'"{c.user_id}", "push"' in line for line in leftovers)
    assert any(line.startswith(f'["{c.user_id}", "None"') for line in leftovers)  # follower, no name
    everything = _everything(engine)
    for secret in (NAME, PHONE, "Somying LINE"):
        assert secret not in everything
    assert not media_files.stored(settings, engine, "cases/old.jpg")
    with session_scope(engine) as s:
        open_case = s.execute(select(Case).where(Case.ticket == ticket)).scalars().one()
        assert open_case.status == CaseStatus.RECEIVED and open_case.latitude == 16.5757  # still worked on
        notes = [h.note for h in s.execute(select(CaseHistory).where(CaseHistory.case_id == open_case.id)).scalars()]
        assert any("ขอลบข้อมูลส่วนบุคคล" in n for n in notes)
        photos = {m.line_message_id: m.status for m in s.execute(select(Media)).scalars()}
        assert photos["old-photo"] == MediaStatus.ERASED
        assert [st for mid, st in photos.items() if mid != "old-photo"] == [MediaStatus.STORED]  # the open case's
        req = s.get(DeletionRequest, req.id)
        assert req.status == DeletionStatus.DONE and req.line_user_id is None and "complaints=2" in req.summary
        assert s.get(Follower, c.user_id).display_name is None
        # All their records now carry one random stand-in: still one person in "who took part".
        stand_ins = {v for model, col in ((Case, Case.reporter_line_id), (CorruptionReport, CorruptionReport.reporter_line_id),
                                          (Inquiry, Inquiry.line_user_id), (Suggestion, Suggestion.line_user_id),
                                          (SurveyResponse, SurveyResponse.line_user_id))
                     for v in s.execute(select(col)).scalars()}
        assert len(stand_ins) == 1 and stand_ins.pop().startswith(ANON_PREFIX)
        assert (stats.count_by_status(*period, session=s), stats.corruption_counts(*period, session=s)) == before

    # Their chat no longer finds "their" cases.
    assert "ยังไม่พบเรื่องที่ท่านแจ้งไว้" in text_of(c.say("ติดตามเรื่อง"))

    # Staff still work on the open case; its news has nobody to go to (never a push to the stand-in).
    token = csrf_from(admin.get(f"/admin/cases/{ticket}").get_data(as_text=True))
    resp = admin.post(f"/admin/cases/{ticket}/status", data={"csrf_token": token, "status": "in_progress",
                                                              "message": "ช่างกำลังเข้าไปซ่อม"})
    assert resp.status_code == 302
    with session_scope(engine) as s:
        assert s.execute(select(Case.status).where(Case.ticket == ticket)).scalar_one() == CaseStatus.IN_PROGRESS
        assert not [m for m in s.execute(select(OutboundMessage)).scalars() if m.to.startswith(ANON_PREFIX)
                    and m.status != "sent"]
    worker.drain()
    assert len(fake_line.store.pushes()) == 1  # only the confirmation


def test_rejected_request_tells_the_reason_and_keeps_the_data(app, client, worker, fake_line, engine, settings):
    c = Citizen(client, worker, fake_line)
    c.follow()
    _old_records(engine, settings, c.user_id)
    c.say("ขอลบข้อมูลส่วนตัว")
    c.tap("ยืนยันขอลบข้อมูล")
    with session_scope(engine) as s:
        (req,) = s.execute(select(DeletionRequest)).scalars().all()
    admin = _admin(app, engine)
    assert _decide(admin, req.id, "reject", "สั้น").status_code == 302  # too short: refused, nothing sent
    worker.drain()
    assert [p for p in fake_line.store.pushes() if p["to"] == c.user_id] == []
    _decide(admin, req.id, "reject", "เรื่องอยู่ระหว่างการสอบสวนทางวินัย ต้องเก็บไว้เป็นหลักฐาน")
    worker.drain()
    (push,) = [p for p in fake_line.store.pushes() if p["to"] == c.user_id]
    assert "ต้องเก็บไว้เป็นหลักฐาน" in text_of(push["messages"]) and "08.30" in text_of(push["messages"])
    with session_scope(engine) as s:
        assert s.get(DeletionRequest, req.id).status == DeletionStatus.REJECTED
        assert s.execute(select(Case.reporter_name).where(Case.ticket == "NMK6801-0001")).scalar_one() == NAME
    assert media_files.stored(settings, engine, "cases/old.jpg")
    # Deciding twice is refused.
    _decide(admin, req.id, "confirm")
    assert "ดำเนินการไปแล้ว" in admin.get("/admin/privacy").get_data(as_text=True)
    with session_scope(engine) as s:
        assert s.execute(select(Case.reporter_name).where(Case.ticket == "NMK6801-0001")).scalar_one() == NAME


def test_erasure_also_unlinks_what_an_earlier_purge_pseudonymised(app, engine, settings) -> None:
    """The purge's stand-in is keyed (stable across runs); after a deletion request even the key holder
    cannot find the person's records: old and new records share one random stand-in."""
    from models.privacy import pseudonym
    from models.privacy_erase import erase_person

    line_id = "U" + "7" * 32
    _old_records(engine, settings, line_id)
    key = settings.secret_key.encode()
    with session_scope(engine) as s:
        s.execute(Case.__table__.update().where(Case.ticket == "NMK6801-0001")
                  .values(reporter_line_id=pseudonym(line_id, key), reporter_name="", reporter_phone=""))
    with session_scope(engine) as s:
        counts = erase_person(line_id, session=s, media=media_files.store(settings, engine), key=key, actor="admin1",
                              staff_id=None, open_note="-")
    assert counts["complaints"] == 1 and counts["corruption_reports"] == 1 and counts["inquiries"] == 1
    with session_scope(engine) as s:
        case_id = s.execute(select(Case.reporter_line_id)).scalar_one()
        report_id = s.execute(select(CorruptionReport.reporter_line_id)).scalar_one()
    assert case_id == report_id != pseudonym(line_id, key) and case_id.startswith(ANON_PREFIX)
