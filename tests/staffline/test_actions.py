"""A linked staff member acts on cases from LINE: take, progress message, note, forward, resolve with
after-photos; with the admin view's rules, each action a history row and an audit row."""
from __future__ import annotations

from sqlalchemy import select

from bot.runtime import staff_actions
from handlers.staff_types import StaffAct
from handlers.types import Incoming
from models import audit
from models.complaint import Case, CaseHistory, Division
from models.db import session_scope, utcnow
from models.media import Media
from models.staff import staff_by_username
from tests.citizen import Citizen, file_street_light_complaint, text_of
from tests.media_files import JPEG
from tests.staffline.helpers import linked


def _apply(engine, user_id: str, effect: StaffAct) -> dict:
    incoming = Incoming(kind="postback", chat_type="user", chat_key=f"user:{user_id}", user_id=user_id,
                        timestamp=utcnow())
    with session_scope(engine) as s:
        return staff_actions.act(effect, incoming, session=s, services=None)


def _case(engine, ticket: str) -> Case:
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        s.expunge(case)
        return case


def _history(engine, ticket: str) -> list[tuple[str, str, str]]:
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        rows = s.exec(select(CaseHistory).where(CaseHistory.case_id == case.id).order_by(CaseHistory.id)).scalars()
        return [(r.kind, r.actor, r.to_status or "") for r in rows]


def _audit(engine, ticket: str) -> list[tuple[str, str, str]]:
    with session_scope(engine) as s:
        rows = s.exec(select(audit.AuditLog).where(audit.AuditLog.target_id == ticket)
                      .order_by(audit.AuditLog.id)).scalars()
        return [(r.action, r.username, r.ip) for r in rows]


def test_officer_takes_messages_notes_and_resolves_with_photos(client, worker, fake_line, engine, settings):
    settings.public_base_url = "https://bot.example"  # LINE fetches image messages only over https
    officer = linked(client, worker, fake_line, engine, "chang", ["officer"], "กองช่าง")
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    citizen.new_messages()
    # The staff menu's "new cases" lists it; opening it shows the case and its actions.
    assert ticket in text_of(officer.postback("st:new"))
    card = text_of(officer.postback(f"st:open:{ticket}"))
    assert ticket in card and "ไฟฟ้าสาธารณะ" in card and "รับเรื่องนี้" in officer.labels()
    # Take it (the alert card's button): assigned to me, in progress, the citizen told.
    assert "รับเรื่อง" in text_of(officer.postback(f"st:take:{ticket}"))
    case = _case(engine, ticket)
    with session_scope(engine) as s:
        me = staff_by_username("chang", session=s).id
    assert case.status == "in_progress" and case.assigned_staff_id == me
    assert "กำลังดำเนินการ" in text_of(citizen.new_messages())
    assert ticket in text_of(officer.postback("st:mine"))
    assert "กำลังดำเนินการ" in text_of(officer.tap(ticket))
    # A progress message, typed.
    officer.tap("แจ้งความคืบหน้า")
    assert "ส่งความคืบหน้า" in text_of(officer.say("สั่งหลอดไฟแล้ว จะเปลี่ยนพรุ่งนี้ค่ะ"))
    assert "สั่งหลอดไฟแล้ว" in text_of(citizen.new_messages())
    # An internal note: never to the citizen.
    officer.tap("บันทึกภายใน")
    assert "บันทึกภายใน" in text_of(officer.say("ใช้หลอด LED 50W จากคลัง"))
    assert citizen.new_messages() == []
    # Resolve: two photos, then the message.
    officer.tap("ปิดงาน")
    officer.photo(JPEG)
    officer.photo(JPEG)
    officer.tap("ส่งรูปครบแล้ว")
    done = text_of(officer.say("เปลี่ยนหลอดไฟเรียบร้อยแล้วค่ะ"))
    assert "ปิดงานเรื่อง" in done and "2 รูป" in done
    case = _case(engine, ticket)
    assert case.status == "resolved"
    with session_scope(engine) as s:
        photos = s.exec(select(Media).where(Media.case_id == case.id, Media.purpose == "after")).scalars().all()
    assert len(photos) == 2 and {p.chat_key for p in photos} == {"staff:chang"}  # not the LINE chat
    news = citizen.new_messages()
    assert "เปลี่ยนหลอดไฟเรียบร้อยแล้ว" in text_of(news)
    # The resolution news carries the after-photos (public https links) and "fixed / not fixed" last.
    images = [m for m in news if m["type"] == "image"]
    assert len(images) == 2 and all(m["originalContentUrl"].startswith("https://bot.example/photos/after/")
                                    for m in images)
    assert {"เรียบร้อยแล้ว", "ยังไม่เรียบร้อย"} <= set(citizen.labels())
    assert [k for k, actor, _ in _history(engine, ticket) if actor == "chang"] == \
        ["assign", "status", "message", "note", "status"]
    rows = _audit(engine, ticket)
    assert [a for a, _, _ in rows] == ["assign_case", "change_status", "send_message", "add_note",
                                       "change_status", "after_photos"]
    assert {(u, ip) for _, u, ip in rows} == {("chang", "line")}


def test_forward_to_another_division(client, worker, fake_line, engine):
    officer = linked(client, worker, fake_line, engine, "chang2", ["officer"], "กองช่าง")
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    officer.postback(f"st:fwd:{ticket}")
    assert "กองช่าง" not in officer.labels()  # the case's own division is not offered
    officer.tap("กองสาธารณสุข")
    assert "ส่งเรื่อง" in text_of(officer.new_messages() or officer.all_messages()[-1:])
    with session_scope(engine) as s:
        division = s.get(Division, _case(engine, ticket).division_id).name
    assert division.startswith("กองสาธารณสุข")
    # Now another division's: the officer may no longer act (nor see it).
    assert "ไม่พบเรื่อง" in text_of(officer.postback(f"st:take:{ticket}"))
    assert _audit(engine, ticket)[-1][0] == "assign_case"


def test_officer_of_another_division_and_executive_are_refused(client, worker, fake_line, engine):
    other = linked(client, worker, fake_line, engine, "school", ["officer"], "กองการศึกษา")
    boss = linked(client, worker, fake_line, engine, "boss", ["executive"])
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    assert "ไม่พบเรื่อง" in text_of(other.postback(f"st:take:{ticket}"))
    shown = text_of(boss.postback(f"st:open:{ticket}"))  # an executive reads, never acts
    assert ticket in shown and "ดำเนินการไม่ได้" in shown and "รับเรื่องนี้" not in boss.labels()
    assert "ดำเนินการไม่ได้" in text_of(boss.postback(f"st:take:{ticket}"))
    # And whatever a button said, the effect is checked again when applied (an old button, a forged one).
    assert _apply(engine, boss.user_id, StaffAct("take", ticket)) == {"refused": "rule", "status": "received"}
    assert _apply(engine, other.user_id, StaffAct("resolve", ticket, "x")) == {"refused": "gone"}
    assert _apply(engine, "Unobody", StaffAct("note", ticket, "x")) == {"refused": "not_staff"}
    case = _case(engine, ticket)
    assert case.status == "received" and case.assigned_staff_id is None
    assert [k for k, actor, _ in _history(engine, ticket) if actor != "citizen"] == []


def test_a_citizen_tapping_a_staff_button_is_told_it_is_for_staff(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    assert "สำหรับเจ้าหน้าที่" in text_of(c.postback("st:take:NMK6912-0001"))


def test_corruption_reports_are_for_integrity_only(client, worker, fake_line, engine):
    from models.corruption import CorruptionHistory, CorruptionReport
    from tests.citizen import CORRUPTION_TICKET

    officer = linked(client, worker, fake_line, engine, "chang3", ["officer", "admin"], "กองช่าง")
    integrity = linked(client, worker, fake_line, engine, "audit1", ["integrity"])
    reporter = Citizen(client, worker, fake_line)
    reporter.follow()
    reporter.tap("แจ้งเบาะแสทุจริต")
    reporter.say("เจ้าหน้าที่กองช่าง ชื่อนายสมมติ")
    reporter.say("เรียกเงิน 5,000 บาทเพื่อให้ใบอนุญาตก่อสร้างผ่านเร็ว")
    if "ข้าม" in reporter.labels() and "หลักฐาน" not in text_of(reporter.all_messages()[-1:]):
        reporter.tap("ข้าม")
    reporter.photo(JPEG)
    reporter.tap("เสร็จแล้ว")
    reporter.tap("ไม่ระบุตัวตน")
    ticket = CORRUPTION_TICKET.search(text_of(reporter.tap("ยืนยัน"))).group(0)
    # Even an admin officer neither sees nor takes it.
    assert ticket not in text_of(officer.postback("st:new"))
    assert "ไม่พบเรื่อง" in text_of(officer.postback(f"st:take:{ticket}"))
    # The integrity handler sees it in "new", without its content, and takes it.
    listed = text_of(integrity.postback("st:new"))
    assert ticket in listed and "5,000" not in listed
    card = text_of(integrity.postback(f"st:open:{ticket}"))
    assert "5,000" not in card and "นายสมมติ" not in card
    integrity.postback(f"st:take:{ticket}")
    with session_scope(engine) as s:
        report = s.exec(select(CorruptionReport).where(CorruptionReport.ticket == ticket)).scalars().one()
        kinds = [h.kind for h in s.exec(select(CorruptionHistory).where(
            CorruptionHistory.report_id == report.id)).scalars() if h.actor == "audit1"]
        actions = [r.action for r in s.exec(select(audit.AuditLog).where(
            audit.AuditLog.target_id == ticket)).scalars()]
    assert report.status == "in_progress" and kinds == ["assign", "status"]
    assert actions == ["assign_case", "change_status"]


def test_typed_words_and_a_typed_ticket(client, worker, fake_line, engine):
    officer = linked(client, worker, fake_line, engine, "typer", ["officer"], "กองช่าง")
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    assert ticket in text_of(officer.say("เรื่องใหม่"))
    assert "ไม่มีงานค้าง" in text_of(officer.say("งานของฉัน"))
    officer.postback("st:pick")
    card = text_of(officer.say(ticket.removeprefix("NMK")))  # the number without its letters, as people type
    assert ticket in card and "รับเรื่องนี้" in officer.labels()
    officer.tap("บันทึกภายใน")
    assert "ยกเลิกแล้ว" in text_of(officer.say("ยกเลิก"))
    assert [k for k, actor, _ in _history(engine, ticket) if actor == "typer"] == []
    # A citizen typing the same words gets the citizens' answers, never staff lists.
    assert ticket not in text_of(Citizen(client, worker, fake_line).say("เรื่องใหม่"))


def test_a_linked_officer_is_still_a_citizen_for_their_own_complaints(client, worker, fake_line, engine):
    officer = linked(client, worker, fake_line, engine, "neighbour", ["officer"], "กองช่าง")
    ticket = file_street_light_complaint(officer)
    assert _case(engine, ticket).reporter_line_id == officer.user_id
    assert "รับเรื่องแล้ว" in text_of(officer.say(ticket))  # tracking as its reporter
