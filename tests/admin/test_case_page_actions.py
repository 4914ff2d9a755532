"""What staff do on the case page: status changes that reach the citizen in LINE, assignment,
internal notes; CSRF, roles, divisions and the audit log on every action."""
from __future__ import annotations

import json

import pytest

from bot.runtime.wake import CHANNEL
from models import lifecycle as life
from models.db import session_scope
from models.enums import CaseStatus
from tests.admin.cases import make_case
from tests.admin.conftest import csrf_from, make_staff
from tests.admin.pages import audit_actions, case_of, history, outbox, post
from tests.citizen import Citizen, file_street_light_complaint, text_of

ACTIONS = {"status": {"status": "in_progress", "message": "ok"}, "assign": {"division": "2", "person": "0"},
           "note": {"note": "note"}, "category": {"category": "3"}}


def test_status_change_reaches_the_citizen_and_their_tracking(client, worker, fake_line, engine, as_role, staff):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    officer = as_role("officer")
    resp = post(officer, ticket, "status", {"status": "in_progress", "message": "ช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/admin/cases/{ticket}")
    page = officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert "เปลี่ยนสถานะเป็น" in page and "ส่งข้อความแจ้งผู้ร้องทางไลน์แล้ว" in page
    worker.drain()
    pushes = fake_line.store.pushes()
    assert len(pushes) == 1 and pushes[0]["to"] == citizen.user_id
    assert pushes[0]["retry_key"] and pushes[0]["headers"].get("X-Line-Retry-Key") == pushes[0]["retry_key"]
    pushed = text_of(pushes[0]["messages"])
    assert ticket in pushed and "กำลังดำเนินการ" in pushed and "ช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ" in pushed
    [queued] = outbox(engine)
    assert queued.ticket == ticket and queued.kind == "push"
    case = case_of(engine, ticket)
    assert case.status == CaseStatus.IN_PROGRESS and case.last_message == "ช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ"
    assert case.closed_at is None
    last = history(engine, ticket)[-1]
    assert (last.kind, last.from_status, last.to_status, last.actor, last.staff_id) == (
        "status", "received", "in_progress", "officer1", staff["officer"])
    assert ("change_status", "officer1", ticket) in audit_actions(engine)
    citizen.new_messages()
    tracking = text_of(citizen.say(ticket))
    assert "กำลังดำเนินการ" in tracking and "ช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ" in tracking


def test_the_news_offers_a_button_that_shows_the_case(client, worker, fake_line, engine, as_role):
    """The trial: the news said "type the ticket number to see details" and offered nothing to tap."""
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    citizen.new_messages()
    post(as_role("officer"), ticket, "status", {"status": "in_progress", "message": "ช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ"})
    worker.drain()
    [news] = citizen.new_messages()
    data = [i["action"]["data"] for i in news["quickReply"]["items"]]
    assert data == [f"tr:case:{ticket}", "menu:track", "menu:main"]
    assert "พิมพ์เลขที่เรื่อง" not in news["text"]
    shown = text_of(citizen.tap("ดูสถานะเรื่องนี้"))
    assert ticket in shown and "กำลังดำเนินการ" in shown and "ช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ" in shown
    post(as_role("officer"), ticket, "status", {"status": "resolved", "message": "ซ่อมเสร็จแล้วค่ะ"})
    worker.drain()
    [done] = citizen.new_messages()
    assert [i["action"]["data"] for i in done["quickReply"]["items"]][:4] == [
        f"ro:ok:{ticket}", f"ro:no:{ticket}", f"sv:case:{ticket}", f"tr:case:{ticket}"]


def test_rejection_needs_a_reason_which_the_citizen_is_told(engine, worker, fake_line, as_role):
    ticket = make_case(engine, "ขอให้ตัดต้นไม้ในที่ส่วนตัว", category="ต้นไม้", reporter_line_id="U" + "b" * 32)
    admin = as_role("admin")
    resp = post(admin, ticket, "status", {"status": "rejected", "reason": "  "})
    assert resp.status_code == 302
    assert "โปรดระบุเหตุผล" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    assert case_of(engine, ticket).status == CaseStatus.RECEIVED and outbox(engine) == []
    post(admin, ticket, "status", {"status": "rejected", "reason": "เป็นที่ดินของเอกชน"})
    case = case_of(engine, ticket)
    assert case.status == CaseStatus.REJECTED and case.closed_at is not None
    assert case.last_message == "เป็นที่ดินของเอกชน"
    worker.drain()
    assert "เป็นที่ดินของเอกชน" in text_of(fake_line.store.pushes()[0]["messages"])
    # Reopened: no longer closed.
    post(admin, ticket, "status", {"status": "in_progress"})
    assert case_of(engine, ticket).closed_at is None


def test_only_transitions_of_the_table_are_accepted(engine, as_role):
    ticket = make_case(engine, "ถนนพัง")
    admin = as_role("admin")
    for target in ("", "cancelled", "received", "nonsense"):
        post(admin, ticket, "status", {"status": target})
        assert case_of(engine, ticket).status == CaseStatus.RECEIVED, target
    assert [h.kind for h in history(engine, ticket)] == ["created"]
    cancelled = make_case(engine, "ถนนพัง", status=CaseStatus.CANCELLED)
    assert "เปลี่ยนต่อไม่ได้แล้ว" in admin.get(f"/admin/cases/{cancelled}").get_data(as_text=True)


def test_a_stale_status_change_loses(engine, staff):
    ticket = make_case(engine, "ถนนพัง")
    stale = case_of(engine, ticket)  # what a second member of staff had on screen
    with session_scope(engine) as s:
        life.change_status(case_of(engine, ticket), "in_progress", life.Actor("admin1", None), session=s)
    with session_scope(engine) as s, pytest.raises(life.Refused, match="stale"):
        life.change_status(stale, "resolved", life.Actor("admin1", None), session=s)


def test_internal_note_is_never_sent(client, worker, fake_line, engine, as_role):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    admin = as_role("admin")
    assert post(admin, ticket, "note", {"note": "ผู้ร้องโทรมาตามอีกครั้ง <ลับ>"}).status_code == 302
    worker.drain()
    assert fake_line.store.pushes() == [] and outbox(engine) == []
    note = history(engine, ticket)[-1]
    assert (note.kind, note.note, note.message) == ("note", "ผู้ร้องโทรมาตามอีกครั้ง <ลับ>", "")
    assert "ผู้ร้องโทรมาตามอีกครั้ง" not in text_of(citizen.say(ticket))
    assert ("add_note", "admin1", ticket) in audit_actions(engine)
    post(admin, ticket, "note", {"note": "   "})
    assert len(history(engine, ticket)) == 2  # an empty note is refused


def test_assign_to_a_division_and_to_a_person(engine, worker, fake_line, as_role):
    ticket = make_case(engine, "ถนนพัง", reporter_line_id="U" + "c" * 32)  # กองช่าง
    officer = as_role("officer")
    # The officer hands it to กองคลัง (id 2), and no longer sees it.
    assert post(officer, ticket, "assign", {"division": "2", "person": "0"}).status_code == 302
    assert officer.get(f"/admin/cases/{ticket}").status_code == 404
    last = history(engine, ticket)[-1]
    assert last.kind == "assign" and last.note == "กองคลัง" and last.actor == "officer1"
    assert outbox(engine) == []  # no message given: the citizen is not bothered
    # The admin assigns it to a person of กองช่าง, with a message to the citizen.
    somchai = make_staff(engine, "somchai", "officer", division="กองช่าง")
    admin = as_role("admin")
    post(admin, ticket, "assign", {"division": "2", "person": str(somchai), "message": "ส่งให้ช่างแล้วค่ะ"})
    case = case_of(engine, ticket)
    assert case.assigned_staff_id == somchai and case.division_id == 3  # the person's division
    assert "somchai" in history(engine, ticket)[-1].note
    worker.drain()
    assert "ส่งให้ช่างแล้วค่ะ" in text_of(fake_line.store.pushes()[0]["messages"])
    assert officer.get(f"/admin/cases/{ticket}").status_code == 200
    assert [a for a, _, _ in audit_actions(engine)].count("assign_case") == 2
    post(admin, ticket, "assign", {"division": "999", "person": "0"})
    assert case_of(engine, ticket).division_id == 3  # an unknown division is refused


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_needs_the_csrf_token(engine, as_role, action):
    ticket = make_case(engine, "ถนนพัง")
    resp = post(as_role("admin"), ticket, action, ACTIONS[action], token=False)
    assert resp.status_code == 400 and "แบบฟอร์มหมดอายุ" in resp.get_data(as_text=True)
    assert [h.kind for h in history(engine, ticket)] == ["created"] and audit_actions(engine) == []


def test_executive_reads_but_may_not_act(engine, as_role):
    ticket = make_case(engine, "ถนนพัง")
    executive = as_role("executive")
    for action, data in ACTIONS.items():
        assert post(executive, ticket, action, data).status_code == 403, action
    assert [h.kind for h in history(engine, ticket)] == ["created"]


def test_officer_of_another_division_gets_404_on_actions(engine, as_role):
    ticket = make_case(engine, "ขยะล้น", category="ขยะ/ความสะอาด")
    officer = as_role("officer")
    token = csrf_from(officer.get("/admin/cases").get_data(as_text=True))
    for action, data in ACTIONS.items():
        assert officer.post(f"/admin/cases/{ticket}/{action}", data={**data, "csrf_token": token}).status_code == 404
    assert [h.kind for h in history(engine, ticket)] == ["created"]


def test_push_quota_is_shown_cached_and_never_breaks_the_page(app, engine, fake_line, as_role):
    ticket = make_case(engine, "ถนนพัง")
    fake_line.store.quota_limit = 300
    admin = as_role("admin")
    assert "ใช้ไป 0 จาก 300 ข้อความ" in admin.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    admin.get(f"/admin/cases/{ticket}")
    assert len(fake_line.store.calls_to("/v2/bot/message/quota")) == 1  # cached, not asked per view
    app.extensions.pop("push_quota")  # the cache ran out, and LINE fails
    fake_line.store.fail_next("/v2/bot/message/quota", 500)
    resp = admin.get(f"/admin/cases/{ticket}")
    assert resp.status_code == 200 and "ไม่ทราบ" in resp.get_data(as_text=True)


def test_status_message_is_stored_as_json_text(engine, as_role):
    ticket = make_case(engine, "ถนนพัง", reporter_line_id="U" + "d" * 32)
    post(as_role("admin"), ticket, "status", {"status": "resolved", "message": "ซ่อมเสร็จแล้วค่ะ"})
    [queued] = outbox(engine)
    [message] = json.loads(queued.messages)
    assert message["type"] == "text" and "เสร็จสิ้น" in message["text"] and len(message["text"]) < 5000
    assert case_of(engine, ticket).closed_at is not None


def test_news_typed_by_staff_wakes_the_event_worker_processes(app, engine, as_role):
    """The event workers are processes of their own by default: an admin page's news must reach them
    at once (NOTIFY on PostgreSQL, as the webhook does; SQLite's workers watch the file), not at
    their next poll."""
    ticket = make_case(engine, "ไฟถนนหน้าบ้านดับ", category="ไฟฟ้าสาธารณะ", reporter_line_id="U" + "b" * 32)
    waker = app.extensions["waker"]
    if engine.dialect.name != "postgresql":
        assert waker.notifier is None
        waker.signal.clear()
        post(as_role("admin"), ticket, "status", {"status": "in_progress", "message": "กำลังไปดูค่ะ"})
        assert waker.signal.is_set()
        return
    import psycopg

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        post(as_role("admin"), ticket, "status", {"status": "in_progress", "message": "กำลังไปดูค่ะ"})
        heard = list(listener.notifies(timeout=5, stop_after=1))
    assert [n.channel for n in heard] == [CHANNEL]


def test_an_id_beyond_a_database_integer_is_a_bad_form_not_a_500(engine, as_role):
    """Found by the form fuzzer on PostgreSQL: a division id of 2**31 reached the database."""
    ticket = make_case(engine, "ไฟถนนหน้าบ้านดับ", category="ไฟฟ้าสาธารณะ")
    admin = as_role("admin")
    for form in ({"division": str(2**31)}, {"person": str(2**31)}, {"division": "-1"}):
        assert post(admin, ticket, "assign", form).status_code == 302
    assert post(admin, ticket, "category", {"category": str(2**40)}).status_code == 302
