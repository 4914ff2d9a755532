"""A new case reaches the staff who handle it, at once, as a Flex card through the outbox (issue 13 item 2)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.runtime import staff_alerts
from models.complaint import Case
from models.corruption import CorruptionReport
from models.db import session_scope
from models.events import OutboundMessage
from tests.alerts.people import buttons, linked, pushed_json, pushes_to
from tests.citizen import CORRUPTION_TICKET, Citizen, file_street_light_complaint, text_of
from tests.media_files import JPEG


def staff_alerts_in_outbox(engine) -> list[OutboundMessage]:
    with session_scope(engine) as s:
        return list(s.exec(select(OutboundMessage).where(OutboundMessage.purpose == "staff_alert")).scalars())


def test_a_complaint_alerts_the_linked_handlers_of_its_division_and_nobody_else(client, worker, fake_line, engine,
                                                                                settings):
    officer = linked(engine, "somchai", "officer", "กองช่าง")
    head = linked(engine, "head", "admin", "กองช่าง")
    others = [linked(engine, "finance", "officer", "กองคลัง"),  # another division
              linked(engine, "exec", "executive", "กองช่าง"),  # reads only
              linked(engine, "boss", "admin"),  # an admin of no division: not this division's handler
              linked(engine, "auditor", "integrity"),
              linked(engine, "gone", "officer", "กองช่าง", active=False)]
    linked(engine, "unlinked", "officer", "กองช่าง", linked=False)

    c = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(c)

    assert {p["to"] for p in fake_line.store.pushes()} == {officer, head}  # one push per handler
    for to in others:
        assert pushes_to(fake_line.store, to) == []
    assert c.user_id not in {p["to"] for p in fake_line.store.pushes()}  # the citizen was answered by reply
    [push] = pushes_to(fake_line.store, officer)
    [card] = push["messages"]
    assert card["type"] == "flex" and ticket in card["altText"] and "ไฟฟ้าสาธารณะ" in card["altText"]
    text = json.dumps(card, ensure_ascii=False)
    assert "ไฟฟ้าสาธารณะ" in text and "หน้าบ้านเลขที่ 12" in text and "1 รูป" in text and "เมื่อสักครู่" in text
    take, web = buttons(card)
    assert take == {"type": "postback", "label": "รับเรื่อง", "data": f"st:take:{ticket}",
                    "displayText": f"รับเรื่อง {ticket}"}
    assert web == {"type": "uri", "label": "เปิดในเว็บ", "uri": f"{settings.public_url}/admin/cases/{ticket}"}
    assert "hero" not in card["contents"]  # no public photo address exists: no thumbnail
    assert push["retry_key"] and push["headers"].get("X-Line-Retry-Key") == push["retry_key"]
    rows = staff_alerts_in_outbox(engine)
    assert len(rows) == 2 and {r.ticket for r in rows} == {ticket} and {r.kind for r in rows} == {"push"}


def test_nothing_is_alerted_for_a_case_that_was_not_saved(client, worker, fake_line, engine, monkeypatch):
    officer = linked(engine, "somchai", "officer", "กองช่าง")
    real = staff_alerts.StaffAlerts.new_case

    def alert_then_fail(self, case, *, session):
        real(self, case, session=session)
        raise RuntimeError("the database went away after the alert was queued")

    monkeypatch.setattr(staff_alerts.StaffAlerts, "new_case", alert_then_fail)
    c = Citizen(client, worker, fake_line)
    with pytest.raises(AssertionError):  # the confirmation never comes: the event failed
        file_street_light_complaint(c)
    with session_scope(engine) as s:
        assert s.exec(select(Case)).first() is None
    assert staff_alerts_in_outbox(engine) == [] and pushes_to(fake_line.store, officer) == []


def test_an_officers_own_complaint_does_not_alert_them(client, worker, fake_line, engine):
    officer = linked(engine, "somchai", "officer", "กองช่าง")
    colleague = linked(engine, "somsri", "officer", "กองช่าง")
    file_street_light_complaint(Citizen(client, worker, fake_line, user_id=officer))
    assert {p["to"] for p in fake_line.store.pushes()} == {colleague}


def file_corruption_report(c: Citizen) -> str:
    c.follow()
    c.tap("แจ้งเบาะแสทุจริต")
    c.say("เจ้าหน้าที่กองช่าง ชื่อนายสมมติ")
    c.say("เรียกเงิน 5,000 บาทเพื่อให้ใบอนุญาตก่อสร้างผ่านเร็ว")
    if "ข้าม" in c.labels() and "หลักฐาน" not in text_of(c.all_messages()[-1:]):
        c.tap("ข้าม")
    c.photo(JPEG)
    c.tap("เสร็จแล้ว")
    c.tap("ไม่ระบุตัวตน")
    found = CORRUPTION_TICKET.search(text_of(c.tap("ยืนยัน")))
    assert found
    return found.group(0)


def test_a_corruption_report_tells_integrity_staff_only_that_one_came_in(client, worker, fake_line, engine, settings):
    auditor = linked(engine, "auditor", "integrity")
    admin_auditor = linked(engine, "chief", "admin integrity")
    others = [linked(engine, "somchai", "officer", "กองช่าง"), linked(engine, "boss", "admin"),
              linked(engine, "exec", "executive")]
    linked(engine, "quiet", "integrity", linked=False)
    c = Citizen(client, worker, fake_line)
    ticket = file_corruption_report(c)

    assert {p["to"] for p in fake_line.store.pushes()} == {auditor, admin_auditor}
    for to in others:
        assert pushes_to(fake_line.store, to) == []
    sent = pushed_json(fake_line.store, auditor)
    with session_scope(engine) as s:
        report = s.exec(select(CorruptionReport)).scalars().one()
    for secret in (ticket, ticket.split("-")[-1], "นายสมมติ", "5,000", "ใบอนุญาต", "กองช่าง", c.user_id,
                   report.description[:10], "ไม่ระบุตัวตน"):
        assert secret not in sent, secret
    [card] = pushes_to(fake_line.store, auditor)[0]["messages"]
    assert card["altText"] == "มีเรื่องร้องเรียนลับเข้ามาใหม่"
    assert buttons(card) == [{"type": "uri", "label": "เปิดในเว็บ", "uri": f"{settings.public_url}/admin/corruption"}]
    assert [r.ticket for r in staff_alerts_in_outbox(engine)] == [None, None]  # not even the outbox row links it


def test_the_setting_names_who_is_alerted_to_corruption_reports(client, worker, fake_line, engine, settings):
    settings.alerts_integrity_users = "chief, nobody"
    linked(engine, "auditor", "integrity")
    chief = linked(engine, "chief", "integrity")
    linked(engine, "nobody", "officer", "กองช่าง")  # named, but holds no integrity role: never alerted
    file_corruption_report(Citizen(client, worker, fake_line))
    assert [p["to"] for p in fake_line.store.pushes()] == [chief]


def test_low_quota_sends_no_alert_and_the_case_waits_for_the_digest(client, worker, fake_line, engine, services):
    from datetime import UTC, datetime

    from bot.runtime.digest import send_digest

    services.settings.alerts_digest_weekends = True  # whatever day the test runs on
    officer = linked(engine, "somchai", "officer", "กองช่าง")
    fake_line.store.quota_limit = 50  # fewer than ALERTS_DIGEST_ONLY_BELOW (100) left
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    assert fake_line.store.pushes() == [] and staff_alerts_in_outbox(engine) == []
    assert len(fake_line.store.calls_to("/v2/bot/message/quota")) == 1  # asked once, for the case

    morning = datetime.now(UTC).replace(hour=1, minute=30)  # 08:30 in Bangkok
    assert send_digest(services, "w1", morning) == 1
    worker.drain()
    [push] = pushes_to(fake_line.store, officer)
    assert ticket in json.dumps(push["messages"], ensure_ascii=False)
    assert "รอรับเรื่อง 1 เรื่อง" in json.dumps(push["messages"], ensure_ascii=False)


def test_the_alert_arrives_within_seconds_from_the_running_workers(client, worker, fake_line, engine, services):
    """The workers as a process runs them (dispatcher, handler threads, outbox sweep), not `drain`."""
    import time

    from bot.devchat import events as ev
    from bot.runtime.worker_pool import WorkerPool
    from tests.conftest import post_body

    officer = linked(engine, "somchai", "officer", "กองช่าง")
    c = Citizen(client, worker, fake_line)
    c.follow()
    c.say("ไฟถนนหน้าบ้านดับมา 3 วันแล้วค่ะ มืดมาก")
    c.tap("ใช่ หมวดนี้")
    c.tap("ข้าม") if "ข้าม" in c.labels() else c.tap("เสร็จแล้ว")
    c.location(16.5757, 103.4955, "หน้าบ้านเลขที่ 12", "")
    c.tap("ไม่ระบุตัวตน")
    confirm = c.find_action("ยืนยัน")
    pool = WorkerPool(services, 2)
    pool.start()
    try:
        started = time.monotonic()
        assert post_body(client, ev.webhook_body([ev.postback_event(c.user_id, confirm["data"],
                                                                    reply_token=c.token())])).status_code == 200
        fake_line.store.wait_for(lambda: pushes_to(fake_line.store, officer), timeout=10)
        took = time.monotonic() - started
    finally:
        pool.shutdown()
    print(f"alert pushed {took:.2f} s after the citizen confirmed")
    assert took < 5
