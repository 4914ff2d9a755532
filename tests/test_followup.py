""""Has it been fixed?" (bot/runtime/followup.py): one push FOLLOWUP_DAYS after a resolution the
citizen neither confirmed nor rated, exactly once however many workers look, never when the quota
runs low, never outside the reopen window; and the citizen's answer to it."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.runtime import followup
from bot.runtime.followup import FollowupSender
from models.complaint import Case
from models.db import read_scope, session_scope, utcnow
from models.enums import CaseStatus
from models.events import OutboundMessage
from models.survey import SurveyResponse
from tests.admin.cases import make_case
from tests.citizen import Citizen, text_of

CITIZEN = "U" + "ab" * 16


def resolved_case(engine, days_ago: float, line_id: str = CITIZEN, **fields) -> str:
    closed = utcnow() - timedelta(days=days_ago)
    return make_case(engine, "ไฟถนนดับหน้าวัด", category="ไฟฟ้าสาธารณะ", status=CaseStatus.RESOLVED,
                     created_at=closed - timedelta(days=2), closed_at=closed, reporter_line_id=line_id,
                     contact_mode="line", **fields)


def followups(engine) -> list[OutboundMessage]:
    with session_scope(engine) as s:
        rows = s.exec(select(OutboundMessage).where(OutboundMessage.purpose == "followup")).scalars().all()
        return [OutboundMessage(**r.model_dump()) for r in rows]


def sent_at(engine, ticket: str):
    with session_scope(engine) as s:
        return s.exec(select(Case.followup_sent_at).where(Case.ticket == ticket)).scalars().one()


def test_asked_once_with_the_two_replies(engine, worker, fake_line):
    ticket = resolved_case(engine, days_ago=8)
    worker.drain()
    [push] = fake_line.store.pushes()
    assert push["to"] == CITIZEN and ticket in text_of(push["messages"])
    assert "เรียบร้อยดีแล้วหรือยัง" in push["messages"][0]["text"]
    data = [i["action"]["data"] for i in push["messages"][0]["quickReply"]["items"]]
    assert data[:3] == [f"ro:ok:{ticket}", f"ro:no:{ticket}", f"sv:case:{ticket}"]
    assert [r.ticket for r in followups(engine)] == [ticket] and sent_at(engine, ticket) is not None
    worker.drain()
    worker.drain()
    assert len(fake_line.store.pushes()) == 1 and len(followups(engine)) == 1


def test_several_workers_at_once_ask_once(engine, services):
    resolved_case(engine, days_ago=8)
    with read_scope(engine) as r:
        [case_id] = followup.due_case_ids(7, utcnow(), session=r)
    start, results = threading.Barrier(4), []

    def one() -> None:
        start.wait()
        with session_scope(engine) as s:
            results.append(followup.ask(case_id, 7, utcnow(), session=s))

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [False, False, False, True]
    assert len(followups(engine)) == 1


@pytest.mark.parametrize("why", ["too_early", "too_late", "confirmed", "rated", "no_line", "open"])
def test_not_asked(engine, worker, fake_line, why):
    days = {"too_early": 5, "too_late": 15}.get(why, 8)
    fields = {"citizen_confirmed_at": utcnow()} if why == "confirmed" else {}
    ticket = resolved_case(engine, days_ago=days, line_id=None if why == "no_line" else CITIZEN, **fields)
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        if why == "rated":
            s.add(SurveyResponse(case_id=case.id, line_user_id=CITIZEN))
        if why == "open":  # reopened meanwhile
            case.status, case.closed_at = CaseStatus.IN_PROGRESS, None
            s.add(case)
    worker.drain()
    assert followups(engine) == [] and fake_line.store.pushes() == []


def test_off_when_zero_days_or_the_quota_runs_low(engine, services):
    resolved_case(engine, days_ago=8)
    assert FollowupSender(services, quota_low=lambda: True).send_due() == 0
    services.settings.__dict__["followup_days"] = 0
    assert FollowupSender(services).send_due() == 0
    services.settings.__dict__["followup_days"] = 7
    assert FollowupSender(services).send_due() == 1
    assert len(followups(engine)) == 1


def test_the_setting_stays_inside_the_reopen_window():
    from bot.settings import Settings

    with pytest.raises(ValueError, match="FOLLOWUP_DAYS"):
        Settings(_env_file=None, followup_days=14)  # type: ignore[call-arg]
    assert Settings(_env_file=None).followup_days == 7  # type: ignore[call-arg]


def test_answering_the_followup_not_fixed_reopens(client, engine, worker, fake_line):
    citizen = Citizen(client, worker, fake_line, user_id=CITIZEN)
    citizen.follow()
    ticket = resolved_case(engine, days_ago=8)
    worker.drain()
    citizen.new_messages()
    assert "ยังมีอะไรไม่เรียบร้อย" in text_of(citizen.tap("ยังไม่เรียบร้อย"))
    assert "เปิดเรื่องเลขที่" in text_of(citizen.say("ยังดับอยู่ค่ะ"))
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        assert case.status == CaseStatus.IN_PROGRESS and case.reopened_count == 1
        assert case.followup_sent_at is None  # the next resolution may be asked about again
