"""The morning digest: once a day whatever the number of workers, each handler their division's list."""
from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from bot.runtime.digest import send_digest
from bot.runtime.worker_pool import PERIODIC, WorkerPool
from bot.services import Services
from bot.settings import Settings
from models.daily_run import DailyRun
from models.db import make_engine, session_scope
from models.events import OutboundMessage
from models.inquiry import Inquiry, InquiryStatus
from tests.admin.cases import make_case
from tests.alerts.people import linked, pushed_json, pushes_to

LATE = datetime.now(UTC) - timedelta(days=20)  # received 20 days ago: 5 days past its 15-day deadline


@pytest.fixture(autouse=True)
def _due_all_day(settings):
    settings.alerts_digest_at = "00:00"  # due whenever the test runs; the hour and the day are tested on their own
    settings.alerts_digest_weekends = True


def bangkok(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour - 7, minute, tzinfo=UTC) if hour >= 7 else \
        datetime(2026, 12, day - 1, hour + 17, minute, tzinfo=UTC)


@pytest.fixture
def office(engine):
    people = {"roads": linked(engine, "somchai", "officer", "กองช่าง"),
              "finance": linked(engine, "finance", "officer", "กองคลัง"),
              "health": linked(engine, "health", "officer", "กองสาธารณสุขและสิ่งแวดล้อม"),
              "boss": linked(engine, "boss", "admin"),
              "auditor": linked(engine, "auditor", "integrity")}
    linked(engine, "unlinked", "officer", "กองช่าง", linked=False)
    people["road_late"] = make_case(engine, "ถนนพังยังไม่ซ่อม", created_at=LATE)  # กองช่าง, overdue
    people["road_new"] = make_case(engine, "ไฟดับ", category="ไฟฟ้าสาธารณะ")  # กองช่าง, nobody took it
    people["tax_done"] = make_case(engine, "ภาษี", category="ถนน/ทางเท้า", division="กองคลัง", status="resolved")
    return people


def test_once_a_day_across_two_workers(database_url, engine, settings, services, worker, fake_line, office):
    other = Services.build(settings, engine=make_engine(database_url))  # a second worker process
    now, start = datetime.now(UTC), threading.Barrier(2)
    results: list[int] = []

    def run(sv: Services, name: str) -> None:
        start.wait()
        results.append(send_digest(sv, name, now))

    threads = [threading.Thread(target=run, args=(sv, name)) for sv, name in ((services, "w1"), (other, "w2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    other.engine.dispose()
    # somchai (กองช่าง) and boss (every division): finance has nothing done late or waiting, nor health.
    assert sorted(results) == [0, 2]
    assert send_digest(services, "w1", now) == 0  # later the same day: nothing
    worker.drain()
    assert {p["to"] for p in fake_line.store.pushes()} == {office["roads"], office["boss"]}
    with session_scope(engine) as s:
        assert len(s.exec(select(DailyRun)).all()) == 1
        assert {m.purpose for m in s.exec(select(OutboundMessage)).scalars()} == {"staff_digest"}
    assert send_digest(services, "w2", now + timedelta(days=1)) == 2  # the next day, again once


def test_not_before_the_hour_nor_when_off(engine, settings, services, office):
    settings.alerts_digest_at = "08:00"
    assert send_digest(services, "w1", bangkok(7, 7, 59)) == 0
    settings.alerts_digest_at = "off"
    assert send_digest(services, "w1", bangkok(7, 12, 0)) == 0
    with session_scope(engine) as s:
        assert s.exec(select(DailyRun)).first() is None


def test_not_on_weekends_unless_asked(engine, settings, services, office):
    settings.alerts_digest_at, settings.alerts_digest_weekends = "08:00", False
    today = datetime.now(UTC).replace(hour=2, minute=0, second=0, microsecond=0)  # 09:00 in Bangkok
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)  # the next, after the cases were made
    sunday, monday = saturday + timedelta(days=1), saturday + timedelta(days=2)
    assert send_digest(services, "w1", saturday) == 0 and send_digest(services, "w1", sunday) == 0
    with session_scope(engine) as s:
        assert s.exec(select(DailyRun)).first() is None  # no day claimed: nothing was due
    assert send_digest(services, "w1", monday) == 2
    settings.alerts_digest_weekends = True
    assert send_digest(services, "w1", saturday + timedelta(days=7)) == 2  # a Saturday, when asked for


def test_each_reads_their_own_division_and_corruption_only_as_numbers(engine, settings, services, worker,
                                                                      fake_line, office):
    with session_scope(engine) as s:
        s.add(Inquiry(question="เปิดกี่โมง", status=InquiryStatus.PENDING, asked_at=datetime.now(UTC) - timedelta(days=2)))
    from tests.alerts.test_case_alerts import file_corruption_report  # noqa: F401  (content checked there)
    with session_scope(engine) as s:
        from models.complaint import due_date
        from models.corruption import CorruptionReport
        s.add(CorruptionReport(ticket="NMKC6911-0001", accused="นายลับมาก", description="รับเงินใต้โต๊ะ",
                               created_at=LATE, updated_at=LATE, due_at=due_date(LATE)))
    assert send_digest(services, "w1", datetime.now(UTC)) == 5  # the inquiry gives finance and health a line
    worker.drain()
    roads = pushed_json(fake_line.store, office["roads"])
    assert office["road_late"] in roads and office["road_new"] in roads and "เกิน 5 วัน" in roads
    assert "เกินกำหนด 1 เรื่อง" in roads and "รอรับเรื่อง 1 เรื่อง" in roads and "สอบถามรอตอบ 1 เรื่อง" in roads
    assert office["tax_done"] not in roads and "เปิดกี่โมง" not in roads  # citizens' words stay in the web
    finance = pushed_json(fake_line.store, office["finance"])
    assert office["road_late"] not in finance and "สอบถามรอตอบ 1 เรื่อง" in finance
    assert "/admin/cases" in finance
    auditor = pushed_json(fake_line.store, office["auditor"])
    assert "เรื่องร้องเรียนการทุจริตที่ยังไม่เสร็จ 1 เรื่อง (เกินกำหนด 1)" in auditor
    for secret in ("NMKC6911", "นายลับมาก", "ใต้โต๊ะ", office["road_late"]):
        assert secret not in auditor
    assert "/admin/corruption" in auditor
    boss = pushed_json(fake_line.store, office["boss"])  # every division's, for an admin of none
    assert "ทุกกอง" in boss and office["road_late"] in boss and "กองช่าง" in roads
    for p in fake_line.store.pushes():
        assert len(p["messages"]) == 1 and p["messages"][0]["type"] == "flex"


def test_sent_by_the_workers_periodic_step(engine, settings, services, worker, fake_line, office):
    pool = WorkerPool(services, 1)
    pool._look(sweep=False, periodic=True)
    assert PERIODIC in pool._queued
    while not pool._jobs.empty():
        pool._run_job(worker, pool._jobs.get_nowait())
    worker.drain()
    assert len(pushes_to(fake_line.store, office["roads"])) == 1
    assert json.loads(json.dumps(pushes_to(fake_line.store, office["roads"])[0]["messages"]))[0]["altText"].startswith("สรุปงาน")


def test_the_digest_hour_setting_is_checked():
    assert Settings(_env_file=None, alerts_digest_at=" 07:30 ").digest_time == (7, 30)  # type: ignore[call-arg]
    assert Settings(_env_file=None, alerts_digest_at="OFF").digest_time is None  # type: ignore[call-arg]
    for bad in ("25:00", "8", "08:5", "eight"):
        with pytest.raises(ValidationError, match="ALERTS_DIGEST_AT"):
            Settings(_env_file=None, alerts_digest_at=bad)  # type: ignore[call-arg]
